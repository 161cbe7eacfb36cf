import { describe, expect, it } from 'vitest';
import { binOf, estimateTicks, formatEstimate, positionOf, quantileSorted, roundEstimate, summarizeEstimates, valueAt } from './estimates';

const linear = { min: 0, max: 100, scale: 'linear' as const };
const log = { min: 0.1, max: 100, scale: 'log' as const };

describe('quantileSorted (type 7, linear interpolation)', () => {
  it('interpolates between the nearest order statistics', () => {
    const xs = [1, 2, 3, 4];
    expect(quantileSorted(xs, 0.5)).toBe(2.5);
    expect(quantileSorted(xs, 0.25)).toBe(1.75);
    expect(quantileSorted(xs, 0.75)).toBe(3.25);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(4);
  });

  it('matches R/NumPy on an odd count, a single value and none', () => {
    // numpy.quantile([3, 7, 8, 15, 20], [.25, .5, .75]) == [7, 8, 15]
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([3, 7, 8, 15, 20], p))).toEqual([7, 8, 15]);
    expect(quantileSorted([5], 0.25)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNull();
  });
});

describe('the poll scale', () => {
  it('puts values where a linear or log slider has them, and back', () => {
    expect(positionOf(linear, 25)).toBe(0.25);
    expect(positionOf(log, 1)).toBeCloseTo(1 / 3);
    expect(positionOf(log, 10)).toBeCloseTo(2 / 3);
    expect(valueAt(log, 2 / 3)).toBeCloseTo(10);
    expect(valueAt(linear, 0.5)).toBe(50);
    expect(positionOf(linear, 500)).toBe(1);
    expect(positionOf(log, 0)).toBe(0);
  });

  it('bins evenly on the scale, max in the last bin', () => {
    expect(binOf(linear, 0, 10)).toBe(0);
    expect(binOf(linear, 9.99, 10)).toBe(0);
    expect(binOf(linear, 10, 10)).toBe(1);
    expect(binOf(linear, 100, 10)).toBe(9);
    expect(binOf(log, 1, 3)).toBe(1);
    expect(binOf(log, 0.99, 3)).toBe(0);
  });
});

describe('summarizeEstimates', () => {
  it('counts, quartiles and bins; nothing else of the answers', () => {
    const s = summarizeEstimates(linear, [90, 10, 30, 20], 10);
    expect(s).toEqual({ n: 4, q1: 17.5, median: 25, q3: 45, bins: [0, 1, 1, 1, 0, 0, 0, 0, 0, 1] });
  });

  it('an empty poll has no quartiles and empty bins', () => {
    expect(summarizeEstimates(log, [], 4)).toEqual({ n: 0, q1: null, median: null, q3: null, bins: [0, 0, 0, 0] });
  });
});

describe('formatEstimate', () => {
  it('three significant digits, whole numbers whole', () => {
    expect(formatEstimate(0.2549)).toBe('0.255');
    expect(formatEstimate(12.5)).toBe('12.5');
    expect(formatEstimate(1234)).toBe('1234');
    expect(formatEstimate(3)).toBe('3');
    expect(formatEstimate(0)).toBe('0');
    expect(roundEstimate(2.71828)).toBe(2.72);
  });
});

describe('estimateTicks', () => {
  it('1-2-5 per decade on a short log axis, decades on a long one, round steps on a linear one; ends always', () => {
    expect(estimateTicks(log)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(estimateTicks({ min: 0.01, max: 1000, scale: 'log' })).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(estimateTicks(linear)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(estimateTicks({ min: 0, max: 500, scale: 'linear' })).toEqual([0, 100, 200, 300, 400, 500]);
    expect(estimateTicks({ min: 3, max: 97, scale: 'linear' })).toEqual([3, 20, 40, 60, 80, 97]);
  });
});
