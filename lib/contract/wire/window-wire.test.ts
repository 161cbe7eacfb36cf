import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_PERCENTILES, type LatencyWindow } from '../../mesh/telemetry';
import { packWindow, unpackWindow } from './window-wire';

const summary = { count: 1200, p50Us: 724, p90Us: 923, p99Us: 1943, maxUs: 2400 };
const window: LatencyWindow = {
  mode: 'ambient',
  at: 1_796_171_440_655,
  windowMs: 250,
  window: { count: 80, p50Us: 724, p90Us: 923, p99Us: 1943, maxUs: 1943 },
  cumulative: { ...summary, distributionUs: DISTRIBUTION_PERCENTILES.map((_, i) => 700 + i * 50) },
  rps: 320,
  errors: 2,
  firstError: 'answered 503',
  retries: 1,
  targetRps: 375,
  condition: {
    rps: 500,
    payloadBytes: 1024,
    errorPercent: 0,
    policy: {
      retries: { enabled: false, attempts: 3, perTryTimeoutMs: 500 },
      timeout: { enabled: false, ms: 2000 },
      fault: { abortPercent: 0, abortStatus: 503, delayPercent: 0, delayMs: 100 },
      mtls: true,
    },
  },
};

describe('the latency window on the wire', () => {
  it('comes back with every number the screens draw; the condition and distribution stay on the scoreboard', () => {
    const { condition: _c, cumulative, ...rest } = window;
    const { distributionUs: _d, ...cumulativeShown } = cumulative;
    expect(unpackWindow(JSON.parse(JSON.stringify(packWindow(window))))).toEqual({ ...rest, cumulative: cumulativeShown });
  });

  it('is a small part of the object it replaces', () => {
    const packed = JSON.stringify(packWindow(window)).length;
    expect(packed).toBeLessThan(JSON.stringify(window).length / 5);
    expect(packed).toBeLessThan(110);
  });

  it('leaves out a first error there was none of, and rounds what is drawn whole', () => {
    const plain = packWindow({ ...window, firstError: undefined, rps: 319.96, window: { ...window.window, p50Us: 724.4 } });
    expect(plain).toHaveLength(9);
    expect(unpackWindow(plain)).toMatchObject({ rps: 320, window: { p50Us: 724 } });
    expect(unpackWindow(plain)).not.toHaveProperty('firstError');
  });
});
