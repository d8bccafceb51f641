/**
 * `note:changed` reaches a socket exactly when its principal may see the note: the rooms a socket joins
 * (noteRoomsOf) meet the rooms a note is sent to (noteRoomsFor) if and only if noteVisibleTo says yes —
 * over every pair of a table of principals and notes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../contract/roles.ts';
import type { Scope } from '../../contract/scope.ts';
import { noteRoomsFor, noteRoomsOf, noteVisibleTo, type NoteTarget } from '../access.ts';
import type { Principal } from '../identity/principal.ts';

const PROVINCE = '56';
const user = (id: string, role: Role, scope: Scope, agency: string | null = null): Principal => ({
  kind: 'user',
  id,
  username: id,
  name: id,
  role,
  scope,
  agency,
  via: 'session',
  sessionKey: null,
  mustChangePassword: false,
});
const all: Scope = { groups: '*', areas: '*' };
const principals: Principal[] = [
  user('leader', 'leader', all),
  user('leader-commune', 'leader', { groups: ['budget'], areas: ['22333'] }),
  user('leader-province', 'leader', { groups: ['budget', 'health'], areas: [PROVINCE] }),
  user('staff', 'staff', all),
  user('stc', 'agency', all, 'STC'),
  user('stc-commune', 'agency', { groups: '*', areas: ['22366'] }, 'STC'),
  user('syt', 'agency', all, 'SYT'),
  user('agency-without-code', 'agency', all),
  user('viewer', 'viewer', all),
  { kind: 'device', id: 'wall-1', name: 'wall', screen: 'tong-quan', scope: all, via: 'device' },
];
const notes: NoteTarget[] = [
  { group: 'budget', area: '22333', reporter: 'STC' },
  { group: 'budget', area: '22366', reporter: 'STC' },
  { group: 'budget', area: PROVINCE, reporter: 'STC' },
  { group: 'health', area: '22333', reporter: 'SYT' },
  { group: 'tourism', area: PROVINCE, reporter: 'SVHTTDL' },
];

test('a socket is in a room of a note exactly when its principal may see the note', () => {
  for (const p of principals)
    for (const n of notes) {
      const joined = new Set(noteRoomsOf(p, PROVINCE));
      const reached = noteRoomsFor(n).some((r) => joined.has(r));
      assert.equal(reached, noteVisibleTo(p, n, PROVINCE), `${p.id} / ${n.group} ${n.area} ${n.reporter}`);
    }
});

test('who sees which note', () => {
  const seen = (id: string) =>
    notes
      .filter((n) =>
        noteVisibleTo(
          principals.find((p) => p.id === id)!,
          n,
          PROVINCE,
        ),
      )
      .map((n) => `${n.group}:${n.area}`);
  assert.equal(seen('leader').length, notes.length);
  assert.deepEqual(seen('leader-commune'), ['budget:22333'], 'their commune only, no province figure');
  assert.deepEqual(seen('leader-province'), ['budget:22333', 'budget:22366', 'budget:56', 'health:22333']);
  assert.deepEqual(seen('stc'), ['budget:22333', 'budget:22366', 'budget:56'], 'addressed to STC');
  assert.deepEqual(seen('stc-commune'), ['budget:22366']);
  assert.deepEqual(seen('agency-without-code'), []);
  assert.deepEqual(seen('viewer'), []);
  assert.deepEqual(seen('wall-1'), []);
});
