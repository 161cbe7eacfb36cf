// The deck prints to PDF one page per slide (reveal.js print view at /print), and the whole talk —
// presenter, phone, slides, fonts — loads with every other origin blocked (no CDN, nothing fetched
// from the internet): it runs on a stage with the network off.
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { E2E_TOKEN } from '../playwright.config';

const deck = loadDeck();

test('the deck prints to PDF, one page per slide', async ({ page }) => {
  await page.goto('/print');
  await expect(page.getByTestId('handout')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.pdf-page')).toHaveCount(deck.slides.length);
  // The page size the handout asks for (@page, as reveal.js's print view does): the browser's
  // "Save as PDF" uses it too. e2e/handout.spec.ts checks what is on the pages.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(deck.slides.length);
});

test('speaker notes stay with the presenter: not in /live or /print, in /present (never cached) with the token', async ({ request }) => {
  // A phrase from the notes, long enough to be the notes' own words.
  const phrase = deck.slides
    .map((s) => s.notesHtml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
    .flatMap((text) => text.match(/[A-Za-z][A-Za-z ,]{40,}/g) ?? [])
    .map((m) => m.trim().slice(0, 40))
    // Not on a slide, nor in a caption (the handout prints the viewer's captions).
    .find((m) => !deck.slides.some((s) => s.html.includes(m) || s.captionHtml.includes(m)));
  expect(phrase, 'a notes phrase that no slide shows').toBeTruthy();
  for (const route of ['/live', '/print']) expect(await (await request.get(route)).text(), route).not.toContain(phrase);
  const present = await request.get(`/present?token=${E2E_TOKEN}`);
  expect(await present.text()).toContain(phrase);
  expect(present.headers()['cache-control']).toBe('no-store');
});

test('the live server serves its own build, not the static replay build configuration', async ({ request }) => {
  // The static build used to overwrite .next, and the live routes then answered 308 → "/live/".
  for (const route of ['/live', '/replay', '/']) expect((await request.get(route, { maxRedirects: 0 })).status(), route).toBe(200);
});

test('the talk loads with the network off: nothing is fetched from another origin', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL!) || url.startsWith(baseURL!.replace('http', 'ws'))) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  const presenter = await context.newPage();
  await presenter.goto(`/present?token=${E2E_TOKEN}`);
  await expect(presenter.getByTestId('current-slide')).toHaveAttribute('data-ready', 'true');
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto('/live');
  await expect(phone.getByTestId('attendee-slide')).toHaveAttribute('data-ready', 'true');
  // Fonts come from the app itself.
  expect(
    await presenter.evaluate(async () => (await document.fonts.ready, [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))),
  ).toEqual(expect.arrayContaining([expect.stringMatching(/Atkinson Hyperlegible/)]));
  expect(elsewhere).toEqual([]);
  await context.close();
});

test('the placement calculator recomputes on the basis chosen: chart requests or benchmark usage', async ({ page }) => {
  const { rawClient, send } = await import('./support/socket-client');
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide: deck.slides.findIndex((s) => s.id === 'placement-cost'), fragment: -1 });
  presenter.disconnect();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/live');
  const calc = page.getByTestId('placement-calculator');
  await expect(calc).toBeVisible();
  await calc.getByTestId('calc-pods').fill('100');
  await calc.getByTestId('calc-nodes').fill('10');
  await calc.getByTestId('calc-waypoints').fill('5');
  await calc.getByTestId('calc-waypointReplicas').fill('2');
  await calc.getByTestId('calc-l7Percent').fill('40');
  await calc.getByTestId('calc-rps').fill('1000');
  // Reserved: 100 sidecars × 100m / 128 MiB; 10 nodes × (200m + 100m); Cilium's Envoy nothing.
  await expect(calc.getByTestId('calc-row-sidecar')).toContainText('10.00');
  await expect(calc.getByTestId('calc-row-sidecar')).toContainText('12.50');
  await expect(calc.getByTestId('calc-row-ambient')).toContainText('3.00');
  await expect(calc.getByTestId('calc-row-ebpf-l7')).toContainText('0.00');
  await expect(calc).toContainText('Istio 1.31 Helm charts');
  // Used: two sidecar crossings × 0.20 vCPU per 1000 rps; a waypoint for 40 % of the calls.
  await calc.getByTestId('calc-basis-usage').check();
  await expect(calc.getByTestId('calc-row-sidecar')).toContainText('0.40');
  await expect(calc.getByTestId('calc-row-ambient-waypoint')).toContainText('0.22');
  await expect(calc).toContainText('Istio 1.24 performance page');
  await expect(calc.getByTestId('calc-assumptions')).toContainText('does no mTLS');
  await page.screenshot({ path: 'artifacts/screenshots/calculator-phone-390x844.png', fullPage: true });
});
