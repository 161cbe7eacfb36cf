// Every slide of the deck fits: on the projector (presenter view, 1920×1080, every fragment shown)
// and on an upright phone (390×844), the slide's content is no taller than reveal.js's slide box
// and nothing runs past its sides.
// Diagrams are legible: the layout drawn is the one for the screen's shape, every label sits
// inside its box, and no text renders smaller than a readable size on that screen.
// Screenshots of each slide go to artifacts/screenshots/deck/ (projector and phone).
import { mkdirSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { animationsSettled } from './support/settled';
import { cutLabels, sidewaysTables } from './support/labels';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/deck';
// Smallest text a diagram may render, in CSS pixels of that screen: the presenter view (its slide
// is ~0.9 of a full-screen one) and a phone at reading distance. Full screen on a 1080p projector
// the diagrams' smallest text (20 slide px) renders at ~26 px.
const MIN_TEXT_PX = { projector: 14, phone: 10 };

interface DiagramCheck {
  variant: string | null;
  smallestTextPx: number;
  spills: string[];
}

/** Measures the shown slide's diagrams in the browser: which layout is visible, the smallest
 *  rendered text, and any label whose glyphs leave the box or pill they are written in. */
function measureDiagrams(testId: string): DiagramCheck[] {
  const root = document.querySelector(`[data-testid="${testId}"]`)!;
  const section = root.querySelector('section.present')!;
  return [...section.querySelectorAll('figure.diagram')].map((figure) => {
    const svg = [...figure.querySelectorAll('svg')].find((el) => getComputedStyle(el).display !== 'none') as SVGSVGElement | undefined;
    if (!svg) return { variant: null, smallestTextPx: 0, spills: [] };
    // Rendered font size = the SVG's font size × how much the SVG is scaled on screen.
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    let smallest = Infinity;
    for (const t of svg.querySelectorAll('text')) smallest = Math.min(smallest, Number(t.getAttribute('font-size')) * scale);
    const spills: string[] = [];
    for (const group of svg.querySelectorAll('g.dg-box, g.dg-link')) {
      const rects = group.querySelectorAll('rect');
      const holder = rects[rects.length - 1];
      if (!holder) continue;
      const box = (holder as SVGGraphicsElement).getBBox();
      for (const t of group.querySelectorAll('text')) {
        const b = (t as SVGGraphicsElement).getBBox();
        if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
          spills.push(`"${t.textContent}" ${b.width.toFixed(0)} wide in ${box.width.toFixed(0)}`);
      }
    }
    return { variant: svg.getAttribute('class'), smallestTextPx: smallest, spills };
  });
}
// Start clean: a renamed or removed slide must not leave a stale screenshot behind.
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });

test.beforeEach(async () => resetShared());

test('every slide fits on the projector and on a phone, and has speaker notes', async ({ browser }) => {
  test.setTimeout(300_000);
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const phone = new AttendeePage(await phoneContext.newPage());
  await Promise.all([presenter.open(), phone.open()]);
  const driver = await rawClient('presenter');
  const overflow: string[] = [];
  const illegible: string[] = [];
  let diagramsChecked = 0;
  for (const slide of deck.slides) {
    expect(slide.notesHtml, `${slide.id} has speaker notes`).not.toBe('');
    await send(driver, 'deck:goto', { slide: slide.index, fragment: slide.fragments - 1 });
    await presenter.expectAt(slide.index, slide.fragments - 1);
    await phone.expectAt(slide.index, slide.fragments - 1);
    await Promise.all([animationsSettled(presenter.page), animationsSettled(phone.page)]);
    for (const [who, page, testId] of [
      ['projector', presenter.page, 'current-slide'],
      ['phone', phone.page, 'attendee-slide'],
    ] as const) {
      const { content, box, wide } = await page.evaluate((id) => {
        const root = document.querySelector(`[data-testid="${id}"]`)!;
        const section = root.querySelector('section.present') as HTMLElement;
        // Sideways too: anything poking out of the slide's left or right edge (outside a region
        // that scrolls by design) is cut off on screen.
        const edge = section.getBoundingClientRect();
        const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
        const sideways = [...section.querySelectorAll('*')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || (r.right <= edge.right + 2 && r.left >= edge.left - 2)) return false;
            for (let p = el.parentElement; p && p !== section; p = p.parentElement) if (scrolls(p)) return false;
            return true;
          })
          .map((el) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}"`);
        return { content: section.scrollHeight, box: root.getAttribute('data-shape') === 'tall' ? 1040 : 720, wide: sideways.slice(0, 3) };
      }, testId);
      if (content > box) overflow.push(`${slide.id} on the ${who}: ${content} px of ${box}`);
      for (const el of wide) overflow.push(`${slide.id} on the ${who}: ${el} runs past the slide's edge`);
      const expected = who === 'phone' ? 'diagram-tall' : 'diagram-wide';
      for (const d of await page.evaluate(measureDiagrams, testId)) {
        diagramsChecked++;
        if (d.variant !== expected) illegible.push(`${slide.id} on the ${who}: shows ${d.variant ?? 'no layout'}, not ${expected}`);
        if (d.smallestTextPx < MIN_TEXT_PX[who]) illegible.push(`${slide.id} on the ${who}: text at ${d.smallestTextPx.toFixed(1)} px`);
        for (const spill of d.spills) illegible.push(`${slide.id} on the ${who}: ${spill}`);
      }
    }
    // The demo views too: on the projector inside the slide, on the phone below it.
    if (slide.demo) {
      for (const [who, scope] of [
        ['projector', presenter.page.getByTestId('slide-demo-dashboard')],
        ['phone', phone.page.getByTestId('demo-dashboard')],
      ] as const) {
        for (const problem of await cutLabels(scope)) illegible.push(`${slide.id} on the ${who}: ${problem}`);
        if (who === 'phone') for (const problem of await sidewaysTables(scope)) illegible.push(`${slide.id} on the ${who}: ${problem}`);
      }
    }
    const name = `${SHOTS}/${String(slide.index).padStart(2, '0')}-${slide.id}`;
    await presenter.deck().screenshot({ path: `${name}-projector.png` });
    await phone.page.screenshot({ path: `${name}-phone.png` });
  }
  driver.disconnect();
  expect(overflow).toEqual([]);
  expect(illegible).toEqual([]);
  // Both screens measured every diagram of the deck.
  expect(diagramsChecked).toBe(2 * deck.slides.filter((s) => s.html.includes('<figure class="diagram"')).length);
  await Promise.all([presenterContext.close(), phoneContext.close()]);
});

test("the pacing timer shows the shown slide's section and its slot in the timing plan", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const presenter = new PresenterPage(page);
  await presenter.open();
  const driver = await rawClient('presenter');
  let startMin = 0;
  for (const section of deck.sections) {
    await send(driver, 'deck:goto', { slide: section.firstSlide + section.slideCount - 1, fragment: -1 });
    const clock = (min: number) => `${Math.floor(min)}:${String(Math.round((min % 1) * 60)).padStart(2, '0')}`;
    await expect(page.getByTestId('timer-section')).toHaveText(
      `${section.title}: ${section.minutes} min, ${clock(startMin)}–${clock(startMin + section.minutes)} on the plan`,
    );
    startMin += section.minutes;
  }
  expect(startMin).toBe(deck.minutes);
  driver.disconnect();
});
