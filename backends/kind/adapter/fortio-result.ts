// fortio's JSON run result → the app's latency window, at this one edge. fortio times each request
// from its actual start, not its intended one (no coordinated-omission correction), so the kind
// numbers are labelled as fortio's; percentiles come from fortio's own histogram, in seconds.
import type { ModeId } from '../../../lib/mesh/modes';
import type { LatencySummary, LatencyWindow } from '../../../lib/mesh/telemetry';

export interface FortioResult {
  RequestedQPS: string | number;
  ActualQPS: number;
  /** Nanoseconds. */
  ActualDuration: number;
  RetCodes?: Record<string, number>;
  DurationHistogram: {
    Count: number;
    Max: number;
    Percentiles?: { Percentile: number; Value: number }[];
  };
}

const us = (seconds: number) => Math.round(seconds * 1e6);

export function fortioSummary(result: FortioResult): LatencySummary {
  const h = result.DurationHistogram;
  const at = (p: number) => us(h.Percentiles?.find((x) => x.Percentile === p)?.Value ?? 0);
  return { count: h.Count, p50Us: at(50), p90Us: at(90), p99Us: at(99), maxUs: us(h.Max) };
}

/** One fortio run as one window; `cumulative` is what the caller has merged for this mode. */
export function fortioWindow(result: FortioResult, mode: ModeId, at: number, cumulative: LatencySummary): LatencyWindow {
  const codes = result.RetCodes ?? {};
  const ok = Object.entries(codes)
    .filter(([code]) => Number(code) >= 200 && Number(code) < 400)
    .reduce((n, [, c]) => n + c, 0);
  const window = fortioSummary(result);
  return {
    mode,
    at,
    windowMs: Math.round(result.ActualDuration / 1e6),
    window,
    cumulative,
    rps: result.ActualQPS,
    errors: window.count - ok,
    retries: 0, // fortio cannot see mesh retries; the waypoint's or sidecar's metrics would
    targetRps: Number(result.RequestedQPS) || 0,
  };
}
