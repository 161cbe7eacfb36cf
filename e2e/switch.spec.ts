// A data-plane switch is a pending operation: it shows its progress until the backend says done
// or failed, and a switch still running is never reported as "the server did not answer". The
// lab switches in 3.5–14 s here; the console's clock is driven 14 s ahead while one runs (6 s at once) (in
// steps shorter than socket.io's 10 s heartbeat, real pings in between), so the old 5 s ack
// timeout would have fired whatever this machine's switch takes.
import { expect, test, type WebSocket } from '@playwright/test';
import { PresenterPage } from './pages/presenter-page';

test('a switch that takes longer than a command may shows progress, then the new mode, and never an error', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  // The console's socket.io connection: its heartbeat is the server's ping and the page's pong.
  const sockets: WebSocket[] = [];
  page.on('websocket', (ws) => ws.url().includes('/socket.io/') && sockets.push(ws));
  await page.clock.install();
  const presenter = new PresenterPage(page);
  await presenter.open();
  const controls = page.getByTestId('demo-controls');
  await expect(controls.getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

  const target = (await page.getByTestId('mode-ebpf').getAttribute('aria-pressed')) === 'true' ? 'sidecar' : 'ebpf';
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.getByTestId(`mode-${target}`).click();
  await expect(controls.getByTestId('switch-progress')).toBeVisible();
  await expect(controls.getByTestId('switch-progress')).toContainText('Switching');

  // At once, before any switch here could finish: past the old 5 s ack timeout.
  await page.clock.runFor(6_000);
  await expect(page.getByTestId('demo-error')).toHaveCount(0);
  for (let i = 0; i < 2; i++) {
    // A real ping resets the heartbeat at the paused time: the page has taken it once it answers.
    await sockets.at(-1)!.waitForEvent('framesent', { predicate: (frame) => frame.payload === '3', timeout: 10_000 });
    await page.clock.runFor(4_000); // 14 s of the console's time in all
    await expect(page.getByTestId('demo-error')).toHaveCount(0);
  }
  await page.clock.resume();
  await expect(page.getByTestId(`mode-${target}`)).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
  await expect(controls.getByTestId('switch-progress')).toHaveCount(0);
  await expect(page.getByTestId('demo-error')).toHaveCount(0);
  await context.close();
});
