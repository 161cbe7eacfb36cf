// Moderation that fits a talk: a question is public the moment it is asked (the desk's switch, on
// by default), so the room upvotes it before anyone moderates; the moderator link hides it from
// every screen from a phone, and may do nothing else — not a slide, not the demo.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { io } from 'socket.io-client';
import { loadDeck } from '../content/load-deck';
import { E2E_AUDIENCE_LOG, E2E_PORT, E2E_TOKEN } from '../playwright.config';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send, type RawClient } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/moderation';
const slideOf = (id: string) => deck.slides.findIndex((s) => s.id === id);
/** The server keeps the moderator token beside the audience log (no MODERATOR_TOKEN in the e2e env). */
const moderatorToken = () => readFileSync(`${E2E_AUDIENCE_LOG}.moderator-token`, 'utf8').trim();

test.beforeEach(async () => resetShared());

/** Every context a spec opens, closed after it: a phone left open stays in the audience for the
 *  specs after this one (talk.spec counts the audience). */
const opened: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

async function phone(browser: Browser): Promise<AttendeePage> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  opened.push(context);
  const page = new AttendeePage(await context.newPage());
  await page.open();
  return page;
}

async function moderatorSocket(): Promise<{ socket: RawClient; role: string }> {
  const socket: RawClient = io(`http://localhost:${E2E_PORT}`, { auth: { token: moderatorToken() }, transports: ['websocket'], reconnection: false });
  const hello = new Promise<string>((resolve) => socket.once('session:hello', (info) => resolve(info.role)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, role: await hello };
}

test('a question published at once can be upvoted by another phone before any moderation', async ({ browser }) => {
  test.setTimeout(60_000);
  const [ana, ben] = [await phone(browser), await phone(browser)];
  const consoleContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  opened.push(consoleContext);
  const presenter = new PresenterPage(await consoleContext.newPage());
  await presenter.open();
  const publishAtOnce = presenter.page.getByTestId('publish-at-once');
  await expect(publishAtOnce).toBeChecked();

  const text = `Does ambient mode need a waypoint for retries? <b>${Date.now()}</b>`;
  await ana.page.getByTestId('question-text').fill(text);
  await ana.page.getByTestId('question-name').fill('Ana');
  await ana.page.getByTestId('question-submit').click();
  // Public at once: on the other phone's list, with nobody having touched the desk.
  const onBen = ben.page.getByTestId('question').filter({ hasText: text });
  await expect(onBen).toHaveAttribute('data-status', 'approved');
  await expect(onBen.locator('b')).toHaveCount(0); // attendee text renders as text
  await expect(ana.page.getByTestId('my-question').filter({ hasText: text })).toHaveCount(0); // on the list, not "waiting"
  await onBen.getByTestId('question-upvote').click();
  await expect(onBen.getByTestId('question-upvote')).toHaveAttribute('aria-pressed', 'true');
  await expect(onBen.getByTestId('question-upvote')).toContainText('1');
  // Its asker cannot upvote it; the desk has it public, with its vote, ready to hide.
  await expect(ana.page.getByTestId('question').filter({ hasText: text }).getByTestId('question-upvote')).toBeDisabled();
  const onDesk = presenter.page.getByTestId('desk-question').filter({ hasText: text });
  await expect(onDesk).toHaveAttribute('data-status', 'approved');
  await expect(onDesk).toContainText('▲ 1');
  await expect(onDesk.getByTestId('question-hide')).toBeVisible();

  // On the Questions slide the projector's list is by votes: this one, upvoted, is on it.
  const driver = await rawClient('presenter');
  await send(driver, 'deck:goto', { slide: slideOf('questions'), fragment: -1 });
  await expect(presenter.page.getByTestId('slide-top-questions')).toContainText(text.slice(0, 30));
  await expect(presenter.page.getByTestId('publish-at-once')).toBeInViewport();
  await presenter.page.screenshot({ path: `${SHOTS}/desk-switch-console-1920x1080.png` });

  // Switched off, the next question waits for the desk and the other phone does not see it.
  await publishAtOnce.click(); // controlled by the server: it flips when the server says so
  await expect(publishAtOnce).not.toBeChecked();
  const held = `Held for the desk ${Date.now()}`;
  await ana.page.getByTestId('question-text').fill(held);
  await ana.page.getByTestId('question-submit').click();
  await expect(ana.page.getByTestId('my-question').filter({ hasText: held })).toContainText('waiting for the presenter');
  await expect(presenter.page.getByTestId('desk-question').filter({ hasText: held })).toHaveAttribute('data-status', 'pending');
  await expect(ben.page.getByTestId('question').filter({ hasText: held })).toHaveCount(0);
  driver.disconnect();
});

test('a moderator token can hide a question but gets `forbidden` for `deck:step` and `mode:set`', async ({ browser }) => {
  test.setTimeout(60_000);
  const asker = await rawClient('attendee');
  const text = `Spam from the back row ${Date.now()}`;
  const asked = (await send(asker, 'question:ask', { text, name: null })) as { ok: boolean; data: { id: string; status: string } };
  expect(asked).toMatchObject({ ok: true, data: { status: 'approved' } });
  const ben = await phone(browser);
  await expect(ben.page.getByTestId('question').filter({ hasText: text })).toBeVisible();

  const { socket: moderator, role } = await moderatorSocket();
  expect(role).toBe('moderator');
  const before = (await send(moderator, 'state:sync', {})) as { ok: true; data: { deck: { slide: number; rev: number }; demo: { mode: string } } };
  expect(await send(moderator, 'deck:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await send(moderator, 'mode:set', { mode: 'sidecar' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const after = (await send(moderator, 'state:sync', {})) as typeof before;
  expect(after.data.deck).toEqual(before.data.deck);
  expect(after.data.demo.mode).toBe(before.data.demo.mode);

  // Hidden by the moderator: gone from the phone at once.
  expect(await send(moderator, 'question:moderate', { id: asked.data.id, status: 'hidden' })).toMatchObject({ ok: true });
  await expect(ben.page.getByTestId('question').filter({ hasText: text })).toHaveCount(0);
  moderator.disconnect();
  asker.disconnect();
});

test('the /moderate page on a phone: the questions desk, the switch, hide and un-hide; its link opens nothing else', async ({ browser, request }) => {
  test.setTimeout(60_000);
  const asker = await rawClient('attendee');
  const stamp = Date.now();
  for (const q of [`How much memory does a sidecar cost per pod? ${stamp}`, `Is eBPF safe to load in production kernels? ${stamp}`]) {
    expect(await send(asker, 'question:ask', { text: q, name: 'Ana' })).toMatchObject({ ok: true });
  }
  const spam = `Buy cheap followers now ${stamp}`;
  expect(await send(asker, 'question:ask', { text: spam, name: null })).toMatchObject({ ok: true });
  const ben = await phone(browser);
  await expect(ben.page.getByTestId('question').filter({ hasText: spam })).toBeVisible();

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/moderate?token=${encodeURIComponent(moderatorToken())}`);
  await expect(page.getByTestId('moderator-view')).toHaveAttribute('data-role', 'moderator');
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('publish-at-once')).toBeChecked();
  await expect(page.getByTestId('audience-export')).toHaveCount(0); // the export is the presenter's
  const row = page.getByTestId('desk-question').filter({ hasText: spam });
  await row.getByTestId('question-hide').tap();
  await expect(row).toHaveAttribute('data-status', 'hidden');
  await expect(ben.page.getByTestId('question').filter({ hasText: spam })).toHaveCount(0);
  // Thumb-sized, inside the phone's width, and the page does not scroll sideways.
  const unhide = row.getByTestId('question-approve');
  await expect(unhide).toHaveText('Unhide');
  expect((await unhide.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0)); // the tap scrolled to the row: the shot shows the page as it opens
  await expect(page.getByTestId('publish-at-once')).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/moderate-phone-390x844.png` });
  await page.screenshot({ path: `${SHOTS}/moderate-phone-390x844-full.png`, fullPage: true });
  await unhide.tap();
  await expect(ben.page.getByTestId('question').filter({ hasText: spam })).toBeVisible();

  // The doors: no token, a wrong one, or the moderator's on /present are refused.
  expect((await request.get('/moderate')).status()).toBe(403);
  expect((await request.get('/moderate?token=not-the-moderator-token')).status()).toBe(403);
  expect((await request.get(`/present?token=${encodeURIComponent(moderatorToken())}`)).status()).toBe(403);
  expect((await request.get(`/moderate?token=${E2E_TOKEN}`)).status()).toBe(200);
  asker.disconnect();
  await context.close();
});
