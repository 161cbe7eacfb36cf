import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{lib,server,components,scripts,demo-cluster}/**/*.test.{ts,tsx}'],
    globalSetup: ['./scripts/vitest-global-setup.mjs'],
    environment: 'node',
    testTimeout: 15_000,
    // Vitest's default on 2 cores is one worker; the lab's specs mostly wait on traffic at their
    // own pace, so the rest of the suite runs beside them. Two labs at once are safe: the loopback
    // tier takes free ports, and only one spec uses the netns tier (which holds a lock besides).
    maxWorkers: 2,
  },
});
