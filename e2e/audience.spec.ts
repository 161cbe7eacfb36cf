// The audience on real browsers: a presenter and three phones. Polls opened and closed by the
// presenter with results on both screens, votes kept across a reload, a prediction revealed
// against the demo's measurements, Q&A with moderation, reactions, and the export.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { E2E_PORT, E2E_TOKEN } from '../playwright.config';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots';
const slideOf = (id: string) => deck.slides.findIndex((s) => s.id === id);

test.beforeEach(async () => resetShared());

test('polls, questions and reactions between a presenter and three phones', async ({ browser }) => {
  test.setTimeout(120_000);
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const phoneContexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })));
  const phones = await Promise.all(phoneContexts.map(async (c) => new AttendeePage(await c.newPage())));
  await Promise.all([presenter.open(), ...phones.map((p) => p.open())]);
  const [ana, ben, cai] = phones.map((p) => p.page) as [typeof presenter.page, typeof presenter.page, typeof presenter.page];

  // The prediction poll: closed until the presenter opens it.
  const driver = await rawClient('presenter');
  await send(driver, 'deck:goto', { slide: slideOf('predict-p99'), fragment: -1 });
  await expect(ana.getByTestId('poll')).toHaveAttribute('data-status', /idle|closed|revealed|open/);
  await presenter.page.getByTestId('poll-open').click();
  await expect(ana.getByTestId('poll')).toHaveAttribute('data-status', 'open');
  const before = Number((await presenter.page.getByTestId('slide-poll').textContent())?.match(/(\d+) votes?/)?.[1] ?? 0);
  await ana.getByTestId('poll-option-ebpf').click();
  await ben.getByTestId('poll-option-sidecar').click();
  await cai.getByTestId('poll-option-ebpf').click();
  await expect(presenter.page.getByTestId('slide-poll')).toContainText(`${before + 3} votes`);
  await expect(ana.getByTestId('poll-option-ebpf')).toHaveAttribute('aria-pressed', 'true');
  // A phone that reloads (new connection, same stored identity) still has its vote, counted once.
  await ana.reload();
  await expect(ana.getByTestId('poll-option-ebpf')).toHaveAttribute('aria-pressed', 'true');
  await ana.getByTestId('poll-option-ambient').click();
  await expect(presenter.page.getByTestId('slide-poll')).toContainText(`${before + 3} votes`);
  await presenter.page.getByTestId('poll-close').click();
  await expect(ben.getByTestId('poll')).toHaveAttribute('data-status', 'closed');
  await expect(ben.getByTestId('poll-option-ebpf')).toBeDisabled();
  await presenter.page.getByTestId('poll-reveal').click();
  await expect(cai.getByTestId('poll-answer')).toContainText(/Measured live|Recorded|None of these modes/);
  await expect(presenter.page.getByTestId('slide-poll')).toHaveAttribute('data-status', 'revealed');
  await presenter.page.screenshot({ path: `${SHOTS}/audience-poll-presenter-1920x1080.png` });
  await cai.screenshot({ path: `${SHOTS}/audience-poll-phone-390x844.png`, fullPage: true });

  // Q&A with moderation on (the desk's switch off): asked on one phone, moderated on the
  // presenter's desk, seen by the others once approved.
  const publishAtOnce = presenter.page.getByTestId('publish-at-once');
  await expect(publishAtOnce).toBeChecked();
  await publishAtOnce.click(); // controlled by the server: it flips when the server says so
  await expect(publishAtOnce).not.toBeChecked();
  const text = `Does eBPF make sidecars obsolete? <b>${Date.now()}</b>`;
  await ana.getByTestId('question-text').fill(text);
  await ana.getByTestId('question-name').fill('Ana');
  await ana.getByTestId('question-submit').click();
  await expect(ana.getByTestId('my-question')).toContainText('waiting for the presenter');
  const queued = presenter.page.getByTestId('desk-question').filter({ hasText: text });
  await expect(queued).toHaveAttribute('data-status', 'pending');
  await expect(ben.getByTestId('question').filter({ hasText: text })).toHaveCount(0);
  await queued.getByTestId('question-approve').click();
  const onBen = ben.getByTestId('question').filter({ hasText: text });
  await expect(onBen).toBeVisible();
  // Rendered as text: the markup shows as typed, no element was created from it.
  await expect(onBen.locator('b')).toHaveCount(0);
  await onBen.getByTestId('question-upvote').click();
  await expect(onBen.getByTestId('question-upvote')).toHaveAttribute('aria-pressed', 'true');
  await expect(queued).toContainText('▲ 1');
  await queued.getByTestId('question-answered').click();
  await expect(cai.getByTestId('question').filter({ hasText: text })).toHaveAttribute('data-status', 'answered');

  // Reactions: bursts reach the presenter's screen.
  for (let i = 0; i < 3; i++) await cai.getByTestId('react-🔥').click();
  await expect(presenter.page.getByTestId('reaction-bursts')).toHaveAttribute('data-total', /^[3-9]|\d\d+/);
  await presenter.page.screenshot({ path: `${SHOTS}/audience-qa-presenter-1920x1080.png` });
  await ben.screenshot({ path: `${SHOTS}/audience-qa-phone-390x844.png`, fullPage: true });

  // The export after the talk: presenter only.
  const denied = await fetch(`http://localhost:${E2E_PORT}/api/audience/export.csv`);
  expect(denied.status).toBe(403);
  // From the presenter's desk: its link downloads the file.
  const [download] = await Promise.all([presenter.page.waitForEvent('download'), presenter.page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toBe('meshstage-audience.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const viaBearer = await (await fetch(`http://localhost:${E2E_PORT}/api/audience/export.csv`, { headers: { authorization: `Bearer ${E2E_TOKEN}` } })).text();
  expect(viaBearer).toBe(csv);
  expect(csv).toContain('"question"');
  expect(csv).toContain(text.replace(/"/g, '""'));
  expect(csv).toMatch(/"poll","lowest-p99","Which data plane will have the lowest p99 latency\?","eBPF","\d+","revealed"/);
  driver.disconnect();
  await Promise.all([presenterContext.close(), ...phoneContexts.map((c) => c.close())]);
});
