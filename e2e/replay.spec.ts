// The static replay site (npm run build:replay → dist/replay-site) served by a plain static file
// server, in Chromium with every other origin blocked: no Node app, no socket, no CDN.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../scripts/static-server.mjs';

const SHOTS = 'artifacts/screenshots';

test('the replay plays from a static folder, offline, with the recorded badge', async ({ browser }) => {
  test.setTimeout(60_000);
  const site = await serveStatic(path.resolve('dist/replay-site'));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(site.url)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/replay/`);
    await expect(page.getByTestId('recorded-badge')).toContainText('recorded · lab');
    await expect(page.getByTestId('replay-slide')).toHaveAttribute('data-ready', 'true');
    // The visitor jumps to the sidecar stretch: the slide and the topology are what was recorded there.
    await page.getByTestId('replay-mode-sidecar').click();
    await expect(page.getByTestId('replay-mode-sidecar')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-testid="topo-proxy-sidecar"]:not([data-presence="exit"])')).toHaveCount(4);
    await expect(page.getByTestId('slide-demo-dashboard')).toHaveAttribute('data-view', 'topology');
    await expect(page.getByTestId('replay-captions')).not.toBeEmpty();
    // Play advances time; pause stops it.
    const before = await page.getByTestId('replay-time').textContent();
    await page.getByTestId('replay-speed').selectOption('4');
    await page.getByTestId('replay-play').click();
    await expect(page.getByTestId('replay-time')).not.toHaveText(before!, { timeout: 5000 });
    await page.getByTestId('replay-play').click();
    await page.screenshot({ path: `${SHOTS}/replay-static-1920x1080.png` });
    expect(elsewhere).toEqual([]);
    // The static site offers nothing that needs the live server.
    await page.goto(`${site.url}/`);
    await expect(page.getByTestId('link-replay')).toBeVisible();
    await expect(page.getByTestId('link-live')).toHaveCount(0);
    await expect(page.getByTestId('link-present')).toHaveCount(0);
    expect((await page.request.get(`${site.url}/live/`)).status()).toBe(404);
    expect(site.requests).toContain('/recordings/lab-tour.json');
    expect(site.requests.some((r) => r.startsWith('/socket.io'))).toBe(false);
  } finally {
    await context.close();
    site.server.close();
  }
});
