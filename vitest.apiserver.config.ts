import { defineConfig } from 'vitest/config';

// `npm run test:apiserver`: the kind backend against a real kube-apiserver + etcd, built from the
// pinned Go modules once per machine (scripts/build-apiserver.mjs), with the real CRDs and RBAC.
export default defineConfig({
  test: {
    include: ['server/**/*.apiserver-test.ts'],
    globalSetup: ['./scripts/apiserver-global-setup.mjs'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One API server per file; files one at a time (each starts etcd and kube-apiserver).
    fileParallelism: false,
  },
});
