import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadDeck } from '../content/load-deck';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots';
mkdirSync(SHOTS, { recursive: true });
const agenda = deck.slides.findIndex((s) => s.fragments >= 2);

test.beforeEach(async () => resetShared());

test('the presenter steps through slides and fragments; a laptop and a phone follow', async ({ browser }) => {
  expect(agenda, 'the deck has a slide with fragments').toBeGreaterThan(0);
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const laptopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const laptop = new AttendeePage(await laptopContext.newPage());
  const phone = new AttendeePage(await phoneContext.newPage());
  await Promise.all([presenter.open(), laptop.open(), phone.open()]);
  await expect(presenter.page.getByTestId('audience-count')).toHaveText(/^2 in the audience/);

  // Walk to the slide with fragments, then into its fragments, with clicks and with the keyboard.
  for (let i = 0; i < agenda; i++) await presenter.next();
  await presenter.expectAt(agenda, -1);
  await presenter.next();
  await presenter.page.keyboard.press('ArrowRight');
  for (const view of [presenter, laptop, phone]) await view.expectAt(agenda, 1);
  await expect(phone.page.locator(`[data-slide-id="${deck.slides[agenda]!.id}"] .fragment.visible`)).toHaveCount(2);

  // Back out of the fragments onto the previous slide.
  await presenter.page.keyboard.press('ArrowLeft');
  for (const view of [presenter, laptop, phone]) await view.expectAt(agenda, 0);

  await expect(presenter.page.getByTestId('speaker-notes')).toContainText(deck.slides[agenda]!.notesHtml.replace(/<[^>]+>/g, '').slice(0, 30));
  await presenter.page.screenshot({ path: `${SHOTS}/presenter-1920x1080.png` });
  await phone.page.screenshot({ path: `${SHOTS}/phone-390x844.png` });

  // Rotating the phone keeps it on the same slide and fragment.
  await phone.page.setViewportSize({ width: 844, height: 390 });
  await expect(phone.deck()).toHaveAttribute('data-shape', 'wide');
  await phone.expectAt(agenda, 0);
  await phone.page.screenshot({ path: `${SHOTS}/phone-844x390-landscape.png` });
  await Promise.all([presenterContext.close(), laptopContext.close(), phoneContext.close()]);
});

test('a second presenter window stays in sync', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const first = new PresenterPage(await context.newPage());
  const second = new PresenterPage(await context.newPage());
  await Promise.all([first.open(), second.open()]);
  await first.next();
  await second.expectAt(1, -1);
  await second.next();
  await first.expectAt(1, 0);
  // Each window is one of the presenters (both unnamed here: "Presenter").
  await expect(first.page.getByTestId('presenters-button')).toHaveText('2 presenters · Remote');
  await context.close();
});

test('the title slide shows the join QR code and URL', async ({ page }) => {
  const attendee = new AttendeePage(page);
  await attendee.open();
  const slot = page.locator('[data-slide-id="title"] [data-join-qr]');
  await expect(slot.locator('svg')).toHaveCount(1);
  await expect(slot.locator('a.join-url')).toHaveText(/localhost:\d+\/live$/);
});

test('a demo slide on a phone shows the live demo state under its heading, once', async ({ page }) => {
  const demoSlide = deck.slides.findIndex((s) => s.demo);
  const attendee = new AttendeePage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await attendee.open();
  await expect(page.getByTestId('demo-line')).toBeVisible(); // off the demo slides: one line
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide: demoSlide, fragment: -1 });
  presenter.disconnect();
  await attendee.expectAt(demoSlide, -1);
  // Upright, the slide's heading is text at the phone's size and the projected slide is not shown
  // (e2e/phones.spec.ts checks sizes and the fold).
  await expect(page.getByTestId('slide-header')).toContainText(deck.slides[demoSlide]!.title);
  await expect(attendee.deck()).toBeHidden();
  // The state (mode, backend, what is not enforced and why) and the charts go below it at the
  // phone's width, once; the slide does not carry a shrunken copy.
  await expect(page.getByTestId('slide-demo-summary')).toHaveCount(0);
  await expect(page.getByTestId('demo-line')).toHaveCount(0);
  await expect(page.getByTestId('demo-summary')).toHaveCount(1);
  await expect(page.getByTestId('demo-summary').getByTestId('backend-status')).toHaveAttribute('data-state', /ready|starting/);
  const mode = await page.getByTestId('demo-mode').textContent();
  expect((await page.getByTestId('demo-mode').boundingBox())!.height, `"${mode}" reads at phone size`).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: `${SHOTS}/phone-demo-slide-390x844.png`, fullPage: true });
  await expect(page.getByTestId('demo-dashboard')).toHaveAttribute('data-view', 'panel');
  await expect(page.getByTestId('demo-dashboard').getByTestId('viz-topology')).toBeVisible();
});

test('an attendee cannot change the slide or the mode: the server says why and nothing changes', async ({ page }) => {
  const attendee = new AttendeePage(page);
  await attendee.open();
  await page.keyboard.press('ArrowRight');
  // A wrongly-wired key handler would have moved the deck by the time the page has drawn the
  // frames after the key (the handler runs on the key, React commits it, reveal.js moves at once).
  await page.evaluate(() => new Promise<void>((drawn) => requestAnimationFrame(() => requestAnimationFrame(() => drawn()))));
  await attendee.expectAt(0, -1);

  const rogue = await rawClient('attendee');
  expect(await send(rogue, 'deck:step', { direction: 'next' })).toEqual({
    ok: false,
    error: { code: 'forbidden', message: 'Only the presenter can change slides.' },
  });
  expect(await send(rogue, 'mode:set', { mode: 'sidecar' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await send(rogue, 'load:set', { rps: 5000, payloadBytes: 1024, errorPercent: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  rogue.disconnect();
  await attendee.expectAt(0, -1);
  await expect(page.getByTestId('demo-mode')).toHaveText('No mesh');
});

test('malformed payloads get errors and the server stays up', async ({ page }) => {
  const presenter = await rawClient('presenter');
  const cases: unknown[][] = [
    ['deck:step', { direction: 'up' }],
    ['deck:goto', { slide: -1, fragment: 0 }],
    ['deck:goto', { slide: 999, fragment: -1 }],
    ['mode:set', { mode: '<script>alert(1)</script>' }],
    ['policy:set', { retries: 'yes' }],
    ['load:set', 'lots'],
    ['state:sync', { a: 1 }],
  ];
  for (const [event, payload] of cases) {
    const result = (await send(presenter, event as string, payload)) as { ok: boolean; error?: { code: string; message: string } };
    expect(result.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
    expect(result.error?.code).toBe('invalid');
    expect(result.error?.message.length).toBeGreaterThan(10);
  }
  presenter.disconnect();
  const attendee = new AttendeePage(page);
  await attendee.open();
  await attendee.expectAt(0, -1);
});

test('an attendee that drops off the network and comes back sees the current slide', async ({ browser }) => {
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await phoneContext.newPage());
  await phone.open();
  const presenter = await rawClient('presenter');

  // Cut the phone's connection the way bad Wi-Fi does: the socket dies and requests fail.
  await phoneContext.setOffline(true);
  await phone.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  const cdp = await phoneContext.newCDPSession(phone.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(phone.page.getByTestId('connection')).toHaveAttribute('data-state', 'reconnecting', { timeout: 25_000 });

  expect(await send(presenter, 'deck:goto', { slide: agenda, fragment: 0 })).toMatchObject({ ok: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await phoneContext.setOffline(false);
  await expect(phone.page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await phone.expectAt(agenda, 0);
  presenter.disconnect();
  await phoneContext.close();
});

test('a phone offline until the server has dropped it (~10 s), the presenter idle, is back on the current slide within 3 s of reconnecting', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await phoneContext.newPage());
  await phone.open();
  const presenter = await rawClient('presenter');
  const attendees = async () => ((await send(presenter, 'state:sync', {})) as { data: { audience: { attendees: number } } }).data.audience.attendees;
  const withPhone = await attendees();
  const cdp = await phoneContext.newCDPSession(phone.page);
  await cdp.send('Network.enable');
  const network = (offline: boolean) => cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The Wi-Fi dies; the presenter moves on at once, before the server can know the phone is gone
  // (its WebSocket looks open for up to ~10 s), and then does nothing more.
  await phoneContext.setOffline(true);
  await network(true);
  expect(await send(presenter, 'deck:goto', { slide: agenda, fragment: 0 })).toMatchObject({ ok: true });
  await expect(phone.page.getByTestId('connection')).toHaveAttribute('data-state', 'reconnecting', { timeout: 15_000 });
  // The stale-phone bug needed the drop to outlast the server's heartbeat: offline until the
  // server has given up on the phone's connection and counts it no more.
  await expect.poll(attendees, { message: 'the server drops the silent phone', timeout: 20_000, intervals: [250] }).toBeLessThan(withPhone);
  await phone.expectAt(0, -1); // still the slide it had: nothing reached it

  await network(false);
  await phoneContext.setOffline(false);
  const back = Date.now();
  await expect(phone.page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', { timeout: 3_000 });
  await phone.expectAt(agenda, 0);
  expect(Date.now() - back, 'ms from the network coming back to the current slide').toBeLessThanOrEqual(3_000);
  presenter.disconnect();
  await phoneContext.close();
});

test('/present without the token is refused with a clear message', async ({ page }) => {
  const response = await page.goto('/present');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('presenter-refused')).toHaveText('Presenter view refused');
  await expect(page.getByText('Use the Presenter: URL')).toBeVisible();
  const wrong = await page.goto('/present?token=guess');
  expect(wrong?.status()).toBe(403);
});

test('the landing page says what this is and links both views', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(deck.title);
  await expect(page.getByTestId('link-live')).toHaveAttribute('href', '/live');
  await expect(page.getByTestId('link-present')).toHaveAttribute('href', '/present');
});

test('the presenter switches the data plane on the live lab; phones see the new path and numbers', async ({ browser }) => {
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const phone = new AttendeePage(await phoneContext.newPage());
  await Promise.all([presenter.open(), phone.open()]);
  const controls = presenter.page.getByTestId('demo-controls');
  await expect(controls.getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(controls.getByTestId('backend-status')).toContainText('lab');
  await expect(controls.getByTestId('latency-window')).toBeVisible({ timeout: 10_000 });

  await presenter.page.getByTestId('mode-sidecar').click();
  await expect(presenter.page.getByTestId('mode-sidecar')).toHaveAttribute('aria-pressed', 'true', { timeout: 10_000 });
  await expect(controls.getByTestId('request-path')).toContainText('client → sidecar/client → sidecar/web → web');
  await expect(phone.page.getByTestId('demo-mode')).toHaveText('Sidecar');
  // Off the demo slides the phone's demo is one line; a tap opens where the proxies sit and the path.
  await phone.page.getByTestId('demo-line-toggle').tap();
  const phoneDemo = phone.page.getByTestId('demo-details');
  await expect(phoneDemo.getByTestId('request-path')).toContainText('sidecar/inventory');

  // Retries in ambient: accepted, reported not enforced, nothing breaks.
  await presenter.page.getByTestId('policy-retries').click();
  await presenter.page.getByTestId('mode-ambient').click();
  await expect(controls.getByTestId('enforcement')).toContainText('Retries not enforced — ztunnel is L4 only');
  await expect(phoneDemo.getByTestId('request-path')).toContainText('catalog → ztunnel/node-a → ztunnel/node-b → inventory');
  await expect(controls.getByTestId('latency-window')).toBeVisible({ timeout: 10_000 });

  // Policy values: a delay fault is accepted and, in ambient, reported not enforced.
  await controls.getByText('Policy values').click();
  await controls.getByTestId('policy-delayPercent').fill('100');
  await controls.getByTestId('policy-delayMs').fill('5');
  await controls.getByTestId('policy-details').getByRole('button', { name: 'Apply' }).click();
  await expect(controls.getByTestId('policy-fault')).toHaveText('Fault: delay 100% +5 ms');
  await expect(controls.getByTestId('enforcement')).toContainText('Fault injection not enforced — ztunnel is L4 only');
  await presenter.page.screenshot({ path: `${SHOTS}/presenter-ambient-1920x1080.png` });
  await phone.page.screenshot({ path: `${SHOTS}/phone-ambient-390x844.png` });
  await Promise.all([presenterContext.close(), phoneContext.close()]);
});

test('on a phone held upright, the section bar takes an attendee to the questions and back to the slide', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = new AttendeePage(await context.newPage());
  await phone.open();
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide: deck.slides.findIndex((s) => s.demo), fragment: -1 });
  presenter.disconnect();
  const bar = phone.page.getByTestId('section-bar');
  await expect(bar).toBeInViewport();
  await expect(phone.page.getByTestId('questions')).not.toBeInViewport();
  await bar.getByTestId('section-qa').tap();
  await expect(phone.page.getByTestId('questions')).toBeInViewport();
  await expect(bar).toBeInViewport(); // still at hand
  await bar.getByTestId('section-slide').tap();
  await expect(phone.page.getByTestId('slide-header')).toBeInViewport(); // a demo slide: its heading, as text
  await context.close();
});
