// The room can read the demo: on the projector's window (/screen) every run of text in every demo
// view, poll and calculator renders at 24 px or more on a 1920×1080 projector, and at 14 px or more
// on a 1024×768 one (reveal.js scales the slide with the window), and none runs off the slide.
// Each slide is driven into the state its story needs (a mode, errors and retries, a delay) and
// measured once its views show data. Screenshots at 1920×1080, 1280×720 and 1024×768 go to
// artifacts/screenshots/screen/.
import { mkdirSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Slide } from '../lib/deck/types';
import { MODE_IDS, type ModeId } from '../lib/mesh/modes';
import { until } from '../lib/testing/until';
import type { DemoState } from '../lib/mesh/demo-state';
import { DEFAULT_POLICY } from '../lib/mesh/policies';
import { unpackWindow, type PackedWindow } from '../lib/contract/wire/window-wire';
import { E2E_TOKEN } from '../playwright.config';
import { loadDeck } from '../content/load-deck';
import { PresenterPage } from './pages/presenter-page';
import { expectDeckAt } from './support/deck-position';
import { cutLabels } from './support/labels';
import { animationsSettled } from './support/settled';
import { rawClient, resetShared, send, type RawClient } from './support/socket-client';
import { textRuns } from './support/text-runs';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/screen';
/** Smallest rendered text, in CSS pixels of the projector's window, by window size. */
const FLOOR_PX: Record<string, number> = { '1920x1080': 24, '1024x768': 14 };
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];
const SLIDE_BOX = '[data-testid="screen-slide"] .slides';

rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });

test.beforeEach(async () => resetShared());

/** What each slide's story needs on stage, and what its views show once they have data. */
interface Story {
  /** Modes to switch through first, each until it measured a request (the talk's topology tour). */
  tour?: readonly ModeId[];
  mode?: ModeId;
  policy?: typeof DEFAULT_POLICY;
  errorPercent?: number;
  ready: (slot: Locator) => Promise<void>;
}

const drawn = async (slot: Locator) => {
  await expect(slot.getByTestId('viz-topology').locator('svg').first()).toBeVisible({ timeout: 20_000 });
  await expect(slot.getByTestId('latency-line-p50')).toHaveAttribute('d', /M/, { timeout: 20_000 });
};

const STORIES: Record<string, Story> = {
  'demo-baseline': { mode: 'none', ready: drawn },
  // Every mode in turn, as the talk does: the latency and comparison slides then draw six curves and rows.
  'demo-topology': {
    tour: MODE_IDS,
    mode: 'sidecar',
    ready: (slot) => expect(slot.locator('[data-testid="topo-proxy-sidecar"]:not([data-presence="exit"])')).toHaveCount(4, { timeout: 20_000 }),
  },
  'demo-latency': {
    mode: 'sidecar',
    ready: async (slot) => {
      await expect(slot.getByTestId('latency-line-p50')).toHaveAttribute('d', /M/, { timeout: 20_000 });
      await expect(slot.getByTestId('distribution-sidecar')).toBeVisible({ timeout: 20_000 });
    },
  },
  // The story's numbers, large: errors and retries per second with the backend failing 10 %.
  'demo-retries': {
    mode: 'sidecar',
    errorPercent: 10,
    policy: { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } },
    ready: async (slot) => {
      await drawn(slot);
      await expect(slot.getByTestId('figure-errors')).toHaveAttribute('data-value', /\d/, { timeout: 20_000 });
      // The sidecars retry what the backend fails: retries show up within a few windows.
      await expect(slot.getByTestId('figure-retries')).toHaveAttribute('data-value', /^(?!0\.0$)\d/, { timeout: 20_000 });
      await expect(slot.getByTestId('big-figures-condition')).toContainText('backend errors 10%');
    },
  },
  // p50 and p99 under a 100 ms delay on 30 % of calls, and the delay on the chart's scale.
  'demo-faults': {
    mode: 'sidecar',
    policy: { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, delayPercent: 30, delayMs: 100 } },
    ready: async (slot) => {
      await drawn(slot);
      for (const id of ['p50', 'p99']) await expect(slot.getByTestId(`figure-${id}`)).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
      // Two requests in three meet a delay at one of their three calls: p50 moves up by one delay.
      await expect
        .poll(async () => Number(await slot.getByTestId('figure-p50').getAttribute('data-value')), { message: 'p50 with the delay', timeout: 30_000 })
        .toBeGreaterThanOrEqual(50);
      await expect(slot.getByTestId('big-figures-condition')).toContainText('delay 100 ms on 30%');
      await expect
        .poll(async () => Math.max(...(await slot.getByTestId('latency-y-tick').allTextContents()).map(Number)), {
          message: 'the delay on the scale',
          timeout: 5_000,
        })
        .toBeGreaterThanOrEqual(100);
    },
  },
  'demo-waterfall': {
    mode: 'sidecar',
    ready: async (slot) => {
      await expect(slot.getByTestId('waterfall-bar-sidecar')).toHaveCount(6, { timeout: 20_000 });
      await expect(slot.getByTestId('overhead-proxy')).toHaveCount(4, { timeout: 20_000 });
    },
  },
  'demo-compare': {
    mode: 'sidecar',
    ready: async (slot) => {
      for (const mode of ['none', 'sidecar']) await expect(slot.getByTestId(`compare-${mode}`)).toHaveAttribute('data-measured', 'true', { timeout: 20_000 });
    },
  },
};

const isLegibilitySlide = (s: Slide) => Boolean(s.demo || s.poll || s.attrs['data-calc']);

/** The slide's live parts: the demo, the poll's results, the calculator. */
const slotsOf = (page: Page, slide: Slide) =>
  page.locator(`[data-testid="screen-slide"] section[data-slide-id="${slide.id}"]`).locator('.demo-slot, .poll-slot, .calc-slot');

/**
 * Runs `change` (a mode, a policy, a load) and waits until the measurements have restarted under
 * it and have a request in: the lab restarts a condition's cumulative figures when it changes
 * (the waterfall, the comparison and the big figures draw them), and a view checked before that
 * would be measured empty a moment later. Seen on the presenter's own socket, subscribed first.
 */
async function underNewCondition(presenter: RawClient, mode: ModeId, change: () => Promise<boolean>): Promise<void> {
  const seen: { mode: ModeId; count: number }[] = [];
  const onWindows = (packed: PackedWindow[]) => seen.push(...packed.map(unpackWindow).map((w) => ({ mode: w.mode, count: w.cumulative.count })));
  presenter.on('latency:windows', onWindows);
  try {
    const changed = await change();
    await until(() => {
      // A restart: this mode's count starting over (or its first window), then a request counted.
      const restart = seen.findIndex((w, i) => w.mode === mode && (i === 0 || seen[i - 1]!.mode !== mode || w.count < seen[i - 1]!.count));
      const from = changed ? restart : 0;
      return from >= 0 && seen.slice(from).some((w) => w.mode === mode && w.count > 0);
    }, 30_000);
  } finally {
    presenter.off('latency:windows', onWindows);
  }
}

async function stage(presenter: RawClient, slide: Slide): Promise<void> {
  if (slide.poll) {
    await send(presenter, 'poll:set', { pollId: slide.poll.id, status: 'open' });
    // A few of the room's votes, so the bars have lengths (a numeric poll: a few numbers).
    for (const option of slide.poll.options.slice(0, 3)) {
      const phone = await rawClient('attendee');
      await send(phone, 'poll:vote', { pollId: slide.poll.id, option: option.id });
      phone.disconnect();
    }
    const range = slide.poll.number;
    if (range)
      for (const t of [0.3, 0.45, 0.5, 0.7]) {
        const phone = await rawClient('attendee');
        const value = range.scale === 'log' ? range.min * (range.max / range.min) ** t : range.min + t * (range.max - range.min);
        await send(phone, 'poll:estimate', { pollId: slide.poll.id, value });
        phone.disconnect();
      }
    return;
  }
  const story = STORIES[slide.id];
  if (!story) return;
  for (const mode of story.tour ?? []) {
    const now = (await send(presenter, 'state:sync', {})) as { ok: boolean; data: { demo: DemoState } };
    if (now.data.demo.mode !== mode) await underNewCondition(presenter, mode, async () => (await send(presenter, 'mode:set', { mode }), true));
  }
  const sync = (await send(presenter, 'state:sync', {})) as { ok: boolean; data: { demo: DemoState } };
  expect(sync.ok, 'state:sync').toBe(true);
  const demo = sync.data.demo;
  const mode = story.mode ?? demo.mode;
  const policy = story.policy ?? DEFAULT_POLICY;
  const load = { ...demo.load, errorPercent: story.errorPercent ?? 0 };
  await underNewCondition(presenter, mode, async () => {
    const samePolicy = isDeepStrictEqual(policy, demo.policy);
    const same = mode === demo.mode && samePolicy && load.errorPercent === demo.load.errorPercent;
    if (mode !== demo.mode) await send(presenter, 'mode:set', { mode });
    if (!samePolicy) await send(presenter, 'policy:set', policy);
    if (load.errorPercent !== demo.load.errorPercent) await send(presenter, 'load:set', load);
    return !same;
  });
}

/** reveal.js has scaled the slide to the window: what it computes (0.06 margin, 1280×720). */
async function scaledTo(page: Page, width: number, height: number): Promise<void> {
  const scale = Math.min((width * 0.94) / 1280, (height * 0.94) / 720);
  await page.waitForFunction(
    ([selector, s]) => {
      const el = document.querySelector(selector as string) as HTMLElement | null;
      return el !== null && Math.abs(el.getBoundingClientRect().width / el.offsetWidth - (s as number)) < 0.01;
    },
    [SLIDE_BOX, scale] as const,
    { polling: 'raf', timeout: 5_000 },
  );
}

test('every demo, poll and calculator view on the projector reads from the back of the room', async ({ browser }) => {
  test.setTimeout(400_000);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`/screen?token=${E2E_TOKEN}`);
  await expect(page.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  const presenter = await rawClient('presenter');
  const problems: string[] = [];
  const table: string[] = [];
  const slides = deck.slides.filter(isLegibilitySlide);
  expect(slides.length).toBeGreaterThan(0);
  for (const slide of slides) {
    await page.setViewportSize(SIZES[0]!);
    // On the slide first: leaving a scene's slide puts the default policy back (scene-runner.ts).
    await send(presenter, 'deck:goto', { slide: slide.index, fragment: slide.fragments - 1 });
    await stage(presenter, slide);
    await expectDeckAt(page, 'screen-slide', slide.index, slide.fragments - 1);
    const slots = slotsOf(page, slide);
    await expect(slots.first()).toBeAttached();
    // The views have data: the story's own condition, and nothing still loading.
    await expect(slots.getByTestId('loading-on-demand')).toHaveCount(0, { timeout: 15_000 });
    await STORIES[slide.id]?.ready(slots);
    if (slide.poll) await expect(slots.getByTestId('screen-poll')).toHaveAttribute('data-status', 'open');
    if (slide.attrs['data-calc']) await expect(slots.getByTestId('calc-given')).toContainText('500 pods');
    await animationsSettled(page);
    const row: string[] = [slide.id];
    for (const size of SIZES) {
      const at = `${size.width}x${size.height}`;
      await page.setViewportSize(size);
      await scaledTo(page, size.width, size.height);
      await animationsSettled(page);
      const runs = await textRuns(slots, SLIDE_BOX);
      if (runs.length === 0) problems.push(`${slide.id} at ${at}: no text shown`);
      const smallest = runs.reduce((a, r) => (r.px < a.px ? r : a), { text: '', px: Infinity, outside: false });
      row.push(runs.length ? `${smallest.px.toFixed(1)} px ("${smallest.text.slice(0, 24)}")` : '—');
      const floor = FLOOR_PX[at];
      if (floor)
        for (const r of runs.filter((x) => x.px < floor - 0.05)) problems.push(`${slide.id} at ${at}: "${r.text}" at ${r.px.toFixed(1)} px (< ${floor})`);
      for (const r of runs.filter((x) => x.outside)) problems.push(`${slide.id} at ${at}: "${r.text}" runs off the slide`);
      if (at === '1920x1080') for (const cut of await cutLabels(slots)) problems.push(`${slide.id}: ${cut}`);
      await page.screenshot({ path: `${SHOTS}/${slide.id}-${at}.png` });
    }
    table.push(row.join(' | '));
  }
  presenter.disconnect();
  const report = ['slide | 1920×1080 | 1280×720 | 1024×768', ...table].join('\n');
  test.info().annotations.push({ type: 'smallest text per slide', description: report });
  console.log(report);
  expect(problems).toEqual([]);
  await context.close();
});

test("the projector's calculator shows what the console types, with nothing to type into", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await context.newPage());
  await console_.open();
  const [screen] = await Promise.all([console_.page.waitForEvent('popup'), console_.page.keyboard.press('s')]);
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  const slide = deck.slides.find((s) => s.attrs['data-calc'])!;
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide: slide.index, fragment: -1 });
  presenter.disconnect();
  await expectDeckAt(screen, 'screen-slide', slide.index, -1);
  const shown = screen.getByTestId('screen-slide').getByTestId('calc-given');
  await expect(shown).toContainText('500 pods');
  await console_.page.getByTestId('current-slide').getByTestId('calc-pods').fill('1234');
  await console_.page.getByTestId('current-slide').getByTestId('calc-basis-usage').check();
  await expect(shown).toContainText('1,234 pods');
  await expect(shown).toContainText('used (Istio benchmark)');
  await expect(screen.getByTestId('screen-slide').getByTestId('calc-row-sidecar')).toContainText('1,234');
  await expect(screen.locator('input:visible')).toHaveCount(0);
  // The usage basis says more per row: still legible, still on the slide.
  const runs = await textRuns(screen.locator(`[data-testid="screen-slide"] section[data-slide-id="${slide.id}"] .calc-slot`), SLIDE_BOX);
  expect(runs.filter((r) => r.px < FLOOR_PX['1920x1080']! - 0.05 || r.outside).map((r) => `"${r.text}" ${r.px.toFixed(1)} px`)).toEqual([]);
  await screen.screenshot({ path: `${SHOTS}/${slide.id}-usage-1920x1080.png` });
  // The server holds the console's numbers: back as they were for the next spec.
  await console_.page.getByTestId('current-slide').getByTestId('calc-pods').fill('500');
  await console_.page.getByTestId('current-slide').getByTestId('calc-basis-requests').check();
  await expect(shown).toContainText('500 pods');
  await context.close();
});
