import { describe, expect, it } from 'vitest';
import { REFUSAL_RETRY, retryAfterRefusal } from './refusal';

describe('when a refused connection tries again', () => {
  it('when the server says, within bounds, plus up to 20 % jitter', () => {
    const wait = Object.assign(new Error('Too many wrong presenter tokens; try again in 40 s.'), { data: { retryAfterMs: 40_000 } });
    expect(retryAfterRefusal(wait, 1, () => 0)).toBe(40_000);
    expect(retryAfterRefusal(wait, 1, () => 0.99)).toBe(Math.round(40_000 * 1.198));
    expect(retryAfterRefusal({ data: { retryAfterMs: 10 } }, 1, () => 0)).toBe(REFUSAL_RETRY.minMs);
    expect(retryAfterRefusal({ data: { retryAfterMs: 10 * 60_000 } }, 1, () => 0)).toBe(REFUSAL_RETRY.maxMs);
  });

  it('otherwise backs off from 2 s, doubling to the cap', () => {
    const refused = new Error('Too many new connections from this network; try again shortly.');
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryAfterRefusal(refused, n, () => 0))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(retryAfterRefusal({ data: { retryAfterMs: 'soon' } }, 1, () => 0)).toBe(2_000);
    expect(retryAfterRefusal(null, 0, () => 0)).toBe(2_000);
  });
});
