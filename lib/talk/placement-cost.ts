// The proxy-placement cost calculator on the slides (pure): a cluster's pods, nodes, waypoints,
// the share of its traffic that needs L7 and its request rate → the proxies' CPU and memory per
// data plane, on the basis a platform team chooses:
//   requests — what the charts reserve per proxy whether traffic flows or not (the bill);
//   usage    — what Istio's benchmark measured per proxy at 1000 rps (the floor under load).
// Every figure comes from lib/mesh/published-figures.ts; every row says what it assumes.
import { CHART_REQUESTS, PUBLISHED_PER_PROXY } from '../mesh/published-figures';

export type CostBasis = 'requests' | 'usage';

export interface PlacementInput {
  pods: number;
  nodes: number;
  /** Waypoints (namespaces or services that want L7) in ambient + waypoint. */
  waypoints: number;
  /** Replicas per waypoint (the chart's default is 1; HA wants 2 or more). */
  waypointReplicas: number;
  /** Share of calls that need L7 (0–1): only those cross a waypoint or a node Envoy. */
  l7Share: number;
  /** Requests per second across the mesh (each one call between two pods). */
  rps: number;
  basis: CostBasis;
}

export interface PlacementRow {
  plane: 'sidecar' | 'ambient' | 'ambient-waypoint' | 'ebpf-l7';
  label: string;
  proxies: number;
  vcpu: number;
  memoryGib: number;
  l7: boolean;
  /** Workload-identity mTLS between pods. */
  mtls: boolean;
  assumption: string;
}

export const PUBLISHED = {
  sidecar: PUBLISHED_PER_PROXY.sidecar!,
  waypoint: PUBLISHED_PER_PROXY.waypoint!,
  ztunnel: PUBLISHED_PER_PROXY.ztunnel!,
  source: PUBLISHED_PER_PROXY.source,
} as const;

/** Istio's benchmark says "MB"; taken as MiB (the difference is under 5 %). */
const gib = (mib: number) => mib / 1024;

export function placementCost(input: PlacementInput): PlacementRow[] {
  const k = Math.max(0, input.rps) / 1000;
  const share = Math.min(1, Math.max(0, input.l7Share));
  const replicas = Math.max(0, input.waypointReplicas);
  const waypointPods = input.waypoints * replicas;
  const { sidecar, waypoint, ztunnel } = PUBLISHED;
  const req = CHART_REQUESTS;
  const ambientPerNode = { vcpu: req.ztunnel.vcpu + req.istioCni.vcpu, memoryMib: req.ztunnel.memoryMib + req.istioCni.memoryMib };
  const requests = input.basis === 'requests';
  return [
    {
      plane: 'sidecar',
      label: 'Sidecar',
      proxies: input.pods,
      vcpu: requests ? input.pods * req.sidecar.vcpu : 2 * sidecar.vcpuPer1000 * k,
      memoryGib: gib(input.pods * (requests ? req.sidecar.memoryMib : sidecar.memoryMb)),
      l7: true,
      mtls: true,
      assumption: requests
        ? 'one sidecar per pod, each reserving its request, idle or not'
        : 'every call crosses two sidecars (client and server), L7 wanted or not; memory per pod, not per request',
    },
    {
      plane: 'ambient',
      label: 'Ambient (ztunnel)',
      proxies: input.nodes,
      vcpu: requests ? input.nodes * ambientPerNode.vcpu : 2 * ztunnel.vcpuPer1000 * k,
      memoryGib: gib(input.nodes * (requests ? ambientPerNode.memoryMib : ztunnel.memoryMb)),
      l7: false,
      mtls: true,
      assumption: requests
        ? 'one ztunnel and one istio-cni agent per node'
        : 'every call is tunnelled out and in (on one node, by the same ztunnel, as in Istio); istio-cni not measured',
    },
    {
      plane: 'ambient-waypoint',
      label: 'Ambient + waypoints',
      proxies: input.nodes + waypointPods,
      vcpu: requests ? input.nodes * ambientPerNode.vcpu + waypointPods * req.waypoint.vcpu : (2 * ztunnel.vcpuPer1000 + share * waypoint.vcpuPer1000) * k,
      memoryGib: gib(
        input.nodes * (requests ? ambientPerNode.memoryMib : ztunnel.memoryMb) + waypointPods * (requests ? req.waypoint.memoryMib : waypoint.memoryMb),
      ),
      l7: true,
      mtls: true,
      assumption: requests
        ? `ambient, plus ${replicas} replica${replicas === 1 ? '' : 's'} per waypoint`
        : `ambient, plus one waypoint crossing for the ${Math.round(share * 100)} % of calls that need L7`,
    },
    {
      plane: 'ebpf-l7',
      label: 'eBPF + node L7 proxy',
      proxies: input.nodes,
      vcpu: requests ? input.nodes * req.ciliumEnvoy.vcpu : share * waypoint.vcpuPer1000 * k,
      memoryGib: gib(input.nodes * (requests ? req.ciliumEnvoy.memoryMib : waypoint.memoryMb)),
      l7: true,
      mtls: false,
      assumption: requests
        ? "Cilium's chart reserves nothing for its Envoy: what it uses comes out of the node's unreserved share"
        : `one Envoy per node, crossed by the ${Math.round(share * 100)} % of calls that need L7; Cilium publishes no figure, so the waypoint's stands in — an upper bound, as Cilium's Envoy does no mTLS (WireGuard/IPsec in the kernel, not counted)`,
    },
  ];
}
