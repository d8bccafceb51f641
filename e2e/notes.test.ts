/**
 * Notes end to end in Debian's Chromium against the in-process demo: the leader (lanh-dao) writes an
 * explanation request on a finance figure (through the API, as the tablet would); the finance department's
 * user (stc) signs in, finds it on /notes, answers in the reply box; the answer — markup and all — shows
 * as text, and the leader's own /notes page sees the request answered, live, as does the figure's tile on
 * the leader's tablet.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import type { Note } from '../contract/meetings.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie, signIn } from '../testing/pages.ts';

const PASSWORD = 'demo-notes-e2e-password';
const TOKEN = 'demo-notes-e2e-0123456789';
let demo: DemoSystem;
const contexts: BrowserContext[] = [];

before(async () => {
  demo = await startDemoSystem('notes', { token: TOKEN, password: PASSWORD });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await demo?.close();
});

test('a leader asks STC for an explanation; STC answers on /notes; markup stays text; the leader sees it answered', async () => {
  const { base, browser } = demo;
  const commune = demo.system.config.province.communes[0]!.code;
  const leaderCookie = await sessionCookie(base, 'lanh-dao', PASSWORD);
  const created = await fetch(`${base}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: leaderCookie, origin: base },
    body: JSON.stringify({
      indicator: 'budget.revenue_total',
      area: commune,
      period: '2026-10',
      kind: 'explanation',
      text: 'Vì sao thu ngân sách đạt thấp? <i>khẩn</i>',
    }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const note = (await created.json()) as Note;
  assert.equal(note.reporter, 'STC');

  // The leader's page, open before the answer arrives: it must turn to "Đã trả lời" by itself.
  const leaderCtx = await browser.newContext({ viewport: { width: 1180, height: 820 }, hasTouch: true });
  contexts.push(leaderCtx);
  const leader = await leaderCtx.newPage();
  await signIn(leader, base, 'lanh-dao', PASSWORD, '/notes');
  await leader.locator('.notes-filter', { hasText: 'Tất cả' }).click();
  const leaderCard = leader.locator(`[data-note-id="${note.id}"]`);
  await leaderCard.locator('[data-testid="note-status"]', { hasText: 'Chờ trả lời' }).waitFor({ timeout: 10_000 });

  const ctx = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
  contexts.push(ctx);
  const stc = await ctx.newPage();
  await signIn(stc, base, 'stc', PASSWORD);
  await stc.locator('a[href="/notes"]').click();
  const card = stc.locator(`[data-note-id="${note.id}"]`);
  await card.waitFor({ timeout: 10_000 });
  assert.equal(
    await card.locator('[data-testid="note-text"]').first().textContent(),
    'Vì sao thu ngân sách đạt thấp? <i>khẩn</i>',
  );
  assert.equal(await card.locator('i').count(), 0, 'the request’s markup is not rendered');

  const answer = 'Do <b>tiền sử dụng đất</b> thu chậm; quý IV sẽ bù.';
  await card.locator('[data-testid="note-reply-text"]').fill(answer);
  await card.getByRole('button', { name: 'Gửi trả lời' }).tap();
  const reply = card.locator('[data-testid="note-reply"] .note-text');
  await reply.waitFor({ timeout: 10_000 });
  assert.equal(await reply.textContent(), answer, 'the answer shows as the text that was typed');
  assert.equal(await card.locator('b').count(), 0, 'a <b> stays literal');
  await card.locator('[data-testid="note-status"]', { hasText: 'Đã trả lời' }).waitFor({ timeout: 5000 });

  await leaderCard.locator('[data-testid="note-status"]', { hasText: 'Đã trả lời' }).waitFor({ timeout: 5000 });
  assert.equal(await leaderCard.locator('[data-testid="note-reply"] .note-text').textContent(), answer);
  assert.equal(await leaderCard.locator('b').count(), 0);

  // On the leader's tablet the figure itself says it was answered, and shows the answer, as text.
  await leader.goto(`${base}/tablet?g=budget&i=budget.revenue_total&a=${commune}&p=2026-10`);
  const tile = leader.locator('[data-testid="kpi-main"]');
  await tile.locator('[data-testid="kpi-answer-marker"]').tap({ timeout: 20_000 });
  assert.equal(await tile.locator('[data-testid="kpi-note-marker"]').count(), 0, 'no longer waiting');
  const onTile = tile.locator('[data-testid="kpi-note-reply"]');
  await onTile.waitFor({ timeout: 5000 });
  assert.ok((await onTile.textContent())!.endsWith(`: ${answer}`), 'the answer on the figure, as typed');
  assert.equal(await tile.locator('b, i').count(), 0, 'markup stays literal on the tablet too');
});
