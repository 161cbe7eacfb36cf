// The watcher against a local fake API server: real @kubernetes/client-node informers, real
// HTTP list and watch with resourceVersions, and the failures real clusters have.
import { afterEach, describe, expect, it } from 'vitest';
import { namespaceFor } from './cluster-shape';
import { ClusterWatcher, type WatcherHealth } from './cluster-watcher';
import { demoCluster, pod } from './fixtures/cluster';
import type { ClusterObjects } from './kube-objects';
import { mapTopology } from './map-topology';
import { FakeApiServer } from './testing/fake-api-server';
import { fakeKubeConfig, seed, until } from './testing/fake-cluster';

let api: FakeApiServer;
let watcher: ClusterWatcher | null = null;
afterEach(async () => {
  await watcher?.stop();
  watcher = null;
  await api?.stop();
});

async function startCluster() {
  api = new FakeApiServer();
  const cluster = demoCluster();
  seed(api, cluster);
  await api.start();
  const changes: ClusterObjects[] = [];
  const health: WatcherHealth[] = [];
  watcher = new ClusterWatcher(fakeKubeConfig(api.url), {
    onChange: (o) => changes.push(o),
    onHealth: (h) => health.push(h),
    debounceMs: 20,
    backoff: { initialMs: 100, maxMs: 400 },
  });
  await watcher.start();
  return { changes, health, cluster };
}

const pathsOf = (objects: ClusterObjects, mode: 'none' | 'sidecar' | 'ambient-waypoint') =>
  mapTopology(mode, objects, 0).paths.map((p) => p.hops.map((h) => h.id).join(' > '));

describe('ClusterWatcher', () => {
  it('lists everything, and the mapped topology is the cluster’s', async () => {
    const { changes } = await startCluster();
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(pathsOf(changes.at(-1)!, 'sidecar')[0]).toBe('client > sidecar/client > sidecar/web > web');
    expect(api.requests.some((r) => r.startsWith('GET /api/v1/pods?watch=true'))).toBe(true);
  });

  it('follows watch events: a pod that goes away leaves the path', async () => {
    const { changes, cluster } = await startCluster();
    const inventory = cluster.pods.find((p) => p.metadata?.namespace === namespaceFor('none') && p.metadata.labels?.app === 'inventory')!;
    api.remove('pods', inventory as never);
    await until(() => pathsOf(changes.at(-1)!, 'none').length === 2);
  });

  it('re-watches after a dropped connection and relists after 410 Gone, losing nothing', async () => {
    const { changes } = await startCluster();
    api.dropWatches();
    api.upsert('pods', pod(namespaceFor('none'), 'extra-1', { app: 'extra' }, 'meshstage-worker') as never);
    await until(() => changes.at(-1)!.pods.some((p) => p.metadata?.name === 'extra-1'));
    const listsBefore = api.requests.filter((r) => r === 'GET /api/v1/pods').length;
    api.compact();
    api.upsert('pods', pod(namespaceFor('none'), 'extra-2', { app: 'extra' }, 'meshstage-worker') as never);
    await until(() => changes.at(-1)!.pods.some((p) => p.metadata?.name === 'extra-2'));
    expect(api.requests.filter((r) => r === 'GET /api/v1/pods').length).toBeGreaterThan(listsBefore); // relisted
  });

  it('says within 5 s that the cluster is unreachable, and recovers when it returns', async () => {
    const { changes, health } = await startCluster();
    const port = api.port;
    const downAt = Date.now();
    await api.stop();
    await until(() => health.some((h) => !h.ok), 5000);
    expect(Date.now() - downAt).toBeLessThan(5000);
    expect(health.find((h) => !h.ok)!.detail).toMatch(/unreachable/);
    // Something changes while it is away; then the API comes back on the same address.
    api.upsert('pods', pod(namespaceFor('none'), 'while-away', { app: 'extra' }, 'meshstage-worker') as never);
    await api.start(port);
    await until(() => health.at(-1)!.ok, 10_000);
    await until(() => changes.at(-1)!.pods.some((p) => p.metadata?.name === 'while-away'), 10_000);
  }, 20_000);
});
