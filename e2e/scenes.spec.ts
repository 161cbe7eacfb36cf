// A demo slide's routine is one action: D on the console (or the projector window) sets the
// slide's policy, error rate and first data plane; every further D walks to the scene's next mode;
// M then 1–6 picks any mode. The actions are counted here, and what they produce is read from the
// server, against what the slide says on screen.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { DEFAULT_POLICY } from '../lib/mesh/policies';
import type { DemoState } from '../lib/mesh/demo-state';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send, type RawClient } from './support/socket-client';

const deck = loadDeck();
const slideOf = (id: string) => deck.slides.find((s) => s.id === id)!;
const SHOTS = 'artifacts/screenshots';

test.beforeEach(async () => resetShared());

/** The server's demo state, once `ok` says it is there (a mode switch on the lab takes seconds). */
async function demoWhen(observer: RawClient, ok: (demo: DemoState) => boolean): Promise<DemoState> {
  let last: DemoState | null = null;
  await expect
    .poll(
      async () => {
        last = ((await send(observer, 'state:sync', {})) as { data: { demo: DemoState } }).data.demo;
        return ok(last);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return last!;
}

/** Counts what the presenter does: every key pressed and every click. */
function counted(page: Page) {
  let actions = 0;
  return {
    press: async (key: string) => (actions++, page.keyboard.press(key)),
    get actions() {
      return actions;
    },
  };
}

/** A console at 1920×1080 with the backend ready, and a presenter socket to read the server by. */
async function consoleReady(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await context.newPage());
  await console_.open();
  const observer = await rawClient('presenter');
  await expect(console_.page.getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  return { context, console_, observer };
}

test('the retries scene is one key: 10 % errors, retries on, Sidecar; D again walks to Ambient, where retries are not enforced', async ({ browser }) => {
  test.setTimeout(180_000);
  const retries = slideOf('demo-retries');
  const { context, console_, observer } = await consoleReady(browser);
  await send(observer, 'deck:goto', { slide: retries.index, fragment: -1 });
  await console_.expectAt(retries.index, -1);
  await expect(console_.page.getByTestId('scene-bar')).toContainText('10 % backend errors · retries (3 tries × 500 ms)');

  const presenter = counted(console_.page);
  await presenter.press('d');
  const set = await demoWhen(observer, (d) => d.mode === 'sidecar' && d.load.errorPercent === 10 && d.policy.retries.enabled);
  expect(presenter.actions, 'console actions for the retries scene').toBe(1);
  // What the slide says: "Backend errors on, retries on — then switch modes".
  await expect(console_.page.getByTestId('current-slide').locator(`[data-slide-id="${retries.id}"]`)).toContainText('Backend errors on, retries on');
  expect(set.policy).toEqual({ ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 } });
  expect(set.enforcement).toContainEqual({ key: 'retries', enforced: true });
  await expect(console_.page.getByTestId('scene-bar')).toHaveAttribute('data-step', '0');
  await console_.page.screenshot({ path: `${SHOTS}/console-scene-retries-1920x1080.png` });

  await presenter.press('D');
  const ambient = await demoWhen(observer, (d) => d.mode === 'ambient');
  expect(ambient.enforcement).toContainEqual(expect.objectContaining({ key: 'retries', enforced: false }));
  expect(ambient.load.errorPercent).toBe(10);
  await expect(console_.page.getByTestId('scene-bar')).toHaveAttribute('data-step', '1');

  // M then 6: any data plane from the keyboard, the scene's policy kept.
  await presenter.press('m');
  await presenter.press('6');
  const l7 = await demoWhen(observer, (d) => d.mode === 'ebpf-l7');
  expect(l7.policy.retries.enabled).toBe(true);
  expect(presenter.actions).toBe(4);
  observer.disconnect();
  await context.close();
});

test('the faults scene is one key from the projector window: retries and errors off, the slide’s own delay, leaving the slide clears it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const faults = slideOf('demo-faults');
  const { context, console_, observer } = await consoleReady(browser);
  // As the previous slide leaves it: retries on and 10 % errors.
  await send(observer, 'scene:run', { slide: slideOf('demo-retries').index, step: 0 });
  await send(observer, 'deck:goto', { slide: faults.index, fragment: -1 });
  const [screen] = await Promise.all([console_.page.waitForEvent('popup'), console_.page.keyboard.press('s')]);
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  await screen.bringToFront();
  await screen.getByTestId('screen-view').click();

  const presenter = counted(screen);
  await presenter.press('d');
  const set = await demoWhen(observer, (d) => d.mode === faults.scene!.modes[0] && d.policy.fault.delayPercent > 0 && !d.policy.retries.enabled);
  expect(presenter.actions, 'actions for the faults scene').toBe(1);
  const { delayPercent, delayMs } = set.policy.fault;
  // The slide states the policy; the demo runs exactly that.
  await expect(screen.locator(`[data-slide-id="${faults.id}"] > h2 + p`)).toHaveText(`A ${delayMs} ms delay on ${delayPercent} % of requests, mode by mode`);
  expect(set.policy).toEqual({ ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, delayPercent: 30, delayMs: 100 } });
  expect(set.load.errorPercent).toBe(0);
  expect(set.enforcement).toContainEqual({ key: 'fault', enforced: true });
  // The console's Fault toggle carries the slide's values, not a default abort.
  await expect(console_.page.getByTestId('policy-fault')).toHaveText('Fault: delay 30% +100 ms');

  await screen.keyboard.press('PageDown'); // leaving the scene's slide clears what it set
  const cleared = await demoWhen(observer, (d) => d.policy.fault.delayPercent === 0);
  expect(cleared.policy).toEqual(DEFAULT_POLICY);
  observer.disconnect();
  await context.close();
});
