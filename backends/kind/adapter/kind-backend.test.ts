// The kind backend's load runs, against the fake API server: fortio's answers through the client
// Service's proxy become latency windows, and failing runs degrade the backend until runs work.
// Only this needs the fake: fortio answers only with real pods behind the Service, and no kubelet
// runs beside the real API server. Everything else the backend does is tested on a real API
// server (kind-backend.apiserver-test.ts).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../seam/index';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { demoCluster } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import { FakeApiServer } from './testing/fake-api-server';
import { fakeKubeConfig, seed, until } from './testing/fake-cluster';

const run = JSON.parse(readFileSync('backends/kind/adapter/fixtures/fortio-run.json', 'utf8'));
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
    await backend!.applyMode('sidecar', DEFAULT_POLICY);
    const topologies = events.flatMap((e) => (e.type === 'topology' ? [e.topology] : []));
    expect(topologies.at(-1)).toMatchObject({ mode: 'sidecar', userSpaceHops: 6 });
    await until(() => events.some((e) => e.type === 'latency' && e.window.mode === 'sidecar'));
    expect(fortioCalls.some((c) => c === 'meshstage-sidecar client:8080 /fortio/rest/run qps=50')).toBe(true);
    const w = events.flatMap((e) => (e.type === 'latency' ? [e.window] : [])).at(-1)!;
    expect(w).toMatchObject({ rps: 199.6, errors: 3, window: { p50Us: 1450 } });
    expect(w.cumulative.count).toBeGreaterThanOrEqual(200);
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
});
