// The kind backend against Istio's and Cilium's own control planes: their charts installed with
// the values cluster.sh uses, istiod and cilium-operator running as the charts configure them,
// and the backend acting as its ServiceAccount. What is checked is what the controllers did —
// the injection webhook's pod, the waypoint they programmed, the route status they wrote, the
// Envoy config Cilium produced — never only that an object was stored.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../../lib/testing/until';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import type { BackendEvent, SwitchStep } from '../../seam/index';
import { WORKLOAD_APPS } from '../../../lib/mesh/workload';
import { namespaceFor } from './cluster-shape';
import { demoCluster, pod } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import type { KubePod } from './kube-objects';
import { CILIUM_CONTROLLER, routeVerdict, type RouteStatusObject } from './policy-status';
import {
  ciliumInstallArgs,
  CONTROL_PLANE_APISERVER_ARGS,
  ControlPlaneProcess,
  Helm,
  hostAddress,
  istioInstallArgs,
  pin,
  pointServiceAt,
  scratchDir,
  writeConfigDir,
  type ControlPlaneBuild,
} from './testing/control-planes';
import { RealApiServer, type ApiServerBinaries } from './testing/real-apiserver';
import { createPod, seedRealCluster, setPodStatus } from './testing/real-cluster-seed';

declare module 'vitest' {
  export interface ProvidedContext {
    controlPlane: { bins: ApiServerBinaries; build: ControlPlaneBuild; gatewayApi: { standard: string; experimental: string; formerExperimental: string } };
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
  await until(
    async () => {
      if (istiod.exited) throw new Error(`istiod exited:\n${istiod.log()}`);
      return (await httpStatus('http://127.0.0.1:8080/ready')) === 200;
    },
    120_000,
    250,
  );

  // The workload as cluster:up leaves it, with the tests playing the nodes' kubelets.
  await api.apply(readFileSync('backends/kind/cluster/manifests/rbac.yaml', 'utf8'));
  const cluster = demoCluster();
  cluster.pods = cluster.pods
    .filter((p) => p.metadata?.namespace?.startsWith('meshstage-') && !p.metadata.labels?.['gateway.networking.k8s.io/gateway-name'])
    // Injection turns on when the backend switches to sidecar: the pods there start without it.
    .map((p) =>
      p.metadata?.namespace === namespaceFor('sidecar')
        ? { ...pod(namespaceFor('sidecar'), p.metadata.name!, p.metadata.labels!, p.spec!.nodeName!), status: p.status }
        : p,
    );
  for (const ns of cluster.namespaces)
    if (ns.metadata?.name === namespaceFor('sidecar')) ns.metadata.labels = { 'kubernetes.io/metadata.name': namespaceFor('sidecar') };
  await seedRealCluster(api, cluster);
  for (const node of cluster.nodes) {
    await api.request('PATCH', `/api/v1/nodes/${node.metadata!.name}/status`, { status: { nodeInfo: { kubeletVersion: KUBELET } } });
  }
  backend = new KindBackend({
    kubeConfig: api.kubeConfig(await api.tokenFor('default', 'meshstage-backend')),
    load: { rps: 0, payloadBytes: 512, errorPercent: 0 },
    switchTimeoutMs: 60_000,
    policyAcceptTimeoutMs: 10_000,
  });
  backend.subscribe((e) => events.push(e));
  await backend.start();
}, 240_000);

afterAll(async () => {
  await backend?.stop();
  await istiod?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the pinned releases, as built and rendered', () => {
  it('helm, Cilium’s operator and Cilium’s chart say the versions versions.env pins', () => {
    const { build } = inject('controlPlane');
    expect(execFileSync(build.helm, ['version', '--template', '{{.Version}}'], { encoding: 'utf8' })).toBe(pin('HELM_VERSION'));
    expect(execFileSync(build.ciliumOperator, ['--version'], { encoding: 'utf8' })).toContain(`Cilium-Operator ${pin('CILIUM_VERSION')} `);
    expect(readFileSync(path.join(build.charts.cilium, 'Chart.yaml'), 'utf8')).toMatch(
      new RegExp(`^version: ${pin('CILIUM_VERSION').replace(/\./g, '\\.')}$`, 'm'),
    );
    // Istio's source charts say 1.0.0 (its release build stamps the version); what they install is
    // tagged with ISTIO_VERSION, as cluster.sh sets it.
    expect(istiod.exited).toBe(false);
  });
});

describe('istiod, installed from its chart and running against the real API server', () => {
  it('serves, and has taken over its webhooks (CA bundle patched in)', async () => {
    const admission = api.kubeConfig().makeApiClient(k8s.AdmissionregistrationV1Api);
    await until(
      async () => {
        const m = await admission.readMutatingWebhookConfiguration({ name: 'istio-sidecar-injector' });
        return (m.webhooks ?? []).every((w) => (w.clientConfig.caBundle ?? '').length > 0);
      },
      60_000,
      250,
    );
    expect(istiod.exited).toBe(false);
  });

  it('sidecar: the pods the rollout restart brings back come from Istio’s injection webhook with the proxy, and the switch reads them', async () => {
    const ns = namespaceFor('sidecar');
    const progress: SwitchStep[] = [];
    const off = backend.subscribe((e) => e.type === 'progress' && progress.push(e.progress));
    const switching = backend.applyMode('sidecar', DEFAULT_POLICY);
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
        body: {
          metadata: { name: `${app}-cp`, labels: d.spec!.template.metadata!.labels, annotations: d.spec!.template.metadata!.annotations },
          spec: { ...d.spec!.template.spec!, nodeName: previous.spec!.nodeName },
        },
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
      // The released proxy image of the pinned release (values/istio.yaml's hub, the tag cluster.sh sets).
      expect(proxy!.image).toMatch(new RegExp(`^docker\\.io/istio/proxyv2:${pin('ISTIO_VERSION').replace(/\./g, '\\.')}(-distroless)?$`));
      expect(p.metadata?.annotations?.['sidecar.istio.io/status']).toContain('istio-proxy');
    }
    // Istio decides native sidecars from the nodes' kubelets (all ≥ 1.33 here): an init container.
    const native = injected[0]!.spec?.initContainers?.find((c) => c.name === 'istio-proxy');
    expect(native?.restartPolicy).toBe('Always');
    expect(progress[0]?.waiting).toEqual(WORKLOAD_APPS.map((app) => `${app}: 1 pod without a sidecar`));
    expect(progress.at(-1)).toMatchObject({ done: WORKLOAD_APPS.length, waiting: [] });
  });
});

type Route = {
  metadata: { name: string; generation?: number; managedFields?: unknown[] };
  spec: { parentRefs?: { kind?: string; name: string }[] };
  status?: RouteStatusObject['status'];
};
type VirtualService = { metadata: { name: string }; spec: { hosts: string[]; http: Record<string, unknown>[] } };
const listIn = async <T>(namespace: string, group: string, plural: string, version = 'v1'): Promise<T[]> =>
  ((await custom().listNamespacedCustomObject({ group, version, namespace, plural })) as { items: T[] }).items;
const envoyConfigsIn = <T>(namespace: string) => listIn<T>(namespace, 'cilium.io', 'ciliumenvoyconfigs', 'v2');
const routesIn = (ns: string) => listIn<Route>(ns, 'gateway.networking.k8s.io', 'httproutes');
const virtualServicesIn = (ns: string) => listIn<VirtualService>(ns, 'networking.istio.io', 'virtualservices');

/** The Services that have both an HTTPRoute and a VirtualService in `ns` (Istio: undefined behaviour). */
async function bothApis(ns: string): Promise<string[]> {
  const routed = new Set((await routesIn(ns)).flatMap((r) => (r.spec.parentRefs ?? []).filter((p) => p.kind === 'Service').map((p) => p.name)));
  return (await virtualServicesIn(ns)).flatMap((v) => v.spec.hosts).filter((h) => routed.has(h));
}

const RETRIES_TIMEOUT = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 }, timeout: { enabled: true, ms: 2000 } };
const WITH_FAULT = { ...RETRIES_TIMEOUT, fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 } };
const l7 = <T extends { key: string }>(report: T[]) => report.filter((e) => e.key !== 'mtls');

describe('ambient + waypoint: istiod programs the waypoint', () => {
  it('creates its Deployment and Service, calls it Programmed once it has an endpoint, and binds the namespace’s services to it', async () => {
    const ns = namespaceFor('ambient-waypoint');
    let deployment: k8s.V1Deployment | undefined;
    await until(
      async () => {
        deployment = await apps()
          .readNamespacedDeployment({ name: 'waypoint', namespace: ns })
          .catch(() => undefined);
        const service = await core()
          .readNamespacedService({ name: 'waypoint', namespace: ns })
          .catch(() => undefined);
        return Boolean(deployment && service?.spec?.clusterIP);
      },
      60_000,
      250,
    );
    expect(deployment!.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Gateway', name: 'waypoint' });
    // The ReplicaSet controller, the kubelet and the EndpointSlice controller: the waypoint's pod.
    const template = deployment!.spec!.template;
    const ip = '10.244.3.10';
    await createPod(api, {
      metadata: { name: 'waypoint-cp', namespace: ns, labels: template.metadata?.labels, annotations: template.metadata?.annotations },
      spec: { ...template.spec!, nodeName: 'meshstage-worker2' },
      status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
    } as KubePod);
    await pointServiceAt(api, ns, 'waypoint', ip, { kind: 'Pod', name: 'waypoint-cp', namespace: ns });
    const gateway = async () =>
      (await custom().getNamespacedCustomObject({
        group: 'gateway.networking.k8s.io',
        version: 'v1',
        namespace: ns,
        plural: 'gateways',
        name: 'waypoint',
      })) as {
        status?: { conditions?: { type: string; status: string; message?: string }[] };
      };
    await until(async () => (await gateway()).status?.conditions?.some((c) => c.type === 'Programmed' && c.status === 'True') ?? false, 60_000, 250);
    await backend.applyMode('ambient-waypoint', DEFAULT_POLICY);
    // istiod says which waypoint each service's traffic goes through (the namespace's use-waypoint label).
    for (const service of ['web', 'catalog', 'inventory']) {
      await until(
        async () => {
          const svc = (await core().readNamespacedService({ name: service, namespace: ns })) as k8s.V1Service;
          return svc.status?.conditions?.some((c) => c.type === 'istio.io/WaypointBound' && c.status === 'True') ?? false;
        },
        30_000,
        250,
      );
    }
  });
});

describe('L7 policy in the Istio modes, as istiod takes it', () => {
  for (const mode of ['ambient-waypoint', 'sidecar'] as const) {
    it(`${mode}: retries, timeout and fault in one VirtualService per service, admitted by istiod’s webhook; no HTTPRoute beside it`, async () => {
      const ns = namespaceFor(mode);
      await backend.applyMode(mode, DEFAULT_POLICY);
      expect(l7(await backend.applyPolicy(RETRIES_TIMEOUT))).toEqual([
        { key: 'retries', enforced: true },
        { key: 'timeout', enforced: true },
      ]);
      expect(l7(await backend.applyPolicy(WITH_FAULT)).every((e) => e.enforced)).toBe(true);
      expect(await routesIn(ns)).toEqual([]);
      expect((await virtualServicesIn(ns)).map((v) => v.spec.http[0]).sort((a, b) => JSON.stringify(a?.route).localeCompare(JSON.stringify(b?.route)))).toEqual(
        ['catalog', 'inventory', 'web'].map((host) =>
          expect.objectContaining({
            fault: expect.any(Object),
            retries: expect.objectContaining({ attempts: 2 }),
            timeout: '2000ms',
            route: [{ destination: { host } }],
          }),
        ),
      );
      expect(await bothApis(ns)).toEqual([]);
      if (mode === 'sidecar') {
        // What istiod serves web's sidecar (asked as it, over xDS): the route to catalog carries
        // the retries, the timeout and the fault.
        const { build } = inject('controlPlane');
        type EnvoyRoute = { route?: { timeout?: string; retryPolicy?: object }; typedPerFilterConfig?: object };
        let catalog: EnvoyRoute | undefined;
        await until(
          async () => {
            const out = execFileSync(build.xdsRoutes, ['--ip', '10.244.2.2', '--namespace', ns, '--workload', 'web-cp', '--timeout', '10s'], {
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            const routes = JSON.parse(out) as Record<string, { virtualHosts?: { name: string; routes: EnvoyRoute[] }[] }>;
            catalog = routes['80']?.virtualHosts?.find((v) => v.name.startsWith(`catalog.${ns}.svc.cluster.local:80`))?.routes[0];
            // Istio's default route has a retry policy of its own: wait for the VirtualService's.
            return catalog?.route?.timeout === '2s';
          },
          30_000,
          500,
        );
        expect(catalog!.route).toMatchObject({
          timeout: '2s',
          retryPolicy: {
            numRetries: 2,
            perTryTimeout: '0.300s',
            retryOn: expect.stringContaining('retriable-status-codes'),
            retriableStatusCodes: [500, 502, 503, 504],
          },
        });
        expect(JSON.stringify(catalog!.typedPerFilterConfig)).toMatch(
          /envoy\.filters\.http\.fault.*"percentage":\{"numerator":300000,"denominator":"MILLION"\}|envoy\.filters\.http\.fault/,
        );
        expect(JSON.stringify(catalog!.typedPerFilterConfig)).toContain('"fixedDelay":"0.100s"');
      }
      await backend.applyPolicy(DEFAULT_POLICY);
      expect([...(await routesIn(ns)), ...(await virtualServicesIn(ns))]).toEqual([]);
    });
  }

  it('istiod’s validating webhook is what admits a VirtualService: a broken one is refused by it', async () => {
    const broken = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'broken', namespace: namespaceFor('sidecar') },
      // The CRD's schema takes any string here; istiod knows Envoy's retry conditions.
      spec: { hosts: ['web'], http: [{ retries: { attempts: 2, retryOn: 'sometimes' }, route: [{ destination: { host: 'web' } }] }] },
    };
    await api.create(
      {
        ...broken,
        metadata: { ...broken.metadata, name: 'fine' },
        spec: { ...broken.spec, http: [{ ...broken.spec.http[0], retries: { attempts: 2, retryOn: '503' } }] },
      } as never,
      { dryRun: true },
    );
    // istiod turned its validator from Ignore to Fail once it was ready: nothing unvalidated gets in.
    const admission = api.kubeConfig().makeApiClient(k8s.AdmissionregistrationV1Api);
    await until(
      async () => {
        const v = await admission.readValidatingWebhookConfiguration({ name: 'istio-validator-istio-system' });
        return (v.webhooks ?? []).every((w) => w.failurePolicy === 'Fail');
      },
      30_000,
      250,
    );
    await expect(api.create(broken as never, { dryRun: true })).rejects.toThrow(
      /admission webhook \\"validation\.istio\.io\\" denied the request: configuration is invalid: \\"sometimes\\" is not a valid retryOn policy/,
    );
  });
});

describe('eBPF + node L7: Cilium’s operator, installed from its chart', () => {
  let operator: ControlPlaneProcess | undefined;
  const ns = namespaceFor('ebpf-l7');
  afterAll(async () => operator?.stop());

  /** (Re)starts the operator as the chart's Deployment runs it, its config dir from cilium-config. */
  async function startOperator(): Promise<void> {
    await operator?.stop();
    const { build } = inject('controlPlane');
    const cm = await core().readNamespacedConfigMap({ name: 'cilium-config', namespace: 'kube-system' });
    operator = await ControlPlaneProcess.start(api, {
      namespace: 'kube-system',
      deployment: 'cilium-operator',
      bin: build.ciliumOperator,
      adjust: (args, env, kubeconfig, processDir) => {
        // The chart mounts cilium-config as a folder of files; here it is written out as one.
        const configDir = writeConfigDir(path.join(processDir, 'config-map'), cm.data ?? {});
        // KUBERNETES_SERVICE_HOST/PORT (k8sServiceHost) name the kind node; this API server is
        // reached through a kubeconfig holding the operator's ServiceAccount token.
        const rest = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('KUBERNETES_SERVICE_')));
        return {
          args: [...args.map((a) => (a.startsWith('--config-dir=') ? `--config-dir=${configDir}` : a)), `--k8s-kubeconfig-path=${kubeconfig}`],
          env: rest,
        };
      },
    });
    // Running once it leads and has registered its CRDs: CiliumEnvoyConfigs can be listed (an
    // established CRD the operator has just updated answers 429 "storage is (re)initializing").
    await until(
      async () => {
        if (operator!.exited) throw new Error(`cilium-operator exited:\n${operator!.log()}`);
        return envoyConfigsIn(namespaceFor('ebpf-l7')).then(
          () => true,
          () => false,
        );
      },
      120_000,
      250,
    );
  }

  it('with cluster.sh’s former values (Gateway API off) the operator ignores the HTTPRoutes, and the panel says why instead of "enforced"', async () => {
    const { build } = inject('controlPlane');
    await new Helm(build.helm, api, dir).run([...ciliumInstallArgs(build), '--set', 'gatewayAPI.enabled=false']);
    await startOperator();
    await backend.applyMode('ebpf-l7', DEFAULT_POLICY);
    const report = l7(await backend.applyPolicy(RETRIES_TIMEOUT));
    expect(report).toEqual([
      { key: 'retries', enforced: false, reason: expect.stringMatching(/^Cilium's Gateway API support is off \(enable-gateway-api in cilium-config\)/) },
      { key: 'timeout', enforced: false, reason: expect.stringMatching(/^Cilium's Gateway API support is off/) },
    ]);
    for (const route of await routesIn(ns)) expect(routeVerdict(route, CILIUM_CONTROLLER)).toEqual({ state: 'pending' });
    expect(await envoyConfigsIn(ns)).toEqual([]);
  });

  it('with values/cilium.yaml the operator accepts the routes and writes the node Envoy’s config carrying the retry and timeout', async () => {
    const { build } = inject('controlPlane');
    await new Helm(build.helm, api, dir).run(['upgrade', ...ciliumInstallArgs(build).slice(1)]);
    // The chart does not restart the operator when cilium-config changes (operator.rollOutPods
    // is off by default): a cluster needs `kubectl rollout restart deploy/cilium-operator` too.
    await startOperator();
    await backend.applyPolicy(DEFAULT_POLICY);
    const report = l7(await backend.applyPolicy(RETRIES_TIMEOUT));
    expect(report, operator!.log(20)).toEqual([
      { key: 'retries', enforced: true },
      { key: 'timeout', enforced: true },
    ]);
    for (const route of await routesIn(ns)) {
      expect(routeVerdict(route, CILIUM_CONTROLLER), route.metadata.name).toEqual({ state: 'accepted' });
      // istiod does not see this namespace (values/istio.yaml's discoverySelectors), so it neither
      // claims the route nor overwrites Cilium's status — as it did before that was set.
      expect(route.status?.parents?.map((p) => p.controllerName)).toEqual([CILIUM_CONTROLLER]);
    }
    type Cec = { metadata: { name: string }; spec: { services?: { name: string }[]; resources?: Record<string, unknown>[] } };
    let configs: Cec[] = [];
    await until(async () => (configs = await envoyConfigsIn<Cec>(ns)).length === 3, 30_000, 250);
    expect(configs.map((c) => c.metadata.name).sort()).toEqual(['catalog', 'inventory', 'web']);
    const routeConfig = JSON.stringify(configs.find((c) => c.metadata.name === 'inventory')!.spec.resources);
    // Envoy's route: 2 retries on the four status codes, 2 s for the request, retries included.
    // No per-try timeout: Cilium has none (a backendRequest timeout would become the route's
    // whole timeout — it did, 0.300s, until the backend stopped sending one).
    expect(routeConfig).toMatch(/"retryPolicy":\{"numRetries":2,"retriableStatusCodes":\[500,502,503,504\]/);
    expect(routeConfig).toMatch(/"retryPolicy":\{[^}]*\},"timeout":"2s"/);
    expect(routeConfig).not.toMatch(/perTryTimeout/);
    // A fault is not Cilium's to do: nothing is written for it, and the panel says so.
    const withFault = l7(await backend.applyPolicy(WITH_FAULT));
    expect(withFault.find((e) => e.key === 'fault')).toMatchObject({ enforced: false, reason: expect.stringContaining('fault filter') });
    expect(await virtualServicesIn(ns)).toEqual([]);
    await backend.applyPolicy(DEFAULT_POLICY);
  });

  it('takes every GAMMA HTTPRoute in the cluster, Istio’s namespaces included — why Istio’s modes carry their policy in VirtualServices', async () => {
    const sidecarNs = namespaceFor('sidecar');
    await api.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'probe', namespace: sidecarNs },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'catalog', port: 80 }],
        rules: [{ backendRefs: [{ name: 'catalog', port: 80 }], timeouts: { request: '2s' } }],
      },
    } as never);
    // Cilium's operator writes its node Envoy config for the sidecar namespace's Service too.
    await until(async () => (await envoyConfigsIn<{ metadata: { name: string } }>(sidecarNs)).some((c) => c.metadata.name === 'catalog'), 30_000, 250);
    await custom().deleteNamespacedCustomObject({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      namespace: sidecarNs,
      plural: 'httproutes',
      name: 'probe',
    });
  });
});

describe('eBPF + node L7 on cluster.sh’s former Gateway API CRDs (v1.4.0), Gateway API on', () => {
  let former: RealApiServer | undefined;
  let formerBackend: KindBackend | undefined;
  let operator: ControlPlaneProcess | undefined;
  afterAll(async () => {
    await formerBackend?.stop();
    await operator?.stop();
    await former?.stop();
  });

  it('Cilium’s operator finds CRDs it cannot use, leaves Gateway API off, and the panel says the routes are not enforced', async () => {
    const { bins, build, gatewayApi } = inject('controlPlane');
    former = await RealApiServer.start(bins, { extraArgs: CONTROL_PLANE_APISERVER_ARGS });
    for (const file of crdFiles(gatewayApi.formerExperimental)) await former.apply(readFileSync(file, 'utf8'));
    await new Helm(build.helm, former, dir).run(ciliumInstallArgs(build));
    await former.apply(readFileSync('backends/kind/cluster/manifests/rbac.yaml', 'utf8'));
    const cluster = demoCluster();
    cluster.pods = cluster.pods.filter((p) => p.metadata?.namespace === namespaceFor('ebpf-l7'));
    await seedRealCluster(former, cluster);
    const cm = (await former.request('GET', '/api/v1/namespaces/kube-system/configmaps/cilium-config')) as { data: Record<string, string> };
    expect(cm.data['enable-gateway-api']).toBe('true');
    operator = await ControlPlaneProcess.start(former, {
      namespace: 'kube-system',
      deployment: 'cilium-operator',
      bin: build.ciliumOperator,
      adjust: (args, env, kubeconfig, processDir) => ({
        args: [
          ...args.map((a) => (a.startsWith('--config-dir=') ? `--config-dir=${writeConfigDir(path.join(processDir, 'config-map'), cm.data)}` : a)),
          `--k8s-kubeconfig-path=${kubeconfig}`,
        ],
        env: Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('KUBERNETES_SERVICE_'))),
      }),
    });
    // It checks the Gateway API CRDs once, when it starts leading, and says what it found.
    await until(
      () => {
        if (operator!.exited) throw new Error(`cilium-operator exited:\n${operator!.log()}`);
        return operator!.fullLog().includes('Required GatewayAPI resources are not found');
      },
      120_000,
      250,
    );
    formerBackend = new KindBackend({
      kubeConfig: former.kubeConfig(await former.tokenFor('default', 'meshstage-backend')),
      load: { rps: 0, payloadBytes: 512, errorPercent: 0 },
      switchTimeoutMs: 30_000,
      policyAcceptTimeoutMs: 5000,
    });
    await formerBackend.start();
    await formerBackend.applyMode('ebpf-l7', DEFAULT_POLICY);
    expect(l7(await formerBackend.applyPolicy(RETRIES_TIMEOUT))).toEqual([
      {
        key: 'retries',
        enforced: false,
        reason: "Cilium's operator has not accepted the HTTPRoutes within 5 s (is Gateway API on in Cilium, with its CRDs installed first?)",
      },
      {
        key: 'timeout',
        enforced: false,
        reason: "Cilium's operator has not accepted the HTTPRoutes within 5 s (is Gateway API on in Cilium, with its CRDs installed first?)",
      },
    ]);
    const routes = (await former.request('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${namespaceFor('ebpf-l7')}/httproutes`)) as { items: Route[] };
    expect(routes.items).toHaveLength(3);
    for (const route of routes.items) expect(routeVerdict(route, CILIUM_CONTROLLER)).toEqual({ state: 'pending' });
  });
});
