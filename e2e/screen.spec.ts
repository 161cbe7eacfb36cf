// The projector's window: opened from the console (S), it shows the slide and nothing to click,
// follows the console's steps at once, blacks out on B, and the console's keys work as reveal.js
// users expect (number + Enter, ?).
import { expect, test, type Page } from '@playwright/test';
import { expectDeckAt } from './support/deck-position';
import { PresenterPage } from './pages/presenter-page';
import { resetShared } from './support/socket-client';
import { loadDeck } from '../content/load-deck';

const deck = loadDeck();

const SHOTS = 'artifacts/screenshots';

// Each test starts on the first slide (the second expects it; the first ends elsewhere).
test.beforeEach(async () => resetShared());

/** Timestamps (Date.now: one clock for both windows, the same machine) of every position the
 *  deck with `testId` reports — reveal.js's own, once it has shown the step. */
async function watchPositions(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const deck = document.querySelector(`[data-testid=${id}]`) as HTMLElement;
    (window as unknown as { shown: { at: number; pos: string }[] }).shown = [];
    new MutationObserver(() =>
      (window as unknown as { shown: { at: number; pos: string }[] }).shown.push({ at: Date.now(), pos: `${deck.dataset.slide}/${deck.dataset.fragment}` }),
    ).observe(deck, { attributes: true, attributeFilter: ['data-slide', 'data-fragment'] });
  }, testId);
}

const firstShown = async (page: Page): Promise<number> =>
  (await (await page.waitForFunction(() => (window as unknown as { shown: { at: number }[] }).shown[0]?.at, null, { polling: 'raf' })).jsonValue())!;
const forget = (page: Page) => page.evaluate(() => ((window as unknown as { shown: unknown[] }).shown = []));

test('the projector screen opens from the console, shows no control, follows each step at once and blacks out on B; O picks a slide', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await context.newPage());
  await console_.open();
  await console_.page.keyboard.press('3');
  await console_.page.keyboard.press('Enter');
  await console_.expectAt(2, -1);

  const [screen] = await Promise.all([console_.page.waitForEvent('popup'), console_.page.keyboard.press('s')]);
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  await expectDeckAt(screen, 'screen-slide', 2, -1);
  // Nothing to click, type or read aloud: no controls, notes, queue or timer.
  await expect(screen.locator('button:visible, input:visible, select:visible, textarea:visible')).toHaveCount(0);
  await expect(screen.getByTestId('speaker-notes')).toHaveCount(0);
  await expect(screen.getByTestId('audience-desk')).toHaveCount(0);

  // Follows each step of the console: how long after the console shows a step the projector
  // shows it (both windows' own reveal.js, one clock), and from the click for the record.
  await watchPositions(screen, 'screen-slide');
  await watchPositions(console_.page, 'current-slide');
  const behind: number[] = [];
  const fromClick: number[] = [];
  for (let i = 0; i < 6; i++) {
    await Promise.all([forget(screen), forget(console_.page)]);
    const sent = Date.now();
    await console_.page.getByTestId(i % 2 ? 'prev' : 'next').click();
    const [onScreen, onConsole] = await Promise.all([firstShown(screen), firstShown(console_.page)]);
    behind.push(onScreen - onConsole);
    fromClick.push(onScreen - sent);
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  test
    .info()
    .annotations.push(
      { type: 'screen behind the console (ms)', description: sorted(behind).join(', ') },
      { type: 'console click → screen shows it (ms)', description: sorted(fromClick).join(', ') },
    );
  expect(sorted(behind)[Math.floor(behind.length / 2)]!, `median of ${sorted(behind).join(', ')} ms behind the console`).toBeLessThanOrEqual(200);
  expect(sorted(fromClick).at(-1)!, `click → screen ${sorted(fromClick).join(', ')} ms`).toBeLessThan(1000);
  await screen.screenshot({ path: `${SHOTS}/screen-1920x1080.png` });

  // On a demo slide the charts' legends read from the back of the room: 14 px or more.
  const demoSlide = deck.slides.findIndex((s) => s.demo === 'panel');
  await console_.page.keyboard.type(String(demoSlide + 1));
  await console_.page.keyboard.press('Enter');
  await expectDeckAt(screen, 'screen-slide', demoSlide, -1);
  const legends = screen.locator(`[data-slide-id="${deck.slides[demoSlide]!.id}"] [data-legend]`);
  await expect(legends.first()).toBeVisible({ timeout: 10_000 });
  const sizes = await legends.evaluateAll((uls) =>
    uls.map((ul) => {
      const scale = ul.getBoundingClientRect().width / (ul as HTMLElement).offsetWidth; // reveal.js scales the slide
      return parseFloat(getComputedStyle(ul).fontSize) * scale;
    }),
  );
  expect(sizes.length).toBeGreaterThan(0);
  for (const px of sizes) expect(px, `legend text ${px.toFixed(1)} px on a 1920×1080 projector`).toBeGreaterThanOrEqual(14);
  await screen.screenshot({ path: `${SHOTS}/screen-demo-1920x1080.png` });

  // B blacks the screen out and back; the console says it is out.
  await console_.page.keyboard.press('b');
  await expect(screen.getByTestId('screen-blank')).toBeVisible();
  await expect(console_.page.getByTestId('blank-badge')).toBeVisible();
  await console_.page.keyboard.press('.');
  await expect(screen.getByTestId('screen-blank')).toHaveCount(0);

  // O shows every slide; picking one goes there.
  await console_.page.keyboard.press('o');
  await expect(console_.page.getByTestId('slide-overview').locator('button[aria-current="step"]')).toContainText(String(demoSlide + 1));
  await console_.page.screenshot({ path: `${SHOTS}/console-overview-1920x1080.png` });
  await console_.page.getByTestId('overview-slide-5').click();
  await console_.expectAt(4, -1);
  await expect(console_.page.getByTestId('slide-overview')).toHaveCount(0);

  // Help lists the keys.
  await console_.page.keyboard.press('?');
  await expect(console_.page.getByTestId('key-help')).toContainText('go to that slide');
  await console_.page.keyboard.press('Escape');
  await expect(console_.page.getByTestId('key-help')).toHaveCount(0);
  await console_.page.screenshot({ path: `${SHOTS}/console-1920x1080.png` });
  await context.close();
});

test("a clicker's keys pressed in the projector window move the deck and black it out; the room's /screen cannot", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await context.newPage());
  await console_.open();
  const [screen] = await Promise.all([console_.page.waitForEvent('popup'), console_.page.keyboard.press('s')]);
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  await expectDeckAt(screen, 'screen-slide', 0, -1);
  // Stage setup puts focus in the projector window (click into it, F): the clicker's keys land there.
  await screen.bringToFront();
  await screen.getByTestId('screen-view').click();
  // Where a step forward or back goes from a position (fragments first, as reveal.js steps).
  const step = ([slide, fragment]: [number, number], dir: 1 | -1): [number, number] => {
    if (dir === 1) return fragment < deck.slides[slide]!.fragments - 1 ? [slide, fragment + 1] : [slide + 1, -1];
    return fragment > -1 ? [slide, fragment - 1] : [slide - 1, deck.slides[slide - 1]!.fragments - 1];
  };
  let at: [number, number] = [0, -1];
  for (const key of ['PageDown', 'ArrowRight', ' ']) {
    await screen.keyboard.press(key);
    at = step(at, 1);
    await expectDeckAt(screen, 'screen-slide', ...at);
  }
  await console_.expectAt(...at);
  await screen.keyboard.press('PageUp');
  at = step(at, -1);
  await console_.expectAt(...at);
  await screen.keyboard.press('b');
  await expect(screen.getByTestId('screen-blank')).toBeVisible();
  await expect(console_.page.getByTestId('blank-badge')).toBeVisible();
  await screen.keyboard.press('b');
  await expect(screen.getByTestId('screen-blank')).toHaveCount(0);
  await screen.keyboard.type('5');
  await screen.keyboard.press('Enter');
  await console_.expectAt(4, -1);

  // The room's projector link (no token) follows, and its keys change nothing.
  const room = await context.newPage();
  await room.goto('/screen');
  await expectDeckAt(room, 'screen-slide', 4, -1);
  await room.keyboard.press('PageDown');
  await room.keyboard.press('b');
  await console_.page.getByTestId('next').click(); // a command after the keys: the server has seen them
  await console_.expectAt(...step([4, -1], 1));
  await expect(room.getByTestId('screen-blank')).toHaveCount(0);
  await context.close();
});

test('the placement calculator on the projector shows the numbers typed on the console', async ({ browser }) => {
  const calc = deck.slides.find((s) => s.attrs['data-calc'])!;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await context.newPage());
  await console_.open();
  await console_.page.keyboard.type(String(calc.index + 1));
  await console_.page.keyboard.press('Enter');
  await console_.expectAt(calc.index, -1);
  const [screen] = await Promise.all([console_.page.waitForEvent('popup'), console_.page.keyboard.press('s')]);
  await screen.setViewportSize({ width: 1920, height: 1080 });
  const shown = screen.getByTestId('screen-slide').getByTestId('placement-calculator');
  await expect(shown).toHaveAttribute('data-shown', 'true');
  await expect(shown.locator('input')).toHaveCount(0); // nothing to type into on the projector

  // The audience's own numbers, typed on the console.
  const typed = console_.page.getByTestId('current-slide').getByTestId('placement-calculator');
  await typed.getByTestId('calc-pods').fill('1200');
  await typed.getByTestId('calc-l7Percent').fill('5');
  await typed.getByTestId('calc-basis-usage').check();
  await expect(shown.getByTestId('calc-pods')).toHaveText('1,200');
  await expect(shown.getByTestId('calc-l7Percent')).toHaveText('5');
  await expect(shown.getByTestId('calc-basis')).toContainText('used (Istio benchmark)');
  for (const plane of ['sidecar', 'ambient', 'ambient-waypoint', 'ebpf-l7']) {
    await expect(shown.getByTestId(`calc-row-${plane}`)).toHaveText((await typed.getByTestId(`calc-row-${plane}`).textContent())!);
  }
  await screen.screenshot({ path: `${SHOTS}/screen-calculator-1920x1080.png` });
  // Back as it was for the next spec.
  await typed.getByTestId('calc-pods').fill('500');
  await typed.getByTestId('calc-l7Percent').fill('30');
  await typed.getByTestId('calc-basis-requests').check();
  await expect(shown.getByTestId('calc-pods')).toHaveText('500');
  await context.close();
});
