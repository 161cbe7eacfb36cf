import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_TOKEN = 'e2e-presenter-token';
/** A fresh audience log per run: polls and questions never leak from one run into the next. */
process.env.E2E_AUDIENCE_LOG ??= path.join(tmpdir(), `meshstage-e2e-audience-${process.pid}.jsonl`); // workers inherit it
export const E2E_AUDIENCE_LOG = process.env.E2E_AUDIENCE_LOG;

/** Playwright's own Chromium where installed; otherwise Debian's (Playwright cannot download here). */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No bundled browser registered: fall through to the system one.
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium found: install Debian chromium (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH');
}

export default defineConfig({
  testDir: 'e2e',
  // Every spec drives the one shared server (one deck position, one demo state): run them in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    // Every context (the specs' own browser.newContext() too) prefers reduced motion, as many
    // presenters' and attendees' systems do: no slide, fragment or progress-bar transitions to wait
    // out, and the topology's particles (60 fps in software: a whole core per page here) still.
    // The 360 px phone spec opens one phone with 'no-preference', so the animated view is exercised too.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node --enable-source-maps dist/server.js',
    url: `http://localhost:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Let the server tear the lab down (namespaces, eBPF, processes) rather than be killed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    // A light load keeps numbers flowing without starving the browsers on a 2-core machine.
    env: {
      PORT: String(E2E_PORT),
      PRESENTER_TOKEN: E2E_TOKEN,
      PUBLIC_URL: `http://localhost:${E2E_PORT}`,
      MESH_BACKEND: 'lab',
      LAB_RPS: '20',
      AUDIENCE_LOG: E2E_AUDIENCE_LOG,
    },
  },
});
