// The kind backend against a real API server, as its ServiceAccount (rbac.yaml and nothing
// more): its informers list and watch the real thing, it draws the topology, sets the workload's
// knobs on the real Deployments, and switches modes with the real namespace labels.
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../../lib/async/until';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { FallbackBackend } from '../fallback-backend';
import type { BackendEvent } from '../mesh-backend';
import { readRecording } from '../../replay/read-recording';
import { demoCluster } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import { RealApiServer } from './testing/real-apiserver';
import { seedRealCluster } from './testing/real-cluster-seed';

let api: RealApiServer;
let backend: KindBackend;
const events: BackendEvent[] = [];

beforeAll(async () => {
  const { bins, crds } = inject('apiserver');
  api = await RealApiServer.start(bins);
  for (const file of crds) await api.apply(readFileSync(file, 'utf8'));
  await api.apply(readFileSync('demo-cluster/kind/manifests/rbac.yaml', 'utf8'));
  // The sidecar namespace starts without its injection label: the switch must put it there.
  const cluster = demoCluster();
  const sidecarNs = cluster.namespaces.find((n) => n.metadata?.name === 'meshstage-sidecar')!;
  sidecarNs.metadata!.labels = { 'kubernetes.io/metadata.name': 'meshstage-sidecar' };
  await seedRealCluster(api, cluster);
  const kubeConfig = api.kubeConfig(await api.tokenFor('default', 'meshstage-backend'));
  backend = new KindBackend({ kubeConfig, load: { rps: 0, payloadBytes: 512, errorPercent: 5 }, runSeconds: 1 });
  backend.subscribe((e) => events.push(e));
  await backend.start();
});
afterAll(async () => {
  await backend?.stop();
  await api?.stop();
});

describe('the kind backend on a real API server, as its ServiceAccount', () => {
  it('is ready and draws the cluster its informers see', async () => {
    expect(backend.status()).toMatchObject({ state: 'ready' });
    await until(() => events.some((e) => e.type === 'topology'), 10_000);
    const topology = events.flatMap((e) => (e.type === 'topology' ? [e.topology] : [])).at(-1)!;
    expect(topology.nodes).toEqual(expect.arrayContaining(['meshstage-worker', 'meshstage-worker2']));
    expect(topology.pods.map((p) => p.service ?? p.name)).toEqual(expect.arrayContaining(['web', 'catalog', 'inventory']));
  });

  it('set the workload’s payload and error rate on the real Deployments (strategic merge patch)', async () => {
    const apps = api.kubeConfig().makeApiClient(k8s.AppsV1Api);
    const inventory = await apps.readNamespacedDeployment({ name: 'inventory', namespace: 'meshstage-none' });
    const env = Object.fromEntries((inventory.spec?.template.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PAYLOAD_BYTES: '512', ERROR_PERCENT: '5' });
  });

  it('switches to sidecar mode: the namespace is labelled for injection (it was not) and the new mode is drawn', async () => {
    const core = api.kubeConfig().makeApiClient(k8s.CoreV1Api);
    expect((await core.readNamespace({ name: 'meshstage-sidecar' })).metadata?.labels?.['istio-injection']).toBeUndefined();
    await backend.applyMode('sidecar');
    const ns = await core.readNamespace({ name: 'meshstage-sidecar' });
    expect(ns.metadata?.labels?.['istio-injection']).toBe('enabled');
    const topology = events.flatMap((e) => (e.type === 'topology' ? [e.topology] : [])).at(-1)!;
    expect(topology).toMatchObject({ mode: 'sidecar', userSpaceHops: 6 });
  });

  it('applies every L7 policy as real HTTPRoutes and VirtualServices (server-side apply, as the ServiceAccount), and deletes them when off', async () => {
    await backend.applyMode('ambient-waypoint');
    const report = await backend.applyPolicy({
      ...DEFAULT_POLICY,
      retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 },
      timeout: { enabled: true, ms: 2000 },
      fault: { abortPercent: 5, abortStatus: 503, delayPercent: 10, delayMs: 100 },
    });
    expect(report.filter((e) => e.enforced).map((e) => e.key)).toEqual(expect.arrayContaining(['retries', 'timeout', 'fault']));
    const custom = api.kubeConfig().makeApiClient(k8s.CustomObjectsApi);
    const list = async (group: string, version: string, plural: string) =>
      (
        (await custom.listNamespacedCustomObject({ group, version, namespace: 'meshstage-ambient-waypoint', plural })) as {
          items: { metadata: { name: string }; spec: any }[];
        }
      ).items;
    const routes = await list('gateway.networking.k8s.io', 'v1', 'httproutes');
    expect(routes.map((r) => r.metadata.name).sort()).toEqual(['meshstage-catalog', 'meshstage-inventory', 'meshstage-web']);
    // What the real schema kept: the experimental retry stanza and the timeouts, as sent.
    expect(routes[0]!.spec.rules[0].retry).toMatchObject({ attempts: 2 });
    expect(routes[0]!.spec.rules[0].timeouts).toEqual({ request: '2000ms', backendRequest: '300ms' });
    const services = await list('networking.istio.io', 'v1', 'virtualservices');
    expect(services).toHaveLength(3);
    expect(services[0]!.spec.http[0].fault).toMatchObject({ abort: { httpStatus: 503 }, delay: { fixedDelay: '100ms' } });
    await backend.applyPolicy(DEFAULT_POLICY);
    expect(await list('gateway.networking.k8s.io', 'v1', 'httproutes')).toEqual([]);
    expect(await list('networking.istio.io', 'v1', 'virtualservices')).toEqual([]);
  });

  it('an API server restart: the backend says unavailable while it is gone, never ready until it is back, and ready once its informers resume', async () => {
    const states: string[] = [];
    const off = backend.subscribe((e) => e.type === 'status' && states.push(e.status.state));
    await api.stopApiServer();
    await until(() => backend.status().state !== 'ready', 15_000);
    // While it is down, nothing may call it ready (client-node's informer says 'connect' before
    // each attempt and resolves start() on a failed list: both once made it flap to ready).
    await new Promise((r) => setTimeout(r, 3000));
    expect(states.slice(states.indexOf('unavailable'))).not.toContain('ready');
    await api.startApiServer();
    await until(() => backend.status().state === 'ready', 30_000);
    off();
    expect(states.at(-1)).toBe('ready');
    // Resumed, not stale: a change made after the restart reaches the drawing.
    const before = events.length;
    const core = api.kubeConfig().makeApiClient(k8s.CoreV1Api);
    // Grace period 0: with no kubelet to confirm it, a graceful delete would leave the pod in place
    // (terminating, still Ready) for its 30 s.
    await core.deleteNamespacedPod({ name: 'inventory-84d6f7c5b9-7wqtr', namespace: 'meshstage-ambient-waypoint', gracePeriodSeconds: 0 });
    // The drawing loses inventory (its one pod is gone) — only a watch that resumed can see it.
    await until(
      () =>
        events
          .slice(before)
          .some((e) => e.type === 'topology' && e.topology.mode === 'ambient-waypoint' && e.topology.pods.every((p) => p.name !== 'inventory')),
      15_000,
    );
  });

  it('the API server gone for good: the stage fallback plays the recording (labelled) within 5 s', async () => {
    const recording = readRecording('public/recordings/lab-tour.json');
    expect(recording).not.toBeNull();
    // The app's own stack: a kind backend of its own behind the stage fallback.
    const live = new KindBackend({
      kubeConfig: api.kubeConfig(await api.tokenFor('default', 'meshstage-backend')),
      load: { rps: 0, payloadBytes: 512, errorPercent: 0 },
    });
    const stage = new FallbackBackend(live, recording!, { load: { rps: 50, payloadBytes: 512, errorPercent: 0 } });
    await stage.start();
    try {
      expect(stage.active).toBe(false);
      await api.stopApiServer();
      await until(() => stage.active, 5000);
      expect(stage.status()).toMatchObject({ recorded: true, detail: expect.stringMatching(/unavailable/) });
    } finally {
      await stage.stop();
      await api.startApiServer();
    }
  });
});
