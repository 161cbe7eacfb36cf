// The handout (/print): every printed page carries more than its title — the recorded demo drawn
// on demo slides, each poll's question and options, the calculator with its default numbers —
// each slide's caption under it (a switch leaves them out), the replay's and the sources' links
// on page 1, on white, with nothing fetched from another origin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { DEFAULT_CALCULATOR } from '../lib/talk/calculator-state';
import { placementCost } from '../lib/talk/placement-cost';
import { PAGE } from '../lib/print/handout-slides';

const SHOTS = 'artifacts/screenshots';
const deck = loadDeck();
const pageOf = (page: Page, slideId: string) => page.locator('.pdf-page', { has: page.locator(`section[data-slide-id="${slideId}"]`) });

/** The page sizes of a PDF, in points (1 CSS px = 0.75 pt). */
const mediaBoxes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
/** Every page of `pdf` is `width` × `height` CSS px (to the browser's rounding). */
function expectPages(pdf: Buffer, width: number, height: number) {
  const boxes = mediaBoxes(pdf);
  expect(boxes).toHaveLength(deck.slides.length);
  for (const [w, h] of boxes) {
    expect(w! / 0.75).toBeCloseTo(width, 0);
    expect(h! / 0.75).toBeCloseTo(height, 0);
  }
}

async function openHandout(page: Page) {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/print');
  await expect(page.getByTestId('handout')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.pdf-page')).toHaveCount(deck.slides.length);
}

test('every printed page has content beyond its title, and the slide holds it', async ({ page }) => {
  await openHandout(page);
  // Charts draw once their box is measured: wait until every demo slide has its SVG.
  const demoSlides = deck.slides.filter((s) => s.demo);
  for (const s of demoSlides) await expect(pageOf(page, s.id).locator('.handout-demo svg').first()).toBeVisible();
  const pages = await page.locator('.pdf-page').evaluateAll((els) =>
    els.map((el) => {
      const section = el.querySelector('section')!;
      const copy = section.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('h1, h2, .handout-caption').forEach((n) => n.remove());
      const drawn = [...section.querySelectorAll('svg')].some(
        (svg) => svg.querySelectorAll('path, rect, line, circle, text, polygon').length > 3 && svg.getBoundingClientRect().height > 20,
      );
      const page = el.getBoundingClientRect();
      const caption = section.querySelector('.handout-caption')?.getBoundingClientRect();
      return {
        id: section.dataset.slideId,
        text: (copy.textContent ?? '').replace(/\s+/g, ' ').trim(),
        drawn,
        // What the slide shows stays in its 720 px box; its caption ends on its page.
        overflow: Math.max(
          0,
          ...[...section.children]
            .filter((c) => !c.matches('.handout-caption'))
            .flatMap((c) => {
              const box = c.getBoundingClientRect();
              const slide = section.getBoundingClientRect();
              return box.height ? [box.bottom - slide.bottom, slide.top - box.top] : [];
            }),
        ),
        captionFits: !caption || caption.bottom <= page.bottom - 24,
      };
    }),
  );
  expect(pages).toHaveLength(deck.slides.length);
  for (const p of pages) {
    expect(p.text.length >= 20 || p.drawn, `${p.id}: only its title (${JSON.stringify(p.text)})`).toBe(true);
    expect(p.overflow, `${p.id} overflows its slide`).toBeLessThanOrEqual(1);
    expect(p.captionFits, `${p.id}: caption runs off the page`).toBe(true);
  }
});

test('demo slides print their recorded frame; polls their question and options; the calculator its defaults', async ({ page }) => {
  await openHandout(page);
  await page.emulateMedia({ media: 'print' });
  mkdirSync(SHOTS, { recursive: true });

  // Demo: the recorded topology, labelled recorded with the recording's date and machine.
  const topology = pageOf(page, 'demo-topology');
  await expect(topology.getByTestId('viz-topology')).toBeVisible();
  await expect(topology.getByTestId('handout-recorded')).toContainText(/Demo recorded 2026-\d\d-\d\d on \d+ × .+, Linux /);
  // Recorded data is never called live (the slide's own heading says "Live:", as the talk did).
  await expect(topology.locator('.demo-slot')).not.toContainText(/\blive\b/i);
  await topology.screenshot({ path: `${SHOTS}/handout-demo-topology.png` });
  const compare = pageOf(page, 'demo-compare');
  await expect(compare.locator('table')).toContainText('p99');
  await expect(compare.locator('svg path').first()).toBeVisible();
  await compare.screenshot({ path: `${SHOTS}/handout-demo-compare.png` });
  const panel = pageOf(page, 'demo-retries');
  await expect(panel.getByTestId('viz-latency')).toBeVisible();
  await panel.screenshot({ path: `${SHOTS}/handout-demo-retries.png` });

  // Polls: question and every option (no votes in the shipped recording).
  for (const poll of deck.polls) {
    const card = page.getByTestId(`handout-poll-${poll.id}`);
    await expect(card).toContainText(poll.question);
    for (const o of poll.options) await expect(card.locator(`li[data-option="${o.id}"]`)).toContainText(o.label);
    await expect(card).toHaveAttribute('data-results', 'none');
  }
  await pageOf(page, 'predict-p99').screenshot({ path: `${SHOTS}/handout-poll.png` });

  // The calculator as the defaults price it.
  const calc = pageOf(page, 'placement-cost').getByTestId('placement-calculator');
  const rows = placementCost({ ...DEFAULT_CALCULATOR, l7Share: DEFAULT_CALCULATOR.l7Percent / 100 });
  for (const row of rows) await expect(calc.getByTestId(`calc-row-${row.plane}`)).toContainText(row.vcpu.toFixed(2));
  await expect(calc.getByTestId('calc-pods')).toHaveText(DEFAULT_CALCULATOR.pods.toLocaleString('en'));
  await pageOf(page, 'placement-cost').screenshot({ path: `${SHOTS}/handout-calculator.png` });

  // Page 1: the replay's link and QR code, and the sources'.
  const first = page.locator('.pdf-page').first();
  const origin = new URL(page.url()).origin;
  await expect(first.getByTestId('handout-replay-link')).toContainText(`${origin.replace(/^https?:\/\//, '')}/replay`);
  await expect(first.getByTestId('handout-replay-link').locator('svg path').first()).toBeAttached();
  await expect(first.getByTestId('handout-sources-link').locator('a')).toHaveAttribute('href', `${origin}/replay#slide=sources`);
  await first.screenshot({ path: `${SHOTS}/handout-page-1.png` });

  // On white, dark text; the switch is not printed.
  expect(await first.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  expect(await first.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(12, 17, 27)');
  await expect(page.getByTestId('handout-captions')).toBeHidden();
});

test('captions print under each slide by default; the switch leaves them out, pages shrink', async ({ page }) => {
  await openHandout(page);
  const withCaption = deck.slides.filter((s) => s.captionHtml.trim());
  await expect(page.locator('.handout-caption')).toHaveCount(withCaption.length);
  const title = withCaption[0]!;
  const words = title.captionHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 40);
  await expect(pageOf(page, title.id).locator('.handout-caption')).toContainText(words);

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  // 1356 × 960 CSS px pages (the slide and its caption), one per slide.
  expectPages(pdf, PAGE.width, PAGE.withCaption);
  mkdirSync('artifacts', { recursive: true });
  writeFileSync('artifacts/deck.pdf', pdf);

  await page.getByTestId('handout-captions').uncheck();
  await expect(page.locator('.handout-caption').first()).toBeHidden();
  const bare = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  // reveal.js's own page for the slide alone: 1356 × 763 px.
  expectPages(bare, PAGE.width, PAGE.height);
});

test('the handout prints with the network off: nothing is fetched from another origin', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL!)) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  await openHandout(page);
  await expect(pageOf(page, 'demo-baseline').locator('.handout-demo svg').first()).toBeVisible();
  expect(elsewhere).toEqual([]);
  await context.close();
});
