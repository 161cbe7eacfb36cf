import { describe, expect, it } from 'vitest';
import { namespaceFor } from './cluster-shape';
import { demoCluster, pod } from './fixtures/cluster';
import { rolloutProgress } from './rollout-progress';

describe('rolloutProgress', () => {
  it('counts every app (and the waypoint where used) as serving in the demo cluster', () => {
    expect(rolloutProgress('sidecar', demoCluster())).toEqual({ done: 4, total: 4, waiting: [] });
    expect(rolloutProgress('ambient-waypoint', demoCluster())).toEqual({ done: 5, total: 5, waiting: [] });
  });

  it('waits for pods injected, ready and the old ones gone, and names what is missing', () => {
    const cluster = demoCluster();
    const ns = namespaceFor('sidecar');
    const web = cluster.pods.find((p) => p.metadata?.namespace === ns && p.metadata.labels?.app === 'web')!;
    web.spec!.initContainers = []; // created before injection was on
    const catalog = cluster.pods.find((p) => p.metadata?.namespace === ns && p.metadata.labels?.app === 'catalog')!;
    catalog.metadata!.deletionTimestamp = '2026-11-30T10:00:00Z'; // terminating: does not count
    const fresh = pod(ns, 'catalog-new', { app: 'catalog' }, 'meshstage-worker', { sidecar: true });
    fresh.status = { phase: 'Pending', conditions: [] };
    cluster.pods.push(fresh);
    cluster.pods = cluster.pods.filter((p) => !(p.metadata?.namespace === ns && p.metadata.labels?.app === 'inventory'));
    expect(rolloutProgress('sidecar', cluster)).toEqual({
      done: 1,
      total: 4,
      waiting: ['web: 1 pod without a sidecar', 'catalog: 1 pod not ready', 'inventory: no pod'],
    });
  });

  it('in ambient + waypoint waits for the waypoint pod; elsewhere a sidecar is the wrong shape', () => {
    const cluster = demoCluster();
    cluster.pods = cluster.pods.filter((p) => !p.metadata?.labels?.['gateway.networking.k8s.io/gateway-name']);
    cluster.pods.push(pod(namespaceFor('ambient'), 'web-old', { app: 'web' }, 'meshstage-worker', { sidecar: true }));
    expect(rolloutProgress('ambient-waypoint', cluster)).toMatchObject({ done: 4, total: 5, waiting: ['waypoint "waypoint": not ready'] });
    expect(rolloutProgress('ambient', cluster)).toMatchObject({ done: 3, waiting: ['web: 1 pod with a sidecar'] });
  });
});
