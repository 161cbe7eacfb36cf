// Scales the charts share (D3). The distribution chart's x axis is HDR style: a log scale of
// 1 / (1 − p), so 90 %, 99 % and 99.9 % are evenly spaced and the tail gets the room it deserves.
import { scaleLog } from 'd3-scale';

export const tailX = (percentile: number) => 1 / (1 - percentile / 100);

export function distributionScales(width: number, height: number, minUs: number, maxUs: number, pad = { left: 56, right: 120, top: 12, bottom: 36 }) {
  const x = scaleLog()
    .domain([tailX(50), tailX(99.9)])
    .range([pad.left, width - pad.right]);
  const lo = Math.max(10, minUs * 0.8);
  const hi = Math.max(lo * 2, maxUs * 1.25);
  const y = scaleLog()
    .domain([lo, hi])
    .range([height - pad.bottom, pad.top])
    .nice();
  return { x, y, pad };
}

/** Moves end-of-line labels apart so none is closer than `gap` to the next (keeps their order),
 *  and, given a `max`, back up from it so none is pushed past the chart's bottom (then none above
 *  `min`, if the room allows). */
export function spreadLabels(ys: number[], gap: number, min = -Infinity, max = Infinity): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) if (order[k]!.y - order[k - 1]!.y < gap) order[k]!.y = order[k - 1]!.y + gap;
  for (let k = order.length - 1; k >= 0; k--) {
    const below = k + 1 < order.length ? order[k + 1]!.y - gap : max;
    order[k]!.y = Math.min(order[k]!.y, below);
  }
  for (let k = 0; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, k > 0 ? order[k - 1]!.y + gap : min);
  const out = [...ys];
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** Log-axis ticks a person can read: 1, 2 and 5 times a power of ten, none closer than `gapPx`. */
export function readableLogTicks(ticks: number[], toPx: (v: number) => number, gapPx: number): number[] {
  const nice = ticks.filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9))));
  const out: number[] = [];
  for (const t of nice) if (out.length === 0 || Math.abs(toPx(t) - toPx(out[out.length - 1]!)) >= gapPx) out.push(t);
  return out;
}
