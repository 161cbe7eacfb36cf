// The kind backend against Istio's and Cilium's own control planes: their charts installed with
// the values cluster.sh uses, istiod and cilium-operator running as the charts configure them,
// and the backend acting as its ServiceAccount. What is checked is what the controllers did —
// the injection webhook's pod, the waypoint they programmed, the route status they wrote, the
// Envoy config Cilium produced — never only that an object was stored.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../../lib/async/until';
import { MODE_IDS, type ModeId } from '../../../lib/mesh/modes';
import type { BackendEvent, SwitchStep } from '../mesh-backend';
import { MODE_LABELS, namespaceFor, WORKLOAD_APPS } from './cluster-shape';
import { demoCluster, pod } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import type { KubePod } from './kube-objects';
import {
  CONTROL_PLANE_APISERVER_ARGS,
  ControlPlaneProcess,
  Helm,
  hostAddress,
  istioInstallArgs,
  pointServiceAt,
  scratchDir,
  type ControlPlaneBuild,
} from './testing/control-planes';
import { RealApiServer, type ApiServerBinaries } from './testing/real-apiserver';
import { createPod, seedRealCluster, setPodStatus } from './testing/real-cluster-seed';

declare module 'vitest' {
  export interface ProvidedContext {
    controlPlane: { bins: ApiServerBinaries; build: ControlPlaneBuild; gatewayApi: { standard: string; experimental: string } };
  }
}

const KUBELET = 'v1.36.4';
let api: RealApiServer;
let dir: string;
let istiod: ControlPlaneProcess;
let backend: KindBackend;
const events: BackendEvent[] = [];
const core = () => api.kubeConfig().makeApiClient(k8s.CoreV1Api);
const apps = () => api.kubeConfig().makeApiClient(k8s.AppsV1Api);
const custom = () => api.kubeConfig().makeApiClient(k8s.CustomObjectsApi);

function crdFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(folder, f));
}

async function httpStatus(url: string): Promise<number> {
  return fetch(url)
    .then((r) => r.status)
    .catch(() => 0);
}

beforeAll(async () => {
  const { bins, build, gatewayApi } = inject('controlPlane');
  dir = scratchDir();
  api = await RealApiServer.start(bins, { extraArgs: CONTROL_PLANE_APISERVER_ARGS });
  // Gateway API first: istiod and Cilium's operator look for its CRDs when they start.
  for (const file of crdFiles(gatewayApi.experimental)) await api.apply(readFileSync(file, 'utf8'));
  const helm = new Helm(build.helm, api, dir);
  for (const args of istioInstallArgs(build)) await helm.run(args);
  await pointServiceAt(api, 'istio-system', 'istiod', hostAddress());
  istiod = await ControlPlaneProcess.start(api, {
    namespace: 'istio-system',
    deployment: 'istiod',
    bin: build.pilotDiscovery,
    adjust: (args, env, kubeconfig) => ({
      args,
      // The chart points KUBECONFIG at a remote-cluster secret it mounts optionally; outside a
      // pod, istiod's ServiceAccount token comes in a kubeconfig instead of the pod's mount.
      env: { ...env, KUBECONFIG: kubeconfig },
    }),
  });
  await until(async () => {
    if (istiod.exited) throw new Error(`istiod exited:\n${istiod.log()}`);
    return (await httpStatus('http://127.0.0.1:8080/ready')) === 200;
  }, 120_000, 250);

  // The workload as cluster:up leaves it, with the tests playing the nodes' kubelets.
  await api.apply(readFileSync('demo-cluster/kind/manifests/rbac.yaml', 'utf8'));
  const cluster = demoCluster();
  cluster.pods = cluster.pods
    .filter((p) => p.metadata?.namespace?.startsWith('meshstage-') && !p.metadata.labels?.['gateway.networking.k8s.io/gateway-name'])
    // Injection turns on when the backend switches to sidecar: the pods there start without it.
    .map((p) => (p.metadata?.namespace === namespaceFor('sidecar') ? { ...pod(namespaceFor('sidecar'), p.metadata.name!, p.metadata.labels!, p.spec!.nodeName!), status: p.status } : p));
  for (const ns of cluster.namespaces) if (ns.metadata?.name === namespaceFor('sidecar')) ns.metadata.labels = { 'kubernetes.io/metadata.name': namespaceFor('sidecar') };
  await seedRealCluster(api, cluster);
  for (const node of cluster.nodes) {
    await api.request('PATCH', `/api/v1/nodes/${node.metadata!.name}/status`, { status: { nodeInfo: { kubeletVersion: KUBELET } } });
  }
  backend = new KindBackend({ kubeConfig: api.kubeConfig(await api.tokenFor('default', 'meshstage-backend')), load: { rps: 0, payloadBytes: 512, errorPercent: 0 }, switchTimeoutMs: 60_000 });
  backend.subscribe((e) => events.push(e));
  await backend.start();
}, 240_000);

afterAll(async () => {
  await backend?.stop();
  await istiod?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('istiod, installed from its chart and running against the real API server', () => {
  it('serves, and has taken over its webhooks (CA bundle patched in)', async () => {
    const admission = api.kubeConfig().makeApiClient(k8s.AdmissionregistrationV1Api);
    await until(async () => {
      const m = await admission.readMutatingWebhookConfiguration({ name: 'istio-sidecar-injector' });
      return (m.webhooks ?? []).every((w) => (w.clientConfig.caBundle ?? '').length > 0);
    }, 60_000, 250);
    expect(istiod.exited).toBe(false);
  });

  it('sidecar: the pods the rollout restart brings back come from Istio’s injection webhook with the proxy, and the switch reads them', async () => {
    const ns = namespaceFor('sidecar');
    const progress: SwitchStep[] = [];
    const off = backend.subscribe((e) => e.type === 'progress' && progress.push(e.progress));
    const switching = backend.applyMode('sidecar');
    switching.catch(() => undefined);
    await until(async () => {
      const list = await apps().listNamespacedDeployment({ namespace: ns });
      return list.items.every((d) => d.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']);
    }, 20_000);
    // The ReplicaSet controller's part: each Deployment's new pod, created from its template
    // through the API server — where istiod's webhook decides what the pod becomes.
    const old = (await core().listNamespacedPod({ namespace: ns })).items;
    const injected: k8s.V1Pod[] = [];
    for (const app of WORKLOAD_APPS) {
      const d = await apps().readNamespacedDeployment({ name: app, namespace: ns });
      const previous = old.find((p) => p.metadata?.labels?.app === app)!;
      const created = (await core().createNamespacedPod({
        namespace: ns,
        body: { metadata: { name: `${app}-cp`, labels: d.spec!.template.metadata!.labels, annotations: d.spec!.template.metadata!.annotations }, spec: { ...d.spec!.template.spec!, nodeName: previous.spec!.nodeName } },
      })) as k8s.V1Pod;
      injected.push(created);
      await core().deleteNamespacedPod({ name: previous.metadata!.name!, namespace: ns, gracePeriodSeconds: 0 });
      await setPodStatus(api, ns, `${app}-cp`, { phase: 'Running', podIP: `10.244.2.${injected.length}`, conditions: [{ type: 'Ready', status: 'True' }] });
    }
    await switching;
    off();
    for (const p of injected) {
      const proxy = [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])].find((c) => c.name === 'istio-proxy');
      expect(proxy, `${p.metadata?.name} has istio-proxy`).toBeDefined();
      expect(p.metadata?.annotations?.['sidecar.istio.io/status']).toContain('istio-proxy');
    }
    // Istio decides native sidecars from the nodes' kubelets (all ≥ 1.33 here): an init container.
    const native = injected[0]!.spec?.initContainers?.find((c) => c.name === 'istio-proxy');
    expect(native?.restartPolicy).toBe('Always');
    expect(progress[0]?.waiting).toEqual(WORKLOAD_APPS.map((app) => `${app}: 1 pod without a sidecar`));
    expect(progress.at(-1)).toMatchObject({ done: WORKLOAD_APPS.length, waiting: [] });
  });
});
