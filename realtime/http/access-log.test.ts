import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from './access-log.ts';

test('secrets in query strings never reach the access log', () => {
  const cases: [string, string][] = [
    ['/api/groups', '/api/groups'],
    ['/wall/tong-quan?token=demo-abc', '/wall/tong-quan?token=[redacted]'],
    ['/api/feeds/cam/events?key=k-123&x=1', '/api/feeds/cam/events?key=[redacted]&x=1'],
    ['/api/session/oidc/callback?code=abc&state=xyz', '/api/session/oidc/callback?code=[redacted]&state=[redacted]'],
    [
      '/api/map/values?indicator=budget.revenue_total&period=2026-10',
      '/api/map/values?indicator=budget.revenue_total&period=2026-10',
    ],
    ['/x?TOKEN=a&Token=b', '/x?TOKEN=[redacted]&Token=[redacted]'],
  ];
  for (const [url, logged] of cases) assert.equal(redactUrl(url), logged, url);
});
