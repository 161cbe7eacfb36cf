import { describe, expect, it } from 'vitest';
import { perSecond } from './telemetry';

describe('a window’s errors and retries per second', () => {
  it('scales a 250 ms window’s counts to a second, rounded', () => {
    expect(perSecond({ errors: 3, retries: 1, windowMs: 250 })).toEqual({ errors: 12, retries: 4 });
    expect(perSecond({ errors: 5, retries: 0, windowMs: 1000 })).toEqual({ errors: 5, retries: 0 });
  });

  it('is zero for an empty window rather than infinite', () => {
    expect(perSecond({ errors: 2, retries: 2, windowMs: 0 })).toEqual({ errors: 0, retries: 0 });
  });
});
