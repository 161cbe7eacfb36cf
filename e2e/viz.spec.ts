// The live visualizations on the real lab, in every mode, on the projector (presenter view,
// 1920×1080) and a phone (390×844): the topology draws what the lab runs, the charts fill, and
// the pages pass an axe-core accessibility check. Screenshots go to artifacts/screenshots.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expectNoCutLabels, sidewaysTables } from './support/labels';
import { overflowingCells } from './support/cells';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { MODE_IDS, type ModeId } from '../lib/mesh/modes';
import { loadDeck } from '../content/load-deck';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { animationsSettled } from './support/settled';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots';
mkdirSync(SHOTS, { recursive: true });
const slideOf = (id: string) => {
  const i = deck.slides.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no slide ${id}`);
  return i;
};

test.beforeEach(async () => resetShared());

async function goto(slide: number) {
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide, fragment: -1 });
  presenter.disconnect();
}

async function openBoth(browser: Browser) {
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const phone = new AttendeePage(await phoneContext.newPage());
  await Promise.all([presenter.open(), phone.open()]);
  await expect(presenter.page.getByTestId('demo-controls').getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  return { presenter, phone, close: () => Promise.all([presenterContext.close(), phoneContext.close()]) };
}

/** Proxy glyphs that are on screen (not on their way out). */
const glyphs = (page: Page, kind: string) => page.locator(`[data-testid="topo-proxy-${kind}"]:not([data-presence="exit"])`);

const EXPECTED: Record<ModeId, Partial<Record<'sidecar' | 'ztunnel' | 'waypoint' | 'node-l7', number>>> = {
  none: {},
  sidecar: { sidecar: 4 },
  ambient: { ztunnel: 2 },
  'ambient-waypoint': { ztunnel: 2, waypoint: 1 },
  ebpf: {},
  'ebpf-l7': { 'node-l7': 1 },
};

test('topology in every mode: the proxies the lab runs, where they run, on the projector and a phone', async ({ browser }) => {
  test.setTimeout(180_000);
  const { presenter, phone, close } = await openBoth(browser);
  await goto(slideOf('demo-topology'));
  const netns = (await presenter.page.getByTestId('demo-controls').getByTestId('backend-status').textContent())?.includes('netns');
  for (const mode of MODE_IDS) {
    await presenter.page.getByTestId(`mode-${mode}`).click();
    await expect(presenter.page.getByTestId(`mode-${mode}`)).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
    for (const page of [presenter.page, phone.page]) {
      const view = page.getByTestId(page === phone.page ? 'demo-dashboard' : 'slide-demo-dashboard').getByTestId('viz-topology');
      for (const kind of ['sidecar', 'ztunnel', 'waypoint', 'node-l7'] as const) {
        await expect(view.locator(`[data-testid="topo-proxy-${kind}"]:not([data-presence="exit"])`), `${mode}: ${kind}`).toHaveCount(EXPECTED[mode][kind] ?? 0);
      }
      // The kernel strip lights up only where eBPF programs are really loaded (netns tier).
      const kernelOn = Boolean(netns) && mode.startsWith('ebpf');
      await expect(view.getByTestId('topo-kernel-node-a')).toHaveAttribute('data-active', String(kernelOn));
      // Links say how calls travel: HBONE only in ambient modes, mTLS only between sidecars.
      await expect(view.getByTestId('topo-link-hbone').first()).toHaveCount(mode.startsWith('ambient') ? 1 : 0);
      await expect(view.getByTestId('topo-link-mtls').first()).toHaveCount(mode === 'sidecar' ? 1 : 0);
      // Pods never move on a switch.
      await expect(view.getByTestId('topo-pod-inventory')).toBeVisible();
    }
    await expect(glyphs(presenter.page, 'sidecar')).toHaveCount(EXPECTED[mode].sidecar ?? 0);
    // The kernel strip's label names the eBPF programs loaded: cut to its strip, never into node-b.
    await expectNoCutLabels(presenter.page.getByTestId('slide-demo-dashboard'), `topology ${mode}, projector`);
    await expectNoCutLabels(phone.page.getByTestId('demo-dashboard'), `topology ${mode}, phone`);
    await expect(presenter.page.getByTestId('viz-topology-summary').first()).toContainText(mode === 'none' ? 'No mesh' : '', { timeout: 6_000 });
    await animationsSettled(presenter.page); // proxies finish popping in
    await presenter.page.screenshot({ path: `${SHOTS}/viz-topology-${mode}-presenter-1920x1080.png` });
    await phone.page.screenshot({ path: `${SHOTS}/viz-topology-${mode}-phone-390x844.png`, fullPage: true });
    // The topology alone at the phone's size: every label clear of the particles.
    await phone.page
      .getByTestId('demo-dashboard')
      .getByTestId('viz-topology')
      .screenshot({ path: `${SHOTS}/viz-topology-${mode}-phone-390-view.png` });
  }
  await close();
});

test('latency, waterfall and comparison fill with what the lab measured', async ({ browser }) => {
  test.setTimeout(120_000);
  const { presenter, phone, close } = await openBoth(browser);
  await goto(slideOf('demo-latency'));
  const slide = presenter.page.getByTestId('slide-demo-dashboard');
  await expect(slide.getByTestId('latency-line-p50')).toHaveAttribute('d', /M/, { timeout: 15_000 });
  await presenter.page.getByTestId('mode-sidecar').click();
  await expect(slide.locator('[data-testid="latency-switch-marker"][data-mode="sidecar"]').last()).toBeAttached({ timeout: 15_000 });
  await expect(slide.getByTestId('distribution-sidecar')).toBeVisible({ timeout: 15_000 });
  await expect(slide.getByTestId('distribution-none')).toBeVisible();
  await expectNoCutLabels(slide, 'latency, projector');
  await expectNoCutLabels(phone.page.getByTestId('demo-dashboard'), 'latency, phone');
  await presenter.page.screenshot({ path: `${SHOTS}/viz-latency-presenter-1920x1080.png` });
  await phone.page.screenshot({ path: `${SHOTS}/viz-latency-phone-390x844.png`, fullPage: true });

  await goto(slideOf('demo-waterfall'));
  // Six sidecar listeners on the path, each with its own time, then the rest.
  await expect(slide.getByTestId('waterfall-bar-sidecar')).toHaveCount(6, { timeout: 15_000 });
  await expect(slide.getByTestId('waterfall-bar-rest')).toHaveCount(1);
  await expect(slide.getByTestId('overhead-proxy')).toHaveCount(4);
  await expect(phone.page.getByTestId('demo-dashboard').getByTestId('waterfall-bar-sidecar')).toHaveCount(6);
  await expectNoCutLabels(slide, 'waterfall-sidecar, projector');
  // Each label ends before its bar starts.
  const overlaps = await slide
    .locator('[data-testid^="waterfall-bar-"]')
    .evaluateAll((groups) =>
      groups
        .filter((g) => g.querySelector('text')!.getBoundingClientRect().right > g.querySelector('rect')!.getBoundingClientRect().left + 1)
        .map((g) => g.querySelector('text')!.textContent),
    );
  expect(overlaps, 'waterfall labels running under their bars').toEqual([]);
  await expectNoCutLabels(phone.page.getByTestId('demo-dashboard'), 'waterfall-sidecar, phone');
  // The cost tables: every number inside its own column, on the phone and the projector.
  await expect(phone.page.getByTestId('demo-dashboard').getByTestId('overhead-mode-sidecar')).toBeVisible();
  expect(await overflowingCells(phone.page.getByTestId('demo-dashboard').getByTestId('viz-overhead')), 'cost tables, 390 px phone').toEqual([]);
  expect(await overflowingCells(slide.getByTestId('viz-overhead')), 'cost tables, projector').toEqual([]);
  await presenter.page.screenshot({ path: `${SHOTS}/viz-waterfall-sidecar-presenter-1920x1080.png` });
  await phone.page.screenshot({ path: `${SHOTS}/viz-waterfall-sidecar-phone-390x844.png`, fullPage: true });
  await phone.page
    .getByTestId('demo-dashboard')
    .getByTestId('viz-overhead')
    .screenshot({ path: `${SHOTS}/viz-overhead-phone-390-view.png` });

  await presenter.page.getByTestId('mode-ambient').click();
  await goto(slideOf('demo-compare'));
  await expect(slide.getByTestId('compare-ambient')).toHaveAttribute('data-measured', 'true', { timeout: 15_000 });
  for (const mode of ['none', 'sidecar'] as const) await expect(slide.getByTestId(`compare-${mode}`)).toHaveAttribute('data-measured', 'true');
  await expect(slide.getByTestId('compare-sidecar')).toContainText('6');
  await expectNoCutLabels(slide, 'compare, projector');
  await expectNoCutLabels(phone.page.getByTestId('demo-dashboard'), 'compare, phone');
  // Upright, the table keeps its L7 and mTLS columns in view: nothing to scroll sideways to.
  expect(await sidewaysTables(phone.page.getByTestId('demo-dashboard'))).toEqual([]);
  const mtlsCell = phone.page.getByTestId('compare-sidecar').locator('td:visible').last();
  await expect(mtlsCell).toHaveText('✓');
  expect(await mtlsCell.evaluate((td) => td.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
  await presenter.page.screenshot({ path: `${SHOTS}/viz-compare-presenter-1920x1080.png` });
  await phone.page.screenshot({ path: `${SHOTS}/viz-compare-phone-390x844.png`, fullPage: true });
  await close();
});

test('accessibility: no serious or critical axe-core violations on the demo and poll views', async ({ browser }) => {
  test.setTimeout(150_000);
  const { presenter, phone, close } = await openBoth(browser);
  await presenter.page.getByTestId('mode-sidecar').click();
  for (const id of ['predict-p99', 'demo-baseline', 'demo-topology', 'demo-latency', 'demo-waterfall', 'demo-compare']) {
    await goto(slideOf(id));
    await expect(phone.page.getByTestId(id === 'predict-p99' ? 'poll' : 'demo-dashboard')).toBeVisible();
    await Promise.all([animationsSettled(presenter.page), animationsSettled(phone.page)]);
    // Both screens at once: each page has its own renderer process.
    const results = await Promise.all([presenter.page, phone.page].map((page) => new AxeBuilder({ page }).analyze()));
    results.forEach((result, i) => {
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const where = `${id} ${i === 1 ? 'phone' : 'presenter'}`;
      expect(
        bad.map(
          (v) =>
            `${where}: ${v.id} — ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        ),
      ).toEqual([]);
    });
  }
  await close();
});

test('a 360 px phone never scrolls sideways on any demo view; reduced motion stills the particles, and without it they move', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
  const phone = new AttendeePage(await context.newPage());
  await phone.open();
  const presenter = await rawClient('presenter');
  await send(presenter, 'mode:set', { mode: 'sidecar' });
  for (const id of ['demo-baseline', 'demo-topology', 'demo-latency', 'demo-waterfall', 'demo-compare']) {
    await send(presenter, 'deck:goto', { slide: slideOf(id), fragment: -1 });
    await expect(phone.page.getByTestId('demo-dashboard')).toBeVisible();
    await animationsSettled(phone.page);
    // The comparison table scrolls inside its own focusable region; the page itself never does.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth), id).toBeLessThanOrEqual(360);
    expect(await overflowingCells(phone.page.getByTestId('demo-dashboard')), `${id}: table cells, 360 px phone`).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/viz-${id}-phone-360x780.png`, fullPage: true });
    if (id === 'demo-waterfall') await phone.page.getByTestId('viz-overhead').screenshot({ path: `${SHOTS}/viz-overhead-phone-360-view.png` });
  }
  // The placement calculator below its slide too, on both of its bases.
  await send(presenter, 'deck:goto', { slide: slideOf('placement-cost'), fragment: -1 });
  for (const basis of ['requests', 'usage'] as const) {
    await phone.page.getByTestId(`calc-basis-${basis}`).check();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth), `calculator, ${basis}`).toBeLessThanOrEqual(360);
  }
  await phone.page.screenshot({ path: `${SHOTS}/calculator-phone-360x780.png`, fullPage: true });
  await send(presenter, 'deck:goto', { slide: slideOf('demo-topology'), fragment: -1 });
  await expect(phone.page.getByTestId('viz-topology').locator('svg[data-reduced-motion]').first()).toHaveAttribute('data-reduced-motion', 'true');
  // The animated view (every other spec prefers reduced motion): particles on their way.
  const moving = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, reducedMotion: 'no-preference' });
  const animated = new AttendeePage(await moving.newPage());
  await animated.open();
  await expect(animated.page.getByTestId('viz-topology').locator('svg[data-reduced-motion]').first()).toHaveAttribute('data-reduced-motion', 'false');
  await animated.page.screenshot({ path: `${SHOTS}/viz-demo-topology-phone-360x780-moving.png` });
  presenter.disconnect();
  await Promise.all([context.close(), moving.close()]);
});
