import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, type Route } from './route.ts';

test('routes', () => {
  const cases: [string, Route][] = [
    ['/wall/tong-quan', { page: 'wall', screen: 'tong-quan' }],
    ['/wall/kinh-te-xa-hoi/', { page: 'wall', screen: 'kinh-te-xa-hoi' }],
    ['/wall/Bad%20Name', { page: 'not-found', path: '/wall/Bad%20Name' }],
    ['/wall/%E0%A4%A', { page: 'not-found', path: '/wall/%E0%A4%A' }],
    ['/wall/a/b', { page: 'not-found', path: '/wall/a/b' }],
    ['/tablet', { page: 'tablet' }],
    ['/admin/', { page: 'admin' }],
    ['/notes', { page: 'notes' }],
    ['/workspace', { page: 'workspace' }],
    ['/workspace/', { page: 'workspace' }],
    ['/compliance', { page: 'compliance' }],
    ['/print', { page: 'print' }],
    ['/', { page: 'home' }],
    ['', { page: 'home' }],
    ['/home', { page: 'not-found', path: '/home' }],
  ];
  for (const [path, want] of cases) assert.deepEqual(parseRoute(path), want, path);
});
