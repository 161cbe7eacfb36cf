// The phone remote (issue 34): a presenter walks away from the laptop with the talk in one hand.
// It drives the deck (the console and the projector follow, measured on one clock), switches the
// data plane with its progress and result on the button, and two presenters pressing Next at the
// same moment advance the deck once.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../playwright.config';
import { expectDeckAt } from './support/deck-position';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';
import { loadDeck } from '../content/load-deck';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots';

test.beforeEach(async () => resetShared());

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function openRemote(browser: Browser, name: string): Promise<Page> {
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto(`/remote?token=${E2E_TOKEN}`);
  await phone.getByTestId('remote-name-input').fill(name);
  await phone.getByTestId('remote-name-save').tap();
  await expect(phone.getByTestId('remote-view')).toHaveAttribute('data-role', 'presenter');
  await expect(phone.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  return phone;
}

/** Timestamps (Date.now: one machine, one clock) of the positions the deck with `testId` shows — reveal.js's own. */
async function watchPositions(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const el = document.querySelector(`[data-testid=${id}]`) as HTMLElement;
    const w = window as unknown as { shown: { at: number; pos: string }[] };
    w.shown = [];
    new MutationObserver(() => w.shown.push({ at: Date.now(), pos: `${el.dataset.slide}/${el.dataset.fragment}` })).observe(el, {
      attributes: true,
      attributeFilter: ['data-slide', 'data-fragment'],
    });
  }, testId);
}
const firstShown = async (page: Page): Promise<number> =>
  (await (await page.waitForFunction(() => (window as unknown as { shown: { at: number }[] }).shown[0]?.at, null, { polling: 'raf' })).jsonValue())!;
const forget = (page: Page) => page.evaluate(() => ((window as unknown as { shown: unknown[] }).shown = []));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('the phone remote drives the talk; the console and the projector follow it (median ≤ 200 ms, one clock)', async ({ browser }) => {
  test.setTimeout(60_000);
  const big = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await big.newPage());
  await console_.open();
  const screen = await big.newPage();
  await screen.goto(`/screen?token=${E2E_TOKEN}`);
  await expect(screen.getByTestId('screen-slide')).toHaveAttribute('data-ready', 'true');
  const remote = await openRemote(browser, 'Ben');
  await expect(remote.getByTestId('remote-current')).toHaveText(deck.slides[0]!.title);
  await expect(remote.getByTestId('remote-next')).toHaveText(`Next: ${deck.slides[1]!.title}`);

  // The console sees who is presenting, and from which window.
  await console_.page.getByTestId('presenters-button').click();
  await expect(console_.page.getByTestId('presenter-list')).toContainText('Ben (phone remote)');
  await expect(console_.page.getByTestId('remote-qr')).toHaveCount(0); // behind its own button
  await console_.page.getByTestId('show-remote-qr').click();
  await expect(console_.page.getByTestId('remote-qr').locator('svg')).toBeVisible();
  await console_.page.getByTestId('hide-remote-qr').click();
  await expect(screen.getByTestId('remote-qr')).toHaveCount(0); // the token's QR never on the projector

  await watchPositions(screen, 'screen-slide');
  await watchPositions(console_.page, 'current-slide');
  const toScreen: number[] = [];
  const toConsole: number[] = [];
  for (let i = 0; i < 7; i++) {
    await Promise.all([forget(screen), forget(console_.page)]);
    const direction = i === 3 ? 'prev' : 'next';
    const tapped = Date.now();
    await remote.getByTestId(direction === 'next' ? 'remote-next-button' : 'remote-prev').tap();
    const [onScreen, onConsole] = await Promise.all([firstShown(screen), firstShown(console_.page)]);
    toScreen.push(onScreen - tapped);
    toConsole.push(onConsole - tapped);
    await expect(remote.getByTestId(direction === 'next' ? 'remote-next-button' : 'remote-prev')).toHaveAttribute('data-state', 'done');
    const at = await console_.page.getByTestId('current-slide').evaluate((el) => ({ slide: Number(el.dataset.slide), fragment: Number(el.dataset.fragment) }));
    await expectDeckAt(screen, 'screen-slide', at.slide, at.fragment);
    await expect(remote.getByTestId('remote-current')).toHaveText(deck.slides[at.slide]!.title);
  }
  test
    .info()
    .annotations.push(
      { type: 'remote tap → projector shows it (ms)', description: [...toScreen].sort((a, b) => a - b).join(', ') },
      { type: 'remote tap → console shows it (ms)', description: [...toConsole].sort((a, b) => a - b).join(', ') },
    );
  expect(median(toScreen), `remote → screen: ${toScreen.join(', ')} ms`).toBeLessThanOrEqual(200);
  expect(median(toConsole), `remote → console: ${toConsole.join(', ')} ms`).toBeLessThanOrEqual(200);

  // The console names the last mover.
  await expect(console_.page.getByTestId('last-deck-move')).toContainText('Ben (phone remote) stepped the deck');
  await remote.screenshot({ path: `${SHOTS}/remote-390x844.png` });
  await remote.setViewportSize({ width: 844, height: 390 });
  await expect(remote.getByTestId('remote-next-button')).toBeInViewport();
  await remote.screenshot({ path: `${SHOTS}/remote-844x390-sideways.png` });
  await console_.page.screenshot({ path: `${SHOTS}/console-presenters-1920x1080.png` });
  await big.close();
  await remote.context().close();
});

test('a mode switch from the remote shows its progress and its result on the button; a policy says whether the mode enforces it', async ({ browser }) => {
  test.setTimeout(90_000);
  const remote = await openRemote(browser, 'Ben');
  const sidecar = remote.getByTestId('remote-mode-sidecar');
  await sidecar.tap();
  // Pressed: waiting for the lab's switch, with its progress, then done.
  await expect(sidecar).toHaveAttribute('data-state', 'pending');
  await expect(remote.getByTestId('switch-progress')).toBeVisible();
  await remote.screenshot({ path: `${SHOTS}/remote-switching-390x844.png` });
  await expect(sidecar).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(sidecar).toHaveAttribute('aria-pressed', 'true');
  await expect(remote.getByTestId('switch-progress')).toHaveCount(0);

  const retries = remote.getByTestId('remote-policy-retries');
  await retries.tap();
  await expect(retries).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(retries).toHaveAttribute('aria-pressed', 'true');
  await expect(retries).toHaveAttribute('data-enforced', 'true');
  await expect(retries).toContainText('on · enforced');
  await remote.screenshot({ path: `${SHOTS}/remote-sidecar-retries-390x844.png` });
  await remote.context().close();
});

test('two presenters pressing Next at the same moment advance the deck once; the later is told who moved it', async ({ browser }) => {
  const ana = await rawClient('presenter', undefined, { client: 'ana-console-e2e', name: 'Ana', kind: 'console' });
  const ben = await rawClient('presenter', undefined, { client: 'ben-remote-e2e', name: 'Ben', kind: 'remote' });
  const remote = await openRemote(browser, 'Cleo');
  const sync = (await send(ana, 'state:sync', {})) as { data: { deck: { epoch: string; rev: number; slide: number } } };
  const at = { epoch: sync.data.deck.epoch, rev: sync.data.deck.rev };
  const answers = (await Promise.all([
    send(ana, 'deck:step', { direction: 'next', at }, { id: 'ana-press-0001' }),
    send(ben, 'deck:step', { direction: 'next', at }, { id: 'ben-press-0001' }),
  ])) as { ok: boolean; error?: { code: string; deck: { slide: number } } }[];
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  const refused = answers.find((a) => !a.ok)!;
  expect(refused.error).toMatchObject({ code: 'stale', deck: { slide: 1 } });
  // One slide on, on every window.
  await expect(remote.getByTestId('remote-position')).toHaveText(new RegExp(`^Slide 2/${deck.slides.length}( |$)`));
  const after = (await send(ana, 'state:sync', {})) as { data: { deck: { slide: number; fragment: number } } };
  expect(after.data.deck).toMatchObject({ slide: 1, fragment: -1 });
  const winner = answers[0]!.ok ? 'Ana (console)' : 'Ben (phone remote)';
  await expect(remote.getByTestId('remote-presence')).toContainText(`${winner} stepped the deck`);
  await expect(remote.getByTestId('remote-presence')).toContainText('With');
  ana.disconnect();
  ben.disconnect();
  await remote.context().close();
});

test('the console hands the demo controls to the remote: the console is refused with who has them, the remote drives, then lets anyone', async ({
  browser,
}) => {
  const big = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const console_ = new PresenterPage(await big.newPage());
  await console_.open();
  const remote = await openRemote(browser, 'Ben');
  await console_.page.getByTestId('presenters-button').click();
  await console_.page.getByTestId('hand-demo-remote').click();
  await expect(console_.page.getByTestId('demo-driver')).toHaveText('Demo controls: Ben (phone remote) only.');
  await expect(remote.getByTestId('remote-demo-driver')).toContainText('You have the demo controls');
  await console_.page.getByTestId('mode-ambient').click();
  await expect(console_.page.getByTestId('demo-error')).toHaveText(
    'Ben (phone remote) has the demo controls; take them in Presenters to drive the demo from here.',
  );
  await remote.getByTestId('remote-free-demo').tap();
  await expect(console_.page.getByTestId('demo-driver')).toHaveText('Demo controls: any presenter window.');
  await expect(remote.getByTestId('remote-demo-driver')).toHaveCount(0);
  await big.close();
  await remote.context().close();
});
