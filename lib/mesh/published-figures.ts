// Istio's published data-plane figures, with their conditions: the one source the slides'
// calculator, the bench and the comparison quote (shared/facts/performance.md has the sources).
// Latency rows: 1000 rps, 1 KB, mTLS, 2 proxy workers, fortio, over 2–64 (1.20) / 1–64 (1.22)
// client connections, on different testbeds — not a controlled A/B. Resource rows (1.24): usage
// in Istio's benchmark at 1000 rps, 1 KB; what a platform reserves is the charts' requests below.
import type { ProxyKind } from './telemetry';
import type { TopologySnapshot } from './topology';

/** Added latency of one proxy pair over no mesh, in µs. */
export const PUBLISHED_PAIR_LATENCY = {
  sidecar: { p90Us: 228, p99Us: 298, what: 'two sidecars (client + server Envoy)', source: 'Istio 1.20 performance page' },
  ztunnel: { p90Us: 170, p99Us: 200, what: 'two ztunnels (ambient L4)', source: 'Istio 1.22 performance page' },
} as const;

/** Per proxy at 1000 rps: vCPU used and resident memory (a footprint, not per 1000 rps). */
export const PUBLISHED_PER_PROXY: Partial<Record<ProxyKind, { vcpuPer1000: number; memoryMb: number }>> & { source: string } = {
  sidecar: { vcpuPer1000: 0.2, memoryMb: 60 },
  waypoint: { vcpuPer1000: 0.25, memoryMb: 60 },
  ztunnel: { vcpuPer1000: 0.06, memoryMb: 12 },
  source: 'Istio 1.24 performance page (1000 rps, 1 KB; sidecar and waypoint with 2 workers; benchmark usage per proxy, not requests)',
};

/** What each proxy reserves on a node (Kubernetes resource requests) in the charts' defaults:
 *  what a platform team pays for whether traffic flows or not. MiB and vCPU, per proxy. */
export const CHART_REQUESTS = {
  /** istio-discovery values.yaml `global.proxy.resources.requests`: per meshed pod. */
  sidecar: { vcpu: 0.1, memoryMib: 128 },
  /** `global.waypoint.resources.requests`: per waypoint replica. */
  waypoint: { vcpu: 0.1, memoryMib: 128 },
  /** ztunnel values.yaml `resources.requests`: per node. */
  ztunnel: { vcpu: 0.2, memoryMib: 512 },
  /** istio-cni values.yaml `resources.requests`: per node, needed by ambient. */
  istioCni: { vcpu: 0.1, memoryMib: 100 },
  /** Cilium's chart sets no requests for cilium-envoy (`envoy.resources: {}`). */
  ciliumEnvoy: { vcpu: 0, memoryMib: 0 },
  source: 'Istio 1.31 Helm charts (same since 1.24); Cilium chart: envoy.resources {}',
} as const;

/** A waypoint's Deployment sets no replica count (so 1); HPA and PDB only if you add them. */
export const WAYPOINT_DEFAULT_REPLICAS = 1;

export const PUBLISHED_CONDITION = { rps: 1000, payloadBytes: 1024, mtls: true } as const;

/** What Istio's benchmark would charge the same request path: every proxy hop of one request
 *  (all its calls) at the published vCPU per 1000 rps of its kind — the unit of the lab's own
 *  "vCPU per 1000 rps" per mode. Null when a hop's kind has no published figure (Cilium's node
 *  Envoy); 0 when the path has no proxy. Per hop, not per process: a same-node ambient call is two
 *  ztunnel hops in one process (out and in: ztunnel tunnels to itself), and counts twice, as in
 *  Istio's benchmark, where every call crosses two ztunnels. */
export function publishedPathCpuPer1000(topology: TopologySnapshot): number | null {
  let sum = 0;
  for (const hop of topology.paths.flatMap((p) => p.hops)) {
    if (hop.kind === 'client' || hop.kind === 'app' || hop.kind === 'kernel') continue;
    const figure = PUBLISHED_PER_PROXY[hop.kind];
    if (!figure) return null;
    sum += figure.vcpuPer1000;
  }
  return sum;
}
