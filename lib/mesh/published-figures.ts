// Istio's published data-plane figures, with their conditions: the one source the slides'
// calculator, the bench and the comparison quote (shared/facts/performance.md has the sources).
// All at 1000 rps, 1 KB payload, mTLS, fortio, two proxy worker threads.
import type { ProxyKind } from './telemetry';

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
  source: 'Istio 1.24 performance page (1000 rps, 1 KB, mTLS; per proxy)',
};

export const PUBLISHED_CONDITION = { rps: 1000, payloadBytes: 1024, mtls: true } as const;
