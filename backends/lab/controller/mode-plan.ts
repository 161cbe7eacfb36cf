// What runs in each mode and how traffic is chained through it: pure, shared by both tiers, and
// the single source of the topology the UI draws. Faithful to the real data paths
// (shared/facts/mesh.md): sidecars on both ends; ztunnel per node with HBONE on every call (same node too);
// a waypoint reached over HBONE; eBPF with no user-space hop; a per-node L7 proxy.
import { capability, type PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import { activePolicyKeys, type L7Policy, type PolicyKey } from '../../../lib/mesh/policies';
import type { ProxyKind } from '../../../lib/mesh/telemetry';
import type { HopKind, LinkProtocol, TopologyHop, TopologySnapshot } from '../../../lib/mesh/topology';
import type { Endpoint, L4Upstream, L7Route, ListenerSpec } from '../ipc';
import { edges, NODES, PODS, spiffeId, WAYPOINT_NODE, type NodeName, type PodSpec, type WorkloadPath } from '../topology';
import type { Addressing } from './addressing';

export interface PlannedProxy {
  id: string;
  kind: ProxyKind;
  node: NodeName;
  pod?: string;
  /** Service accounts whose certificates this proxy holds. */
  identities: string[];
  listeners: ListenerSpec[];
}

/** A pod name (client/app), a proxy id, or `ebpf/<node>`; `next` is how it talks to the next hop. */
export type PathHop = TopologyHop & { node: NodeName; kind: HopKind; next?: LinkProtocol };

export interface CallPath {
  from: string;
  to: string;
  hops: PathHop[];
}

export interface ModePlan {
  mode: ModeId;
  proxies: PlannedProxy[];
  /** The address each calling pod dials for its one downstream service. */
  dial: Record<string, Endpoint>;
  paths: CallPath[];
}

const addr = (e: Endpoint) => `${e.host}:${e.port}`;

class PlanBuilder {
  readonly proxies = new Map<string, PlannedProxy>();

  proxy(id: string, kind: ProxyKind, node: NodeName, identities: string[], pod?: string): PlannedProxy {
    let p = this.proxies.get(id);
    if (!p) {
      p = { id, kind, node, identities, listeners: [], ...(pod ? { pod } : {}) };
      this.proxies.set(id, p);
    }
    return p;
  }

  /** Adds a listener, or merges its routes into the listener of the same id. */
  listen(proxy: PlannedProxy, spec: ListenerSpec): void {
    const existing = proxy.listeners.find((l) => l.id === spec.id);
    if (!existing) proxy.listeners.push(structuredClone(spec));
    else if (existing.proto === 'hbone' && spec.proto === 'hbone') Object.assign(existing.byAuthority, spec.byAuthority);
    else if ('routes' in existing && 'routes' in spec) Object.assign(existing.routes, spec.routes);
  }
}

const podsOn = (node: NodeName) => PODS.filter((p) => p.node === node).map((p) => p.name);
const appHop = (p: PodSpec, next?: LinkProtocol): PathHop => ({
  id: p.name,
  kind: p.service ? 'app' : 'client',
  node: p.node,
  l7: false,
  ...(next ? { next } : {}),
});

export function planMode(mode: ModeId, at: Addressing, opts: { mtls: boolean; path?: WorkloadPath }): ModePlan {
  const b = new PlanBuilder();
  const dial: Record<string, Endpoint> = {};
  const paths: CallPath[] = [];

  for (const { from, to } of edges(opts.path)) {
    const service = to.service!;
    const appAddr = at.app(to.name);
    const hops: PathHop[] = [];

    switch (mode) {
      case 'none':
      case 'ebpf': {
        dial[from.name] = at.dial(service, appAddr);
        hops.push(appHop(from, 'tcp'));
        // eBPF acts in the kernel at connect() (and on same-node sockets); it is not a process.
        if (mode === 'ebpf') hops.push({ id: `ebpf/${from.node}`, kind: 'kernel', node: from.node, l7: false, next: 'tcp' });
        break;
      }
      case 'sidecar': {
        const out = b.proxy(`sidecar/${from.name}`, 'sidecar', from.node, [from.name], from.name);
        const inn = b.proxy(`sidecar/${to.name}`, 'sidecar', to.node, [to.name], to.name);
        const o = at.outbound('sidecar', from.node, from.name, service);
        const dest = at.sidecarIn(to.name);
        const route: L7Route = {
          upstream: opts.mtls ? { kind: 'h1-mtls', ...dest.dial, identity: from.name, peer: spiffeId(to.name) } : { kind: 'h1', ...dest.dial },
          enforcePolicy: true,
        };
        b.listen(out, { id: o.id, proto: 'h1', ...o.bind, select: o.select, routes: { [o.key]: route } });
        b.listen(inn, {
          id: 'inbound',
          proto: 'h1-permissive',
          ...dest.bind,
          identities: [to.name],
          routes: { '*': { upstream: { kind: 'h1', ...dest.toApp, ...(dest.toAppSource ? { source: dest.toAppSource } : {}) }, enforcePolicy: false } },
        });
        dial[from.name] = at.dial(service, o.bind);
        hops.push(appHop(from, 'http'), {
          id: out.id,
          listener: o.id,
          kind: 'sidecar',
          node: from.node,
          l7: true,
          next: opts.mtls ? 'mtls' : 'http',
          ...(opts.mtls ? { identities: { client: spiffeId(from.name), server: spiffeId(to.name) } } : {}),
        });
        hops.push({ id: inn.id, listener: 'inbound', kind: 'sidecar', node: to.node, l7: true, next: 'http' });
        break;
      }
      case 'ambient':
      case 'ambient-waypoint': {
        const src = b.proxy(`ztunnel/${from.node}`, 'ztunnel', from.node, podsOn(from.node));
        const dst = b.proxy(`ztunnel/${to.node}`, 'ztunnel', to.node, podsOn(to.node));
        const o = at.outbound('ztunnel', from.node, from.name, service);
        dial[from.name] = at.dial(service, o.bind);
        hops.push(appHop(from, 'tcp'));
        // The destination node's ztunnel accepts HBONE for its pods and hands it to the app.
        const dstHbone = at.ztunnelHbone(to.node);
        b.listen(dst, {
          id: 'hbone',
          proto: 'hbone',
          ...dstHbone.bind,
          identities: podsOn(to.node),
          byAuthority: { [addr(appAddr)]: { kind: 'direct', ...appAddr } },
        });
        let route: L4Upstream;
        if (mode === 'ambient-waypoint') {
          const wp = b.proxy('waypoint', 'waypoint', WAYPOINT_NODE, ['waypoint']);
          const wpHbone = at.waypointHbone();
          route = { kind: 'hbone', ...wpHbone.dial, identity: from.name, peer: spiffeId('waypoint'), authority: addr(appAddr) };
          const onward: L7Route = {
            upstream: { kind: 'hbone', ...dstHbone.dial, identity: 'waypoint', peer: spiffeId(to.name), authority: addr(appAddr) },
            enforcePolicy: true,
          };
          b.listen(wp, { id: 'hbone', proto: 'hbone', ...wpHbone.bind, identities: ['waypoint'], byAuthority: { [addr(appAddr)]: onward } });
          hops.push({
            id: src.id,
            listener: o.id,
            kind: 'ztunnel',
            node: from.node,
            l7: false,
            next: 'hbone',
            identities: { client: spiffeId(from.name), server: spiffeId('waypoint') },
          });
          hops.push({
            id: wp.id,
            listener: 'hbone',
            kind: 'waypoint',
            node: WAYPOINT_NODE,
            l7: true,
            next: 'hbone',
            identities: { client: spiffeId('waypoint'), server: spiffeId(to.name) },
          });
          hops.push({ id: dst.id, listener: 'hbone', kind: 'ztunnel', node: to.node, l7: false, next: 'tcp' });
        } else {
          // Same node or not, ztunnel tunnels to the destination pod's 15008 with mTLS, the
          // caller's certificate against the callee's (istio/ztunnel src/proxy/outbound.rs
          // build_request: no same-node case; test build_request_known_dest_local_node_hbone; the
          // in-memory node-local fast path was removed in 12d154cc, 2024). On one node both ends
          // are the one ztunnel process, connected through the kernel.
          route = { kind: 'hbone', ...dstHbone.dial, identity: from.name, peer: spiffeId(to.name), authority: addr(appAddr) };
          hops.push({
            id: src.id,
            listener: o.id,
            kind: 'ztunnel',
            node: from.node,
            l7: false,
            next: 'hbone',
            identities: { client: spiffeId(from.name), server: spiffeId(to.name) },
          });
          hops.push({ id: dst.id, listener: 'hbone', kind: 'ztunnel', node: to.node, l7: false, next: 'tcp' });
        }
        b.listen(src, { id: o.id, proto: 'tcp', ...o.bind, select: o.select, routes: { [o.key]: route } });
        break;
      }
      case 'ebpf-l7': {
        const node = b.proxy(`node-l7/${from.node}`, 'node-l7', from.node, []);
        const o = at.outbound('node-l7', from.node, from.name, service);
        b.listen(node, {
          id: o.id,
          proto: 'h1',
          ...o.bind,
          select: o.select,
          routes: { [o.key]: { upstream: { kind: 'h1', ...appAddr }, enforcePolicy: true } },
        });
        dial[from.name] = at.dial(service, o.bind);
        hops.push(appHop(from, 'tcp'), { id: `ebpf/${from.node}`, kind: 'kernel', node: from.node, l7: false, next: 'http' });
        hops.push({ id: node.id, listener: o.id, kind: 'node-l7', node: from.node, l7: true, next: 'http' });
        break;
      }
    }
    hops.push(appHop(to));
    paths.push({ from: from.name, to: to.name, hops });
  }

  return { mode, proxies: [...b.proxies.values()], dial, paths };
}

/** User-space proxies a request passes through on its whole path (every call). */
export function userSpaceHops(plan: ModePlan): number {
  return plan.paths.reduce((n, p) => n + p.hops.filter((h) => h.kind !== 'app' && h.kind !== 'client' && h.kind !== 'kernel').length, 0);
}

// What the wiring of a mode can actually enforce, read off the plan itself — so the lab reports
// what its processes do, and a test checks that against the published capability table.
export function planCan(plan: ModePlan, key: PolicyKey): boolean {
  if (key === 'mtls') {
    // Every link that leaves a workload's own proxy is encrypted with workload identity.
    return plan.paths.every((p) => p.hops.some((h) => h.next === 'mtls' || h.next === 'hbone'));
  }
  // An L7 proxy on every path is necessary, not always sufficient: Cilium's node Envoy lacks the
  // fault filter, and the lab's node proxy is handed no faults to match (effectivePolicy).
  return capability(plan.mode, key).supported && plan.paths.every((p) => p.hops.some((h) => h.l7 && h.kind !== 'app' && h.kind !== 'client'));
}

export function planEnforcement(plan: ModePlan, policy: L7Policy): PolicyEnforcement[] {
  return activePolicyKeys(policy).map((key) => {
    if (key === 'mtls' && !policy.mtls) return { key, enforced: false };
    if (planCan(plan, key)) return { key, enforced: true };
    const cap = capability(plan.mode, key);
    return { key, enforced: false, reason: cap.supported ? 'not on this path in the lab' : cap.reason };
  });
}

/** The one place lab wiring becomes the UI's topology model. */
export function planToTopology(plan: ModePlan, kernelPrograms: string[], at: number): TopologySnapshot {
  return {
    mode: plan.mode,
    at,
    nodes: [...NODES],
    pods: PODS.map((p) => ({ name: p.name, node: p.node, service: p.service })),
    proxies: plan.proxies.map((p) => ({ id: p.id, kind: p.kind, node: p.node, ...(p.pod ? { pod: p.pod } : {}) })),
    paths: plan.paths.map((p) => ({ from: p.from, to: p.to, hops: p.hops.map((h) => ({ ...h })) })),
    userSpaceHops: userSpaceHops(plan),
    kernelPrograms: plan.mode === 'ebpf' || plan.mode === 'ebpf-l7' ? kernelPrograms : [],
  };
}
