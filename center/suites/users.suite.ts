import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../contract/load-config.ts';
import { hashPassword } from '../passwords.ts';
import { createUserRepo, UserError } from '../users.ts';
import { uniqueName, type SuiteContext } from './context.ts';

const PASSWORD = 'mat-khau-dung-1';
const config = loadConfig('config');

export function userSuite(ctx: SuiteContext): void {
  const repo = () => createUserRepo(ctx.db());

  test(`${ctx.label}: users are created once per name, whatever its case`, async () => {
    const users = repo();
    const username = uniqueName('Nguyen.Van.A');
    const u = await users.create({
      username,
      name: 'Nguyễn Văn A',
      role: 'viewer',
      scope: { groups: ['budget'], areas: ['22333'] },
      password: PASSWORD,
    });
    assert.equal(u.username, username);
    assert.deepEqual(u.scope, { groups: ['budget'], areas: ['22333'] });
    assert.equal(u.hasPassword, true);
    assert.deepEqual(await users.getById(u.id), u);
    assert.equal((await users.getByUsername(username.toUpperCase()))?.id, u.id);
    assert.equal(await users.getByUsername('nobody-here'), null);
    await assert.rejects(
      users.create({ username: username.toLowerCase(), name: 'B', role: 'viewer', scope: { groups: '*', areas: '*' } }),
      (err: unknown) => err instanceof UserError && err.code === 'username-taken',
    );
    const { rows } = await ctx.db().query<{ password_hash: string }>('select password_hash from users where id = $1', [u.id]);
    assert.match(rows[0]!.password_hash, /^scrypt\$32768\$8\$1\$/);
    assert.ok(!rows[0]!.password_hash.includes(PASSWORD));
    assert.ok((await users.list()).some((x) => x.id === u.id));
  });

  test(`${ctx.label}: credentials: right, wrong, unknown, disabled, password-less`, async () => {
    const users = repo();
    const username = uniqueName('ke-toan');
    const u = await users.create({
      username,
      name: 'Kế toán',
      role: 'leader',
      scope: { groups: '*', areas: '*' },
      password: PASSWORD,
    });
    assert.equal((await users.verifyCredentials(username, PASSWORD))?.id, u.id);
    assert.equal((await users.verifyCredentials(`  ${username.toUpperCase()} `, PASSWORD))?.id, u.id);
    assert.equal(await users.verifyCredentials(username, 'mat-khau-sai-1'), null);
    assert.equal(await users.verifyCredentials('khong-ton-tai', PASSWORD), null);
    assert.deepEqual(await users.checkCredentials('khong-ton-tai', PASSWORD), { ok: false, reason: 'unknown-user', user: null });
    const wrong = await users.checkCredentials(username, 'mat-khau-sai-1');
    assert.equal(!wrong.ok && wrong.reason, 'wrong-password');
    await users.update(u.id, { disabled: true });
    assert.equal(await users.verifyCredentials(username, PASSWORD), null);
    const disabled = await users.checkCredentials(username, PASSWORD);
    assert.equal(!disabled.ok && disabled.reason, 'disabled');
    await users.update(u.id, { disabled: false });
    assert.ok(await users.verifyCredentials(username, PASSWORD));
    const bare = await users.create({
      username: uniqueName('oidc'),
      name: 'SSO',
      role: 'viewer',
      scope: { groups: '*', areas: '*' },
    });
    assert.equal(bare.hasPassword, false);
    const none = await users.checkCredentials(bare.username, PASSWORD);
    assert.equal(!none.ok && none.reason, 'no-password');
  });

  test(`${ctx.label}: update changes name, role, scope, agency and keeps the rules`, async () => {
    const users = repo();
    const u = await users.create({
      username: uniqueName('cb'),
      name: 'Cán bộ',
      role: 'viewer',
      scope: { groups: '*', areas: '*' },
    });
    const changed = await users.update(u.id, {
      name: 'Sở Tài chính',
      role: 'agency',
      agency: 'STC',
      scope: { groups: ['budget', 'tax'], areas: ['56'] },
    });
    assert.equal(changed?.role, 'agency');
    assert.equal(changed?.agency, 'STC');
    assert.deepEqual(changed?.scope, { groups: ['budget', 'tax'], areas: ['56'] });
    assert.ok(changed!.updatedAt.getTime() >= u.updatedAt.getTime());
    await assert.rejects(
      users.update(u.id, { agency: null }),
      (e: unknown) => e instanceof UserError && e.code === 'agency-needs-reporter',
    );
    assert.equal(await users.update('no-such-id', { name: 'x' }), null);
    // The last enabled admin can be neither demoted nor disabled.
    const { rows } = await ctx.db().query<{ id: string }>(`select id from users where role = 'admin' and not disabled`);
    const admins = [...rows.map((r) => r.id)];
    if (admins.length === 0) {
      const a = await users.create({
        username: uniqueName('admin'),
        name: 'Quản trị',
        role: 'admin',
        scope: { groups: '*', areas: '*' },
      });
      admins.push(a.id);
    }
    for (const id of admins.slice(1)) await users.update(id, { disabled: true });
    await assert.rejects(
      users.update(admins[0]!, { role: 'staff' }),
      (e: unknown) => e instanceof UserError && e.code === 'last-admin',
    );
    await assert.rejects(
      users.update(admins[0]!, { disabled: true }),
      (e: unknown) => e instanceof UserError && e.code === 'last-admin',
    );
    for (const id of admins.slice(1)) await users.update(id, { disabled: false });
  });

  test(`${ctx.label}: passwords follow the policy; own change needs the current one`, async () => {
    const users = repo();
    const username = uniqueName('doi-mat-khau');
    await assert.rejects(
      users.create({ username, name: 'x', role: 'viewer', scope: { groups: '*', areas: '*' }, password: 'ngan' }),
      (e: unknown) => e instanceof UserError && e.code === 'weak-password' && /ít nhất 10 ký tự/.test(e.message),
    );
    const u = await users.create({ username, name: 'x', role: 'viewer', scope: { groups: '*', areas: '*' }, password: PASSWORD });
    await assert.rejects(users.setPassword(u.id, username), /trùng với tên đăng nhập/);
    assert.equal(await users.setPassword(u.id, 'mat-khau-tam-thoi', { mustChange: true }), true);
    assert.equal((await users.getById(u.id))?.mustChangePassword, true);
    assert.equal(await users.verifyCredentials(username, PASSWORD), null);
    assert.equal(await users.changePassword(u.id, 'sai-mat-khau-0', 'mat-khau-moi-123'), 'wrong-password');
    assert.equal(await users.changePassword(u.id, 'mat-khau-tam-thoi', 'mat-khau-moi-123'), 'ok');
    assert.equal((await users.getById(u.id))?.mustChangePassword, false);
    assert.ok(await users.verifyCredentials(username, 'mat-khau-moi-123'));
    assert.equal(await users.setPassword('no-such-id', 'mat-khau-moi-123'), false);
  });

  test(`${ctx.label}: a users file provisions new accounts and never overwrites one`, async () => {
    const users = repo();
    const dir = mkdtempSync(join(tmpdir(), 'ioc-users-'));
    try {
      const a = uniqueName('giam-doc');
      const b = uniqueName('van-thu');
      const hash = await hashPassword('mat-khau-co-san-1');
      const file = join(dir, 'users.yaml');
      writeFileSync(
        file,
        `users:\n  - { username: ${a}, name: Giám đốc Sở, role: leader, password: mat-khau-ban-dau }\n` +
          `  - { username: ${b}, name: Văn thư, role: agency, agency: VP, scope: { groups: [budget], areas: ["56"] }, passwordHash: "${hash}" }\n`,
      );
      assert.deepEqual(await users.provisionFromFile(file), { created: [a, b], skipped: [] });
      const ua = await users.getByUsername(a);
      assert.equal(ua?.mustChangePassword, true, 'a clear password from a file is a first one');
      assert.deepEqual(ua?.scope, { groups: '*', areas: '*' });
      assert.ok(await users.verifyCredentials(b, 'mat-khau-co-san-1'));
      assert.equal((await users.getByUsername(b))?.mustChangePassword, false);
      await users.update(ua!.id, { name: 'Đổi tên' });
      assert.deepEqual(await users.provisionFromFile(file), { created: [], skipped: [a, b] });
      assert.equal((await users.getByUsername(a))?.name, 'Đổi tên');
      writeFileSync(file, `users:\n  - { username: x, name: X, role: root, password: p }\n`);
      await assert.rejects(users.provisionFromFile(file), (e: Error) => e.message.startsWith(file) && /role/.test(e.message));
      await assert.rejects(
        users.provision([
          { username: uniqueName('yeu'), name: 'Y', role: 'viewer', scope: { groups: '*', areas: '*' }, password: 'ngan' },
        ]),
        (e: unknown) => e instanceof UserError && e.code === 'weak-password',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${ctx.label}: demo mode seeds one account per role and a commune officer, once`, async () => {
    const users = repo();
    const commune = config.province.communes[0]!;
    const groups = config.groups.slice(0, 3).map((g) => g.id);
    const opts = { commune: { code: commune.code, name: `${commune.type.toLowerCase()} ${commune.name}` }, groups };
    const first = await users.seedDemoUsers('demo-password-42', opts);
    assert.deepEqual(first.created, ['lanh-dao', 'nguoi-xem', 'stc', 'chuyen-vien', 'quan-tri', 'can-bo-xa']);
    const roles = await Promise.all(first.created.map(async (n) => (await users.getByUsername(n))?.role));
    assert.deepEqual(roles, ['leader', 'viewer', 'agency', 'staff', 'admin', 'viewer']);
    const stc = await users.verifyCredentials('stc', 'demo-password-42');
    assert.equal(stc?.agency, 'STC');
    assert.equal(stc?.name, 'Sở Tài chính');
    const xa = await users.getByUsername('can-bo-xa');
    assert.deepEqual(xa?.scope, { groups, areas: [commune.code] });
    assert.equal(xa?.name, `Cán bộ ${commune.type.toLowerCase()} ${commune.name}`);
    assert.equal(xa?.mustChangePassword, false);
    const second = await users.seedDemoUsers('another-password', opts);
    assert.deepEqual(second, { created: [], skipped: first.created });
    assert.ok(await users.verifyCredentials('quan-tri', 'demo-password-42'), 'the first password stays');
  });
}
