// The top of the live latency chart's y scale (pure). It grows at once to take in a new maximum —
// an injected 100 ms delay is on the scale from the first window that has it — and comes down
// slowly once the peak has scrolled out of view: it eases toward the new maximum in log space
// (latencies span orders of magnitude), 95 % of the way in 3 time constants (15 s), so the lines
// do not jump from one window to the next.
import type { LatencyPoint } from '../mesh/telemetry';

/** Time constant of the way down: 5 s, so 15 s to come 95 % of the way (in log space). */
export const SHRINK_TAU_MS = 5_000;
/** A new data plane's first windows (warm-up: connections, TLS handshakes, a cold cache) can
 *  spike far above what it does after: they are drawn, clipped, and not let into the scale. */
export const SWITCH_SETTLE_MS = 2_000;
/** The smallest top (1 ms) and the room above the highest line (10 %). */
export const MIN_TOP_US = 1_000;
export const HEADROOM = 1.1;

export interface LatencyTop {
  /** The scale's top, µs. */
  topUs: number;
  /** The data's time it was computed at (the newest window's end), ms. */
  at: number;
}

/** The highest p99 the scale must show: every point in view but a new mode's first `settleMs`. */
export function latencyPeak(points: readonly LatencyPoint[], settleMs = SWITCH_SETTLE_MS): number {
  let peak = 0;
  let switchedAt = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (i > 0 && p.mode !== points[i - 1]!.mode) switchedAt = p.at;
    if (p.rps > 0 && p.at - switchedAt >= settleMs) peak = Math.max(peak, p.p99Us);
  }
  return peak;
}

/**
 * The next top from the previous one, the peak now in view and the data's time: up at once,
 * down by `exp(-Δt / tau)` of the way in log space. Time going backwards (a replay seeking back)
 * starts over. Calling it twice with the same arguments gives the same answer.
 */
export function nextLatencyTop(prev: LatencyTop | null, peakUs: number, at: number, tauMs = SHRINK_TAU_MS): LatencyTop {
  const target = Math.max(MIN_TOP_US, peakUs * HEADROOM);
  if (!prev || at < prev.at || target >= prev.topUs) return { topUs: target, at };
  const keep = Math.exp(-(at - prev.at) / tauMs);
  return { topUs: Math.exp(Math.log(target) + (Math.log(prev.topUs) - Math.log(target)) * keep), at };
}
