// The first HTML of /live and /screen (issue 35): the slide the presenter is on, rendered by the
// server — readable with JavaScript off, at its position, the fragments not yet shown kept
// unseen — never the speaker notes, never cached; then the page hydrates onto that same slide
// (no other slide shown on the way, no hydration error) and follows the presenter.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { phoneFocus, positionLine } from '../lib/deck/phone-view';
import { audienceDeck } from '../lib/deck/audience-deck';
import { firstHtmlDeck } from '../lib/deck/first-html';
import { expectDeckAt } from './support/deck-position';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/first-html';
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** A run of plain words from a slide's notes, found in no slide's body or title: its presence
 *  in a page can only mean the notes went there. */
const notesSnippet = (notesHtml: string): string | null => {
  const run = /[A-Za-z][A-Za-z ,]{40,}/.exec(textOf(notesHtml))?.[0].trim() ?? null;
  return run && !deck.slides.some((s) => s.html.includes(run) || s.title.includes(run)) ? run : null;
};
// A slide shown as the slide on a phone (not a heading over a demo or poll), with at least two
// fragments and notes: its position, a fragment shown and one still to come, and notes to keep out.
const target = deck.slides.find((s) => s.index > 0 && s.fragments >= 2 && !phoneFocus(s) && notesSnippet(s.notesHtml))!;
/** What the page carries of every slide (titles, polls: lib/deck/first-html.ts). */
const pageDeck = JSON.stringify(firstHtmlDeck(audienceDeck(deck)));
/** A run of plain words from each other slide's body that the page has no other reason to carry. */
const otherBodies = deck.slides
  .filter((s) => s.index !== target.index)
  .map((s) => /[A-Za-z][A-Za-z ,]{30,}/.exec(textOf(s.html).replace(s.title, '').replace(s.subtitle, ''))?.[0].trim())
  .filter((run): run is string => Boolean(run) && !target.html.includes(run!) && !pageDeck.includes(run!));
const allNotes = deck.slides.map((s) => notesSnippet(s.notesHtml)).filter((s): s is string => s !== null);
const position = { slide: target.index, fragment: 0 };

async function presenterGoes(to: { slide: number; fragment: number }): Promise<void> {
  const presenter = await rawClient('presenter');
  const moved = (await send(presenter, 'deck:goto', to)) as { ok: boolean };
  presenter.disconnect();
  expect(moved.ok).toBe(true);
}

test.beforeAll(() => {
  expect(target, 'the deck has a slide with two fragments and notes').toBeDefined();
  expect(allNotes.length).toBeGreaterThan(10);
  expect(otherBodies.length).toBeGreaterThan(10);
  mkdirSync(SHOTS, { recursive: true });
});
test.beforeEach(async () => {
  await resetShared();
  await presenterGoes(position);
});

test('the HTML of /live and /screen is the current slide at its position, without any notes, and is never cached', async ({ request }) => {
  for (const route of ['/live', '/screen']) {
    const res = await request.get(route);
    expect(res.status()).toBe(200);
    const cache = res.headers()['cache-control'] ?? '';
    expect(cache, `${route}: Cache-Control`).toContain('no-store');
    expect(cache, `${route}: Cache-Control`).toContain('private');
    const html = await res.text();
    expect(html).toContain(`Slide ${target.index + 1} of ${deck.slides.length}`);
    expect(html).toContain(`data-slide="${target.index}"`);
    for (const snippet of allNotes) expect(html, `${route} carries speaker notes`).not.toContain(snippet);
    // One slide's body, not the deck's (the titles are there: the page lists them): no other
    // slide's body text.
    for (const snippet of otherBodies) expect(html, `${route} carries another slide's body`).not.toContain(snippet);

    // The rest of the deck, fetched after hydration: every slide, no notes, cacheable by version.
    const deckUrl = /<link rel="preload" href="(\/audience-deck\/[0-9a-f]{16})"/.exec(html)?.[1];
    expect(deckUrl, `${route} preloads the room's deck`).toBeDefined();
    const whole = await request.get(deckUrl!);
    expect(whole.status()).toBe(200);
    const json = await whole.text();
    expect((JSON.parse(json) as { slides: unknown[] }).slides).toHaveLength(deck.slides.length);
    for (const snippet of allNotes) expect(json, 'the room deck carries speaker notes').not.toContain(snippet);
    expect((await request.get('/audience-deck/0000000000000000')).status()).toBe(404);
  }

  // The presenter moves: the next page load carries the new slide, not the one before.
  const next = deck.slides[target.index + 1]!;
  await presenterGoes({ slide: next.index, fragment: -1 });
  const html = await (await request.get('/screen')).text();
  expect(html).toContain(`Slide ${next.index + 1} of ${deck.slides.length}`);
  expect(html).not.toContain(`Slide ${target.index + 1} of ${deck.slides.length}`);
});

/** A heading with the slide's title, visible (laid out, not hidden). */
const titleOn = (page: Page) => page.locator('h1:visible, h2:visible, h3:visible').filter({ hasText: target.title });

test('with JavaScript off, a phone and the projector show the slide, its position and only the fragments shown', async ({ browser }) => {
  const phone = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await phone.goto('/live');
  await expect(titleOn(phone)).toHaveCount(1);
  await expect(phone.getByTestId('attendee-position')).toHaveText(positionLine(deck, target.index));
  await expect(phone.getByTestId('first-slide')).toHaveAttribute('aria-label', `Slide ${target.index + 1} of ${deck.slides.length}`);
  // Upright: the tall layout, the wide one not shown; the first fragment in, the next one unseen.
  const tall = phone.locator('.ms-first-tall');
  await expect(tall).toBeVisible();
  await expect(phone.locator('.ms-first-wide')).toBeHidden();
  await expect(tall.locator('.fragment').first()).toBeVisible();
  await expect(tall.locator('.fragment').nth(1)).toBeHidden();
  // Readable: the title is drawn at a phone's reading size, inside the screen's width.
  const box = (await titleOn(phone).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const lineHeight = await titleOn(phone).evaluate((h) => h.getBoundingClientRect().height / Math.max(1, h.getClientRects().length));
  expect(lineHeight).toBeGreaterThan(16);
  await phone.screenshot({ path: `${SHOTS}/live-390x844-nojs.png` });
  await phone.context().close();

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    const screen = await (await browser.newContext({ javaScriptEnabled: false, viewport })).newPage();
    await screen.goto('/screen');
    await expect(titleOn(screen)).toHaveCount(1);
    await expect(screen.getByTestId('first-slide')).toHaveAttribute('aria-label', `Slide ${target.index + 1} of ${deck.slides.length}`);
    await expect(screen.locator('.ms-first-wide .fragment').nth(1)).toBeHidden();
    const heading = (await titleOn(screen).boundingBox())!;
    expect(heading.x + heading.width).toBeLessThanOrEqual(viewport.width);
    expect(heading.height).toBeGreaterThan(viewport.height / 40);
    await screen.screenshot({ path: `${SHOTS}/screen-${viewport.width}x${viewport.height}-nojs.png` });
    await screen.context().close();
  }
});

/** Opens `route` recording, from the HTML's first paint on (an init script: before any of the
 *  page's scripts), every state of the deck element and of the first paint at each change; and
 *  every console error. */
async function openWatched(browser: Browser, route: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    const seen: { first: string | null; ready: string | null; slide: string | null }[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    // From the moment the HTML's first paint is in the document (before, it is still being parsed).
    let started = false;
    const record = () => {
      const deckEl = document.querySelector('[data-testid=attendee-slide], [data-testid=screen-slide]');
      const first = document.querySelector('[data-testid=first-slide]');
      started ||= Boolean(first);
      if (!deckEl || !started) return;
      seen.push({ first: first?.getAttribute('data-slide') ?? null, ready: deckEl.getAttribute('data-ready'), slide: deckEl.getAttribute('data-slide') });
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-slide'] });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(route);
  return { page, errors };
}

for (const [route, testId, viewport] of [
  ['/live', 'attendee-slide', { width: 390, height: 844 }],
  ['/screen', 'screen-slide', { width: 1920, height: 1080 }],
] as const) {
  test(`${route} hydrates onto the slide its HTML showed, no other slide on the way and no hydration error, then follows`, async ({ browser }) => {
    const { page, errors } = await openWatched(browser, route, viewport);
    await expectDeckAt(page, testId, position.slide, position.fragment);
    await expect(page.getByTestId('first-slide')).toHaveCount(0);
    // At every change, either the first paint showed the slide or reveal.js did, at its position.
    const seen = await page.evaluate(() => (window as unknown as { seen: { first: string | null; ready: string | null; slide: string | null }[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.first).toBe(String(target.index));
    for (const s of seen) expect(s.first === String(target.index) || (s.ready === 'true' && s.slide === String(target.index)), JSON.stringify(s)).toBe(true);

    // Live: the presenter's next step arrives.
    const presenter = await rawClient('presenter');
    await send(presenter, 'deck:step', { direction: 'next' });
    presenter.disconnect();
    await expectDeckAt(page, testId, position.slide, position.fragment + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
}
