// The kind backend: a real cluster (kind, or any kubeconfig context) behind the same MeshBackend
// seam as the lab. Kubernetes objects never leave this folder: the watcher's objects become the
// topology here, fortio's results become latency windows here.
import * as k8s from '@kubernetes/client-node';
import type { BackendStatus } from '../../../lib/mesh/backend-status';
import { capability, type PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import { activePolicyKeys, DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../../lib/mesh/policies';
import { conditionOf, sameCondition, type MeasureCondition } from '../../../lib/mesh/telemetry';
import { SERVICES } from '../../../lib/mesh/workload';
import { newLatencyHistogram, summarize, type LatencyHistogram } from '../../../lib/stats/latency-histogram';
import { BackendChannel, type BackendEvent, type BackendListener, BackendUnavailableError, type MeshBackend } from '../../seam/index';
import { namespaceFor } from './cluster-shape';
import { ClusterWatcher } from './cluster-watcher';
import { runFortio } from './fortio-client';
import { fortioWindow, type FortioResult } from './fortio-result';
import type { ClusterObjects } from './kube-objects';
import { mapTopology } from './map-topology';
import { prepareModeNamespace } from './mode-namespace';
import { rolloutProgress } from './rollout-progress';
import { applyWorkloadEnv } from './workload-env';
import { policyObjectName, policyResources, type PolicyApi } from './policy-resources';
import { CILIUM_CONTROLLER, CILIUM_GATEWAY_API_OFF, ciliumSilenceReason, routesVerdict, type RouteStatusObject, type RoutesOutcome } from './policy-status';

export interface KindBackendOptions {
  kubeConfig: k8s.KubeConfig;
  load?: LoadSpec;
  /** Length of one fortio run, i.e. one latency window. */
  runSeconds?: number;
  /** How long a mode switch may wait for its pods (a first sidecar rollout pulls images). */
  switchTimeoutMs?: number;
  /** How long applyPolicy waits for the mode's controller to accept its HTTPRoutes. */
  policyAcceptTimeoutMs?: number;
  now?: () => number;
}

const READY_DETAIL = (context: string) => `Watching ${context}: Istio and Cilium data planes, one namespace per mode.`;
const APPLY = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);
const EMPTY: ClusterObjects = { pods: [], namespaces: [], nodes: [], gateways: [] };
const RESOURCES = {
  httpRoutes: { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' },
  virtualServices: { group: 'networking.istio.io', version: 'v1', plural: 'virtualservices' },
} as const;

/** A switch (sidecar: every Deployment restarted and ready again) fails after this, naming
 *  what is still missing. */
export const KIND_SWITCH_TIMEOUT_MS = 240_000;
/** istiod and Cilium's operator write route status within a second or two when they run. */
export const POLICY_ACCEPT_TIMEOUT_MS = 15_000;

export class KindBackend implements MeshBackend {
  readonly name = 'kind';
  readonly #channel: BackendChannel;
  #watcher: ClusterWatcher | null = null;
  #objects: ClusterObjects = EMPTY;
  #mode: ModeId = 'none';
  #policy: L7Policy = DEFAULT_POLICY;
  #load: LoadSpec;
  #loop: NodeJS.Timeout | null = null;
  #running = false;
  #histogram = newLatencyHistogram();
  /** Called after every change the watcher delivers (mode switches wait on these). */
  readonly #onObjects = new Set<() => void>();
  readonly #now: () => number;
  readonly #context: string;

  constructor(private readonly options: KindBackendOptions) {
    this.#now = options.now ?? Date.now;
    this.#load = options.load ?? DEFAULT_LOAD;
    this.#context = options.kubeConfig.getCurrentContext();
    this.#channel = new BackendChannel(this.name, this.#now, { state: 'starting', detail: `Connecting to ${this.#context}…`, variant: this.#context });
  }

  status(): BackendStatus {
    return this.#channel.status;
  }

  subscribe(listener: BackendListener): () => void {
    return this.#channel.subscribe(listener);
  }

  async start(): Promise<void> {
    this.#watcher = new ClusterWatcher(this.options.kubeConfig, {
      onChange: (objects) => {
        this.#objects = objects;
        this.#emitTopology();
        for (const f of this.#onObjects) f();
      },
      onHealth: (h) =>
        h.ok ? this.#setStatus('ready', READY_DETAIL(this.#context)) : this.#setStatus('unavailable', `The cluster is unreachable: ${h.detail}`),
    });
    try {
      await this.#watcher.start();
    } catch (error) {
      // The watcher keeps retrying with backoff; the status says why until it gets through.
      this.#setStatus('unavailable', `Cannot reach ${this.#context}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    try {
      // The workload may still carry another session's error rate or payload: set this one's
      // (a patch that changes nothing restarts nothing).
      await applyWorkloadEnv(this.options.kubeConfig, this.#load);
      this.#setStatus('ready', READY_DETAIL(this.#context));
    } catch (error) {
      const missing = error instanceof k8s.ApiException && error.code === 404;
      this.#setStatus(
        'degraded',
        missing
          ? `The demo workload is not installed on ${this.#context} (a meshstage-<mode> Deployment is missing): run npm run cluster:up.`
          : `Cannot set the workload's payload and error rate: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    if (this.#loop) clearTimeout(this.#loop);
    this.#loop = null;
    await this.#watcher?.stop();
    this.#setStatus('stopped', `Stopped watching ${this.#context}.`);
    for (const f of this.#onObjects) f();
  }

  async applyMode(mode: ModeId, policy: L7Policy): Promise<PolicyEnforcement[]> {
    this.#require();
    const changes = await prepareModeNamespace(this.options.kubeConfig, mode, this.#objects);
    const step = changes.restarted.length
      ? `Restarting ${changes.restarted.join(', ')} in ${namespaceFor(mode)} so the sidecar is injected`
      : `Waiting for ${namespaceFor(mode)} to serve in ${mode}`;
    await this.#untilServing(mode, step);
    this.#mode = mode;
    this.#histogram.reset();
    this.#emitTopology();
    // The policy, written in the new mode's own API (and namespace), with what the new mode's
    // controller accepted of it.
    this.#policy = policy;
    return this.#writePolicy(mode, policy);
  }

  /** Resolves once every workload app (and the waypoint where used) serves in `mode`, reporting
   *  progress as the watcher sees pods come and go; fails after the switch timeout saying what
   *  is still missing. */
  #untilServing(mode: ModeId, step: string): Promise<void> {
    const timeoutMs = this.options.switchTimeoutMs ?? KIND_SWITCH_TIMEOUT_MS;
    return new Promise<void>((resolve, reject) => {
      let last = '';
      const check = (): void => {
        if (this.status().state === 'stopped') return finish(new Error('The backend stopped during the switch.'));
        const p = rolloutProgress(mode, this.#objects);
        const key = JSON.stringify(p);
        if (key !== last) this.#emit({ type: 'progress', progress: { step, ...p } });
        last = key;
        if (p.done === p.total) finish();
      };
      const timer = setTimeout(() => {
        const p = rolloutProgress(mode, this.#objects);
        finish(
          new Error(
            `${namespaceFor(mode)} is not serving in ${mode} after ${Math.round(timeoutMs / 1000)} s: ${p.waiting.join('; ')}. The namespace is labelled; the switch was not made.`,
          ),
        );
      }, timeoutMs);
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.#onObjects.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.#onObjects.add(check);
      check();
    });
  }

  async applyPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    this.#require();
    const before = this.#condition();
    this.#policy = policy;
    // A new condition: the mode's cumulative figures start afresh (one condition per row).
    if (!sameCondition(before, this.#condition())) this.#histogram.reset();
    return this.#writePolicy(this.#mode, policy);
  }

  /** Writes `policy` as `mode`'s resources (removing what it no longer wants) and reports what
   *  the mode enforces of it. */
  async #writePolicy(mode: ModeId, policy: L7Policy): Promise<PolicyEnforcement[]> {
    const resources = policyResources(mode, policy);
    const custom = this.options.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const namespace = namespaceFor(mode);
    const kinds = Object.keys(RESOURCES) as PolicyApi[];
    // What is no longer wanted goes first, so one Service never has a VirtualService and an
    // HTTPRoute at once, even between two writes (404 means already gone).
    for (const kind of kinds) {
      const wanted = new Set(resources[kind].map((o) => (o.metadata as { name: string }).name));
      for (const service of SERVICES) {
        const name = policyObjectName(kind, service);
        if (!wanted.has(name)) await custom.deleteNamespacedCustomObject({ ...RESOURCES[kind], namespace, name }).catch(() => undefined);
      }
    }
    for (const kind of kinds) {
      for (const body of resources[kind]) {
        const name = (body.metadata as { name: string }).name;
        await custom.patchNamespacedCustomObject({ ...RESOURCES[kind], namespace, name, body, fieldManager: 'meshstage', force: true }, APPLY);
      }
    }
    const routes = resources.httpRoutes.length ? await this.#ciliumAccepted(namespace) : undefined;
    return enforcementOf(mode, policy, resources, routes);
  }

  /** Waits (bounded) for Cilium's operator to accept every HTTPRoute just applied in `namespace`
   *  — at once "not" when cilium-config says its Gateway API support is off. */
  async #ciliumAccepted(namespace: string): Promise<RoutesOutcome> {
    if ((await this.#ciliumGatewayApi()) === 'false') return { accepted: false, reason: CILIUM_GATEWAY_API_OFF };
    const custom = this.options.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const waitMs = this.options.policyAcceptTimeoutMs ?? POLICY_ACCEPT_TIMEOUT_MS;
    const deadline = this.#now() + waitMs;
    for (;;) {
      const routes = await Promise.all(
        SERVICES.map(
          (service) =>
            custom.getNamespacedCustomObject({
              ...RESOURCES.httpRoutes,
              namespace,
              name: policyObjectName('httpRoutes', service),
            }) as Promise<RouteStatusObject>,
        ),
      );
      const verdict = routesVerdict(routes, CILIUM_CONTROLLER);
      if (verdict.state === 'accepted') return { accepted: true };
      if (verdict.state === 'refused') return { accepted: false, reason: verdict.reason };
      if (this.#now() >= deadline || this.status().state === 'stopped') return { accepted: false, reason: ciliumSilenceReason(waitMs) };
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** cilium-config's enable-gateway-api ('false' when unset), or undefined where it cannot be
   *  read (another CNI, or no rights): then only the routes' status can tell. */
  async #ciliumGatewayApi(): Promise<string | undefined> {
    try {
      const cm = await this.options.kubeConfig.makeApiClient(k8s.CoreV1Api).readNamespacedConfigMap({ name: 'cilium-config', namespace: 'kube-system' });
      return cm.data?.['enable-gateway-api'] ?? 'false';
    } catch {
      return undefined;
    }
  }

  async setLoad(load: LoadSpec): Promise<void> {
    this.#require();
    if (load.payloadBytes !== this.#load.payloadBytes || load.errorPercent !== this.#load.errorPercent) {
      await applyWorkloadEnv(this.options.kubeConfig, load);
    }
    const before = this.#condition();
    this.#load = load;
    if (!sameCondition(before, this.#condition())) this.#histogram.reset();
  }

  /** What the current mode's figures are measured under (see MeasureCondition). */
  #condition(): MeasureCondition {
    return conditionOf(this.#mode, this.#load, this.#policy);
  }

  #require(): void {
    if (this.status().state !== 'ready' && this.status().state !== 'degraded') throw new BackendUnavailableError(this.status());
  }

  /** Back-to-back fortio runs in the current mode's namespace, one window each. */
  #schedule(delayMs: number): void {
    if (this.status().state === 'stopped') return;
    this.#loop = setTimeout(() => void this.#runOnce(), delayMs);
  }

  async #runOnce(): Promise<void> {
    const state = this.status().state;
    if (this.#running || this.#load.rps === 0 || (state !== 'ready' && state !== 'degraded')) {
      this.#schedule(1000);
      return;
    }
    this.#running = true;
    const mode = this.#mode;
    let failed = false;
    try {
      const result = await runFortio(this.options.kubeConfig, namespaceFor(mode), this.#load, this.options.runSeconds ?? 1);
      // Runs work again: whatever degraded the backend before is over.
      if (this.status().state === 'degraded') this.#setStatus('ready', READY_DETAIL(this.#context));
      if (mode === this.#mode) {
        recordRun(this.#histogram, result);
        this.#emit({
          type: 'latency',
          window: { ...fortioWindow(result, mode, this.#now(), summarize(this.#histogram, { distribution: true })), condition: this.#condition() },
        });
      }
    } catch (error) {
      failed = true;
      // Only a reachable cluster is "degraded"; an unreachable one already says so.
      if (this.status().state === 'ready' || this.status().state === 'degraded') {
        this.#setStatus('degraded', `Load runs fail in ${namespaceFor(mode)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      this.#running = false;
      this.#schedule(failed ? 2000 : 0);
    }
  }

  #emitTopology(): void {
    this.#emit({ type: 'topology', topology: mapTopology(this.#mode, this.#objects, this.#now()) });
  }

  #setStatus(state: BackendStatus['state'], detail: string): void {
    this.#channel.setStatus(state, detail, this.#context);
  }

  #emit(event: BackendEvent): void {
    this.#channel.emit(event);
  }
}

/**
 * Enforced where the mode can, a resource carries the policy, and — for HTTPRoutes — Cilium's
 * operator accepted them (`routes`); a VirtualService counts once istiod's webhook admitted it.
 * mTLS is the mode's mesh itself.
 */
export function enforcementOf(mode: ModeId, policy: L7Policy, resources: ReturnType<typeof policyResources>, routes?: RoutesOutcome): PolicyEnforcement[] {
  return activePolicyKeys(policy).map((key): PolicyEnforcement => {
    const cap = capability(mode, key);
    if (!cap.supported) return { key, enforced: false, reason: cap.reason };
    if (key === 'mtls') return { key, enforced: true };
    if (resources.virtualServices.length > 0) return { key, enforced: true };
    if (key === 'fault' || resources.httpRoutes.length === 0) return { key, enforced: false, reason: 'not applied' };
    if (routes?.accepted) return { key, enforced: true };
    return { key, enforced: false, reason: routes?.reason ?? 'no controller has accepted the HTTPRoutes' };
  });
}

/** fortio reports buckets, not samples: each bucket's requests go in at its midpoint. */
function recordRun(h: LatencyHistogram, result: FortioResult & { DurationHistogram: { Data?: { Start: number; End: number; Count: number }[] } }): void {
  for (const b of result.DurationHistogram.Data ?? []) h.recordValueWithCount(Math.max(1, Math.round(((b.Start + b.End) / 2) * 1e6)), b.Count);
}
