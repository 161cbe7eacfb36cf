// The console's audience desk on the laptop it runs on (1280×720): a waiting question reads on a
// full-width line with its buttons in view, before the approved ones; a prediction poll is
// revealed from the comparison slide without walking the deck back, and the phones get the answer;
// the blackout badge stays one line.
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/console';
const slideOf = (id: string) => deck.slides.findIndex((s) => s.id === id);

test.beforeEach(async () => resetShared());

test('at 1280×720 a waiting question reads on a full line before the approved ones, buttons in view; the blackout badge is one line', async ({ browser }) => {
  const asker = await rawClient('attendee');
  const driver = await rawClient('presenter');
  await send(driver, 'questions:publishing', { atOnce: false }); // moderation on: questions wait on the desk
  const stamp = Date.now();
  const approved = (await send(asker, 'question:ask', { text: `An approved question about sidecars and their cost ${stamp}`, name: 'Ben' })) as {
    ok: boolean;
    data: { id: string };
  };
  expect(approved.ok).toBe(true);
  await send(driver, 'question:moderate', { id: approved.data.id, status: 'approved' });
  // 100 characters: a question of ordinary length.
  const text = `Pending ${stamp}: does eBPF make the sidecar obsolete for L7 policy on a real cluster?`.padEnd(100, ' x').slice(0, 100);
  expect(text).toHaveLength(100);
  const pending = (await send(asker, 'question:ask', { text, name: 'Ana' })) as { ok: boolean };
  expect(pending.ok).toBe(true);

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const presenter = new PresenterPage(await context.newPage());
  await presenter.open();
  const page = presenter.page;
  const items = page.getByTestId('desk-question');
  const waiting = items.filter({ hasText: text });
  await expect(waiting).toHaveAttribute('data-status', 'pending');
  const statuses = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(statuses.indexOf('pending'), 'waiting questions come first').toBe(0);
  expect(statuses.lastIndexOf('pending')).toBeLessThan(statuses.indexOf('approved'));

  const box = await waiting.getByTestId('desk-question-text').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { width: r.width, height: r.height, line: parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.2 };
  });
  expect(box.width, 'the text has a line of its own').toBeGreaterThanOrEqual(300);
  expect(box.height, 'three lines at most').toBeLessThanOrEqual(3 * box.line + 1);
  for (const id of ['question-approve', 'question-answered', 'question-hide']) await expect(waiting.getByTestId(id)).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= innerHeight + 1), 'the page itself does not scroll').toBe(true);

  await page.keyboard.press('b');
  const badge = page.getByTestId('blank-badge');
  await expect(badge).toBeVisible();
  expect((await badge.boundingBox())!.height).toBeLessThanOrEqual(40);
  await expect(page.locator('header h1')).toBeInViewport();
  expect((await page.locator('header').boundingBox())!.height, 'the top bar stays one line').toBeLessThanOrEqual(40);
  await page.screenshot({ path: `${SHOTS}/desk-1280x720.png` });
  await page.keyboard.press('b');
  await expect(badge).toHaveCount(0);
  asker.disconnect();
  driver.disconnect();
  await context.close();
});

test('a prediction poll is revealed from the comparison slide, and a phone gets the answer', async ({ browser }) => {
  test.setTimeout(60_000);
  const driver = await rawClient('presenter');
  const predict = deck.slides[slideOf('predict-p99')]!.poll!;
  await send(driver, 'poll:set', { pollId: predict.id, status: 'open' });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await phoneContext.newPage());
  await phone.open();
  await send(driver, 'deck:goto', { slide: slideOf('predict-p99'), fragment: -1 });
  await phone.page.getByTestId('poll-option-ebpf').click();
  await expect(phone.page.getByTestId('poll-option-ebpf')).toHaveAttribute('aria-pressed', 'true');
  await send(driver, 'poll:set', { pollId: predict.id, status: 'closed' });

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const presenter = new PresenterPage(await context.newPage());
  await presenter.open();
  // On its own slide the poll has its card, not a line among the polls to mind.
  await expect(presenter.page.getByTestId('desk-poll')).toBeVisible();
  await expect(presenter.page.locator(`[data-testid="desk-polls-item"][data-poll="${predict.id}"]`)).toHaveCount(0);

  const compare = slideOf('demo-compare');
  await send(driver, 'deck:goto', { slide: compare, fragment: -1 });
  await presenter.expectAt(compare, -1);
  const line = presenter.page.locator(`[data-testid="desk-polls-item"][data-poll="${predict.id}"]`);
  await expect(line).toHaveAttribute('data-status', 'closed');
  await expect(line).toContainText('predict-p99 — closed');
  await expect(line.getByTestId('desk-polls-reveal')).toBeInViewport({ ratio: 1 });
  await presenter.page.screenshot({ path: `${SHOTS}/desk-polls-1280x720.png` });
  await line.getByTestId('desk-polls-reveal').click();
  await expect(line).toHaveCount(0);
  await presenter.expectAt(compare, -1);
  await phone.expectAt(compare, -1);

  // The phones hold the answer: the poll's card shows it wherever the room sees the poll again.
  await send(driver, 'deck:goto', { slide: slideOf('predict-p99'), fragment: -1 });
  await expect(phone.page.getByTestId('poll')).toHaveAttribute('data-status', 'revealed');
  await expect(phone.page.getByTestId('poll-answer')).toContainText(/Measured live|Recorded|None of these modes/);
  driver.disconnect();
  await Promise.all([context.close(), phoneContext.close()]);
});
