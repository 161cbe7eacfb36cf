// The whole app on the kind backend, with the fake API server as the cluster: a presenter's mode
// switch reaches the cluster as a namespace patch and a rollout restart, every screen sees the
// rollout's progress, and latency measured by "fortio" arrives as live windows.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoState } from '../lib/mesh/demo-state';
import { command, startTestServer } from './testing/start-test-server';
import { demoCluster, pod } from '../backends/kind/adapter/fixtures/cluster';
import { KindBackend } from '../backends/kind/index';
import { FakeApiServer } from '../backends/kind/adapter/testing/fake-api-server';
import { fakeKubeConfig, seed, until } from '../backends/kind/adapter/testing/fake-cluster';
import { unpackWindow } from '../lib/contract/wire/window-wire';

let api: FakeApiServer | null = null;
let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await server?.close();
  await server?.backend.stop();
  await api?.stop();
  server = null;
});

describe('the app on the kind backend (fake API server)', () => {
  it('presenter switches to sidecar: the rollout’s progress reaches attendees, then the mode and fortio’s numbers', async () => {
    api = new FakeApiServer();
    const cluster = demoCluster();
    const ns = 'meshstage-sidecar';
    const stale = cluster.pods.find((p) => p.metadata?.namespace === ns && p.metadata.labels?.app === 'web')!;
    stale.spec!.initContainers = [];
    seed(api, cluster);
    api.upsert('deployments', { metadata: { name: 'web', namespace: ns }, spec: {} });
    const run = JSON.parse(readFileSync('backends/kind/adapter/fixtures/fortio-run.json', 'utf8'));
    api.serviceProxy = (namespace) => ({ status: 200, body: { ...run, Labels: namespace } });
    await api.start();
    const backend = new KindBackend({
      kubeConfig: fakeKubeConfig(api.url, 'kind-meshstage'),
      load: { rps: 20, payloadBytes: 1024, errorPercent: 0 },
      runSeconds: 1,
    });
    await backend.start();
    server = await startTestServer({ backend });
    const presenter = await server.presenter();
    const attendee = await server.attendee();
    const seen: DemoState[] = [];
    attendee.on('demo:state', (s) => seen.push(s));
    const windows: string[] = [];
    attendee.on('latency:windows', (ws) => windows.push(...ws.map((w) => unpackWindow(w).mode)));

    const switched = command(presenter, 'mode:set', { mode: 'sidecar' });
    await until(() => seen.some((s) => s.switching?.waiting.includes('web: 1 pod without a sidecar')));
    expect(seen.at(-1)).toMatchObject({ mode: 'none', backend: { name: 'kind', variant: 'kind-meshstage', state: 'ready' } });
    expect(seen.at(-1)!.switching).toMatchObject({ from: 'none', to: 'sidecar', done: 3, total: 4, step: expect.stringMatching(/^Restarting web/) });
    api.upsert('pods', pod(ns, 'web-injected', { app: 'web' }, 'meshstage-worker', { sidecar: true }) as never);
    api.remove('pods', stale as never);

    const result = await switched;
    expect(result.ok).toBe(true);
    expect(server.app.demo.state()).toMatchObject({ mode: 'sidecar', switching: null, lastSwitch: { from: 'none', to: 'sidecar' } });
    expect(server.app.demo.state().topology).toMatchObject({ mode: 'sidecar', userSpaceHops: 6 });
    await until(() => windows.includes('sidecar'), 5000);
  });
});
