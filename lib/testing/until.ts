/**
 * Resolves once `check()` holds; rejects with `message` after `ms` (and at once if `check` throws).
 * Shared by the tests that wait on events, the e2e suite and its support included (so it cannot be
 * vitest's vi.waitFor).
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  pollMs = 20,
  message: string | (() => string) = 'condition not met in time',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(typeof message === 'string' ? message : message());
    // eslint-disable-next-line no-restricted-syntax -- the pause between two checks of a condition: the wait on a condition that the rule points to
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
