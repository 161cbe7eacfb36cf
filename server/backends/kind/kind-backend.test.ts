// The kind backend end to end against the fake API server: topology from the watched objects,
// mode switches, policies applied as resources, fortio runs through the service proxy, and the
// cluster going away.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import type { BackendEvent } from '../mesh-backend';
import { demoCluster, pod } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import { FakeApiServer } from './testing/fake-api-server';
import { fakeKubeConfig, seed, until } from './testing/fake-cluster';

const run = JSON.parse(readFileSync('server/backends/kind/fixtures/fortio-run.json', 'utf8'));
let api: FakeApiServer;
let backend: KindBackend | null = null;
afterEach(async () => {
  await backend?.stop();
  backend = null;
  await api?.stop();
});

async function start(cluster = demoCluster(), options: { switchTimeoutMs?: number } = {}) {
  api = new FakeApiServer();
  seed(api, cluster);
  const fortioCalls: string[] = [];
  api.serviceProxy = (namespace, service, path, query) => {
    fortioCalls.push(`${namespace} ${service} ${path} qps=${query.get('qps')}`);
    return { status: 200, body: { ...run, RequestedQPS: query.get('qps') } };
  };
  await api.start();
  const kc = fakeKubeConfig(api.url, 'kind-meshstage');
  const events: BackendEvent[] = [];
  backend = new KindBackend({ kubeConfig: kc, load: { rps: 50, payloadBytes: 256, errorPercent: 0 }, runSeconds: 1, ...options });
  backend.subscribe((e) => events.push(e));
  await backend.start();
  return { events, fortioCalls };
}

describe('KindBackend', () => {
  it('is ready on the context, draws the cluster, and runs fortio in the mode’s namespace', async () => {
    const { events, fortioCalls } = await start();
    expect(backend!.status()).toMatchObject({ state: 'ready', variant: 'kind-meshstage' });
    await backend!.applyMode('sidecar');
    const topologies = events.flatMap((e) => (e.type === 'topology' ? [e.topology] : []));
    expect(topologies.at(-1)).toMatchObject({ mode: 'sidecar', userSpaceHops: 6 });
    await until(() => events.some((e) => e.type === 'latency' && e.window.mode === 'sidecar'));
    expect(fortioCalls.some((c) => c === 'meshstage-sidecar client:8080 /fortio/rest/run qps=50')).toBe(true);
    const w = events.flatMap((e) => (e.type === 'latency' ? [e.window] : [])).at(-1)!;
    expect(w).toMatchObject({ rps: 199.6, errors: 3, window: { p50Us: 1450 } });
    expect(w.cumulative.count).toBeGreaterThanOrEqual(200);
  });

  it('applies policies as HTTPRoutes and VirtualServices where the mode enforces them, and removes them when off', async () => {
    await start();
    await backend!.applyMode('ambient-waypoint');
    const report = await backend!.applyPolicy({
      ...DEFAULT_POLICY,
      retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 },
      fault: { abortPercent: 5, abortStatus: 503, delayPercent: 0, delayMs: 0 },
    });
    expect(report).toEqual(
      expect.arrayContaining([
        { key: 'retries', enforced: true },
        { key: 'fault', enforced: true },
        { key: 'mtls', enforced: true },
      ]),
    );
    expect([...api.applied.get('gateway.networking.k8s.io/httproutes')!.keys()].sort()).toEqual([
      'meshstage-ambient-waypoint/meshstage-catalog',
      'meshstage-ambient-waypoint/meshstage-inventory',
      'meshstage-ambient-waypoint/meshstage-web',
    ]);
    expect(api.applied.get('networking.istio.io/virtualservices')!.size).toBe(3);
    await backend!.applyPolicy(DEFAULT_POLICY);
    expect(api.applied.get('gateway.networking.k8s.io/httproutes')!.size).toBe(0);
    await backend!.applyMode('ambient');
    const ambient = await backend!.applyPolicy({ ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 } });
    expect(ambient.find((e) => e.key === 'retries')).toMatchObject({ enforced: false, reason: expect.stringMatching(/waypoint/) });
  });

  it('switching into a namespace whose pods lack the sidecar restarts them and reports progress until they serve', async () => {
    const ns = 'meshstage-sidecar';
    const cluster = demoCluster();
    const stale = cluster.pods.filter((p) => p.metadata?.namespace === ns && ['web', 'catalog'].includes(p.metadata.labels!.app!));
    for (const p of stale) p.spec!.initContainers = [];
    const { events } = await start(cluster);
    for (const name of ['web', 'catalog']) api.upsert('deployments', { metadata: { name, namespace: ns }, spec: {} });
    let switched = false;
    const switching = backend!.applyMode('sidecar').then(() => (switched = true));
    const progress = () => events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    await until(() => progress().length > 0);
    expect(progress()[0]).toEqual({
      step: 'Restarting catalog, web in meshstage-sidecar so the sidecar is injected',
      done: 2,
      total: 4,
      waiting: ['web: 1 pod without a sidecar', 'catalog: 1 pod without a sidecar'],
    });
    expect(api.requests).toContain(`PATCH /apis/apps/v1/namespaces/${ns}/deployments/web`);
    // The ReplicaSet controller and kubelet, played by hand: new pods come up injected, old ones go.
    const fresh = stale.map((old) => pod(ns, `${old.metadata!.name}-injected`, old.metadata!.labels!, 'meshstage-worker', { sidecar: true }));
    for (const [i, old] of stale.entries()) {
      api.upsert('pods', { ...fresh[i]!, status: { phase: 'Pending', conditions: [] } } as never);
      api.remove('pods', old as never);
    }
    await until(
      () =>
        progress().at(-1)!.waiting.length === 2 &&
        progress()
          .at(-1)!
          .waiting.every((w) => w.endsWith('1 pod not ready')),
    );
    expect(switched).toBe(false);
    for (const p of fresh) api.upsert('pods', p as never);
    await switching;
    expect(progress().at(-1)).toMatchObject({ done: 4, total: 4, waiting: [] });
  });

  it('a switch whose pods never come fails after the timeout, saying what is missing', async () => {
    const cluster = demoCluster();
    cluster.pods = cluster.pods.filter((p) => !p.metadata?.labels?.['gateway.networking.k8s.io/gateway-name']);
    await start(cluster, { switchTimeoutMs: 300 });
    await expect(backend!.applyMode('ambient-waypoint')).rejects.toThrow(/not serving in ambient-waypoint after 0 s: waypoint "waypoint": not ready/);
  });

  it('error rate and payload are the workload’s environment: set by strategic merge patch in every mode’s namespace', async () => {
    await start();
    const patches = () => api.requests.filter((r) => r.startsWith('PATCH /apis/apps/v1/')).length;
    const atStart = patches();
    expect(atStart).toBe(18); // start-up sets this session's values: 6 namespaces × web, catalog, inventory
    await backend!.setLoad({ rps: 80, payloadBytes: 256, errorPercent: 0 });
    expect(patches()).toBe(atStart); // rps is fortio's: nothing to patch
    await backend!.setLoad({ rps: 80, payloadBytes: 256, errorPercent: 10 });
    expect(patches()).toBe(atStart + 18);
    const list = (await (await fetch(`${api.url}/apis/apps/v1/deployments`)).json()).items as {
      metadata: { name: string; namespace: string };
      spec: { template: { spec: { containers: { name: string; env: { name: string; value: string }[] }[] } } };
    }[];
    const env = (ns: string, name: string) => list.find((d) => d.metadata.namespace === ns && d.metadata.name === name)!.spec.template.spec.containers[0]!.env;
    for (const ns of ['meshstage-none', 'meshstage-sidecar', 'meshstage-ebpf-l7']) {
      expect(env(ns, 'inventory')).toEqual([
        { name: 'APP_NAME', value: 'inventory' },
        { name: 'PAYLOAD_BYTES', value: '256' },
        { name: 'ERROR_PERCENT', value: '10' },
      ]);
      expect(env(ns, 'web')).toEqual([
        { name: 'APP_NAME', value: 'web' },
        { name: 'PAYLOAD_BYTES', value: '256' },
      ]);
    }
  });

  it('a cluster without the demo workload is degraded with a hint, not unreachable', async () => {
    api = new FakeApiServer();
    const cluster = demoCluster();
    for (const n of cluster.nodes) api.upsert('nodes', n as never);
    await api.start();
    backend = new KindBackend({ kubeConfig: fakeKubeConfig(api.url, 'kind-meshstage') });
    await backend.start();
    expect(backend.status()).toMatchObject({
      state: 'degraded',
      detail: expect.stringMatching(/demo workload is not installed on kind-meshstage.*npm run cluster:up/),
    });
  });

  it('failing load runs degrade the backend with the reason, and it is ready again once runs work', async () => {
    const { events } = await start();
    let failing = true;
    api.serviceProxy = () =>
      failing ? { status: 503, body: { kind: 'Status', code: 503, message: 'no endpoints available for service "client:8080"' } } : { status: 200, body: run };
    await until(() => backend!.status().state === 'degraded', 5000);
    expect(backend!.status().detail).toMatch(/^Load runs fail in meshstage-none/);
    failing = false;
    await until(() => backend!.status().state === 'ready', 6000);
    const before = events.filter((e) => e.type === 'latency').length;
    await until(() => events.filter((e) => e.type === 'latency').length > before);
  });

  it('says the cluster is unreachable within 5 s, and refuses commands until it is back', async () => {
    await start();
    const t = Date.now();
    await api.stop();
    await until(() => backend!.status().state === 'unavailable', 5000);
    expect(Date.now() - t).toBeLessThan(5000);
    await expect(backend!.applyMode('ambient')).rejects.toThrow(/unavailable/);
  });
});
