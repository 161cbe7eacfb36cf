// One sentence per chart for screen readers (announced politely, not on every tick) and for
// anyone who cannot see the projector. Pure.
import { MODES } from '../mesh/modes';
import type { LatencyPoint, HopsSample } from '../mesh/telemetry';
import type { TopologySnapshot } from '../mesh/topology';
import type { ComparisonRow } from './comparison';
import { ms } from './format';
import type { Waterfall } from './waterfall';

export function topologySummary(t: TopologySnapshot | null): string {
  if (!t) return 'No topology yet.';
  const kinds = [...new Set(t.proxies.map((p) => p.kind))];
  const proxies = t.proxies.length ? `${t.proxies.length} proxies (${kinds.join(', ')})` : 'no user-space proxy';
  const kernel = t.kernelPrograms.length ? `; eBPF programs: ${t.kernelPrograms.join(', ')}` : '';
  const encrypted = t.paths.flatMap((p) => p.hops).some((h) => h.next === 'mtls' || h.next === 'hbone') ? '; calls are encrypted with mutual TLS' : '';
  return `${MODES[t.mode].label}: ${t.nodes.length} nodes, ${t.pods.length} pods, ${proxies}; a request crosses ${t.userSpaceHops} user-space proxies${encrypted}${kernel}.`;
}

/** The latency chart's sentence: what its lines show at the right edge — the median of each
 *  percentile over the last few windows of the mode now running, the span said, so it is never
 *  read as the table's figure (the whole condition, a different window). */
export function latencySummary(points: LatencyPoint[]): string {
  const last = points.slice(-8).filter((p) => p.rps > 0);
  if (last.length === 0) return 'No latency measured yet.';
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mode = last[last.length - 1]!.mode;
  const mine = last.filter((p) => p.mode === mode);
  // Windows are evenly spaced: n of them span n × their spacing.
  const spacing = mine.length > 1 ? (mine[mine.length - 1]!.at - mine[0]!.at) / (mine.length - 1) : 0;
  const span = spacing > 0 ? `the last ${((spacing * mine.length) / 1000).toFixed(1)} s (${mine.length} windows)` : 'the last window';
  return `${MODES[mode].label} over ${span}, per-window median: p50 ${ms(median(mine.map((p) => p.p50Us)))} ms, p90 ${ms(median(mine.map((p) => p.p90Us)))} ms, p99 ${ms(median(mine.map((p) => p.p99Us)))} ms at ${Math.round(median(mine.map((p) => p.rps)))} requests per second; the comparison table's figures cover the whole condition.`;
}

export function waterfallSummary(w: Waterfall | null): string {
  if (!w) return 'No per-hop timing yet.';
  const proxies = w.bars.filter((b) => b.kind !== 'rest' && b.kind !== 'path');
  if (proxies.length === 0) return `No proxy on the path: all ${ms(w.totalUs)} ms of the median request are the apps, the kernel and the network.`;
  const timed = proxies.filter((b) => b.timed);
  const untimed = proxies.length - timed.length;
  const top = [...timed].sort((a, b) => b.us - a.us)[0];
  const unknown = untimed > 0 ? ` (${untimed} not timed in this window)` : '';
  return `Proxies take ${ms(w.proxiesUs)} of ${ms(w.totalUs)} ms of the median request across ${proxies.length} proxy hops${unknown}${top ? `; the largest is ${top.label} at ${ms(top.us)} ms` : ''}.`;
}

export function overheadSummary(h: HopsSample | null): string {
  if (!h) return 'No per-proxy measurements from this backend yet.';
  if (h.resources.length === 0) return 'No user-space proxy running in this mode.';
  const cpu = h.resources.reduce((a, r) => a + r.cpuPercent, 0);
  const rss = h.resources.reduce((a, r) => a + r.rssMb, 0);
  return `${h.resources.length} proxies use ${cpu.toFixed(0)}% of a CPU core and ${rss.toFixed(0)} MB of memory together.`;
}

export function comparisonSummary(rows: ComparisonRow[]): string {
  const measured = rows.filter((r) => r.measured);
  if (measured.length === 0) return 'No mode measured yet.';
  const parts = measured.map((r) => `${r.label} p50 ${ms(r.p50Us!)} ms, p99 ${ms(r.p99Us!)} ms`);
  return `Measured so far: ${parts.join('; ')}.`;
}
