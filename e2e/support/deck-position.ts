import { expect, type Page } from '@playwright/test';

/**
 * What reveal.js actually shows (the deck element's data-slide / data-fragment), not what was
 * asked of it. Watched every frame first: expect's retries back off to 1 s between checks, which
 * a walk through all 39 slides paid on every slide. Then asserted, so a deck that never gets
 * there fails with expect's own message.
 */
export async function expectDeckAt(page: Page, testId: string, slide: number, fragment: number): Promise<void> {
  await page
    .waitForFunction(
      ([id, s, f]) => {
        const deck = document.querySelector(`[data-testid="${id}"]`);
        return deck?.getAttribute('data-slide') === s && deck.getAttribute('data-fragment') === f;
      },
      [testId, String(slide), String(fragment)] as const,
      { polling: 'raf', timeout: 5_000 },
    )
    .catch(() => undefined);
  const deck = page.getByTestId(testId);
  await expect(deck).toHaveAttribute('data-slide', String(slide));
  await expect(deck).toHaveAttribute('data-fragment', String(fragment));
}
