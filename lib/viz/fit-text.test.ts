import { describe, expect, it } from 'vitest';
import { fitText } from './fit-text';

describe('fitText', () => {
  it('keeps a label that fits and cuts one that does not, ellipsis included in the width', () => {
    // 12 px mono: 7.2 px a glyph, so 72 px holds 10.
    expect(fitText('kernel', 72, 12)).toBe('kernel');
    expect(fitText('0123456789', 72, 12)).toBe('0123456789');
    const cut = fitText('kernel · eBPF: cgroup/connect4', 72, 12);
    expect(cut).toBe('kernel ·…'); // no space left dangling before the ellipsis
    expect([...cut].length).toBeLessThanOrEqual(10);
    expect(fitText('anything', 5, 12)).toBe('');
  });
});
