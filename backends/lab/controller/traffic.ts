// The demo's traffic: the workloads (web, catalog, inventory) and the open-loop load generator,
// one data-plane process each. They follow the current plan's addresses; during a switch the
// load pauses and drains, the new path is warmed with closed-loop probes, and the load comes
// back in steps, as a rollout's readiness probes and gradual traffic shift would do.
import { randomUUID } from 'node:crypto';
import type { LoadSpec } from '../../../lib/mesh/policies';
import { FAILING_SERVICE } from '../../../lib/mesh/workload';
import type { LoadgenCounters, ProbeResult } from '../ipc';
import { PODS } from '../topology';
import type { LabChild } from './child-process';
import type { LabHost } from './lab-host';
import type { ModePlan } from './mode-plan';

/** Closed-loop warm-up of a new path before the load moves onto it (see warmUp). */
const WARMUP_ROUNDS = 4;
const WARMUP_CONCURRENCY = 8;
const WARMUP_MAX_MS = 1000;
/** Requests still in flight when a switch pauses the load get this long to finish (the load
 *  generator's own timeout is 3 s; a path that hangs is not waited for). */
const DRAIN_MAX_MS = 1000;

type Spawn = (id: string, role: 'workload' | 'loadgen', pod: string) => LabChild;

export class Traffic {
  #workloads = new Map<string, LabChild>();
  #loadgen: LabChild | null = null;

  constructor(
    private readonly host: LabHost,
    private readonly spawn: Spawn,
  ) {}

  /** The workloads, then the generator (its first target must be listening), on `plan`'s path. */
  async start(plan: ModePlan, load: LoadSpec, windowMs: number): Promise<void> {
    for (const pod of PODS.filter((p) => p.service)) {
      const child = this.spawn(`app/${pod.name}`, 'workload', pod.name);
      child.send({
        t: 'config',
        id: pod.name,
        listen: this.host.at.appBind(pod.name),
        upstream: plan.dial[pod.name] ?? null,
        payloadBytes: load.payloadBytes,
        errorPercent: errorPercentFor(pod.name, load),
      });
      this.#workloads.set(pod.name, child);
    }
    await Promise.all([...this.#workloads.values()].map((c) => c.ready()));
    const loadgen = this.spawn('loadgen', 'loadgen', 'client');
    this.#loadgen = loadgen;
    loadgen.send({ t: 'config', id: 'loadgen', target: plan.dial.client!, rps: load.rps, windowMs, mode: plan.mode });
    await loadgen.ready();
  }

  /** Payload and error rate, on every workload (the failing service fails `errorPercent` with 503). */
  setWorkload(load: LoadSpec): void {
    for (const [name, child] of this.#workloads) child.send({ t: 'workload', payloadBytes: load.payloadBytes, errorPercent: errorPercentFor(name, load) });
  }

  /** Every workload and the generator onto `plan`'s addresses, the generator at `rps`. */
  redirect(plan: ModePlan, rps: number): void {
    for (const [name, child] of this.#workloads) child.send({ t: 'upstream', upstream: plan.dial[name] ?? null });
    this.#gen.send({ t: 'load', rps, target: plan.dial.client!, mode: plan.mode });
  }

  /** A step of the ramp after a switch: same path and pools; the generator keeps these requests
   *  out of the mode's cumulative percentiles (`settling`) until a second after the last step. */
  setRate(plan: ModePlan, rps: number): void {
    this.#gen.send({ t: 'load', rps, target: plan.dial.client!, mode: plan.mode, settling: true });
  }

  /** A new condition in the same mode: the generator's cumulative figures start afresh once the
   *  path has settled again, so a comparison row never mixes two conditions. */
  restartCondition(plan: ModePlan, rps: number): void {
    this.#loadgen?.send({ t: 'load', rps, target: plan.dial.client!, mode: plan.mode, restart: true });
  }

  /** The load stops, and what is in flight finishes (bounded) before anything on the path changes. */
  async pauseAndDrain(plan: ModePlan): Promise<void> {
    this.setRate(plan, 0);
    const deadline = Date.now() + DRAIN_MAX_MS;
    while (Date.now() < deadline && (await this.counters()).inflight > 0) await new Promise((r) => setTimeout(r, 10));
  }

  /** Closed-loop requests over the current path before the load resumes: every hop opens its
   *  connection pools and TLS sessions (≈ 0.5 ms of CPU per handshake side here), which an
   *  open-loop load arriving all at once would otherwise queue behind — the path's start-up, not
   *  its cost. A real rollout's readiness probes and gradual traffic shift play this part. */
  async warmUp(): Promise<void> {
    const deadline = Date.now() + WARMUP_MAX_MS;
    for (let round = 0; round < WARMUP_ROUNDS && Date.now() < deadline; round++) {
      await Promise.all(Array.from({ length: WARMUP_CONCURRENCY }, () => this.probe().catch(() => undefined)));
    }
  }

  /** One request through the current path, outside the load: which processes answered it. */
  async probe(): Promise<{ requestId: string; status: number; via: string[]; error?: string }> {
    const requestId = `probe-${randomUUID()}`;
    const r = await this.#gen.request<ProbeResult>((reqId) => ({ t: 'probe', reqId, requestId }));
    return { requestId, status: r.status, via: r.via, ...(r.error ? { error: r.error } : {}) };
  }

  /** The load generator's totals since it started (requests sent, answered, failed, in flight). */
  async counters(): Promise<Omit<LoadgenCounters, 't' | 'reqId'>> {
    const { sent, ok, failed, inflight } = await this.#gen.request<LoadgenCounters>((reqId) => ({ t: 'counters', reqId }));
    return { sent, ok, failed, inflight };
  }

  children(): LabChild[] {
    return [...this.#workloads.values(), ...(this.#loadgen ? [this.#loadgen] : [])];
  }

  get #gen(): LabChild {
    if (!this.#loadgen) throw new Error('the load generator is not running');
    return this.#loadgen;
  }
}

function errorPercentFor(pod: string, load: LoadSpec): number {
  return pod === FAILING_SERVICE ? load.errorPercent : 0;
}
