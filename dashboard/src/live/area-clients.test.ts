import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AreaClients } from './area-clients.ts';

class Fake {
  state: 'new' | 'open' | 'closed' = 'new';
  constructor(readonly area: string) {}
  open() {
    this.state = 'open';
  }
  close() {
    this.state = 'closed';
  }
}

/** A pool of fakes keeping 3, and every fake it made. */
function poolOfFakes(): { pool: AreaClients<Fake>; built: Fake[] } {
  const built: Fake[] = [];
  const pool = new AreaClients((a) => {
    const f = new Fake(a);
    built.push(f);
    return f;
  }, 3);
  return { pool, built };
}

test('a meeting wall keeps the most recently shown areas open and closes the oldest beyond the limit', () => {
  // Each case: the views shown in order (their areas), then the areas expected open and how many clients were made.
  const cases: [string, string[][], string[], number][] = [
    ['one area', [['56']], ['56'], 1],
    ['back to an area shown before: the same client', [['56'], ['22333'], ['56']], ['56', '22333'], 2],
    ['beyond the limit of 3, the oldest closes', [['56'], ['a'], ['b'], ['c']], ['a', 'b', 'c'], 4],
    ['a recent return protects an area', [['56'], ['a'], ['b'], ['56'], ['c']], ['b', '56', 'c'], 4],
    ['a comparison of 5 areas keeps all 5 open', [['a', 'b', 'c', 'd', 'e']], ['a', 'b', 'c', 'd', 'e'], 5],
    ['after the comparison, the limit applies again', [['a', 'b', 'c', 'd', 'e'], ['f']], ['d', 'e', 'f'], 6],
  ];
  for (const [name, views, open, made] of cases) {
    const { pool, built } = poolOfFakes();
    for (const v of views) {
      pool.peek(v);
      pool.use(v);
    }
    assert.deepEqual(
      built
        .filter((f) => f.state === 'open')
        .map((f) => f.area)
        .sort(),
      [...open].sort(),
      name,
    );
    assert.equal(built.length, made, `${name}: clients made`);
    pool.closeAll();
    assert.ok(
      built.every((f) => f.state !== 'open'),
      `${name}: all closed at the end`,
    );
  }
});

test('after closing all, a remount reopens the same clients its render built', () => {
  const { pool, built } = poolOfFakes();
  const held = pool.peek(['56']).get('56');
  pool.use(['56']);
  pool.closeAll();
  assert.equal(held?.state, 'closed');
  pool.use(['56']);
  assert.equal(held?.state, 'open', 'the client the panels hold is open again');
  assert.equal(built.length, 1);
});

test('building the clients for a render opens nothing', () => {
  const { pool, built } = poolOfFakes();
  const m = pool.peek(['56', '22333']);
  assert.equal(m.size, 2);
  assert.ok(built.every((f) => f.state === 'new'));
  assert.equal(pool.peek(['56']).get('56'), m.get('56'), 'the same client for the same area');
});
