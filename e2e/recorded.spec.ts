// Recorded data never contradicts its panel: on the replay backend (MESH_BACKEND=replay, the shipped
// recording) the retries and faults scenes show what the recording measured under that mode and
// policy — errors only where the mode cannot retry, p50 moved by the delay where it is injected —
// or say there is no recording of it, with no numbers. Read off the console's panel, as a
// presenter would.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { startReplayServer, type ReplayServer } from './support/replay-server';

const PORT = Number(process.env.E2E_RECORDED_PORT ?? 3118);
const URL = `http://localhost:${PORT}`;
const deck = loadDeck();
const slideOf = (id: string) => deck.slides.find((s) => s.id === id)!;

let server: ReplayServer | null = null;
let token = '';

test.beforeAll(async () => {
  server = await startReplayServer(PORT);
  token = server.token;
});

test.afterAll(async () => server?.stop());

/** The next `n` distinct latency windows the panel shows: errors/s and the window's p50 (ms). */
async function windows(panel: Locator, n: number): Promise<{ errors: number; p50: number }[]> {
  const row = panel.getByTestId('latency-window');
  const read = async () =>
    [await row.getAttribute('data-at'), await row.locator('td').first().textContent(), await panel.getByTestId('throughput').textContent()].join('|');
  const seen: { errors: number; p50: number }[] = [];
  let last = '';
  while (seen.length < n) {
    let text = last;
    await expect.poll(async () => (text = await read()) !== last).toBe(true); // the next window (its end time)
    last = text;
    const [, p50, throughput] = text.split('|');
    seen.push({ p50: Number(p50), errors: Number(throughput!.match(/([\d.]+) errors\/s/)![1]) });
  }
  return seen;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function openConsoleAt(page: Page, slideId: string) {
  await page.goto(`${URL}/present?token=${token}`);
  await expect(page.getByTestId('presenter-view')).toHaveAttribute('data-role', 'presenter');
  await page.keyboard.type(String(slideOf(slideId).index + 1));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-slide')).toHaveAttribute('data-slide', String(slideOf(slideId).index));
  await expect(page.getByTestId('demo-controls').getByTestId('backend-status')).toContainText('recorded');
}

test('retries on over 10 % errors, recorded: errors only where the mode cannot retry', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openConsoleAt(page, 'demo-retries');
  const panel = page.getByTestId('demo-controls');
  const walk: Record<string, { errors: number[]; enforced: boolean }> = {};
  for (const mode of slideOf('demo-retries').scene!.modes) {
    await page.keyboard.press('d');
    await expect(page.getByTestId(`mode-${mode}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('policy-retries')).toHaveAttribute('aria-pressed', 'true');
    const enforced = !(await panel.getByTestId('enforcement').textContent())!.match(/Retries\s*not enforced/);
    const unrecorded = panel.getByTestId('unrecorded');
    if (await unrecorded.isVisible()) {
      // No recording of it: it says so and draws no numbers, rather than another condition's.
      await expect(unrecorded).toContainText('No recording');
      await expect(panel.getByTestId('latency-window')).toHaveCount(0);
      continue;
    }
    walk[mode] = { errors: (await windows(panel, 6)).map((w) => w.errors), enforced };
  }
  test.info().annotations.push({ type: 'errors/s per mode (6 windows)', description: JSON.stringify(walk) });
  expect(Object.keys(walk).length, 'the recording has retries + errors for at least one mode of each kind').toBeGreaterThanOrEqual(2);
  for (const [mode, { errors, enforced }] of Object.entries(walk)) {
    if (enforced) expect(Math.max(...errors), `${mode} retries: no error reaches the client`).toBeLessThanOrEqual(1);
    else expect(median(errors), `${mode} cannot retry: the errors show`).toBeGreaterThan(5);
  }
  expect(Object.values(walk).some((w) => !w.enforced) && Object.values(walk).some((w) => w.enforced)).toBe(true);
});

test('a 100 ms delay fault, recorded: p50 moves by the delay through the waypoint', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openConsoleAt(page, 'demo-faults');
  const panel = page.getByTestId('demo-controls');
  const scene = slideOf('demo-faults').scene!;
  expect(scene.modes[0]).toBe('ambient-waypoint');
  await page.keyboard.press('m');
  await page.keyboard.press('4'); // Ambient + waypoint, no fault yet
  await expect(page.getByTestId('mode-ambient-waypoint')).toHaveAttribute('aria-pressed', 'true');
  const plain = median((await windows(panel, 6)).map((w) => w.p50));
  await page.keyboard.press('d');
  await expect(page.getByTestId('policy-fault')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('policy-fault')).toHaveText(`Fault: delay ${scene.fault!.delayPercent}% +${scene.fault!.delayMs} ms`);
  const delayed = median((await windows(panel, 6)).map((w) => w.p50));
  test.info().annotations.push({ type: 'p50 ms, waypoint', description: `plain ${plain}, with the delay ${delayed}` });
  expect(delayed - plain, `p50 ${plain} → ${delayed} ms`).toBeGreaterThan(scene.fault!.delayMs * 0.7);
  expect(delayed - plain).toBeLessThan(scene.fault!.delayMs * 1.3);
});
