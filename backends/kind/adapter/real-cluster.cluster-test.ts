// The real-cluster suite: the kind backend against a live cluster made by `npm run cluster:up`
// (or any cluster with the demo installed). Not part of `npm test` — there is no Docker engine on
// our machines — run it with `npm run test:cluster` where a kubeconfig exists. KUBE_CONTEXT picks
// the context (default kind-meshstage). Without that context in the kubeconfig the suite is
// skipped and says why.
import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import type { TopologySnapshot } from '../../../lib/mesh/topology';
import { loadKubeConfig } from './kubeconfig';
import type { BackendEvent } from '../../seam/index';
import { KindBackend } from './kind-backend';
import { until } from './testing/fake-cluster';

const EXPECTED_PROXY_KINDS: Record<string, string[]> = {
  none: [],
  sidecar: ['sidecar'],
  ambient: ['ztunnel'],
  'ambient-waypoint': ['waypoint', 'ztunnel'],
  ebpf: [],
  'ebpf-l7': ['node-l7'],
};

const CONTEXT = process.env.KUBE_CONTEXT ?? 'kind-meshstage';
let kubeConfig: ReturnType<typeof loadKubeConfig> | null = null;
try {
  kubeConfig = loadKubeConfig(CONTEXT);
} catch (error) {
  console.warn(`Skipping the real-cluster suite: ${(error as Error).message}. Create the cluster with npm run cluster:up.`);
}

describe.skipIf(!kubeConfig)(`kind backend on a real cluster (${CONTEXT})`, () => {
  it(
    'every mode: the data plane the cluster runs, and measured latency from fortio',
    async () => {
      const backend = new KindBackend({ kubeConfig: kubeConfig!, load: { rps: 50, payloadBytes: 1024, errorPercent: 0 } });
      const events: BackendEvent[] = [];
      backend.subscribe((e) => events.push(e));
      await backend.start();
      try {
        expect(backend.status().state).toBe('ready');
        for (const mode of MODE_IDS) {
          await backend.applyMode(mode, DEFAULT_POLICY);
          // The switch resolved only once the watcher saw every part serving in the mode.
          const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : [])).at(-1);
          expect(progress && progress.done === progress.total, mode).toBe(true);
          const topology = () =>
            events.flatMap((e) => (e.type === 'topology' && e.topology.mode === mode ? [e.topology] : [])).at(-1) as TopologySnapshot | undefined;
          await until(() => (topology()?.paths.length ?? 0) === 3, 120_000, 250);
          expect([...new Set(topology()!.proxies.map((p) => p.kind))].sort(), mode).toEqual(EXPECTED_PROXY_KINDS[mode]);
          await until(() => events.some((e) => e.type === 'latency' && e.window.mode === mode && e.window.window.count > 0), 60_000, 250);
        }
        await backend.applyMode('ambient-waypoint', DEFAULT_POLICY);
        const report = await backend.applyPolicy({ ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 } });
        expect(report.find((e) => e.key === 'retries')).toEqual({ key: 'retries', enforced: true });
        await backend.applyPolicy(DEFAULT_POLICY);
        // inventory's error rate is its environment: after the rolling update fortio sees 503s.
        await backend.setLoad({ rps: 50, payloadBytes: 1024, errorPercent: 20 });
        const from = events.length;
        await until(() => events.slice(from).some((e) => e.type === 'latency' && e.window.errors > 0), 180_000, 250);
        await backend.setLoad({ rps: 50, payloadBytes: 1024, errorPercent: 0 });
      } finally {
        await backend.stop();
      }
    },
    15 * 60_000,
  );
});
