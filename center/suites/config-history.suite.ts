import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfigHistoryRepo } from '../config-history.ts';
import type { SuiteContext } from './context.ts';

export function configHistorySuite(ctx: SuiteContext): void {
  test(`${ctx.label}: config history: versions follow each other, a race for the same version has one winner`, async () => {
    const repo = createConfigHistoryRepo(ctx.db());
    const actor = { id: 'u1', name: 'Chuyên viên' };
    const v = (after: number, yaml: string) =>
      repo.append({ kind: 'pages', id: 'p', after, yaml, actor, action: 'publish', diff: `+${yaml}` });
    assert.equal(await repo.appendFirst([{ kind: 'pages', id: 'p', yaml: 'a: 1\n', actor, action: 'file', diff: '' }]), 1);
    assert.equal(await repo.appendFirst([{ kind: 'pages', id: 'p', yaml: 'a: 1\n', actor, action: 'file', diff: '' }]), 0);
    assert.equal(await v(1, 'a: 2\n'), 2);
    assert.equal(await v(1, 'a: 3\n'), null, 'version 1 is no longer the latest');
    const race = await Promise.all([v(2, 'a: 4\n'), v(2, 'a: 5\n')]);
    assert.deepEqual(
      race.filter((x) => x !== null),
      [3],
      'exactly one of two racing publishes wins',
    );
    const latest = await repo.latest('pages', 'p');
    assert.equal(latest?.version, 3);
    assert.deepEqual(
      (await repo.list('pages', 'p')).map((e) => [e.version, e.action]),
      [
        [3, 'publish'],
        [2, 'publish'],
        [1, 'file'],
      ],
    );
    assert.equal((await repo.get('pages', 'p', 2))?.yaml, 'a: 2\n');
    assert.equal((await repo.latestAll('pages')).get('p')?.version, 3);
    await assert.rejects(
      ctx
        .db()
        .query(
          `insert into config_history (kind, id, version, yaml, sha256, actor_id, actor_name, action, diff) values ('pages', 'q', 0, '', '', 'u', 'u', 'publish', '')`,
        ),
      /check/i,
    );
  });
}
