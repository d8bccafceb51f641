import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems } from '../contract/identity.ts';
import { hashPassword, needsRehash, verifyDummy, verifyPassword } from './passwords.ts';

test('hashes describe themselves, are salted, and verify', async () => {
  const a = await hashPassword('mật khẩu dài đủ');
  const b = await hashPassword('mật khẩu dài đủ');
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(a, b, 'a fresh salt each time');
  assert.equal(await verifyPassword('mật khẩu dài đủ', a), true);
  assert.equal(await verifyPassword('mật khẩu dài đủ', b), true);
  assert.equal(await verifyPassword('mật khẩu dài dủ', a), false);
  assert.equal(await verifyPassword('', a), false);
  // The same text typed with combining marks (NFD) is the same password.
  assert.equal(await verifyPassword('mật khẩu dài đủ'.normalize('NFD'), a), true);
  assert.equal(needsRehash(a), false);
});

test('unreadable or hostile stored hashes never verify', async () => {
  const good = await hashPassword('mat-khau-dung-1');
  const [, , , , salt, key] = good.split('$');
  const cases = [
    '',
    'plain-text',
    `bcrypt$10$8$1$${salt}$${key}`,
    `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
    `scrypt$${2 ** 22}$8$1$${salt}$${key}`, // would take gigabytes
    `scrypt$32768$64$1$${salt}$${key}`,
    `scrypt$32768$8$1$${salt}`,
    `scrypt$32768$8$1$$${key}`,
  ];
  for (const stored of cases) {
    assert.equal(await verifyPassword('mat-khau-dung-1', stored), false, stored);
    assert.equal(needsRehash(stored), true, stored);
  }
  assert.equal(needsRehash(`scrypt$16384$8$1$${salt}$${key}`), true, 'weaker than today');
});

test('hashing runs off the event loop', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await Promise.all([hashPassword('a-long-enough-one'), hashPassword('another-long-one')]);
  clearInterval(timer);
  assert.ok(ticks > 0, 'timers fired while hashing');
});

test('verifyDummy costs what a real verification costs', async () => {
  const stored = await hashPassword('mat-khau-dung-1');
  const time = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return samples.sort((x, y) => x - y)[1]!;
  };
  const real = await time(() => verifyPassword('mat-khau-sai-1', stored));
  const dummy = await time(() => verifyDummy('mat-khau-sai-1'));
  assert.equal(await verifyDummy('x'), false);
  // Generous bounds: the machine is shared; what matters is that no scrypt is skipped.
  assert.ok(dummy > real * 0.4 && dummy < real * 2.5, `real ${real.toFixed(1)} ms, dummy ${dummy.toFixed(1)} ms`);
});

test('password policy: at least 10 characters, not the username', () => {
  const cases: [string, string, string[]][] = [
    ['mat-khau-dung-1', 'lanh-dao', []],
    ['ngắn', 'lanh-dao', ['Mật khẩu phải có ít nhất 10 ký tự.']],
    ['chuyen-vien', 'chuyen-vien', ['Mật khẩu không được trùng với tên đăng nhập.']],
    ['Chuyen-Vien', 'chuyen-vien', ['Mật khẩu không được trùng với tên đăng nhập.']],
    ['stc', 'stc', ['Mật khẩu phải có ít nhất 10 ký tự.', 'Mật khẩu không được trùng với tên đăng nhập.']],
    ['ạạạạạạạạạạ', 'x', []], // ten characters, more bytes
    ['x'.repeat(257), 'y', ['Mật khẩu không được dài quá 256 ký tự.']],
  ];
  for (const [password, username, want] of cases)
    assert.deepEqual(passwordProblems(password, username), want, `${password} / ${username}`);
});
