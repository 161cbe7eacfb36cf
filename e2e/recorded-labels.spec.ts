// Recorded data is called recorded on the projector: on the replay backend (MESH_BACKEND=replay, the
// shipped recording) no demo view on a slide says "live" — only the deck's own titles ("Live: …")
// and the join link do — and each carries the recording's date. Where the recording has nothing for
// a scene's step (retries on eBPF, cut from a copy of the recording here), the big figures and the latency chart say so, and the panel
// keeps to the slide. Screenshots at 1920×1080 go to artifacts/screenshots/recorded/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MODES } from '../lib/mesh/modes';
import { loadDeck } from '../content/load-deck';
import { startReplayServer, type ReplayServer } from './support/replay-server';
import { textRuns } from './support/text-runs';

const PORT = Number(process.env.E2E_RECORDED_LABELS_PORT ?? 3119);
const URL = `http://localhost:${PORT}`;
const SHOTS = 'artifacts/screenshots/recorded';
const SLIDE_BOX = '[data-testid="screen-slide"] .slides';
const deck = loadDeck();
const slideOf = (id: string) => deck.slides.find((s) => s.id === id)!;

let server: ReplayServer | null = null;
let token = '';

test.beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  server = await startReplayServer(PORT, undefined, recordingWithoutEbpfRetries());
  token = server.token;
});

test.afterAll(async () => server?.stop());

/**
 * The shipped recording with one scene step cut out — eBPF on the retries slide (10 % backend
 * errors) — so a step the recording lacks can be shown (the tour records every step of its scenes).
 * Every other slide plays the shipped data.
 */
function recordingWithoutEbpfRetries(): string {
  const recording = JSON.parse(readFileSync('public/recordings/lab-tour.json', 'utf8'));
  const events: { t: number; k: string; state?: { mode: string; load: { errorPercent: number } } }[] = recording.events;
  const from = events.find((e) => e.k === 'demo' && e.state!.mode === 'ebpf' && e.state!.load.errorPercent === 10)!.t;
  const to = events.find((e) => e.t > from && e.k === 'demo' && e.state!.mode !== 'ebpf')!.t;
  recording.events = events.filter((e) => e.t < from || e.t >= to);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-e2e-recording-')), 'without-ebpf-retries.json');
  writeFileSync(file, JSON.stringify(recording));
  return file;
}

const sectionOf = (page: Page, id: string) => page.locator(`[data-testid="screen-slide"] section[data-slide-id="${id}"]`);

/** The projector's window, with the presenter's token (it obeys the talk keys), at `id`. */
async function screenAt(page: Page, id: string): Promise<Locator> {
  if (!page.url().includes('/screen')) {
    await page.goto(`${URL}/screen?token=${token}`);
    await expect(page.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
    // Its keys go to the server once it is connected as a presenter window (before that, they are not the talk's).
    await expect(page.getByTestId('screen-view')).toHaveAttribute('data-role', 'presenter');
  }
  await page.keyboard.type(String(slideOf(id).index + 1));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-slide')).toHaveAttribute('data-slide', String(slideOf(id).index));
  const slot = sectionOf(page, id).locator('.demo-slot');
  await expect(slot.getByTestId('loading-on-demand')).toHaveCount(0, { timeout: 15_000 });
  await expect(slot.locator('figure').first()).toBeVisible();
  return slot;
}

/** Every run of text the room sees in the slide, but its own title (h2) and the join link. */
async function slideTexts(page: Page, id: string): Promise<string[]> {
  const parts = sectionOf(page, id).locator(':scope > :not(h2):not(.join-corner)');
  return (await textRuns(parts, SLIDE_BOX)).map((r) => r.text);
}

test('no demo view on the projector calls recorded data live, and each shows the recording’s date', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const recordedAt = /recorded \d{4}-\d{2}-\d{2}/i;
  for (const id of ['demo-topology', 'demo-latency', 'demo-retries', 'demo-waterfall', 'demo-compare']) {
    const slot = await screenAt(page, id);
    // The views have drawn what they show on this slide before the words are read.
    const first = slot.locator('figure svg, figure table').first();
    await expect(first).toBeVisible({ timeout: 20_000 });
    await expect
      .poll(async () => (await textRuns(slot, SLIDE_BOX)).map((r) => r.text).join(' '), { message: `${id}: the recording's date` })
      .toMatch(recordedAt);
    const live = (await slideTexts(page, id)).filter((t) => /\blive\b/i.test(t));
    expect(live, `${id}: text saying live`).toEqual([]);
    // The date is read from the back of the room too: 24 px or more on a 1920×1080 projector.
    const small = (await textRuns(slot, SLIDE_BOX)).filter((r) => recordedAt.test(r.text) && r.px < 24 - 0.05);
    expect(
      small.map((r) => `"${r.text}" ${r.px.toFixed(1)} px`),
      `${id}: the date's size`,
    ).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${id}-1920x1080.png` });
  }
});

test('a scene step the recording lacks says so, on the big figures and the chart, and keeps to the slide', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const slot = await screenAt(page, 'demo-retries');
  const modes = slideOf('demo-retries').scene!.modes;
  expect(modes[3]).toBe('ebpf');
  // D four times: the scene's policy and its first mode, then each next mode (wait for each).
  for (const mode of modes.slice(0, 4)) {
    await page.keyboard.press('d');
    await expect(slot.getByTestId('screen-demo-mode')).toHaveText(MODES[mode].label, { timeout: 20_000 });
    await expect(slot.getByTestId('switch-progress')).toHaveCount(0, { timeout: 20_000 });
  }
  await expect(slot.getByTestId('big-figures-condition')).toContainText('eBPF · 500 rps');
  await expect(slot.getByTestId('big-figures-condition')).toContainText('backend errors 10%');
  await expect(slot.getByTestId('figures-missing')).toHaveText(/^errors · retries\s*not in the recording$/, { timeout: 20_000 });
  await expect(slot.getByTestId('latency-unrecorded')).toHaveText('not in the recording: eBPF under this policy');
  await expect(slot.getByTestId('latency-switch-marker')).toHaveCount(0);
  const live = (await slideTexts(page, 'demo-retries')).filter((t) => /\blive\b/i.test(t));
  expect(live, 'text saying live').toEqual([]);
  // Nothing of the slide runs past its bottom edge: the panel keeps its height with the notices.
  const overrun = await sectionOf(page, 'demo-retries').evaluate((section) => {
    // The section, and the slide's frame it sits in (a section grows with what overflows it).
    const bottom = Math.min(section.getBoundingClientRect().bottom, section.closest('.slides')!.getBoundingClientRect().bottom);
    const slotEl = section.querySelector('.demo-slot')!;
    const below = [slotEl, ...slotEl.querySelectorAll('*')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && r.bottom > bottom + 1)
      .map(
        ({ el, r }) =>
          `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} ${Math.round(r.bottom - bottom)} px`,
      );
    return below;
  });
  expect(overrun, 'past the slide’s bottom edge').toEqual([]);
  const runs = await textRuns(slot, SLIDE_BOX);
  expect(runs.filter((r) => r.outside).map((r) => r.text)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/demo-retries-ebpf-unrecorded-1920x1080.png` });
});
