import { describe, expect, it } from 'vitest';
import type { LatencyPoint } from '../mesh/telemetry';
import { latencySummary } from './summaries';

const point = (i: number, p50Us: number): LatencyPoint => ({
  at: 1_000 + i * 250,
  mode: 'sidecar',
  p50Us,
  p90Us: p50Us * 2,
  p99Us: p50Us * 4,
  rps: 500,
  errors: 0,
  retries: 0,
});

describe('latencySummary', () => {
  it('says the span it covers, so it is not read as the whole condition the table shows', () => {
    const s = latencySummary(Array.from({ length: 8 }, (_, i) => point(i, 1_000 + i)));
    expect(s).toMatch(/^Sidecar over the last 2\.0 s \(8 windows\), per-window median: p50 1\.00 ms/);
    expect(s).toContain('the comparison table');
  });

  it('with one window says so', () => {
    expect(latencySummary([point(0, 1_500)])).toMatch(/over the last window/);
    expect(latencySummary([])).toBe('No latency measured yet.');
  });
});
