// The kind backend against a real API server, as its ServiceAccount (rbac.yaml and nothing
// more), through its whole repertoire in order: informers and topology, every mode switch with
// its namespace labels, the sidecar rollout restart with its progress while the test plays the
// ReplicaSet controller and the kubelet, every L7 policy on and off, the load knobs mid-talk, a
// 409 race, an API server restart over a compacted etcd (410 Gone), the API server gone for good.
// Last, the server's audit log of everything the ServiceAccount asked: RBAC allowed each request,
// and every rule of the ClusterRole was needed.
// Not here: fortio's numbers. They need real pods behind the client Service (no kubelet runs
// here, so the service proxy answers 503); kind-backend.test.ts and kind-app.test.ts feed a
// recorded fortio answer through the fake API server. Here the proxy request is made, authorised
// and failed as a real server fails it.
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it, vi, type MockInstance } from 'vitest';
import { until } from '../../../lib/testing/until';
import { MODE_IDS, type ModeId } from '../../../lib/mesh/modes';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { FallbackBackend, readRecording } from '../../replay/index';
import type { BackendEvent, SwitchStep } from '../../seam/index';
import { WORKLOAD_APPS } from '../../../lib/mesh/workload';
import { MODE_LABELS, namespaceFor } from './cluster-shape';
import { demoCluster, pod } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import { prepareModeNamespace } from './mode-namespace';
import { RealApiServer, yamlDocuments } from './testing/real-apiserver';
import { createPod, seedRealCluster, setPodStatus } from './testing/real-cluster-seed';

const SERVICE_ACCOUNT = 'system:serviceaccount:default:meshstage-backend';
/** What the backend's informers list and watch (backends/kind/adapter/cluster-watcher.ts). */
const WATCHED = ['gateways', 'namespaces', 'nodes', 'pods'];
/** Mesh labels an earlier session could have left behind, for each switch to put right. */
const LEFT_BEHIND: Record<ModeId, Record<string, string>> = {
  none: { 'istio.io/dataplane-mode': 'ambient' },
  sidecar: {},
  ambient: {},
  'ambient-waypoint': { 'istio-injection': 'enabled' },
  ebpf: { 'istio-injection': 'enabled' },
  'ebpf-l7': { 'istio.io/use-waypoint': 'waypoint' },
};

let api: RealApiServer;
let backend: KindBackend;
/** Every request the backend makes, lists and watches alike (each is authenticated first). */
let asked: MockInstance<k8s.KubeConfig['applySecurityAuthentication']>;
const events: BackendEvent[] = [];
const lastTopology = () => events.flatMap((e) => (e.type === 'topology' ? [e.topology] : [])).at(-1)!;
const admin = () => api.kubeConfig().makeApiClient(k8s.CoreV1Api);
const adminApps = () => api.kubeConfig().makeApiClient(k8s.AppsV1Api);

beforeAll(async () => {
  const { bins, crds } = inject('apiserver');
  api = await RealApiServer.start(bins);
  for (const file of crds) await api.apply(readFileSync(file, 'utf8'));
  await api.apply(readFileSync('backends/kind/cluster/manifests/rbac.yaml', 'utf8'));
  const cluster = demoCluster();
  for (const mode of MODE_IDS) {
    const ns = cluster.namespaces.find((n) => n.metadata?.name === namespaceFor(mode))!;
    ns.metadata!.labels = { 'kubernetes.io/metadata.name': namespaceFor(mode), ...LEFT_BEHIND[mode] };
  }
  // The sidecar namespace's pods were created before injection was on: none has its sidecar.
  cluster.pods = cluster.pods.map((p) =>
    p.metadata?.namespace === namespaceFor('sidecar')
      ? { ...pod(namespaceFor('sidecar'), p.metadata.name!, p.metadata.labels!, p.spec!.nodeName!), status: p.status }
      : p,
  );
  await seedRealCluster(api, cluster);
  const kubeConfig = api.kubeConfig(await api.tokenFor('default', 'meshstage-backend'));
  asked = vi.spyOn(kubeConfig, 'applySecurityAuthentication');
  backend = new KindBackend({
    kubeConfig,
    load: { rps: 0, payloadBytes: 512, errorPercent: 5 },
    runSeconds: 1,
    switchTimeoutMs: 30_000,
    policyAcceptTimeoutMs: 1000,
  });
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
    expect(lastTopology().nodes).toEqual(expect.arrayContaining(['meshstage-worker', 'meshstage-worker2']));
    expect(lastTopology().pods.map((p) => p.service ?? p.name)).toEqual(expect.arrayContaining(['web', 'catalog', 'inventory']));
  });

  it('set the workload’s payload and error rate on the real Deployments (strategic merge patch)', async () => {
    const inventory = await adminApps().readNamespacedDeployment({ name: 'inventory', namespace: 'meshstage-none' });
    const env = Object.fromEntries((inventory.spec?.template.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PAYLOAD_BYTES: '512', ERROR_PERCENT: '5' });
  });

  it('every switch but sidecar leaves its namespace with exactly its mode’s mesh labels (and removes what another mode left)', async () => {
    for (const mode of MODE_IDS.filter((m) => m !== 'sidecar')) {
      await backend.applyMode(mode, DEFAULT_POLICY);
      const { 'kubernetes.io/metadata.name': name, ...mesh } = (await admin().readNamespace({ name: namespaceFor(mode) })).metadata?.labels ?? {};
      expect(name).toBe(namespaceFor(mode));
      expect(mesh, mode).toEqual(MODE_LABELS[mode]);
      expect(lastTopology().mode).toBe(mode);
    }
  });

  it('switches to sidecar: labels the namespace, restarts every Deployment, and reports progress as the pods are replaced', async () => {
    const ns = namespaceFor('sidecar');
    const progress: SwitchStep[] = [];
    const off = backend.subscribe((e) => e.type === 'progress' && progress.push(e.progress));
    let settled = false;
    const switching = backend.applyMode('sidecar', DEFAULT_POLICY).finally(() => (settled = true));
    switching.catch(() => undefined); // awaited below; a failure meanwhile is not unhandled
    // `kubectl rollout restart`: every Deployment's pod template stamped, so the ReplicaSet
    // controller replaces its pods (and the injector, now that the label is on, adds the sidecar).
    await until(async () => {
      const list = await adminApps().listNamespacedDeployment({ namespace: ns });
      return (
        list.items.length === WORKLOAD_APPS.length && list.items.every((d) => d.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'])
      );
    }, 10_000);
    expect((await admin().readNamespace({ name: ns })).metadata?.labels?.['istio-injection']).toBe('enabled');
    // The test plays the ReplicaSet controller and the kubelet: one app at a time, its new pod
    // (injected) is created, the old one goes, and the new one becomes ready.
    const old = (await admin().listNamespacedPod({ namespace: ns })).items;
    for (const [i, app] of WORKLOAD_APPS.entries()) {
      const previous = old.find((p) => p.metadata?.labels?.app === app)!;
      const fresh = pod(ns, `${app}-injected-${i}`, { app }, previous.spec!.nodeName!, { sidecar: true });
      await createPod(api, { ...fresh, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } });
      await admin().deleteNamespacedPod({ name: previous.metadata!.name!, namespace: ns, gracePeriodSeconds: 0 });
      await until(() => progress.at(-1)?.waiting.includes(`${app}: 1 pod not ready`) ?? false, 10_000);
      expect(settled, `the switch waits for ${app}`).toBe(false);
      await setPodStatus(api, ns, fresh.metadata!.name!, fresh.status!);
      await until(() => progress.at(-1)?.done === i + 1, 10_000);
    }
    await switching;
    off();
    // What the presenter saw: what the switch is doing, and what was still missing, in words.
    expect(progress[0]).toMatchObject({ step: `Restarting ${[...WORKLOAD_APPS].sort().join(', ')} in ${ns} so the sidecar is injected`, done: 0, total: 4 });
    expect(progress[0]!.waiting).toEqual(WORKLOAD_APPS.map((app) => `${app}: 1 pod without a sidecar`));
    const dones = progress.map((p) => p.done);
    expect(dones, 'progress never goes backwards').toEqual([...dones].sort((a, b) => a - b));
    expect([...new Set(dones)]).toEqual([0, 1, 2, 3, 4]);
    expect(lastTopology()).toMatchObject({ mode: 'sidecar', userSpaceHops: 6 });
  });

  it('applies every L7 policy in the mode’s one API (VirtualServices for Istio, HTTPRoutes for Cilium), as the ServiceAccount, and deletes them when off', async () => {
    const custom = api.kubeConfig().makeApiClient(k8s.CustomObjectsApi);
    const list = async (mode: ModeId, group: string, plural: string) =>
      (
        (await custom.listNamespacedCustomObject({ group, version: 'v1', namespace: namespaceFor(mode), plural })) as {
          items: { metadata: { name: string }; spec: any }[];
        }
      ).items;
    const l7 = { retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 }, timeout: { enabled: true, ms: 2000 } };
    const fault = { abortPercent: 5, abortStatus: 503, delayPercent: 10, delayMs: 100 };

    await backend.applyMode('ebpf-l7', DEFAULT_POLICY);
    const routesOnly = await backend.applyPolicy({ ...DEFAULT_POLICY, ...l7, fault });
    const routes = await list('ebpf-l7', 'gateway.networking.k8s.io', 'httproutes');
    expect(routes.map((r) => r.metadata.name).sort()).toEqual(['meshstage-catalog', 'meshstage-inventory', 'meshstage-web']);
    // What the real schema kept: the experimental retry stanza and the timeouts, as sent.
    expect(routes[0]!.spec.rules[0].retry).toMatchObject({ attempts: 2 });
    expect(routes[0]!.spec.rules[0].timeouts).toEqual({ request: '2000ms' });
    // Stored is not enforced: no Cilium operator runs here, so nothing accepted the routes (the
    // control-plane suite shows it accepting them); a fault is not Cilium's to do at all.
    const silent = "Cilium's operator has not accepted the HTTPRoutes within 1 s (is Gateway API on in Cilium, with its CRDs installed first?)";
    expect(routesOnly.filter((e) => e.key !== 'mtls')).toEqual([
      { key: 'retries', enforced: false, reason: silent },
      { key: 'timeout', enforced: false, reason: silent },
      { key: 'fault', enforced: false, reason: expect.stringContaining('fault filter') },
    ]);
    await backend.applyPolicy(DEFAULT_POLICY);
    expect(await list('ebpf-l7', 'gateway.networking.k8s.io', 'httproutes')).toEqual([]);

    await backend.applyMode('ambient-waypoint', DEFAULT_POLICY);
    const report = await backend.applyPolicy({ ...DEFAULT_POLICY, ...l7, fault });
    expect(report.filter((e) => e.enforced).map((e) => e.key)).toEqual(expect.arrayContaining(['retries', 'timeout', 'fault']));
    // Istio's modes: one VirtualService per Service carries all three — never an HTTPRoute beside it.
    expect(await list('ambient-waypoint', 'gateway.networking.k8s.io', 'httproutes')).toEqual([]);
    const services = await list('ambient-waypoint', 'networking.istio.io', 'virtualservices');
    expect(services).toHaveLength(3);
    expect(services[0]!.spec.http[0]).toMatchObject({
      fault: { abort: { httpStatus: 503 }, delay: { fixedDelay: '100ms' } },
      timeout: '2000ms',
      retries: { attempts: 2, perTryTimeout: '300ms', retryOn: '500,502,503,504' },
    });
    await backend.applyPolicy(DEFAULT_POLICY);
    expect(await list('ambient-waypoint', 'networking.istio.io', 'virtualservices')).toEqual([]);
  });

  it('changes payload and error rate mid-talk: every mode’s Deployments patched, the rest of each pod template kept, one rollout each', async () => {
    const read = (mode: ModeId, name: string) => adminApps().readNamespacedDeployment({ name, namespace: namespaceFor(mode) });
    const before = await read('ambient', 'inventory');
    await backend.setLoad({ rps: 0, payloadBytes: 4096, errorPercent: 20 });
    for (const mode of MODE_IDS) {
      for (const name of ['web', 'catalog', 'inventory']) {
        const containers = (await read(mode, name)).spec!.template.spec!.containers;
        expect(containers.map((c) => c.name)).toEqual([name]);
        const env = Object.fromEntries((containers[0]!.env ?? []).map((e) => [e.name, e.value]));
        // Merged by name into the manifest's env: its other entries stay.
        expect(env, `${mode}/${name}`).toMatchObject({
          APP_NAME: name,
          PORT: '8080',
          PAYLOAD_BYTES: '4096',
          ...(name === 'inventory' ? { ERROR_PERCENT: '20' } : {}),
        });
      }
    }
    const after = await read('ambient', 'inventory');
    expect(after.metadata!.generation).toBe(before.metadata!.generation! + 1);
    // The same knobs again: nothing to patch, so nothing restarts.
    await backend.setLoad({ rps: 0, payloadBytes: 4096, errorPercent: 20 });
    expect((await read('ambient', 'inventory')).metadata!.generation).toBe(after.metadata!.generation);
  });

  it('a namespace changed under a switch: planned again on what the server holds (409 Conflict, or a fresh read), the other change kept', async () => {
    const ns = namespaceFor('ambient');
    const kubeConfig = api.kubeConfig(await api.tokenFor('default', 'meshstage-backend'));
    const meddle = (labels: Record<string, string | null>) => api.request('PATCH', `/api/v1/namespaces/${ns}`, { metadata: { labels } });
    const all = () =>
      api
        .audit(SERVICE_ACCOUNT)
        .filter((e) => e.objectRef?.resource === 'namespaces' && e.objectRef.name === ns && ['get', 'patch'].includes(e.verb))
        .map((e) => `${e.verb} ${e.responseStatus?.code}`);
    const calls = (since: number) => all().slice(since);
    const expectAmbient = async () => {
      const labels = (await admin().readNamespace({ name: ns })).metadata?.labels ?? {};
      expect(labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', team: 'platform' });
      expect(labels['istio-injection']).toBeUndefined();
    };
    // 1. The watched copy lacks the mode's label; before the patch lands, someone else labels the
    //    namespace for sidecars (and for their team). The stale patch is refused: 409.
    await meddle({ 'istio.io/dataplane-mode': null, team: null });
    const watched = await admin().readNamespace({ name: ns });
    await meddle({ 'istio-injection': 'enabled', team: 'platform' });
    let since = all().length;
    await prepareModeNamespace(kubeConfig, 'ambient', { pods: [], namespaces: [watched], nodes: [], gateways: [] });
    await expectAmbient();
    expect(calls(since)).toEqual(['patch 409', 'get 200', 'patch 200']);
    // 2. The watched copy says the namespace is right, but it changed since: read afresh, put right.
    const right = await admin().readNamespace({ name: ns });
    await meddle({ 'istio-injection': 'enabled' });
    since = all().length;
    await prepareModeNamespace(kubeConfig, 'ambient', { pods: [], namespaces: [right], nodes: [], gateways: [] });
    await expectAmbient();
    expect(calls(since)).toEqual(['get 200', 'patch 200']);
    // 3. Right, and still right: one read, no write.
    since = all().length;
    await prepareModeNamespace(kubeConfig, 'ambient', { pods: [], namespaces: [await admin().readNamespace({ name: ns })], nodes: [], gateways: [] });
    expect(calls(since)).toEqual(['get 200']);
  });

  it('an API server restart over a compacted etcd: unavailable while it is gone, never ready until it is back, informers told 410 Gone relist, ready again', async () => {
    const states: string[] = [];
    const off = backend.subscribe((e) => e.type === 'status' && states.push(e.status.state));
    const seenRv = ((await api.request('GET', '/api/v1/pods?limit=1')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    await api.stopApiServer();
    const stoppedAt = Date.now();
    await until(() => backend.status().state !== 'ready', 15_000);
    // While it is down, nothing may call it ready (client-node's informer says 'connect' before
    // each attempt and resolves start() on a failed list: both once made it flap to ready). Each
    // informer retries with back-off (0.5 s, 1 s, 2 s): once each has made three more attempts, the
    // two before its last have come and failed, any flap of theirs with them.
    const from = asked.mock.calls.length;
    const attempts = (resource: string) => asked.mock.calls.slice(from).filter(([ctx]) => new URL(ctx.getUrl()).pathname.endsWith(`/${resource}`)).length;
    await until(() => WATCHED.every((resource) => attempts(resource) >= 3), 15_000);
    expect(states.slice(states.indexOf('unavailable'))).not.toContain('ready');
    // The presenter's commands are refused, saying why, and nothing is half-done.
    await expect(backend.applyMode('ambient', DEFAULT_POLICY)).rejects.toThrow(/unavailable/);
    // Meanwhile etcd compacts its history past everything the informers have seen.
    expect(await api.compactEtcd()).toBeGreaterThan(Number(seenRv));
    await api.startApiServer();
    // What each informer is told when it asks to resume: 410 Gone.
    const resume = await api.request('GET', `/api/v1/pods?watch=true&resourceVersion=${seenRv}&timeoutSeconds=1`).catch((e: Error) => e.message);
    expect(JSON.stringify(resume)).toMatch(/\\?"code\\?":410|: 410 /);
    await until(() => backend.status().state === 'ready', 30_000);
    off();
    expect(states.at(-1)).toBe('ready');
    // So every informer lists afresh (a resumed watch alone would not list); the 410 may come
    // inside a watch the server accepted, so the last relist can follow 'ready'.
    const relisted = () =>
      [
        ...new Set(
          api
            .audit(SERVICE_ACCOUNT)
            .filter((e) => e.verb === 'list' && Date.parse(e.requestReceivedTimestamp) > stoppedAt)
            .map((e) => e.objectRef?.resource),
        ),
      ].sort();
    await until(() => relisted().length === 4, 10_000).catch(() => undefined);
    expect(relisted()).toEqual(WATCHED);
    // Resumed, not stale: a change made after the restart reaches the drawing.
    const before = events.length;
    // Grace period 0: with no kubelet to confirm it, a graceful delete would leave the pod in place
    // (terminating, still Ready) for its 30 s.
    await admin().deleteNamespacedPod({ name: 'inventory-84d6f7c5b9-7wqtr', namespace: 'meshstage-ambient-waypoint', gracePeriodSeconds: 0 });
    // The drawing loses inventory (its one pod is gone) — only a watch that resumed can see it.
    await until(
      () =>
        events
          .slice(before)
          .some((e) => e.type === 'topology' && e.topology.mode === 'ambient-waypoint' && e.topology.pods.every((p) => p.name !== 'inventory')),
      15_000,
    );
  });

  it('a load run through the client Service’s proxy is authorised, fails as a real server fails it (no endpoints), and degrades the backend saying so', async () => {
    await backend.setLoad({ rps: 10, payloadBytes: 4096, errorPercent: 20 });
    await until(() => backend.status().state === 'degraded', 15_000);
    expect(backend.status().detail).toMatch(/Load runs fail in meshstage-ambient-waypoint/);
    await backend.setLoad({ rps: 0, payloadBytes: 4096, errorPercent: 20 });
    const proxied = api.audit(SERVICE_ACCOUNT).filter((e) => e.objectRef?.resource === 'services' && e.objectRef.subresource === 'proxy');
    expect(proxied.length).toBeGreaterThan(0);
    expect(proxied.map((e) => e.responseStatus?.code).filter((c) => c === 403)).toEqual([]);
  });

  it('a cluster not as the demo needs it: a switch whose pods never come fails saying what is missing; a missing Deployment degrades with a hint', async () => {
    const kubeConfig = () => api.tokenFor('default', 'meshstage-backend').then((token) => api.kubeConfig(token));
    // The restart test deleted ambient-waypoint's inventory pod, and no controller brings it back.
    const impatient = new KindBackend({ kubeConfig: await kubeConfig(), load: { rps: 0, payloadBytes: 4096, errorPercent: 20 }, switchTimeoutMs: 1000 });
    await impatient.start();
    try {
      await expect(impatient.applyMode('ambient-waypoint', DEFAULT_POLICY)).rejects.toThrow(
        /meshstage-ambient-waypoint is not serving in ambient-waypoint after 1 s: inventory: no pod/,
      );
    } finally {
      await impatient.stop();
    }
    await adminApps().deleteNamespacedDeployment({ name: 'web', namespace: namespaceFor('none') });
    const unprepared = new KindBackend({ kubeConfig: await kubeConfig(), load: { rps: 0, payloadBytes: 4096, errorPercent: 20 } });
    await unprepared.start();
    try {
      expect(unprepared.status()).toMatchObject({
        state: 'degraded',
        detail: expect.stringMatching(/demo workload is not installed on real.*npm run cluster:up/),
      });
    } finally {
      await unprepared.stop();
    }
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
      await api.stopApiServer('crash');
      await until(() => stage.active, 5000);
      expect(stage.status()).toMatchObject({ recorded: true, detail: expect.stringMatching(/unavailable/) });
    } finally {
      await stage.stop();
      await api.startApiServer();
    }
  });

  it('least privilege, from the audit log: RBAC allowed every request the ServiceAccount made, and every rule of rbac.yaml was used', () => {
    const made = api.audit(SERVICE_ACCOUNT);
    // Refused while the API server was starting (its RBAC authoriser has not synced yet, so it
    // refuses everyone — found here: the backend's watches after the restart): the server's
    // state, not the role's; the backend retried them.
    const refused = made.filter((e) => e.responseStatus?.code === 403);
    expect(refused.filter((e) => !api.duringStartup(Date.parse(e.requestReceivedTimestamp))).map((e) => `${e.verb} ${e.requestURI}`)).toEqual([]);
    const key = (e: (typeof made)[number], verb: string) =>
      `${e.objectRef?.apiGroup ?? ''}/${e.objectRef?.resource}${e.objectRef?.subresource ? `/${e.objectRef.subresource}` : ''}:${verb}`;
    // A server-side apply that created its object (201) was authorised for create as well as patch.
    const used = new Set(made.flatMap((e) => [key(e, e.verb), ...(e.verb === 'patch' && e.responseStatus?.code === 201 ? [key(e, 'create')] : [])]));
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const role = yamlDocuments(readFileSync('backends/kind/cluster/manifests/rbac.yaml', 'utf8')).find((d) => d.kind === 'ClusterRole') as unknown as {
      rules: Rule[];
    };
    const granted = role.rules.flatMap((r) => r.resources.flatMap((resource) => r.verbs.map((verb) => `${r.apiGroups[0]}/${resource}:${verb}`)));
    expect(granted.filter((g) => !used.has(g))).toEqual([]);
  });
});
