// HDR histograms (hdr-histogram-js) in microseconds, with a window that resets and a cumulative
// total that does not.
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../../../../lib/mesh/telemetry';

const make = () =>
  hdr.build({ bitBucketSize: 32, lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });

export function summarize(h: hdr.Histogram): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 };
  return {
    count,
    p50Us: h.getValueAtPercentile(50),
    p90Us: h.getValueAtPercentile(90),
    p99Us: h.getValueAtPercentile(99),
    maxUs: h.maxValue,
  };
}

export class WindowHistogram {
  #window = make();
  #total = make();

  record(us: number): void {
    const v = Math.max(1, Math.round(us));
    this.#window.recordValue(v);
    this.#total.recordValue(v);
  }

  recordWindowOnly(us: number): void {
    this.#window.recordValue(Math.max(1, Math.round(us)));
  }

  /** Summary of the window since the last call, which then starts a new window. */
  takeWindow(): LatencySummary {
    const s = summarize(this.#window);
    this.#window.reset();
    return s;
  }

  total(): LatencySummary {
    return summarize(this.#total);
  }

  resetAll(): void {
    this.#window.reset();
    this.#total.reset();
  }
}
