import { afterEach, describe, expect, it } from 'vitest';
import { namespaceFor } from './cluster-shape';
import { demoCluster } from './fixtures/cluster';
import { plannedChanges, prepareModeNamespace } from './mode-namespace';
import { FakeApiServer } from './testing/fake-api-server';
import { fakeKubeConfig } from './testing/fake-cluster';

let api: FakeApiServer | null = null;
afterEach(async () => api?.stop());

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

describe('prepareModeNamespace against the fake API server', () => {
  it('patches the namespace and restarts the deployments with JSON merge patches, and is idempotent', async () => {
    api = new FakeApiServer();
    const cluster = demoCluster();
    const ns = namespaceFor('sidecar');
    cluster.namespaces.find((n) => n.metadata?.name === ns)!.metadata!.labels = {};
    cluster.pods.find((p) => p.metadata?.namespace === ns && p.metadata.labels?.app === 'web')!.spec!.initContainers = [];
    api.upsert('namespaces', { metadata: { name: ns, labels: {} } });
    api.upsert('deployments', { metadata: { name: 'web', namespace: ns }, spec: { template: { metadata: { labels: { app: 'web' } } } } });
    await api.start();
    const kc = fakeKubeConfig(api.url);
    const changes = await prepareModeNamespace(kc, 'sidecar', cluster, () => new Date('2026-11-30T10:00:00Z'));
    expect(changes).toEqual({ labels: { 'istio-injection': 'enabled' }, restarted: ['web'] });
    expect(api.requests).toContain(`PATCH /api/v1/namespaces/${ns}`);
    expect(api.requests).toContain(`PATCH /apis/apps/v1/namespaces/${ns}/deployments/web`);
    const list = await (await fetch(`${api.url}/apis/apps/v1/deployments`)).json();
    expect(list.items[0].spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-11-30T10:00:00.000Z' });
    const nsList = await (await fetch(`${api.url}/api/v1/namespaces`)).json();
    expect(nsList.items[0].metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    // Once the namespace and its pods are right, nothing is sent.
    const before = api.requests.length;
    await prepareModeNamespace(kc, 'sidecar', demoCluster());
    expect(api.requests.length).toBe(before);
  });

  it('on 409 Conflict (the namespace changed since it was watched) re-reads it and plans again', async () => {
    api = new FakeApiServer();
    const ns = namespaceFor('sidecar');
    api.upsert('namespaces', { metadata: { name: ns, labels: {} } });
    await api.start();
    const kc = fakeKubeConfig(api.url);
    // The backend's snapshot: the namespace as the watch last delivered it (with its resourceVersion).
    const watched = (await (await fetch(`${api.url}/api/v1/namespaces`)).json()).items;
    // Meanwhile someone else labels it (an operator, another presenter's tool).
    api.upsert('namespaces', { metadata: { name: ns, labels: { owner: 'platform', 'istio.io/dataplane-mode': 'ambient' } } });
    const changes = await prepareModeNamespace(kc, 'sidecar', { ...demoCluster(), namespaces: watched });
    expect(api.conflicts).toBe(1);
    expect(api.requests).toContain(`GET /api/v1/namespaces/${ns}`);
    // The second plan saw the ambient label and removed it; the unrelated label is kept.
    expect(changes.labels).toEqual({ 'istio-injection': 'enabled', 'istio.io/dataplane-mode': null });
    const now = await (await fetch(`${api.url}/api/v1/namespaces/${ns}`)).json();
    expect(now.metadata.labels).toEqual({ owner: 'platform', 'istio-injection': 'enabled' });
  });
});
