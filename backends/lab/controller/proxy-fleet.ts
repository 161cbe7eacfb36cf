// The proxies of the current mode, one data-plane process each: started from a plan (a proxy
// whose listeners did not change is kept and re-routed instead), retired after a switch, and
// asked for their counters. Their periodic stats are kept here for the telemetry.
import { effectivePolicy } from '../../../lib/mesh/capabilities';
import type { L7Policy } from '../../../lib/mesh/policies';
import type { L4Upstream, L7Route, ListenerSpec, ProxyStats } from '../ipc';
import type { LabChild } from './child-process';
import type { LabHost } from './lab-host';
import type { ModePlan, PlannedProxy } from './mode-plan';

export class ProxyFleet {
  #proxies = new Map<string, { child: LabChild; spec: PlannedProxy }>();
  /** Proxies of the previous mode, draining for a moment after a switch. */
  #retiring = new Set<LabChild>();
  /** The last periodic stats of each proxy, by id. */
  readonly #latest = new Map<string, ProxyStats>();

  constructor(
    private readonly host: LabHost,
    private readonly spawn: (spec: PlannedProxy) => LabChild,
    private readonly statsEveryMs: number,
  ) {}

  /** Up and ready: every proxy of `plan`, configured for `policy` as `plan`'s mode applies it. */
  async start(plan: ModePlan, policy: L7Policy): Promise<void> {
    const starting: LabChild[] = [];
    for (const spec of plan.proxies) {
      const running = this.#proxies.get(spec.id);
      if (running && sameListeners(running.spec.listeners, spec.listeners)) {
        running.child.send({ t: 'routes', listeners: spec.listeners });
        running.child.send({ t: 'policy', policy: effectivePolicy(plan.mode, policy) });
        running.spec = spec;
        continue;
      }
      if (running) {
        this.#proxies.delete(spec.id);
        await running.child.stop();
      }
      const child = this.spawn(spec);
      const identities = Object.fromEntries(spec.identities.map((sa) => [sa, this.host.identities[sa]!]));
      // Client-side TLS needs the identities routes originate with (e.g. a ztunnel speaking for its pods).
      for (const l of spec.listeners) for (const sa of originIdentities(l)) identities[sa] = this.host.identities[sa]!;
      child.send({
        t: 'config',
        id: spec.id,
        kind: spec.kind,
        identities,
        listeners: spec.listeners,
        policy: effectivePolicy(plan.mode, policy),
        statsEveryMs: this.statsEveryMs,
      });
      this.#proxies.set(spec.id, { child, spec });
      starting.push(child);
    }
    await Promise.all(starting.map((c) => c.ready()));
  }

  /** The proxies `plan` does not keep, taken out of the fleet (still running: see stopRetired). */
  retireAllBut(plan: ModePlan): LabChild[] {
    const keep = new Set(plan.proxies.map((p) => p.id));
    const old = [...this.#proxies.entries()].filter(([id]) => !keep.has(id));
    for (const [id, p] of old) {
      this.#proxies.delete(id);
      this.#retiring.add(p.child);
    }
    return old.map(([, p]) => p.child);
  }

  /** Stops retired proxies; their exit is expected. */
  async stopRetired(children: LabChild[]): Promise<void> {
    await Promise.all(children.map((c) => c.stop().finally(() => this.#retiring.delete(c))));
  }

  /** Tells every running proxy the policy as `plan`'s mode applies it. */
  setPolicy(plan: ModePlan, policy: L7Policy): void {
    for (const { child } of this.#proxies.values()) child.send({ t: 'policy', policy: effectivePolicy(plan.mode, policy) });
  }

  has(id: string): boolean {
    return this.#proxies.has(id);
  }

  ids(): string[] {
    return [...this.#proxies.keys()].sort();
  }

  children(): LabChild[] {
    return [...this.#proxies.values()].map((p) => p.child);
  }

  /** Fresh counters from every running proxy. */
  stats(): Promise<ProxyStats[]> {
    return Promise.all(this.children().map((child) => child.request<ProxyStats>((reqId) => ({ t: 'stats-now', reqId }))));
  }

  /** The latest stats of the proxies `plan` has, running now: during a switch the old ones still
   *  run (draining) and must not be counted as the new mode's cost. */
  latestOf(plan: ModePlan): ProxyStats[] {
    const planned = new Set(plan.proxies.map((p) => p.id));
    return [...this.#proxies.keys()]
      .filter((id) => planned.has(id))
      .map((id) => this.#latest.get(id))
      .filter((s): s is ProxyStats => Boolean(s));
  }

  /** A proxy's periodic stats, kept as its latest. */
  noteStats(stats: ProxyStats): void {
    this.#latest.set(stats.id, stats);
  }

  /** Every proxy's latest stats, the retired ones' too (their retries still count). */
  allLatest(): Iterable<ProxyStats> {
    return this.#latest.values();
  }

  async stopAll(): Promise<void> {
    const all = this.children().concat([...this.#retiring]);
    await Promise.all(all.map((c) => c.stop()));
    this.#proxies.clear();
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
