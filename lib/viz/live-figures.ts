// The few numbers a demo slide's story is about, as big figures (pure): p50 and p99 under the
// condition running now, errors and retries per second as the client sees them. Each says its
// unit, its window and the condition it was measured under. A slide asks for them on its slot:
// `<div class="demo-slot" data-demo-slot data-demo-figures="errors retries">`.
import type { BackendStatus } from '../mesh/backend-status';
import type { DemoState } from '../mesh/demo-state';
import { MODES } from '../mesh/modes';
import { NOT_RECORDED } from '../mesh/provenance';
import { conditionOf, type LatencyPoint, type LatencyWindow } from '../mesh/telemetry';
import { conditionLabel, ms } from './format';

export const FIGURE_IDS = ['p50', 'p99', 'errors', 'retries'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** The figures a slot names (`data-demo-figures`, space- or comma-separated), known ones only, in order. */
export function asFigures(attr: string | undefined): FigureId[] {
  const named = (attr ?? '').split(/[\s,]+/);
  return FIGURE_IDS.filter((id) => named.includes(id));
}

/** The figures a slide's demo slot asks for, read from the slide's HTML (a phone draws them above
 *  its charts, not in a slot). */
export function slideFigures(html: string): FigureId[] {
  return asFigures(html.match(/data-demo-figures="([^"]*)"/)?.[1]);
}

/** Errors and retries are counted over the last 5 s: a quarter-second window at a few hundred
 *  requests per second holds a handful of each, and the figure would flicker between 0 and 8. */
export const RATE_SPAN_MS = 5_000;

export interface BigFigure {
  id: FigureId;
  /** The number as the room reads it, or null while there is none (`missing` says why). */
  value: string | null;
  /** `/s` or `ms`. */
  unit: string;
  missing: string;
}

export interface BigFigures {
  figures: BigFigure[];
  /** What the figures were measured over: "at the client, last 5 s". */
  window: string;
  /** The mode and what it runs under: load, payload, mTLS, the policy, backend errors. */
  condition: string;
  /** When every figure is missing for one reason: that reason, said once for all of them (one
   *  row, not one per figure: the panel keeps its height). */
  allMissing: string | null;
}

/** The span the rates were counted over, as it is: right after a switch it is shorter than
 *  RATE_SPAN_MS, and "last 5 s" over two windows would misstate it. */
const rateWindow = (seconds: number) => {
  const s = seconds > 0 ? Math.min(seconds, RATE_SPAN_MS / 1000) : RATE_SPAN_MS / 1000;
  return `at the client, last ${Number.isInteger(s) ? s : s.toFixed(1)} s`;
};
const PERCENTILE_WINDOW = 'end to end, since this condition began';

const rate = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

/**
 * The figures `ids` for the mode running now: rates from the last `RATE_SPAN_MS` of its windows
 * (none from before it was switched on), percentiles from `latency`'s cumulative summary — the
 * condition's, as the comparison table has them. The condition is the demo's: its load, and its
 * policy as the mode enforces it (what it cannot enforce is not said as on). On recorded data
 * with no stretch of the demo as set (`backend.unrecorded`) none will come: each says so.
 */
export function bigFigures(
  ids: readonly FigureId[],
  demo: Pick<DemoState, 'mode' | 'policy' | 'load'> & { backend?: Pick<BackendStatus, 'recorded' | 'unrecorded'> },
  points: readonly LatencyPoint[],
  latency: LatencyWindow | null,
): BigFigures {
  const { mode } = demo;
  const current = latency && latency.mode === mode ? latency : null;
  const windowMs = current?.windowMs ?? 250;
  // This mode's newest run of windows, the last few seconds of it.
  const recent: LatencyPoint[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (p.mode !== mode || (recent.length > 0 && recent[0]!.at - p.at > windowMs * 8)) break;
    if (recent.length > 0 && recent[recent.length - 1]!.at - p.at >= RATE_SPAN_MS) break;
    recent.unshift(p);
  }
  const seconds = (recent.length * windowMs) / 1000;
  const perSecond = (key: 'errors' | 'retries') => (seconds > 0 ? rate(recent.reduce((sum, p) => sum + p[key], 0) / seconds) : null);
  const settled = current && current.cumulative.count > 0 ? current.cumulative : null;
  const unrecorded = Boolean(demo.backend?.recorded && demo.backend.unrecorded);
  const waiting = unrecorded ? NOT_RECORDED : 'waiting for measurements';
  const figures = ids.map((id): BigFigure => {
    if (id === 'errors' || id === 'retries') return { id, value: unrecorded ? null : perSecond(id), unit: '/s', missing: waiting };
    const us = settled && !unrecorded ? (id === 'p50' ? settled.p50Us : settled.p99Us) : null;
    return { id, value: us === null ? null : ms(us), unit: 'ms', missing: current && !unrecorded ? 'warming up' : waiting };
  });
  const rates = ids.filter((id) => id === 'errors' || id === 'retries');
  const percentiles = ids.filter((id) => id === 'p50' || id === 'p99');
  const rateSpan = rateWindow(seconds);
  const window =
    rates.length && percentiles.length
      ? `${rates.join(' and ')} ${rateSpan}; ${percentiles.join(' and ')} ${PERCENTILE_WINDOW}`
      : rates.length
        ? rateSpan
        : PERCENTILE_WINDOW;
  const condition = `${MODES[mode].label} · ${conditionLabel(conditionOf(mode, demo.load, demo.policy))}`;
  const reasons = new Set(figures.map((f) => (f.value === null ? f.missing : null)));
  const allMissing = figures.length > 1 && reasons.size === 1 && !reasons.has(null) ? figures[0]!.missing : null;
  return { figures, window, condition, allMissing };
}
