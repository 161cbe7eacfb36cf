import { describe, expect, it } from 'vitest';
import type { LatencyPoint } from '../mesh/telemetry';
import { mergePoints, runs, switchMarkers } from './latency-series';

const p = (at: number, mode: LatencyPoint['mode'] = 'none'): LatencyPoint => ({
  at,
  mode,
  p50Us: 1000,
  p90Us: 2000,
  p99Us: 3000,
  rps: 100,
  errors: 0,
  retries: 0,
});

describe('latency series', () => {
  it('merges history and live windows: ordered, no duplicates, trimmed to the span', () => {
    expect(mergePoints([p(1000), p(2000)], [p(2000), p(1500), p(70_000)], 60_000).map((x) => x.at)).toEqual([70_000]);
    expect(mergePoints([p(1000), p(2000)], [p(2000), p(1500)]).map((x) => x.at)).toEqual([1000, 1500, 2000]);
  });

  it('marks every change of measured mode', () => {
    expect(switchMarkers([p(1), p(2), p(3, 'sidecar'), p(4, 'sidecar'), p(5, 'ebpf')])).toEqual([
      { at: 3, mode: 'sidecar' },
      { at: 5, mode: 'ebpf' },
    ]);
  });

  it('breaks lines where windows are missing', () => {
    expect(runs([p(0), p(250), p(500), p(5000), p(5250)]).map((r) => r.length)).toEqual([3, 2]);
  });
});
