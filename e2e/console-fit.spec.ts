// The speaker console fits the laptops it runs on: at 1280×720 and 1920×1080, on a poll slide
// (the fullest desk), every control is on screen without scrolling, the poll's Open/Close among
// them, and the questions waiting are counted in the top bar.
import { expect, test } from '@playwright/test';
import { PresenterPage } from './pages/presenter-page';

const SHOTS = 'artifacts/screenshots';

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`the console at ${width}×${height}: every control in view on a poll slide`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const presenter = new PresenterPage(await context.newPage());
    await presenter.open();
    await expect(presenter.page.getByTestId('demo-controls').getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await presenter.page.keyboard.press('3'); // slide 3: the first poll
    await presenter.page.keyboard.press('Enter');
    await presenter.expectAt(2, -1);
    await expect(presenter.page.getByTestId('poll-open')).toBeVisible();
    await expect(presenter.page.getByTestId('questions-waiting')).toHaveText(/\d+ questions? waiting/);
    const outside = await presenter.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
        .filter((e) => e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)'))
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1;
        })
        .map((e) => e.dataset.testid ?? e.textContent?.trim() ?? e.tagName),
    );
    // The desk's question list and export links scroll inside their panel; every other control is in view.
    const desk = await presenter.page
      .getByTestId('audience-desk')
      .evaluate((d) => [...d.querySelectorAll<HTMLElement>('[data-testid]')].map((e) => e.dataset.testid));
    expect(outside.filter((id) => !desk.includes(id))).toEqual([]);
    for (const id of ['poll-open', 'poll-close', 'next', 'prev', 'mode-sidecar', 'policy-retries', 'load-rps']) {
      expect(outside, `${id} is in view`).not.toContain(id);
    }
    await presenter.page.screenshot({ path: `${SHOTS}/console-poll-${width}x${height}.png` });
    await context.close();
  });
}
