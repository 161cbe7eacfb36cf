// What the bench scripts share: flags, percentiles, and the Chromium to drive.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Removes `--flag value` from args and returns the value (or the fallback). */
export function takeFlag(args, flag, fallback) {
  const i = args.indexOf(flag);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
}

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

/** Playwright's Chromium where installed, else Debian's (or CHROMIUM_PATH). */
export function launchChromium(extraArgs = []) {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ executablePath, args: ['--no-sandbox', ...extraArgs] });
}
