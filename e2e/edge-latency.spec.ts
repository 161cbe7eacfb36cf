// Edge latency on the topology (issue 34): in every mode, on the projector (/screen) and on a phone
// (/live), every drawn call carries its figure, and the figures plus the remainder the caption
// shows add up to the end-to-end total it shows — in µs, and as written. On the projector the
// test also builds the waterfall (lib/viz/waterfall.ts) from the very hop sample and latency window
// the page drew (the caption names both, the test's own presenter socket received them): the
// total the topology writes is the waterfall's, in the same rounding. Screenshots of both, every
// mode: artifacts/screenshots/edge-latency/.
import { mkdirSync, rmSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { unpackHops } from '../lib/contract/wire/hops-wire';
import { unpackWindow, type PackedWindow } from '../lib/contract/wire/window-wire';
import type { DemoState } from '../lib/mesh/demo-state';
import { MODE_IDS, type ModeId } from '../lib/mesh/modes';
import type { HopsSample, LatencyWindow } from '../lib/mesh/telemetry';
import { until } from '../lib/testing/until';
import { ms } from '../lib/viz/format';
import { waterfall } from '../lib/viz/waterfall';
import { E2E_TOKEN } from '../playwright.config';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { expectDeckAt } from './support/deck-position';
import { rawClient, resetShared, send, type RawClient } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/edge-latency';
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });

test.beforeEach(async () => resetShared());

interface Shown {
  calls: { call: string; kind: string; us: number; text: string }[];
  restUs: number;
  totalUs: number;
  restText: string;
  totalText: string;
  hopsAt: number | null;
  latencyAt: number | null;
}

/** The figures and the caption as drawn, read in one go (one render of the view). */
async function shown(view: Locator): Promise<Shown> {
  return view.evaluate((root) => {
    const caption = root.querySelector('[data-testid="topo-edge-caption"]')!;
    const num = (v: string | null) => (v === null ? null : Number(v));
    return {
      calls: [...root.querySelectorAll('[data-testid="topo-edge-figure"]')].map((g) => ({
        call: g.getAttribute('data-call')!,
        kind: g.getAttribute('data-kind')!,
        us: Number(g.getAttribute('data-us')),
        text: g.querySelector('[data-figure]')!.textContent!,
      })),
      restUs: Number(caption.getAttribute('data-rest-us')),
      totalUs: Number(caption.getAttribute('data-total-us')),
      restText: caption.querySelector('[data-testid="topo-edge-rest"]')!.textContent!,
      totalText: caption.querySelector('[data-testid="topo-edge-total"]')!.textContent!,
      hopsAt: num(caption.getAttribute('data-hops-at')),
      latencyAt: num(caption.getAttribute('data-latency-at')),
    };
  });
}

/** A figure as written ("0.077 ms", "≥0.003 ms") in ms, and half its last digit (its rounding). */
function written(text: string): { value: number; half: number } {
  const m = /^≥?(\d+(?:\.(\d+))?)( ms)?$/.exec(text.trim());
  expect(m, `a figure: "${text}"`).not.toBeNull();
  return { value: Number(m![1]), half: 0.5 * 10 ** -(m![2]?.length ?? 0) };
}

/** Σ calls + remainder = total, exactly in µs and as written (within the rounding of what is written). */
function addsUp(s: Shown, mode: ModeId, where: string): void {
  expect(s.calls.length, `${where} ${mode}: one figure per call`).toBe(3);
  const sumUs = s.calls.reduce((n, c) => n + c.us, 0);
  expect(sumUs + s.restUs, `${where} ${mode}: µs`).toBe(s.totalUs);
  const numbers = s.calls.filter((c) => c.kind === 'timed' || c.kind === 'partly').map((c) => written(c.text));
  const rest = written(s.restText);
  const total = written(s.totalText);
  // As written, exactly: the remainder is written so that the numbers on screen add up.
  const sum = numbers.reduce((n, f) => n + f.value, 0) + rest.value;
  expect(Math.abs(sum - total.value), `${where} ${mode}: ${s.calls.map((c) => c.text).join(' + ')} + ${s.restText} = ${s.totalText}`).toBeLessThan(1e-9);
  // And the written remainder is the true one within the rounding of what is written.
  const slack = numbers.reduce((n, f) => n + f.half, 0) + total.half + 1e-9;
  expect(Math.abs(rest.value - s.restUs / 1000), `${where} ${mode}: remainder ${s.restText} vs ${s.restUs} µs`).toBeLessThanOrEqual(slack);
  if (mode === 'none' || mode === 'ebpf') expect(s.calls.map((c) => c.text)).toEqual(['no proxy', 'no proxy', 'no proxy']);
  else
    expect(
      s.calls.every((c) => c.kind !== 'no-proxy'),
      `${where} ${mode}: proxies on every call`,
    ).toBe(true);
}

/** Switches to `mode` and waits until it measured a request and (with proxies) sent a hop sample. */
async function switchTo(presenter: RawClient, mode: ModeId): Promise<void> {
  let measured = false;
  let sampled = false;
  const onWindows = (packed: PackedWindow[]) => (measured ||= packed.map(unpackWindow).some((w) => w.mode === mode && w.cumulative.count > 0));
  const onHops = (packed: Parameters<typeof unpackHops>[0]) => (sampled ||= unpackHops(packed).mode === mode);
  presenter.on('latency:windows', onWindows);
  presenter.on('hops:sample', onHops);
  try {
    await send(presenter, 'mode:set', { mode });
    await until(() => measured && sampled, 60_000, 50, `${mode}: no window with a request and no hop sample`);
  } finally {
    presenter.off('latency:windows', onWindows);
    presenter.off('hops:sample', onHops);
  }
}

/** The view has a figure on every call (not "waiting for per-hop timing"). */
async function figuresDrawn(view: Locator): Promise<void> {
  await expect(view.getByTestId('topo-edge-figure')).toHaveCount(3, { timeout: 20_000 });
  await expect(view.getByTestId('topo-edge-total')).toBeVisible();
}

const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('every call on the topology carries its proxies’ time, adding up to the waterfall’s total, on the projector and a phone in every mode', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const slide = deck.slides.find((s) => s.id === 'demo-topology')!;
  const presenter = await rawClient('presenter');
  // Every sample and window the projector may draw, by its time (the projector is a presenter connection too).
  const samples = new Map<number, HopsSample>();
  const windows = new Map<number, LatencyWindow>();
  presenter.on('hops:sample', (p) => {
    const s = unpackHops(p);
    samples.set(s.at, s);
  });
  presenter.on('latency:windows', (p) => p.map(unpackWindow).forEach((w) => windows.set(w.at, w)));
  await send(presenter, 'deck:goto', { slide: slide.index, fragment: slide.fragments - 1 });

  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen?token=${E2E_TOKEN}`);
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  await expectDeckAt(screen, 'screen-slide', slide.index, slide.fragments - 1);
  const projected = screen.locator(`[data-testid="screen-slide"] section[data-slide-id="${slide.id}"]`).getByTestId('viz-topology');

  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await phoneCtx.newPage());
  await phone.open();
  await phone.expectAt(slide.index, slide.fragments - 1);
  const onPhone = phone.page.getByTestId('viz-topology');

  const problems: string[] = [];
  for (const mode of MODE_IDS) {
    await switchTo(presenter, mode);
    const sync = (await send(presenter, 'state:sync', {})) as { ok: boolean; data: { demo: DemoState } };
    const topology = sync.data.demo.topology;
    expect(topology?.mode).toBe(mode);

    // The projector: the figures add up, and the total is the waterfall's of the same sample and window.
    await figuresDrawn(projected);
    await expect
      .poll(async () => (await shown(projected)).latencyAt !== null && windows.has((await shown(projected)).latencyAt!), { timeout: 10_000 })
      .toBe(true);
    const s = await shown(projected);
    addsUp(s, mode, 'projector');
    const latency = windows.get(s.latencyAt!)!;
    const hops = s.hopsAt === null ? null : (samples.get(s.hopsAt) ?? null);
    if (s.hopsAt !== null) expect(hops, `${mode}: the sample the projector drew (at ${s.hopsAt}) reached the test's socket`).not.toBeNull();
    const w = waterfall(topology, hops, latency)!;
    expect(s.totalUs, `${mode}: the waterfall's total`).toBe(w.totalUs);
    expect(s.totalText, `${mode}: the waterfall's total as written`).toBe(ms(w.totalUs));
    for (const c of s.calls) {
      const [from, to] = c.call.split('>');
      const bars = w.bars.filter((b) => b.call?.from === from && b.call?.to === to && b.timed);
      expect(c.us, `${mode} ${c.call}: the waterfall's bars of this call`).toBe(bars.reduce((n, b) => n + b.us, 0));
    }
    await projected.scrollIntoViewIfNeeded();
    await settle(screen);
    await screen.screenshot({ path: `${SHOTS}/screen-1920x1080-${mode}.png` });

    // The phone: its own sample (one in four reaches the room), adding up the same way.
    await figuresDrawn(onPhone);
    addsUp(await shown(onPhone), mode, 'phone');
    // What the phone shows with the drawing scrolled to the top, and the whole figure with its caption.
    await onPhone.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -48); // clear of the sticky position line
    });
    await settle(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/phone-390x844-${mode}.png` });
    await onPhone.screenshot({ path: `${SHOTS}/phone-390x844-${mode}-figure.png` });
    // Clipped or overlapping figures would show in the pictures; the layout test rules out overlap.
    const clipped = await onPhone.evaluate((root) => {
      const box = root.querySelector('svg')!.getBoundingClientRect();
      return [...root.querySelectorAll('[data-testid="topo-edge-figure"] rect')]
        .map((r) => r.getBoundingClientRect())
        .filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5).length;
    });
    if (clipped > 0) problems.push(`phone ${mode}: ${clipped} figure(s) outside the drawing`);
  }
  // The console shows the same slide with its figures (the last mode: eBPF + node L7).
  const consoleCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await consoleCtx.newPage());
  await console_.open();
  await console_.expectAt(slide.index, slide.fragments - 1);
  const onConsole = console_.deck().getByTestId('viz-topology');
  await figuresDrawn(onConsole);
  addsUp(await shown(onConsole), MODE_IDS.at(-1)!, 'console');
  await settle(console_.page);
  await console_.page.screenshot({ path: `${SHOTS}/present-1920x1080-${MODE_IDS.at(-1)}.png` });
  await consoleCtx.close();
  expect(problems).toEqual([]);
  presenter.disconnect();
  await screenCtx.close();
  await phoneCtx.close();
});
