// The latency chart's data: the server's recent history merged with live windows (deduplicated,
// ordered, trimmed to the visible span), and the mode switches to mark. Pure.
import type { ModeId } from '../mesh/modes';
import type { LatencyPoint } from '../mesh/telemetry';

export const SERIES_SPAN_MS = 60_000;

export function mergePoints(existing: LatencyPoint[], incoming: LatencyPoint[], spanMs = SERIES_SPAN_MS): LatencyPoint[] {
  if (incoming.length === 0) return existing;
  const byKey = new Map<string, LatencyPoint>();
  for (const p of existing) byKey.set(`${p.at}|${p.mode}`, p);
  for (const p of incoming) byKey.set(`${p.at}|${p.mode}`, p);
  const all = [...byKey.values()].sort((a, b) => a.at - b.at);
  const cutoff = all[all.length - 1]!.at - spanMs;
  return all.filter((p) => p.at >= cutoff);
}

export interface SwitchMarker {
  at: number;
  mode: ModeId;
}

/** Where the measured mode changes between consecutive windows. */
export function switchMarkers(points: LatencyPoint[]): SwitchMarker[] {
  const out: SwitchMarker[] = [];
  for (let i = 1; i < points.length; i++) if (points[i]!.mode !== points[i - 1]!.mode) out.push({ at: points[i]!.at, mode: points[i]!.mode });
  return out;
}

/** Consecutive runs with no gap longer than `maxGapMs` (a line breaks where windows are missing). */
export function runs(points: LatencyPoint[], maxGapMs = 2000): LatencyPoint[][] {
  const out: LatencyPoint[][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && p.at - last[last.length - 1]!.at <= maxGapMs) last.push(p);
    else out.push([p]);
  }
  return out;
}
