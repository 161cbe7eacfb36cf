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
