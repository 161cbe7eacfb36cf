// Runs the local lab: workloads, the load generator and each mode's proxies as separate processes;
// switches modes with traffic flowing; turns what the processes report into latency windows,
// per-hop timings and overhead samples. This class holds what the lab is set to (mode, policy,
// load) and orders the steps; each job is its own module: the ground it runs on (lab-host.ts),
// the proxies (proxy-fleet.ts), the traffic (traffic.ts), the reports (lab-telemetry.ts).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialQueue } from '../../../lib/async/async-helpers';
import type { PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../../lib/mesh/policies';
import { conditionOf, sameCondition, type LatencySummary, type MeasureCondition } from '../../../lib/mesh/telemetry';
import type { ChildToController, LoadgenCounters, ProxyStats } from '../ipc';
import type { EbpfDataPlane } from '../netns/ebpf';
import { applyCapture } from '../netns/network';
import type { TierDecision, TierRequest } from '../netns/preflight';
import type { WorkloadPath } from '../topology';
import type { Addressing } from './addressing';
import { stayOffCpu, type LabChild } from './child-process';
import { measureKernelFloor } from './kernel-floor';
import { DATAPLANE_BINARY, dataplaneBuildHint, LabHost, type DataplaneRole, type Placement } from './lab-host';
import type { LabEvent } from './controller-protocol';
import { LabTelemetry } from './lab-telemetry';
import { planEnforcement, planMode, type ModePlan } from './mode-plan';
import { ProxyFleet } from './proxy-fleet';
import { Traffic } from './traffic';

export type { LabEvent } from './controller-protocol';

/** After a switch the load comes back in steps (a gradual traffic shift, as a rollout does). */
const RAMP_STEPS = [0.25, 0.5, 0.75];
const RAMP_STEP_MS = 250;

/** The load is the app's LoadSpec; the failing service (lib/mesh/workload.ts) fails `errorPercent` with 503. */
export type LabLoad = LoadSpec;

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

export class LabController {
  readonly windowMs: number;
  readonly path: WorkloadPath;
  mode: ModeId = 'none';
  policy: L7Policy = DEFAULT_POLICY;
  load: LabLoad;
  plan!: ModePlan;
  #host: LabHost | null = null;
  #fleet!: ProxyFleet;
  #traffic!: Traffic;
  readonly #telemetry: LabTelemetry;
  #hopsTimer: NodeJS.Timeout | null = null;
  #stopping = false;
  #queue = new SerialQueue();

  private constructor(private readonly options: LabOptions) {
    this.windowMs = options.windowMs ?? 250;
    this.path = options.path ?? 'chain';
    this.load = options.load ?? DEFAULT_LOAD;
    this.#telemetry = new LabTelemetry((event) => this.options.onEvent?.(event));
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
    const host = await LabHost.prepare({ bundleDir: this.options.bundleDir, tier: this.options.tier, cpu: this.options.cpu });
    this.#host = host;
    this.#fleet = new ProxyFleet(host, (spec) => this.#spawn(`proxy:${spec.id}`, 'proxy', { proxy: spec }), this.windowMs);
    this.#traffic = new Traffic(host, (id, role, pod) => this.#spawn(id, role, { pod }));
    this.plan = planMode('none', host.at, { mtls: this.policy.mtls, path: this.path });
    await this.#traffic.start(this.plan, this.load, this.windowMs);
    this.#hopsTimer = setInterval(() => this.#telemetry.hops(this.mode, this.#fleet.latestOf(this.plan), this.windowMs), this.windowMs);
  }

  get tier(): Addressing['tier'] {
    return this.#ground.at.tier;
  }

  /** Why this tier (and whether eBPF can load), in words for the UI. */
  get tierDecision(): TierDecision {
    return this.#ground.decision;
  }

  /** Kernel programs attached in the current mode (empty where none can load). */
  kernelPrograms(): string[] {
    return this.#host?.ebpf?.programs(this.mode) ?? [];
  }

  /** The eBPF programs' own counters, per node, or null without eBPF. */
  async bpfCounters(): Promise<Awaited<ReturnType<EbpfDataPlane['counters']>> | null> {
    const ebpf = this.#host?.ebpf;
    return ebpf ? ebpf.counters() : null;
  }

  enforcement(): PolicyEnforcement[] {
    return planEnforcement(this.plan, this.policy);
  }

  /** Switches the data plane with traffic flowing: new proxies up, traffic moved, old ones down;
   *  under `policy` (the web server's, sent with every switch), and says what the new mode enforces. */
  setMode(mode: ModeId, policy = this.policy): Promise<{ at: number; durationMs: number; enforcement: PolicyEnforcement[] }> {
    return this.#queue.run(async () => {
      const started = Date.now();
      const from = this.mode;
      const host = this.#ground;
      // The new mode's proxies start with it; the old mode's keep theirs until they are retired.
      this.policy = policy;
      const plan = planMode(mode, host.at, { mtls: this.policy.mtls, path: this.path });
      await this.#fleet.start(plan, this.policy);
      // The load stops and what is in flight finishes before the capture rules change: a proxy of
      // the old path that opened a connection after its peer's REDIRECT was gone would talk TLS
      // to the plain-text app behind it (EPROTO "wrong version number", the old lab's failure).
      await this.#traffic.pauseAndDrain(this.plan);
      if (host.netns) {
        await applyCapture(mode);
        await host.ebpf?.apply(mode);
      }
      this.mode = mode;
      this.plan = plan;
      // Move the path with the load paused, warm it, then resume: the measured open-loop load
      // must not pay for the new path's cold connections (see Traffic.warmUp).
      this.#traffic.redirect(plan, 0);
      await this.#traffic.warmUp();
      // The old path has carried nothing since the pause (its in-flight requests finished before
      // the capture changed): stop its proxies now, so their exit does not compete with the new path.
      await this.#fleet.stopRetired(this.#fleet.retireAllBut(plan));
      for (const share of this.load.rps > 0 ? RAMP_STEPS : []) {
        this.#traffic.setRate(plan, Math.max(1, Math.round(this.load.rps * share)));
        await new Promise((r) => setTimeout(r, RAMP_STEP_MS));
      }
      this.#traffic.setRate(plan, this.load.rps);
      const at = Date.now();
      this.options.onEvent?.({ type: 'switch', from, to: mode, at, durationMs: at - started, plan, kernelPrograms: this.kernelPrograms() });
      return { at, durationMs: at - started, enforcement: this.enforcement() };
    });
  }

  setPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    return this.#queue.run(async () => {
      const before = this.condition();
      const mtlsChanged = policy.mtls !== this.policy.mtls;
      this.policy = policy;
      this.#fleet.setPolicy(this.plan, policy);
      if (mtlsChanged) {
        this.plan = planMode(this.mode, this.#ground.at, { mtls: policy.mtls, path: this.path });
        await this.#fleet.start(this.plan, policy);
      }
      if (!sameCondition(before, this.condition())) this.#traffic.restartCondition(this.plan, this.load.rps);
      return this.enforcement();
    });
  }

  setLoad(load: LabLoad): Promise<void> {
    return this.#queue.run(async () => {
      const before = this.condition();
      this.load = load;
      this.#traffic.setWorkload(load);
      if (!sameCondition(before, this.condition())) this.#traffic.restartCondition(this.plan, this.load.rps);
    });
  }

  /** One request through the current mode, outside the load: which processes answered it. */
  probe(): Promise<{ requestId: string; status: number; via: string[]; error?: string }> {
    return this.#traffic.probe();
  }

  /** The load generator's totals since it started (requests sent, answered, failed, in flight). */
  loadgenCounters(): Promise<Omit<LoadgenCounters, 't' | 'reqId'>> {
    return this.#traffic.counters();
  }

  /** Fresh counters from every running proxy. */
  proxyStats(): Promise<ProxyStats[]> {
    return this.#fleet.stats();
  }

  /**
   * The kernel floor of the current path (see kernel-floor.ts): a ping-pong of `rounds`
   * requests through raw TCP relays in the same pods, one every `intervalUs` (0: back to back).
   * Run it in mode `none` with no load: it shares the CPU with whatever runs.
   */
  kernelFloor(rounds = 5000, intervalUs = 0): Promise<LatencySummary> {
    return this.#queue.run(() =>
      measureKernelFloor(this.#ground.at, this.path, (id, role, pod, onMessage) => this.#spawn(id, role, { pod, cgroups: false }, { onMessage }), {
        rounds,
        responseBytes: this.load.payloadBytes,
        intervalUs,
      }),
    );
  }

  /** Process ids of everything the lab started (workloads, load generator, proxies). */
  pids(): number[] {
    const children = this.#host ? [...this.#traffic.children(), ...this.#fleet.children()] : [];
    return children.map((c) => c.proc.pid).filter((pid): pid is number => pid !== undefined);
  }

  runningProxies(): string[] {
    return this.#fleet.ids();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#hopsTimer) clearInterval(this.#hopsTimer);
    if (this.#host) await Promise.all([this.#fleet.stopAll(), ...this.#traffic.children().map((c) => c.stop())]);
    await this.#host?.teardown();
  }

  /** What the current mode's figures are measured under (see MeasureCondition). */
  condition(): MeasureCondition {
    return conditionOf(this.mode, this.load, this.policy);
  }

  get #ground(): LabHost {
    if (!this.#host) throw new Error('the lab is not running');
    return this.#host;
  }

  /** Starts one data-plane process; `extra` is for short-lived helpers (the kernel floor) whose
   *  messages go to their owner and whose exit is expected. */
  #spawn(id: string, role: DataplaneRole, where: Placement, extra?: { onMessage: (m: ChildToController) => void }): LabChild {
    return this.#ground.spawn(id, role, where, {
      message: extra?.onMessage ?? ((m) => this.#onMessage(m)),
      exit: (code, signal) => {
        if (!extra && !this.#stopping && !this.#isRetired(id)) {
          this.options.onEvent?.({ type: 'degraded', detail: `lab process ${id} exited unexpectedly (${code ?? signal})` });
        }
      },
    });
  }

  #isRetired(id: string): boolean {
    return id.startsWith('proxy:') && !this.#fleet.has(id.slice('proxy:'.length));
  }

  #onMessage(m: ChildToController): void {
    if (m.t === 'stats') this.#fleet.noteStats(m);
    else if (m.t === 'window') this.#telemetry.window(m, this.mode, this.condition(), this.#fleet.allLatest());
  }
}
