import { describe, expect, it } from 'vitest';
import { packHistory, unpackHistory } from './history-wire';
import type { LatencyPoint } from '../../mesh/telemetry';

/** A minute at 4 windows a second across two switches, as a phone joining mid-demo gets it. */
function minute(): LatencyPoint[] {
  const t0 = 1_796_190_000_000;
  return Array.from({ length: 240 }, (_, i) => ({
    at: t0 + i * 250 + (i % 3),
    mode: i < 80 ? 'none' : i < 160 ? 'sidecar' : 'ambient',
    p50Us: 150 + (i % 17),
    p90Us: 190 + (i % 23),
    p99Us: 300 + (i % 41),
    rps: 1000 - (i % 2),
    errors: i % 50 === 0 ? 1 : 0,
    retries: 0,
  }));
}

describe('the packed history', () => {
  it('unpacks to exactly the points packed, the empty minute included', () => {
    expect(unpackHistory(packHistory(minute()))).toEqual(minute());
    expect(unpackHistory(packHistory([]))).toEqual([]);
  });

  it('is under half the size of the points as JSON, each mode run said once', () => {
    const packed = packHistory(minute());
    expect(packed.modes).toEqual([
      ['none', 80],
      ['sidecar', 80],
      ['ambient', 80],
    ]);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(minute()).length / 2);
  });
});
