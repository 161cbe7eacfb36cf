import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the suites that need a live Kubernetes cluster (a kubeconfig context).
export default defineConfig({
  test: {
    include: ['{server,backends}/**/*.cluster-test.ts'],
    environment: 'node',
    testTimeout: 15 * 60_000,
  },
});
