import { describe, expect, it } from 'vitest';
import { particleCount, particlesAt, pointAt, track } from './particles';

describe('particles', () => {
  const t = track([
    [0, 0],
    [100, 0],
    [100, 50],
  ]);

  it('walks the polyline by distance', () => {
    expect(t.length).toBe(150);
    expect(pointAt(t, 0)).toEqual([0, 0]);
    expect(pointAt(t, 0.5)).toEqual([75, 0]);
    expect(pointAt(t, 1)).toEqual([100, 50]);
    expect(pointAt(t, 0.9)).toEqual([100, 35]);
  });

  it('density follows the request rate, capped; none without traffic', () => {
    expect(particleCount(0)).toBe(0);
    expect(particleCount(5)).toBe(1);
    expect(particleCount(120)).toBe(10);
    expect(particleCount(5000)).toBe(14);
  });

  it('spreads particles evenly, moves them with time, and marks the error share', () => {
    const a = particlesAt([t], 0, { rps: 48, errorRate: 0.25, crossMs: 1000 });
    expect(a).toHaveLength(4);
    expect(a.map((p) => p.x)).toEqual([0, 37.5, 75, 100]);
    expect(a.filter((p) => p.error)).toHaveLength(1);
    const b = particlesAt([t], 250, { rps: 48, errorRate: 0, crossMs: 1000 });
    expect(b[0]).toEqual({ x: 37.5, y: 0, error: false });
  });
});
