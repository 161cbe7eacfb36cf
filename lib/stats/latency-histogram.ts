// HDR latency histograms in microseconds (hdr-histogram-js, pure JS) and their summary in the
// app's terms. Shared by the lab's processes and the kind backend.
import * as hdr from 'hdr-histogram-js';
import { DISTRIBUTION_PERCENTILES, type LatencySummary } from '../mesh/telemetry';

export type LatencyHistogram = hdr.Histogram;

export function newLatencyHistogram(): LatencyHistogram {
  return hdr.build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** `distribution` adds the curve at DISTRIBUTION_PERCENTILES (for cumulative summaries). */
export function summarize(h: LatencyHistogram, options: { distribution?: boolean } = {}): LatencySummary {
  if (h.totalCount === 0) return { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 };
  const summary: LatencySummary = {
    count: h.totalCount,
    p50Us: h.getValueAtPercentile(50),
    p90Us: h.getValueAtPercentile(90),
    p99Us: h.getValueAtPercentile(99),
    maxUs: h.maxValue,
  };
  if (options.distribution) summary.distributionUs = DISTRIBUTION_PERCENTILES.map((p) => h.getValueAtPercentile(p));
  return summary;
}
