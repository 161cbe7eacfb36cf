import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{lib,server,components,scripts,demo-cluster}/**/*.test.{ts,tsx}'],
    globalSetup: ['./scripts/vitest-global-setup.mjs'],
    environment: 'node',
    testTimeout: 15_000,
  },
});
