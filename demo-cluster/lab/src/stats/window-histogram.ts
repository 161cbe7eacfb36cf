// HDR histograms (hdr-histogram-js) in microseconds, with a window that resets and a cumulative
// total that does not.
import type { LatencySummary } from '../../../../lib/mesh/telemetry';
import { newLatencyHistogram as make, summarize } from '../../../../lib/stats/latency-histogram';

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
    return summarize(this.#total, { distribution: true });
  }

  resetAll(): void {
    this.#window.reset();
    this.#total.reset();
  }
}
