/** Resolves once `check()` holds; rejects after `ms`. Shared by the tests that wait on events. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, pollMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
