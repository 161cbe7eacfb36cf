// Test support only: one 250 ms latency window at 100 rps (25 requests), without errors, its
// percentiles given or equal to p50; the cumulative figures are the window's, over `cumulativeCount`.
import type { LatencyWindow } from '../mesh/telemetry';

export function latencyWindow(
  mode: LatencyWindow['mode'],
  f: { at?: number; p50Us: number; p90Us?: number; p99Us?: number; maxUs?: number; cumulativeCount?: number },
): LatencyWindow {
  const p90Us = f.p90Us ?? f.p50Us;
  const p99Us = f.p99Us ?? p90Us;
  const summary = { p50Us: f.p50Us, p90Us, p99Us, maxUs: f.maxUs ?? p99Us };
  return {
    mode,
    at: f.at ?? 1,
    windowMs: 250,
    rps: 100,
    errors: 0,
    retries: 0,
    targetRps: 100,
    window: { count: 25, ...summary },
    cumulative: { count: f.cumulativeCount ?? 100, ...summary },
  };
}
