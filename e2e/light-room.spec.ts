// Less on the air (issue 35). A phone whose page goes to the background says so and is sent no
// measurement until it is back (read on its own WebSocket). The light room: turned on from the console, a phone on the latency slide shows the
// note where its charts were, the projector opened from the console still draws them; turned off,
// the phone's charts are back. Screenshots: the phone (390×844) with the note, the console at
// 1920×1080 and 1280×720 with the switch on, the phone remote (390×844) with its toggle:
// artifacts/screenshots/light-room/.
import { mkdirSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { LIGHT_ROOM_NOTE } from '../lib/viz/light-room';
import { E2E_TOKEN } from '../playwright.config';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/light-room';
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });

test.beforeEach(async () => resetShared());
test.afterEach(async () => resetShared());

test('the console turns the light room on: the phone shows the note instead of its charts, the projector keeps drawing; off, the charts are back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const latency = deck.slides.findIndex((s) => s.id === 'demo-latency');
  expect(latency).toBeGreaterThan(0);
  // The lab in sidecar mode on the latency slide: windows flowing.
  const driver = await rawClient('presenter');
  await expect
    .poll(async () => ((await send(driver, 'state:sync', {})) as { data: { demo: { backend: { state: string } } } }).data.demo.backend.state, {
      timeout: 60_000,
    })
    .toBe('ready');
  expect(await send(driver, 'mode:set', { mode: 'sidecar' })).toMatchObject({ ok: true });
  expect(await send(driver, 'deck:goto', { slide: latency, fragment: -1 })).toMatchObject({ ok: true });

  const consoleContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const presenter = new PresenterPage(await consoleContext.newPage());
  await presenter.open();
  const screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenContext.newPage();
  await screen.goto(`/screen?token=${E2E_TOKEN}`);
  await expect(screen.getByTestId('screen-view')).toHaveAttribute('data-role', 'presenter');
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await phoneContext.newPage());
  await phone.open();

  const phoneChart = phone.page.locator('#attendee-demo').getByTestId('viz-latency');
  const screenLine = screen.getByTestId('latency-line-p50');
  await expect(phoneChart).toBeVisible({ timeout: 15_000 });
  await expect(screenLine).toHaveAttribute('d', /M/, { timeout: 15_000 });
  await expect(phone.page.getByTestId('light-room-note')).toHaveCount(0);

  // On, from the console's switch.
  const lightSwitch = presenter.page.getByTestId('light-room-switch');
  await expect(lightSwitch).not.toBeChecked();
  await lightSwitch.click(); // the server holds it: the box shows it once the server says so
  await expect(lightSwitch).toBeChecked();
  await expect(presenter.page.getByTestId('light-room')).toHaveAttribute('data-on', 'true');
  const note = phone.page.getByTestId('light-room-note');
  await expect(note).toHaveText(LIGHT_ROOM_NOTE);
  await expect(phoneChart).toHaveCount(0);
  // The demo's state stays on the phone (the mode it runs), above the note.
  await expect(phone.page.locator('#attendee-demo')).toContainText(/sidecar/i);
  // The projector keeps drawing: its line moves with the next windows.
  const before = await screenLine.getAttribute('d');
  await expect.poll(() => screenLine.getAttribute('d'), { timeout: 10_000 }).not.toBe(before);

  await note.scrollIntoViewIfNeeded();
  await phone.page.screenshot({ path: `${SHOTS}/phone-light-room-390x844.png` });
  await presenter.page.screenshot({ path: `${SHOTS}/console-light-room-1920x1080.png` });
  await presenter.page.setViewportSize({ width: 1280, height: 720 });
  await expect(presenter.page.getByTestId('light-room-switch')).toBeInViewport();
  await presenter.page.screenshot({ path: `${SHOTS}/console-light-room-1280x720.png` });

  // The phone remote shows it too (its toggle pressed).
  const remoteContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const remote = await remoteContext.newPage();
  await remote.goto(`/remote?token=${E2E_TOKEN}`);
  await remote.getByTestId('remote-name-input').fill('Ada');
  await remote.getByTestId('remote-name-save').click();
  const remoteToggle = remote.getByTestId('remote-light-room');
  await expect(remoteToggle).toHaveAttribute('aria-pressed', 'true');
  await remoteToggle.scrollIntoViewIfNeeded();
  await remote.screenshot({ path: `${SHOTS}/remote-light-room-390x844.png` });
  await remoteContext.close();

  // Off again: the phone's charts come back (and fill with the next windows).
  await presenter.page.getByTestId('light-room-switch').click(); // off: the box follows the server's state
  await expect(note).toHaveCount(0);
  await expect(phoneChart).toBeVisible();
  await expect(phoneChart.getByTestId('latency-line-p50')).toHaveAttribute('d', /M/, { timeout: 15_000 });

  driver.disconnect();
  await Promise.all([consoleContext.close(), screenContext.close(), phoneContext.close()]);
});

test('a phone in the background is sent the states but no measurement; back in view, the measurements again', async ({ browser }) => {
  test.setTimeout(90_000);
  const latency = deck.slides.findIndex((s) => s.id === 'demo-latency');
  const driver = await rawClient('presenter');
  await expect
    .poll(async () => ((await send(driver, 'state:sync', {})) as { data: { demo: { backend: { state: string } } } }).data.demo.backend.state, {
      timeout: 60_000,
    })
    .toBe('ready');
  expect(await send(driver, 'deck:goto', { slide: latency, fragment: -1 })).toMatchObject({ ok: true });
  // The presenter's socket gets every window the lab sends (the room gets them two to a frame).
  let windows = 0;
  driver.on('latency:windows', (ws) => (windows += ws.length));

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phoneContext.newPage();
  // Every frame the phone receives and sends, in order.
  const received: string[] = [];
  const sent: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => typeof f.payload === 'string' && received.push(f.payload));
    ws.on('framesent', (f) => typeof f.payload === 'string' && sent.push(f.payload));
  });
  const events = (frames: string[]) => frames.filter((f) => f.startsWith('42["')).map((f) => f.slice(4, f.indexOf('"', 4)));
  const MEASUREMENTS = ['latency:windows', 'hops:sample', 'scores:state'];
  const phone = new AttendeePage(page);
  await phone.open();
  await expect.poll(() => events(received).filter((e) => e === 'latency:windows').length, { timeout: 15_000 }).toBeGreaterThan(1);

  // The page goes to the background (as a phone's browser does when its screen turns off) and says so.
  const visibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  /** Index in `received` right after the server's answer to the phone's view:set (its ack: `43<id>`). */
  const answered = async (hidden: boolean): Promise<number> => {
    let id: string | undefined;
    await expect.poll(() => (id = sent.map((f) => new RegExp(`^42(\\d+)\\["view:set",\\{"hidden":${hidden}`).exec(f)?.[1]).find(Boolean))).toBeTruthy();
    await expect.poll(() => received.findIndex((f) => f.startsWith(`43${id}[`))).toBeGreaterThanOrEqual(0);
    return received.findIndex((f) => f.startsWith(`43${id}[`)) + 1;
  };
  await visibility('hidden');
  const mark = await answered(true);
  // Two seconds of the lab (eight windows to the presenter, four frames the room would have had),
  // then a state behind them: the states reach it, the measurements do not.
  const from = windows;
  await expect.poll(() => windows - from, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
  expect(await send(driver, 'deck:step', { direction: 'next' })).toMatchObject({ ok: true });
  await expect.poll(() => events(received.slice(mark)).includes('deck:state'), { timeout: 10_000 }).toBe(true);
  expect(events(received.slice(mark)).filter((e) => MEASUREMENTS.includes(e))).toEqual([]);

  // Back in view: the measurements again, the charts drawn.
  expect(await send(driver, 'deck:step', { direction: 'prev' })).toMatchObject({ ok: true });
  await visibility('visible');
  const back = await answered(false);
  await expect.poll(() => events(received.slice(back)).filter((e) => e === 'latency:windows').length, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.locator('#attendee-demo').getByTestId('viz-latency')).toBeVisible();

  driver.disconnect();
  await phoneContext.close();
});
