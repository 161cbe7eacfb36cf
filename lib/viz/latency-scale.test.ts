import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LatencyPoint } from '../mesh/telemetry';
import { HEADROOM, latencyPeak, MIN_TOP_US, nextLatencyTop, SHRINK_TAU_MS, SWITCH_SETTLE_MS, type LatencyTop } from './latency-scale';

const WINDOW_MS = 250;
const point = (at: number, p99Us: number, mode: LatencyPoint['mode'] = 'sidecar'): LatencyPoint => ({
  at,
  mode,
  p50Us: p99Us / 3,
  p90Us: p99Us / 2,
  p99Us,
  rps: 500,
  errors: 0,
  retries: 0,
});

/** The chart as it runs: a window every 250 ms on a fake clock, the top carried from one to the next. */
function chart() {
  let points: LatencyPoint[] = [];
  let top: LatencyTop | null = null;
  return {
    window(p99Us: number, mode: LatencyPoint['mode'] = 'sidecar') {
      vi.advanceTimersByTime(WINDOW_MS);
      points = [...points, point(Date.now(), p99Us, mode)].filter((p) => p.at >= Date.now() - 60_000);
      top = nextLatencyTop(top, latencyPeak(points), Date.now());
      return top.topUs;
    },
    seconds(s: number, p99Us: number) {
      let t = 0;
      for (let i = 0; i < (s * 1000) / WINDOW_MS; i++) t = this.window(p99Us);
      return t;
    },
  };
}

describe('the latency chart scale', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('takes in an injected 100 ms delay within one window', () => {
    const c = chart();
    expect(c.seconds(20, 2_000)).toBeCloseTo(2_000 * HEADROOM);
    // The delay's first window: on the scale at once, not ~12 s later.
    expect(c.window(310_000)).toBeGreaterThanOrEqual(310_000);
  });

  it('comes down slowly once the peak has scrolled out of view: most of the way in 10–20 s, none of it at once', () => {
    const c = chart();
    c.seconds(5, 2_000);
    c.window(300_000);
    // The peak stays in view for a minute: the scale holds it.
    expect(c.seconds(59, 2_000)).toBeGreaterThanOrEqual(300_000);
    const afterOneWindow = c.seconds(1.25, 2_000);
    expect(afterOneWindow).toBeGreaterThan(100_000);
    // Log-space progress from the peak's top to the settled top.
    const progress = (top: number) => Math.log((300_000 * HEADROOM) / top) / Math.log(300_000 / 2_000);
    expect(progress(c.seconds(4, 2_000))).toBeLessThan(0.75);
    expect(progress(c.seconds(10, 2_000))).toBeGreaterThan(0.9);
    expect(c.seconds(30, 2_000) / (2_000 * HEADROOM)).toBeCloseTo(1, 2);
  });

  it('does not let a new mode’s first windows into the scale (they are drawn clipped)', () => {
    const points = [point(0, 2_000, 'none'), point(250, 2_000, 'none'), point(500, 90_000, 'sidecar'), point(500 + SWITCH_SETTLE_MS, 60_000, 'sidecar')];
    expect(latencyPeak(points.slice(0, 3))).toBe(2_000);
    expect(latencyPeak(points)).toBe(60_000);
    // Windows that measured nothing say nothing about the scale.
    expect(latencyPeak([{ ...point(0, 50_000), rps: 0 }])).toBe(0);
  });

  it('starts over when the data’s time goes back (a replay seeking back), never below 1 ms, and gives the same answer twice', () => {
    const high = nextLatencyTop(null, 300_000, 100_000);
    expect(nextLatencyTop(high, 2_000, 50_000)).toEqual({ topUs: 2_000 * HEADROOM, at: 50_000 });
    expect(nextLatencyTop(null, 10, 0).topUs).toBe(MIN_TOP_US);
    const later = nextLatencyTop(high, 2_000, 100_000 + SHRINK_TAU_MS);
    expect(nextLatencyTop(later, 2_000, later.at)).toEqual(later);
  });
});
