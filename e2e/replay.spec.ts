// The static replay site (npm run build:replay → dist/replay-site) served by a plain static file
// server, in Chromium with every other origin blocked: no Node app, no socket, no CDN.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../scripts/static-server.mjs';
import { loadDeck } from '../content/load-deck';
import { textRuns } from './support/text-runs';

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
        await expect.poll(async () => alnum((await page.getByTestId('replay-caption').textContent()) ?? '')).toBe(alnum(expected.captionHtml));
        await expect(page.getByTestId(`replay-chapter-${expected.id}`)).toHaveAttribute('aria-current', 'step');
        // A recorded demo slide plays its recording: at this size under a compact header, at full width.
        if (expected.demo) {
          await expect(page.getByTestId('replay-demo-below').getByTestId('demo-dashboard')).toBeVisible();
          await expect(page.getByTestId('replay-compact-slide')).toContainText(expected.title);
        }
      }
      if (shown === deck.slides.length - 1) break;
      const before = await page.getByTestId('replay-seek').inputValue();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('replay-seek')).not.toHaveValue(before);
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

test('on a phone the replay re-flows the slide as /live does; a demo slide is a compact header with the recorded demo right under it', async ({ browser }) => {
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
      await expect(page.getByTestId('replay-caption')).not.toBeEmpty();
      await page.screenshot({ path: `${SHOTS}/replay-slide-${width}x${height}.png` });
      for (const chapter of ['demo-retries', 'demo-faults']) {
        await page.goto(`${site.url}/replay/#slide=${chapter}`);
        await page.reload();
        const head = page.getByTestId('replay-compact-slide');
        const demo = page.getByTestId('replay-demo-below');
        await expect(head).toContainText(deck.slides.find((x) => x.id === chapter)!.title);
        await expect(demo.getByTestId('demo-dashboard')).toBeVisible();
        await expect(page.getByTestId('slide-demo-dashboard')).toHaveCount(0);
        // Directly under the header: nothing between them, and the demo starts on the first screen.
        const [h, d] = [(await head.boundingBox())!, (await demo.boundingBox())!];
        expect(d.y - (h.y + h.height)).toBeLessThan(2);
        expect(d.y).toBeLessThan(height * 0.5);
        // The caption folds (the beat says what is on screen, and the demo keeps the room); the chips
        // of this chapter sit beside the slide's title.
        await expect(page.getByTestId('replay-caption-fold')).not.toHaveAttribute('open');
        await expect(page.getByTestId('replay-beat-text')).toHaveText(/^(Now: |Switching from )/);
        await expect(head.getByTestId('replay-beat-chips')).toBeVisible();
        // The playback bar stays in reach, and sideways it is one slim row.
        const bar = page.getByRole('group', { name: 'Playback' });
        await expect(page.getByTestId('replay-play')).toBeInViewport();
        if (!upright) expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(height * 0.13);
        await page.screenshot({ path: `${SHOTS}/replay-${chapter}-${width}x${height}.png` });
      }
    } finally {
      await context.close();
    }
  }
  site.server.close();
});

test('at 1366×768 every recorded demo chapter draws its text at 14 px or more', async ({ browser }) => {
  test.setTimeout(90_000);
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  try {
    const demoSlides = deck.slides.filter((x) => x.demo);
    expect(demoSlides.length).toBeGreaterThanOrEqual(7);
    for (const s of demoSlides) {
      await page.goto(`${site.url}/replay/#slide=${s.id}`);
      await page.reload();
      await expect(page.getByTestId('replay-position')).toHaveText(`${s.index + 1} / ${deck.slides.length}`);
      const dashboard = page.getByTestId('replay-demo-below').getByTestId('demo-dashboard');
      await expect(dashboard).toBeVisible();
      // Wait for the recorded frame to be drawn (a chart or the topology has text once it is).
      await expect.poll(async () => (await textRuns(dashboard, '[data-testid="replay-demo-below"]')).length).toBeGreaterThan(5);
      const runs = await textRuns(page.locator('[data-testid="replay-demo-below"], [data-testid="replay-captions"]'), 'body');
      const small = runs.filter((r) => r.px < 14 - 0.05);
      expect(small, `${s.id}: text under 14 px`).toEqual([]);
      if (s.id === 'demo-retries' || s.id === 'demo-faults') await page.screenshot({ path: `${SHOTS}/replay-${s.id}-1366x768.png` });
    }
  } finally {
    await context.close();
    site.server.close();
  }
});

test('a demo chapter tells its story beat by beat: chips for its own data planes, the words of each, the number that is the point', async ({ browser }) => {
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    const retries = deck.slides.find((x) => x.id === 'demo-retries')!;
    await page.goto(`${site.url}/replay/#slide=demo-retries`);
    await expect(page.getByTestId('replay-position')).toHaveText(`${retries.index + 1} / ${deck.slides.length}`);
    const words = page.getByTestId('replay-beat-text');
    await expect(words).toContainText('Now: Sidecar — retries enforced');
    // The chips are this chapter's: no "No mesh" (it is not in this stretch), and a chip stays on the slide.
    await expect(page.getByTestId('replay-mode-none')).toHaveCount(0);
    await page.getByTestId('replay-mode-ambient').click();
    await expect(page.getByTestId('replay-position')).toHaveText(`${retries.index + 1} / ${deck.slides.length}`);
    await expect(page.getByTestId('replay-mode-ambient')).toHaveAttribute('aria-pressed', 'true');
    await expect(words).toContainText("Now: Ambient — retries not enforced: the backend's errors reach the client");
    await expect(words).toHaveAttribute('data-refused', 'true');
    // The number that is the point is large in the slide's own panel, and plays with the recording.
    await page.getByTestId('replay-speed').selectOption('4');
    await page.getByTestId('replay-play').click();
    const errors = page.getByTestId('slide-demo-dashboard').getByTestId('figure-errors');
    await expect.poll(async () => Number((await errors.getAttribute('data-value')) || 0), { timeout: 10_000 }).toBeGreaterThan(5);
    await page.getByTestId('replay-play').click();
    await page.screenshot({ path: `${SHOTS}/replay-demo-retries-1920x1080.png` });
    await page.getByTestId('replay-mode-ambient-waypoint').click();
    await expect(words).toContainText('Now: Ambient + waypoint — retries enforced');
    await page.goto(`${site.url}/replay/#slide=demo-faults`);
    await page.reload();
    await page.getByTestId('replay-mode-ebpf-l7').click();
    await expect(page.getByTestId('replay-beat-text')).toContainText('Now: eBPF + node L7 — no fault injected');
    await page.screenshot({ path: `${SHOTS}/replay-demo-faults-1920x1080.png` });
    // A latency chapter's story is its tail: p99 large beside the words, as the condition's summary has it.
    await page.goto(`${site.url}/replay/#slide=demo-latency`);
    await page.reload();
    const story = page.getByTestId('replay-story-figure');
    await expect(story).toHaveAttribute('data-figure', 'p99');
    await expect(story).toContainText('end to end, since this condition began');
  } finally {
    await context.close();
    site.server.close();
  }
});

test('T folds the side column into a theatre and F goes full screen; the slide grows and the caption becomes a strip', async ({ browser }) => {
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/replay/#slide=demo-retries`);
    const inSlide = page.getByTestId('slide-demo-dashboard');
    await expect(inSlide).toBeVisible();
    const smallest = async () => Math.min(...(await textRuns(inSlide, '[data-testid="replay-slide"]')).map((r) => r.px));
    const before = await smallest();
    await expect(page.getByTestId('replay-chapters')).toBeInViewport();
    // reveal.js's progress bar is no second scrubber: a click on it leaves the deck where the clock is.
    const position = await page.getByTestId('replay-position').textContent();
    await page.locator('[data-testid="replay-slide"] .progress').click({ position: { x: 200, y: 2 }, force: true });
    await expect(page.getByTestId('replay-slide')).toHaveAttribute('data-slide', String(deck.slides.findIndex((x) => x.id === 'demo-retries')));
    await expect(page.getByTestId('replay-position')).toHaveText(position!);
    await page.keyboard.press('t');
    await expect(page.getByTestId('replay-view')).toHaveAttribute('data-theatre', 'true');
    // Folded under the first screen (at most its first line peeks above the playback bar).
    await expect(page.getByTestId('replay-chapters')).not.toBeInViewport({ ratio: 0.1 });
    await expect(page.getByTestId('replay-beat-text')).toBeInViewport();
    await expect.poll(smallest).toBeGreaterThan(before * 1.1);
    await page.screenshot({ path: `${SHOTS}/replay-theatre-1920x1080.png` });
    await page.keyboard.press('t');
    await expect(page.getByTestId('replay-chapters')).toBeInViewport();
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await expect(page.getByTestId('replay-fullscreen')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('replay-view')).toHaveAttribute('data-stacked', 'true');
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  } finally {
    await context.close();
    site.server.close();
  }
});
