// Waits for what a fixed sleep used to wait for: every finite CSS animation and transition on
// the page (a slide sliding in, a proxy popping in) has finished. Endless ones (the traffic
// particles) are not waited for.
import type { Page } from '@playwright/test';

export async function animationsSettled(page: Page, timeoutMs = 5_000): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: timeoutMs, polling: 'raf' },
  );
}
