import { defineConfig } from 'vitest/config';

// Two projects in one run, sharing its workers: `unit` (lib, server, components, scripts and the
// lab itself: `npm run test:unit`) and `apiserver` (the kind backend against a real kube-apiserver
// + etcd built from the pinned Go modules once per machine, with the real CRDs and RBAC:
// `npm run test:apiserver`), and `control-plane` (the same API server with Istio's and Cilium's
// control planes installed from their charts and running: `npm run test:control-plane`).
// `npm test` runs them at once: their slow specs mostly wait — on the
// lab's traffic, on an API server restarting — so each fills the other's pauses.
export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker. Two labs at once are safe: the loopback tier
    // takes free ports, and only one spec uses the netns tier (which holds a lock besides); each
    // API-server spec starts its own etcd and kube-apiserver on free ports.
    maxWorkers: 2,
    projects: [
      {
        // Components import with the app's `@/` alias (tsconfig paths): a component test needs it.
        resolve: { alias: { '@/': new URL('./', import.meta.url).pathname } },
        test: {
          name: 'unit',
          include: ['{lib,content,server,backends,components,scripts}/**/*.test.{ts,tsx}'],
          globalSetup: ['./scripts/vitest-global-setup.mjs'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'apiserver',
          include: ['{server,backends}/**/*.apiserver-test.ts'],
          globalSetup: ['./scripts/apiserver-global-setup.mjs'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'control-plane',
          include: ['{server,backends}/**/*.control-plane-test.ts'],
          globalSetup: ['./scripts/control-plane-global-setup.mjs'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
