// The static replay site (npm run build:replay → dist/replay-site) served by a plain static file
// server, in Chromium with every other origin blocked: no Node app, no socket, no CDN.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../scripts/static-server.mjs';
import { loadDeck } from '../server/deck/load-deck';

const SHOTS = 'artifacts/screenshots';
const deck = loadDeck();
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** Letters and digits only: the page's text and the deck's HTML escape punctuation differently. */
const alnum = (html: string) =>
  html
    .replace(/<[^>]+>|&[#\w]+;/g, ' ')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

test('the replay plays from a static folder, offline, with the recorded badge', async ({ browser }) => {
  test.setTimeout(60_000);
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(site.url)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/replay/#slide=demo-topology`);
    await expect(page.getByTestId('recorded-badge')).toContainText('recorded · lab');
    await expect(page.getByTestId('replay-slide')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('replay-position')).toHaveText(`${deck.slides.findIndex((x) => x.id === 'demo-topology') + 1} / ${deck.slides.length}`);
    // The visitor jumps to the sidecar stretch: the slide and the topology are what was recorded there.
    await page.getByTestId('replay-mode-sidecar').click();
    await expect(page.getByTestId('replay-mode-sidecar')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-testid="topo-proxy-sidecar"]:not([data-presence="exit"])')).toHaveCount(4);
    await expect(page.getByTestId('slide-demo-dashboard')).toHaveAttribute('data-view', 'topology');
    await expect(page.getByTestId('replay-captions')).not.toBeEmpty();
    // Play advances time; pause stops it.
    const before = await page.getByTestId('replay-time').textContent();
    await page.getByTestId('replay-speed').selectOption('4');
    await page.getByTestId('replay-play').click();
    await expect(page.getByTestId('replay-time')).not.toHaveText(before!, { timeout: 5000 });
    await page.getByTestId('replay-play').click();
    await page.screenshot({ path: `${SHOTS}/replay-static-1920x1080.png` });
    expect(elsewhere).toEqual([]);
    // The static site offers nothing that needs the live server.
    await page.goto(`${site.url}/`);
    await expect(page.getByTestId('link-replay')).toBeVisible();
    await expect(page.getByTestId('link-live')).toHaveCount(0);
    await expect(page.getByTestId('link-present')).toHaveCount(0);
    expect((await page.request.get(`${site.url}/live/`)).status()).toBe(404);
    expect(site.requests).toContain('/recordings/lab-tour.json');
    expect(site.requests.some((r) => r.startsWith('/socket.io'))).toBe(false);
  } finally {
    await context.close();
    site.server.close();
  }
});

test('the replay reaches every slide in order with the keys, each with its caption and never the notes', async ({ browser }) => {
  test.setTimeout(120_000);
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  try {
    const html = await (await page.request.get(`${site.url}/replay/`)).text();
    // Private: a phrase of the notes no caption or slide repeats is nowhere in the replay's page.
    const phrase = deck.slides
      .flatMap((s) => text(s.notesHtml).match(/[A-Za-z][A-Za-z ,]{40,}/g) ?? [])
      .map((m) => m.trim().slice(0, 40))
      .find((m) => !deck.slides.some((s) => s.html.includes(m) || text(s.captionHtml).includes(m)));
    expect(phrase, 'a notes phrase of their own').toBeTruthy();
    expect(html).not.toContain(phrase);

    await page.goto(`${site.url}/replay/`);
    const slide = page.getByTestId('replay-slide');
    await expect(slide).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('recorded-badge')).toBeVisible();
    const seen: number[] = [];
    for (let step = 0; step < 400; step++) {
      const shown = Number(await slide.getAttribute('data-slide'));
      if (seen[seen.length - 1] !== shown) {
        seen.push(shown);
        const expected = deck.slides[shown]!;
        await expect(page.getByTestId('replay-position')).toHaveText(`${shown + 1} / ${deck.slides.length}`);
        await expect.poll(async () => alnum((await page.getByTestId('replay-captions').textContent()) ?? '')).toBe(alnum(expected.captionHtml));
        await expect(page.getByTestId(`replay-chapter-${expected.id}`)).toHaveAttribute('aria-current', 'step');
        // A recorded demo slide plays its recording: the demo is in the slide at this size.
        if (expected.demo) await expect(page.getByTestId('slide-demo-dashboard')).toBeVisible();
      }
      if (shown === deck.slides.length - 1) break;
      const before = await page.getByTestId('replay-time').textContent();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('replay-time')).not.toHaveText(before!);
    }
    expect(seen).toEqual(deck.slides.map((s) => s.index));
    // Back a step with the left arrow; Space plays and pauses.
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('replay-position')).toHaveText(`${deck.slides.length - 1} / ${deck.slides.length}`);
    await page.keyboard.press(' ');
    await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'true');
    const playing = await page.getByTestId('replay-time').textContent();
    await expect(page.getByTestId('replay-time')).not.toHaveText(playing!, { timeout: 5000 });
    await page.keyboard.press(' ');
    await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'false');
    // A chapter picked from the list: its address is the chapter's, for sharing.
    await page.getByTestId('replay-chapter-demo-retries').click();
    await expect(page.getByTestId('replay-position')).toHaveText(`${deck.slides.findIndex((x) => x.id === 'demo-retries') + 1} / ${deck.slides.length}`);
    expect(new URL(page.url()).hash).toBe('#slide=demo-retries');
    await page.screenshot({ path: `${SHOTS}/replay-1280x720.png` });
  } finally {
    await context.close();
    site.server.close();
  }
});

test('on a phone the replay re-flows the slide as /live does, and puts the recorded demo below it', async ({ browser }) => {
  const site = await serveStatic(path.resolve('dist/replay-site'));
  for (const [width, height] of [
    [390, 844],
    [844, 390],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      const upright = height > width;
      await page.goto(`${site.url}/replay/#slide=sidecar-path`);
      const slide = page.getByTestId('replay-slide');
      await expect(slide).toHaveAttribute('data-ready', 'true');
      await expect(slide).toHaveAttribute('data-shape', upright ? 'tall' : 'wide');
      await expect(page.getByTestId('replay-captions')).not.toBeEmpty();
      await page.screenshot({ path: `${SHOTS}/replay-slide-${width}x${height}.png` });
      await page.goto(`${site.url}/replay/#slide=demo-retries`);
      await page.reload();
      await expect(page.getByTestId('slide-demo-pointer')).toHaveText(upright ? 'Recorded demo below ↓' : 'Recorded demo on the right →');
      await expect(page.getByTestId('replay-demo-below').getByTestId('demo-dashboard')).toBeVisible();
      await expect(page.getByTestId('slide-demo-dashboard')).toHaveCount(0);
      // The playback bar stays in reach.
      await expect(page.getByTestId('replay-play')).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/replay-demo-${width}x${height}.png` });
    } finally {
      await context.close();
    }
  }
  site.server.close();
});
