// Runs the local lab: workloads, the load generator and each mode's proxies as separate processes,
// switches modes with traffic flowing, and turns what the processes report into latency windows,
// per-hop timings and overhead samples.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialQueue } from '../../../lib/async/async-helpers';
import { effectivePolicy, type PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../../lib/mesh/policies';
import type { HopsSample, LatencySummary, LatencyWindow, MeasureCondition } from '../../../lib/mesh/telemetry';
import type { ChildToController, L4Upstream, L7Route, ListenerSpec, LoadgenCounters, LoadgenWindow, ProbeResult, ProxyStats } from '../ipc';
import { createLabCa, type Identity } from '../pki/lab-ca';
import { PODS, spiffeId, type WorkloadPath } from '../topology';
import { EbpfDataPlane } from '../netns/ebpf';
import { acquireLabLock, releaseLabLock } from '../netns/lab-lock';
import { applyCapture, createNetwork, removeNamespaces } from '../netns/network';
import { podPrefix, proxyPrefix } from '../netns/placement';
import { chooseTier, type TierDecision, type TierRequest } from '../netns/preflight';
import { loopbackAddressing, netnsAddressing, type Addressing } from './addressing';
import { LabChild, stayOffCpu } from './child-process';
import { planMode, type ModePlan, type PlannedProxy } from './mode-plan';
import { planEnforcement } from './plan-enforcement';
import { DATAPLANE_BINARY, dataplaneBuildHint, type DataplaneRole } from './dataplane-binary';
import { measureKernelFloor } from './kernel-floor';

/** Closed-loop warm-up of a new path before the load moves onto it (see #warmUp). */
const WARMUP_ROUNDS = 4;
const WARMUP_CONCURRENCY = 8;
const WARMUP_MAX_MS = 1000;
/** Requests still in flight when a switch pauses the load get this long to finish (the load
 *  generator's own timeout is 3 s; a path that hangs is not waited for). */
const DRAIN_MAX_MS = 1000;
/** Then the load comes back in steps (a gradual traffic shift, as a rollout does). */
const RAMP_STEPS = [0.25, 0.5, 0.75];
const RAMP_STEP_MS = 250;

/** The load is the app's LoadSpec; the leaf service (inventory) fails `errorPercent` with 503. */
export type LabLoad = LoadSpec;

export type LabEvent =
  /** `sendLag`: how late the generator sent, over the span of `window.cumulative`. */
  | { type: 'window'; window: LatencyWindow; sendLag: LatencySummary }
  | { type: 'hops'; sample: HopsSample }
  | { type: 'switch'; from: ModeId; to: ModeId; at: number; durationMs: number; plan: ModePlan; kernelPrograms: string[] }
  | { type: 'degraded'; detail: string };

export interface LabOptions {
  /** Folder with the lab's build: the data-plane binary and the C sources of the eBPF programs. */
  bundleDir: string;
  windowMs?: number;
  load?: LabLoad;
  /** Pin the measured chain to this CPU (Linux); null to leave scheduling alone. */
  cpu?: number | null;
  onEvent?: (event: LabEvent) => void;
  /** `auto` (default) takes the netns tier where Linux, root and the tools allow it. */
  tier?: TierRequest;
  /** The demo's three-call chain (default) or one cross-node call, Istio's benchmark shape. */
  path?: WorkloadPath;
}

const SERVICE_ACCOUNTS = [...PODS.map((p) => p.name), 'waypoint'];

export class LabController {
  readonly windowMs: number;
  readonly path: WorkloadPath;
  mode: ModeId = 'none';
  policy: L7Policy = DEFAULT_POLICY;
  load: LabLoad;
  plan!: ModePlan;
  #at!: Addressing;
  #decision!: TierDecision;
  #ebpf: EbpfDataPlane | null = null;
  #lockToken: string | null = null;
  /** Proxies of the previous mode, draining for a moment after a switch. */
  #retiring = new Set<LabChild>();
  #identities: Record<string, Identity> = {};
  #workloads = new Map<string, LabChild>();
  #loadgen!: LabChild;
  #proxies = new Map<string, { child: LabChild; spec: PlannedProxy }>();
  #latest = new Map<string, ProxyStats>();
  #lastRetries = 0;
  #hopsTimer: NodeJS.Timeout | null = null;
  #stopping = false;
  #queue = new SerialQueue();

  private constructor(private readonly options: LabOptions) {
    this.windowMs = options.windowMs ?? 250;
    this.path = options.path ?? 'chain';
    this.load = options.load ?? DEFAULT_LOAD;
  }

  static async start(options: LabOptions): Promise<LabController> {
    const dataplane = path.join(options.bundleDir, DATAPLANE_BINARY);
    if (!existsSync(dataplane)) throw new Error(`the lab's data plane is not built: ${dataplane} is missing (${dataplaneBuildHint()})`);
    const lab = new LabController(options);
    const cpu = options.cpu === undefined ? 0 : options.cpu;
    if (process.platform === 'linux' && cpu !== null) await stayOffCpu(cpu, os.cpus().length);
    try {
      await lab.#boot();
    } catch (error) {
      await lab.stop();
      throw error;
    }
    return lab;
  }

  async #boot(): Promise<void> {
    this.#decision = await chooseTier(this.options.tier ?? 'auto');
    if (this.#decision.tier === 'netns') {
      try {
        await this.#buildNetns();
      } catch (error) {
        // Never a half-built lab: undo everything and run on loopback, saying why — but never
        // touch what another live lab owns.
        if (this.#lockToken) {
          await removeNamespaces();
          releaseLabLock(this.#lockToken);
          this.#lockToken = null;
        }
        if (this.options.tier === 'netns') throw error;
        const reason = `netns tier failed to set up (${(error as Error).message})`;
        this.#decision = { tier: 'loopback', reason, ebpf: { available: false, reason: `loopback tier (${reason}): no eBPF programs are loaded` } };
      }
    }
    if (this.#decision.tier === 'loopback') this.#at = await loopbackAddressing();
    const ca = await createLabCa();
    for (const sa of SERVICE_ACCOUNTS) this.#identities[sa] = await ca.issue(spiffeId(sa));
    this.plan = planMode('none', this.#at, { mtls: this.policy.mtls, path: this.path });

    for (const pod of PODS.filter((p) => p.service)) {
      const child = this.#spawn(`app/${pod.name}`, 'workload', this.#netns ? podPrefix(pod.name, this.#ebpf !== null) : []);
      child.send({
        t: 'config',
        id: pod.name,
        listen: this.#at.appBind(pod.name),
        upstream: this.plan.dial[pod.name] ?? null,
        payloadBytes: this.load.payloadBytes,
        errorPercent: this.#errorPercentFor(pod.name),
      });
      this.#workloads.set(pod.name, child);
    }
    await Promise.all([...this.#workloads.values()].map((c) => c.ready()));

    this.#loadgen = this.#spawn('loadgen', 'loadgen', this.#netns ? podPrefix('client', this.#ebpf !== null) : []);
    this.#loadgen.send({
      t: 'config',
      id: 'loadgen',
      target: this.plan.dial.client!,
      rps: this.load.rps,
      windowMs: this.windowMs,
      mode: this.mode,
    });
    await this.#loadgen.ready();
    this.#hopsTimer = setInterval(() => this.#emitHops(), this.windowMs);
  }

  get tier(): Addressing['tier'] {
    return this.#at.tier;
  }

  /** Why this tier (and whether eBPF can load), in words for the UI. */
  get tierDecision(): TierDecision {
    return this.#decision;
  }

  get #netns(): boolean {
    return this.#decision.tier === 'netns';
  }

  async #buildNetns(): Promise<void> {
    this.#lockToken = acquireLabLock();
    const leftovers = await removeNamespaces();
    if (leftovers.length) console.error(`lab: removed ${leftovers.length} namespaces left by an earlier run`);
    await createNetwork();
    this.#at = netnsAddressing();
    if (this.#decision.ebpf.available) {
      try {
        this.#ebpf = await EbpfDataPlane.load(path.join(this.options.bundleDir, 'native', 'bpf'));
      } catch (error) {
        // The lab still runs; the eBPF modes take the plain kernel path and say why.
        this.#decision = { ...this.#decision, ebpf: { available: false, reason: `loading the eBPF programs failed: ${(error as Error).message}` } };
      }
    }
  }

  /** Kernel programs attached in the current mode (empty where none can load). */
  kernelPrograms(): string[] {
    return this.#ebpf?.programs(this.mode) ?? [];
  }

  /** The eBPF programs' own counters, per node, or null without eBPF. */
  async bpfCounters(): Promise<Awaited<ReturnType<EbpfDataPlane['counters']>> | null> {
    return this.#ebpf ? this.#ebpf.counters() : null;
  }

  enforcement(): PolicyEnforcement[] {
    return planEnforcement(this.plan, this.policy);
  }

  /** Switches the data plane with traffic flowing: new proxies up, traffic moved, old ones down. */
  setMode(mode: ModeId): Promise<{ at: number; durationMs: number }> {
    return this.#queue.run(async () => {
      const started = Date.now();
      const from = this.mode;
      const plan = planMode(mode, this.#at, { mtls: this.policy.mtls, path: this.path });
      const keep = new Set(plan.proxies.map((p) => p.id));
      const old = [...this.#proxies.entries()].filter(([id]) => !keep.has(id)).map(([, p]) => p);
      await this.#startProxies(plan);
      // The load stops and what is in flight finishes before the capture rules change: a proxy of
      // the old path that opened a connection after its peer's REDIRECT was gone would talk TLS
      // to the plain-text app behind it (EPROTO "wrong version number", the old lab's failure).
      await this.#pauseAndDrain();
      if (this.#netns) {
        await applyCapture(mode);
        await this.#ebpf?.apply(mode);
      }
      this.mode = mode;
      this.plan = plan;
      // Move the path with the load paused, warm it, then resume: the measured open-loop load
      // must not pay for the new path's cold connections (see #warmUp).
      this.#redirectTraffic(0);
      await this.#warmUp();
      // The old path has carried nothing since the pause (its in-flight requests finished before
      // the capture changed): stop its proxies now, so their exit does not compete with the new path.
      for (const p of old) {
        this.#proxies.delete(p.spec.id);
        this.#retiring.add(p.child);
      }
      await Promise.all(old.map((p) => p.child.stop().finally(() => this.#retiring.delete(p.child))));
      for (const share of this.load.rps > 0 ? RAMP_STEPS : []) {
        this.#setRate(Math.max(1, Math.round(this.load.rps * share)));
        await new Promise((r) => setTimeout(r, RAMP_STEP_MS));
      }
      this.#setRate(this.load.rps);
      const at = Date.now();
      this.options.onEvent?.({ type: 'switch', from, to: mode, at, durationMs: at - started, plan, kernelPrograms: this.kernelPrograms() });
      return { at, durationMs: at - started };
    });
  }

  setPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    return this.#queue.run(async () => {
      const before = JSON.stringify(this.condition());
      const mtlsChanged = policy.mtls !== this.policy.mtls;
      this.policy = policy;
      for (const { child } of this.#proxies.values()) child.send({ t: 'policy', policy: effectivePolicy(this.mode, policy) });
      if (mtlsChanged) {
        this.plan = planMode(this.mode, this.#at, { mtls: policy.mtls, path: this.path });
        await this.#startProxies(this.plan);
      }
      if (JSON.stringify(this.condition()) !== before) this.#restartCondition();
      return this.enforcement();
    });
  }

  setLoad(load: LabLoad): Promise<void> {
    return this.#queue.run(async () => {
      const before = JSON.stringify(this.condition());
      this.load = load;
      for (const [name, child] of this.#workloads) child.send({ t: 'workload', payloadBytes: load.payloadBytes, errorPercent: this.#errorPercentFor(name) });
      if (JSON.stringify(this.condition()) !== before) this.#restartCondition();
    });
  }

  /** One request through the current mode, outside the load: which processes answered it. */
  async probe(): Promise<{ requestId: string; status: number; via: string[]; error?: string }> {
    const requestId = `probe-${randomUUID()}`;
    const r = await this.#loadgen.request<ProbeResult>((reqId) => ({ t: 'probe', reqId, requestId }));
    return { requestId, status: r.status, via: r.via, ...(r.error ? { error: r.error } : {}) };
  }

  /** The load generator's totals since it started (requests sent, answered, failed, in flight). */
  async loadgenCounters(): Promise<Omit<LoadgenCounters, 't' | 'reqId'>> {
    const { sent, ok, failed, inflight } = await this.#loadgen.request<LoadgenCounters>((reqId) => ({ t: 'counters', reqId }));
    return { sent, ok, failed, inflight };
  }

  /** Fresh counters from every running proxy. */
  async proxyStats(): Promise<ProxyStats[]> {
    return Promise.all([...this.#proxies.values()].map(({ child }) => child.request<ProxyStats>((reqId) => ({ t: 'stats-now', reqId }))));
  }

  /**
   * The kernel floor of the current path (see kernel-floor.ts): a ping-pong of `rounds`
   * requests through raw TCP relays in the same pods, one every `intervalUs` (0: back to back).
   * Run it in mode `none` with no load: it shares the CPU with whatever runs.
   */
  kernelFloor(rounds = 5000, intervalUs = 0): Promise<LatencySummary> {
    return this.#queue.run(() =>
      measureKernelFloor(this.#at, this.path, (id, role, pod, onMessage) => this.#spawn(id, role, this.#netns ? podPrefix(pod, false) : [], { onMessage }), {
        rounds,
        responseBytes: this.load.payloadBytes,
        intervalUs,
      }),
    );
  }

  /** Process ids of everything the lab started (workloads, load generator, proxies). */
  pids(): number[] {
    const children = [...this.#workloads.values(), ...[...this.#proxies.values()].map((p) => p.child)];
    if (this.#loadgen) children.push(this.#loadgen);
    return children.map((c) => c.proc.pid).filter((pid): pid is number => pid !== undefined);
  }

  runningProxies(): string[] {
    return [...this.#proxies.keys()].sort();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#hopsTimer) clearInterval(this.#hopsTimer);
    const all = [...this.#proxies.values()].map((p) => p.child).concat([...this.#retiring]);
    if (this.#loadgen) all.push(this.#loadgen);
    all.push(...this.#workloads.values());
    await Promise.all(all.map((c) => c.stop()));
    this.#proxies.clear();
    // Idempotent: a second stop() finds nothing left to undo.
    const ebpf = this.#ebpf;
    this.#ebpf = null;
    await ebpf?.unload().catch((e: Error) => console.error(`lab: eBPF teardown: ${e.message}`));
    if (this.#decision?.tier === 'netns' && this.#lockToken) {
      await removeNamespaces();
      releaseLabLock(this.#lockToken);
      this.#lockToken = null;
    }
  }

  // ---- internals -------------------------------------------------------------------------

  #errorPercentFor(pod: string): number {
    return pod === 'inventory' ? this.load.errorPercent : 0;
  }

  /** Starts one data-plane process; `extra` is for short-lived helpers (the kernel floor) whose
   *  messages go to their owner and whose exit is expected. */
  #spawn(id: string, role: DataplaneRole, prefix: string[], extra?: { onMessage: (m: ChildToController) => void }): LabChild {
    return new LabChild({
      id,
      command: [path.join(this.options.bundleDir, DATAPLANE_BINARY), role],
      prefix,
      cpu: process.platform === 'linux' ? (this.options.cpu === undefined ? 0 : this.options.cpu) : null,
      onMessage: extra?.onMessage ?? ((m) => this.#onMessage(m)),
      onExit: (code, signal) => {
        if (!extra && !this.#stopping && !this.#isRetired(id)) {
          this.options.onEvent?.({ type: 'degraded', detail: `lab process ${id} exited unexpectedly (${code ?? signal})` });
        }
      },
    });
  }

  #isRetired(id: string): boolean {
    return id.startsWith('proxy:') && !this.#proxies.has(id.slice('proxy:'.length));
  }

  async #startProxies(plan: ModePlan): Promise<void> {
    const starting: LabChild[] = [];
    for (const spec of plan.proxies) {
      const running = this.#proxies.get(spec.id);
      if (running && sameListeners(running.spec.listeners, spec.listeners)) {
        running.child.send({ t: 'routes', listeners: spec.listeners });
        running.child.send({ t: 'policy', policy: effectivePolicy(plan.mode, this.policy) });
        running.spec = spec;
        continue;
      }
      if (running) {
        this.#proxies.delete(spec.id);
        await running.child.stop();
      }
      const child = this.#spawn(`proxy:${spec.id}`, 'proxy', this.#netns ? proxyPrefix(spec, this.#ebpf !== null) : []);
      const identities = Object.fromEntries(spec.identities.map((sa) => [sa, this.#identities[sa]!]));
      // Client-side TLS needs the identities routes originate with (e.g. a ztunnel speaking for its pods).
      for (const l of spec.listeners) for (const sa of originIdentities(l)) identities[sa] = this.#identities[sa]!;
      child.send({
        t: 'config',
        id: spec.id,
        kind: spec.kind,
        identities,
        listeners: spec.listeners,
        policy: effectivePolicy(plan.mode, this.policy),
        statsEveryMs: this.windowMs,
      });
      this.#proxies.set(spec.id, { child, spec });
      starting.push(child);
    }
    await Promise.all(starting.map((c) => c.ready()));
  }

  /** A new condition in the same mode: the generator's cumulative figures start afresh once the
   *  path has settled again, so a comparison row never mixes two conditions. */
  #restartCondition(): void {
    this.#loadgen?.send({ t: 'load', rps: this.load.rps, target: this.plan.dial.client!, mode: this.mode, restart: true });
  }

  #redirectTraffic(rps = this.load.rps): void {
    for (const [name, child] of this.#workloads) child.send({ t: 'upstream', upstream: this.plan.dial[name] ?? null });
    this.#loadgen.send({ t: 'load', rps, target: this.plan.dial.client!, mode: this.mode });
  }

  async #pauseAndDrain(): Promise<void> {
    this.#loadgen.send({ t: 'load', rps: 0, target: this.plan.dial.client!, mode: this.mode, settling: true });
    const deadline = Date.now() + DRAIN_MAX_MS;
    while (Date.now() < deadline && (await this.loadgenCounters()).inflight > 0) await new Promise((r) => setTimeout(r, 10));
  }

  /** A step of the ramp after a switch: same path and pools; the generator keeps these requests
   *  out of the mode's cumulative percentiles (`settling`) until a second after the last step. */
  #setRate(rps: number): void {
    this.#loadgen.send({ t: 'load', rps, target: this.plan.dial.client!, mode: this.mode, settling: true });
  }

  /** Closed-loop requests over the current path before the load resumes: every hop opens its
   *  connection pools and TLS sessions (≈ 0.5 ms of CPU per handshake side here), which an
   *  open-loop load arriving all at once would otherwise queue behind — the path's start-up, not
   *  its cost. A real rollout's readiness probes and gradual traffic shift play this part. */
  async #warmUp(): Promise<void> {
    const deadline = Date.now() + WARMUP_MAX_MS;
    for (let round = 0; round < WARMUP_ROUNDS && Date.now() < deadline; round++) {
      await Promise.all(Array.from({ length: WARMUP_CONCURRENCY }, () => this.probe().catch(() => undefined)));
    }
  }

  #onMessage(m: ChildToController): void {
    if (m.t === 'stats') this.#latest.set(m.id, m);
    else if (m.t === 'window') this.#emitWindow(m);
  }

  #emitWindow(w: LoadgenWindow): void {
    if (w.mode !== this.mode) return; // a window straddling the switch belongs to neither mode
    const retriesNow = [...this.#latest.values()].reduce((n, s) => n + s.counters.retries, 0);
    const retries = Math.max(0, retriesNow - this.#lastRetries);
    this.#lastRetries = retriesNow;
    this.options.onEvent?.({
      type: 'window',
      window: {
        mode: this.mode,
        at: Date.now(),
        windowMs: w.windowMs,
        window: w.window,
        cumulative: w.cumulative,
        rps: (w.completed * 1000) / w.windowMs,
        errors: w.errors,
        ...(w.firstError ? { firstError: w.firstError } : {}),
        retries,
        targetRps: w.targetRps,
        condition: this.condition(),
      },
      sendLag: w.sendLag,
    });
  }

  /** What the current mode's figures are measured under (see MeasureCondition). */
  condition(): MeasureCondition {
    return { rps: this.load.rps, payloadBytes: this.load.payloadBytes, errorPercent: this.load.errorPercent, policy: effectivePolicy(this.mode, this.policy) };
  }

  #emitHops(): void {
    // Only the current plan's proxies: during a switch the old ones still run (draining) and
    // must not be counted as the new mode's cost.
    const planned = new Set(this.plan.proxies.map((p) => p.id));
    const live = [...this.#proxies.keys()]
      .filter((id) => planned.has(id))
      .map((id) => this.#latest.get(id))
      .filter((s): s is ProxyStats => Boolean(s));
    this.options.onEvent?.({
      type: 'hops',
      sample: {
        mode: this.mode,
        at: Date.now(),
        hops: live.flatMap((s) =>
          Object.entries(s.selfByListener).map(([listener, self]) => ({
            proxyId: s.id,
            listener,
            kind: s.kind,
            count: self.count,
            selfP50Us: self.p50Us,
            selfP90Us: self.p90Us,
            l7: s.l7,
          })),
        ),
        resources: live.map((s) => ({ proxyId: s.id, kind: s.kind, cpuPercent: s.cpuPercent, rssMb: s.rssMb })),
      },
    });
  }
}

function sameListeners(a: ListenerSpec[], b: ListenerSpec[]): boolean {
  const key = (l: ListenerSpec[]) =>
    l
      .map((x) => `${x.id}|${x.proto}|${x.host}:${x.port}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

function originIdentities(l: ListenerSpec): string[] {
  const routes: (L7Route | L4Upstream)[] = l.proto === 'hbone' ? Object.values(l.byAuthority) : Object.values(l.routes);
  return routes.flatMap((r) => {
    const up = 'upstream' in r ? r.upstream : r;
    return 'identity' in up ? [up.identity] : [];
  });
}
