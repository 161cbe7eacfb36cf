// What a switch has to change, planned from the watched objects (pure). Applying it — the label
// patch with its resourceVersion, the 409 and the fresh read, the rollout restart — is tested on
// a real API server (kind-backend.apiserver-test.ts).
import { describe, expect, it } from 'vitest';
import { namespaceFor } from './cluster-shape';
import { demoCluster } from './fixtures/cluster';
import { plannedChanges } from './mode-namespace';

describe('plannedChanges', () => {
  it('nothing to do for a namespace already in its mode', () => {
    for (const mode of ['none', 'sidecar', 'ambient', 'ambient-waypoint'] as const)
      expect(plannedChanges(mode, demoCluster())).toEqual({ labels: null, restarted: [] });
  });

  it('sets the mode’s labels, removes other modes’ mesh labels, restarts pods injection missed', () => {
    const cluster = demoCluster();
    const ns = cluster.namespaces.find((n) => n.metadata?.name === namespaceFor('sidecar'))!;
    ns.metadata!.labels = { 'istio.io/dataplane-mode': 'ambient' };
    for (const p of cluster.pods)
      if (p.metadata?.namespace === namespaceFor('sidecar') && ['web', 'catalog'].includes(p.metadata.labels!.app!)) p.spec!.initContainers = [];
    expect(plannedChanges('sidecar', cluster)).toEqual({
      labels: { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': null },
      restarted: ['catalog', 'web'],
    });
  });
});
