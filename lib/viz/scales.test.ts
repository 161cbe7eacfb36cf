import { describe, expect, it } from 'vitest';
import { distributionScales, readableLogTicks, spreadLabels, tailX } from './scales';

describe('scales', () => {
  it('HDR x axis: 90, 99 and 99.9 % are evenly spaced', () => {
    const { x } = distributionScales(1000, 300, 1000, 20000);
    const d1 = x(tailX(99)) - x(tailX(90));
    const d2 = x(tailX(99.9)) - x(tailX(99));
    expect(d1).toBeCloseTo(d2, 6);
    expect(x(tailX(50))).toBe(56);
  });

  it('spreads close labels apart and leaves distant ones alone', () => {
    expect(spreadLabels([100, 105, 300, 104], 16)).toEqual([100, 132, 300, 116]);
    // Near the bottom they go up from it rather than past it; the order is kept.
    expect(spreadLabels([140, 141, 142], 20, 0, 150)).toEqual([110, 130, 150]);
    expect(spreadLabels([10, 140, 141], 20, 0, 150)).toEqual([10, 130, 150]);
  });

  it('log ticks: only 1, 2, 5 × 10^k, thinned to a minimum gap', () => {
    const { y } = distributionScales(800, 300, 1000, 200_000);
    const ticks = readableLogTicks(y.ticks(), y, 18);
    for (const t of ticks) expect([1, 2, 5]).toContain(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9)));
    for (let i = 1; i < ticks.length; i++) expect(Math.abs(y(ticks[i]!) - y(ticks[i - 1]!))).toBeGreaterThanOrEqual(18);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
  });
});
