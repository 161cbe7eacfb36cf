// The proxy-placement cost calculator on the slides (pure): pods, nodes, L7 waypoints and rps →
// the proxies' CPU and memory per data plane, from published per-proxy figures (Istio 1.24
// performance page: per 1000 rps, sidecar 0.20 vCPU / 60 MB, waypoint 0.25 vCPU / 60 MB,
// ztunnel 0.06 vCPU / 12 MB; lib/mesh/published-figures.ts). Every assumption is listed next to the result.
import { PUBLISHED_PER_PROXY } from '../mesh/published-figures';

export interface PlacementInput {
  pods: number;
  nodes: number;
  /** Waypoints (namespaces or services that want L7) in ambient + waypoint. */
  waypoints: number;
  /** Requests per second across the mesh (each one call between two pods). */
  rps: number;
}

export interface PlacementRow {
  plane: 'sidecar' | 'ambient' | 'ambient-waypoint' | 'ebpf-l7';
  label: string;
  proxies: number;
  vcpu: number;
  memoryGb: number;
  l7: boolean;
  assumption: string;
}

export const PUBLISHED = {
  sidecar: PUBLISHED_PER_PROXY.sidecar!,
  waypoint: PUBLISHED_PER_PROXY.waypoint!,
  ztunnel: PUBLISHED_PER_PROXY.ztunnel!,
  source: PUBLISHED_PER_PROXY.source,
} as const;

export function placementCost(input: PlacementInput): PlacementRow[] {
  const k = Math.max(0, input.rps) / 1000;
  const { sidecar, waypoint, ztunnel } = PUBLISHED;
  return [
    {
      plane: 'sidecar',
      label: 'Sidecar',
      proxies: input.pods,
      vcpu: 2 * sidecar.vcpuPer1000 * k,
      memoryGb: (input.pods * sidecar.memoryMb) / 1024,
      l7: true,
      assumption: 'every call crosses two sidecars (client and server); one per pod',
    },
    {
      plane: 'ambient',
      label: 'Ambient (ztunnel)',
      proxies: input.nodes,
      vcpu: 2 * ztunnel.vcpuPer1000 * k,
      memoryGb: (input.nodes * ztunnel.memoryMb) / 1024,
      l7: false,
      assumption: 'every call crosses two ztunnels (source and destination node); one per node',
    },
    {
      plane: 'ambient-waypoint',
      label: 'Ambient + waypoints',
      proxies: input.nodes + input.waypoints,
      vcpu: (2 * ztunnel.vcpuPer1000 + waypoint.vcpuPer1000) * k,
      memoryGb: (input.nodes * ztunnel.memoryMb + input.waypoints * waypoint.memoryMb) / 1024,
      l7: true,
      assumption: 'every call also crosses one waypoint (all traffic wants L7)',
    },
    {
      plane: 'ebpf-l7',
      label: 'eBPF + node L7 proxy',
      proxies: input.nodes,
      vcpu: waypoint.vcpuPer1000 * k,
      memoryGb: (input.nodes * waypoint.memoryMb) / 1024,
      l7: true,
      assumption: 'one Envoy per node, one crossing per call; no published Cilium figure, so the waypoint (Envoy) figure stands in',
    },
  ];
}
