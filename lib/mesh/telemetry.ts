// What backends stream while traffic flows: latency windows, per-hop timing and proxy overhead.
// All times are microseconds; every value is measured, never derived from a model.
import type { ModeId } from './modes';

export interface LatencySummary {
  count: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
}

export interface LatencyWindow {
  mode: ModeId;
  /** Server time at the end of the window. */
  at: number;
  windowMs: number;
  /** Requests completed in this window. */
  window: LatencySummary;
  /** Everything completed in this mode since it was last switched on. */
  cumulative: LatencySummary;
  rps: number;
  errors: number;
  retries: number;
  /** The offered load, to show whether the generator kept up. */
  targetRps: number;
}

export type ProxyKind = 'sidecar' | 'ztunnel' | 'waypoint' | 'node-l7';

export interface HopTiming {
  proxyId: string;
  /** The proxy's listener: path hops name it, so a waterfall can put each share where it belongs. */
  listener: string;
  kind: ProxyKind;
  /** Requests (L7) or relayed chunks (L4) seen in the window. */
  count: number;
  /** Time the proxy itself spent per request (L7: total minus upstream; L4: per-chunk relay). */
  selfP50Us: number;
  selfP90Us: number;
  l7: boolean;
}

export interface ProxyResources {
  proxyId: string;
  kind: ProxyKind;
  /** CPU time per wall time over the window, in percent of one core. */
  cpuPercent: number;
  rssMb: number;
}

export interface HopsSample {
  mode: ModeId;
  at: number;
  hops: HopTiming[];
  resources: ProxyResources[];
}
