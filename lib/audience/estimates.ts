// A numeric poll's answers summed up for the room (pure): the quartiles and counts per bin, and the
// positions a slider and a histogram put a value at on the poll's scale (linear or log). Raw
// answers never leave the server: only this summary does.
import { ticks } from 'd3-array';
import type { EstimateSummary, NumberSpec } from './types';

/** Bins the histogram spreads [min, max] over (evenly on the poll's scale). */
export const ESTIMATE_BINS = 20;

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted` values, by linear interpolation between the
 *  two nearest order statistics: h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). This is
 *  Hyndman & Fan's type 7 — R's default, NumPy's `linear`, Excel's QUARTILE.INC, d3's
 *  quantileSorted — so the median of an even count is the mean of the middle two. Null when empty. */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/** Where `value` sits on the poll's scale, 0 at min and 1 at max (clamped). */
export function positionOf(spec: Pick<NumberSpec, 'min' | 'max' | 'scale'>, value: number): number {
  const v = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.max === spec.min) return 0;
  const t = spec.scale === 'log' ? Math.log(v / spec.min) / Math.log(spec.max / spec.min) : (v - spec.min) / (spec.max - spec.min);
  return Math.min(1, Math.max(0, t));
}

/** The value at position t (0 … 1) of the poll's scale: positionOf's inverse. */
export function valueAt(spec: Pick<NumberSpec, 'min' | 'max' | 'scale'>, t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return spec.scale === 'log' ? spec.min * (spec.max / spec.min) ** c : spec.min + c * (spec.max - spec.min);
}

/** The bin a value falls in (max falls in the last one). */
export function binOf(spec: Pick<NumberSpec, 'min' | 'max' | 'scale'>, value: number, bins = ESTIMATE_BINS): number {
  return Math.min(bins - 1, Math.floor(positionOf(spec, value) * bins));
}

/** The summary the room is sent: n, the quartiles (quantileSorted) and counts per bin. */
export function summarizeEstimates(spec: Pick<NumberSpec, 'min' | 'max' | 'scale'>, values: Iterable<number>, bins = ESTIMATE_BINS): EstimateSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[binOf(spec, v, bins)]!++;
  return { n: sorted.length, q1: quantileSorted(sorted, 0.25), median: quantileSorted(sorted, 0.5), q3: quantileSorted(sorted, 0.75), bins: counts };
}

/** A value as a person reads it: three significant digits (whole numbers stay whole), no
 *  trailing zeros (`0.255`, `12.5`, `1234`). */
export function formatEstimate(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return String(Number(value.toFixed(Math.min(digits, 6))));
}

/** A slider's value, rounded as formatEstimate shows it (an answer is what the phone showed). */
export function roundEstimate(value: number): number {
  return Number(formatEstimate(value));
}

/** The axis's labelled values: on a log scale the 1-2-5 steps of each decade (only the decades
 *  when there are many), on a linear one about five round steps; min and max always. */
export function estimateTicks(spec: Pick<NumberSpec, 'min' | 'max' | 'scale'>): number[] {
  let inner: number[];
  if (spec.scale === 'log') {
    const decades: number[] = [];
    for (let e = Math.floor(Math.log10(spec.min)); e <= Math.ceil(Math.log10(spec.max)); e++) decades.push(10 ** e);
    const steps = decades.length > 4 ? [1] : [1, 2, 5];
    inner = decades.flatMap((d) => steps.map((s) => Number((s * d).toPrecision(6))));
  } else inner = ticks(spec.min, spec.max, 5);
  const within = inner.filter((v) => v > spec.min && v < spec.max);
  // A tick too close to an end (under 6 % of the axis) would print over the end's label.
  const apart = within.filter((v) => positionOf(spec, v) > 0.06 && positionOf(spec, v) < 0.94);
  return [spec.min, ...apart, spec.max];
}
