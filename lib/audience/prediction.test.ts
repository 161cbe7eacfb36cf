import { describe, expect, it } from 'vitest';
import { EMPTY_SCOREBOARD, withHops, withLatency } from '../mesh/scoreboard';
import type { LatencyWindow } from '../mesh/telemetry';
import { decideNumeric, decidePrediction } from './prediction';
import type { PollSpec } from './types';
import { DEFAULT_POLICY as POLICY } from '../mesh/policies';
import { latencyWindow } from '../testing/latency-window.fixture';

const spec: PollSpec = {
  id: 'p99',
  question: 'Lowest p99?',
  options: [
    { id: 'sidecar', label: 'Sidecar' },
    { id: 'ambient', label: 'Ambient' },
    { id: 'ebpf', label: 'eBPF' },
  ],
  predicts: 'lowest-p99',
};
const win = (mode: LatencyWindow['mode'], p50Us: number, p99Us: number): LatencyWindow => latencyWindow(mode, { p50Us, p99Us });

describe('decidePrediction', () => {
  it('picks the measured mode with the lowest p99 and says what was not measured', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('sidecar', 5000, 23000));
    b = withLatency(b, win('ebpf', 1200, 2200));
    expect(decidePrediction(spec, b)).toEqual({ option: 'ebpf', detail: 'Measured live: eBPF, p99 2.20 ms (1 option not measured).' });
  });

  it('calls recorded figures recorded, with the date, never measured live', () => {
    const recorded = (w: LatencyWindow): LatencyWindow => ({ ...w, recordedAt: '2026-12-02T00:30:15.560Z' });
    let b = withLatency(EMPTY_SCOREBOARD, recorded(win('sidecar', 5000, 23000)));
    b = withLatency(b, recorded(win('ebpf', 1200, 2200)));
    expect(decidePrediction(spec, b).detail).toBe('Recorded 2026-12-02: eBPF, p99 2.20 ms (1 option not measured).');
    // One row live, one recorded (the stage fallback stood in for part of the talk): both said.
    b = withLatency(b, win('ambient', 2000, 6000));
    expect(decidePrediction(spec, b).detail).toBe('Measured live and recorded 2026-12-02: eBPF, p99 2.20 ms.');
    // A mode measured live again is live again.
    b = withLatency(b, win('sidecar', 5000, 23000));
    b = withLatency(b, win('ebpf', 1200, 2200));
    expect(decidePrediction(spec, b).detail).toBe('Measured live: eBPF, p99 2.20 ms.');
  });

  it('says so when nothing is measured instead of guessing', () => {
    expect(decidePrediction(spec, EMPTY_SCOREBOARD)).toEqual({
      option: null,
      detail: 'None of these modes has been measured yet: run them in the demo first.',
    });
  });

  it('lowest CPU counts modes without proxies as zero', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('ambient', 2000, 6000));
    b = withHops(b, { mode: 'ambient', at: 2, hops: [], resources: [{ proxyId: 'z', kind: 'ztunnel', cpuPercent: 10, rssMb: 60 }] });
    b = withLatency(b, win('ebpf', 1200, 2200));
    b = withHops(b, { mode: 'ebpf', at: 3, hops: [], resources: [] });
    expect(decidePrediction({ ...spec, predicts: 'lowest-cpu' }, b).option).toBe('ebpf');
  });
});

describe('decideNumeric', () => {
  const guess: PollSpec = {
    id: 'guess',
    question: 'Added p99?',
    options: [],
    number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
  };
  const many = (mode: LatencyWindow['mode'], p50Us: number, p99Us: number, cumulativeCount = 5000): LatencyWindow => ({
    ...latencyWindow(mode, { p50Us, p99Us, cumulativeCount }),
    condition: { rps: 200, payloadBytes: 1024, errorPercent: 0, policy: { ...POLICY, mtls: true } },
  });

  it("reveals the comparison table's added p99, in the poll's unit, with figure, window, condition and source", () => {
    let b = withLatency(EMPTY_SCOREBOARD, many('none', 900, 2100));
    b = withLatency(b, many('sidecar', 2400, 6350, 4200));
    const a = decideNumeric(guess, b);
    expect(a).toMatchObject({ option: null, value: 4.25, unit: 'ms' });
    expect(a.measurement).toEqual({
      figure: 'Sidecar, added p99 over No mesh',
      window: 'cumulative: Sidecar 4,200 requests, No mesh 5,000 requests, each since switched on or its condition last changed',
      condition: expect.stringContaining('200 rps'),
      source: 'Measured live',
      // As the comparison table writes Sidecar's added p99 (addedMs): one figure, one way.
      written: '+4.25 ms',
    });
    expect(a.measurement!.condition).toContain('mTLS');
    expect(a.detail).toMatch(/^Measured live: Sidecar, added p99 over No mesh \+4\.25 ms \(cumulative: .*200 rps/);
    // In µs, and an absolute figure of one mode.
    const us = { ...guess, number: { ...guess.number!, unit: 'µs', measures: { figure: 'p50' as const, mode: 'sidecar' as const } } };
    expect(decideNumeric(us, b)).toMatchObject({ value: 2400, unit: 'µs', measurement: { figure: 'Sidecar, p50' } });
  });

  it('recorded figures are called recorded', () => {
    const rec = (w: LatencyWindow): LatencyWindow => ({ ...w, recordedAt: '2026-12-02T00:30:15.560Z' });
    let b = withLatency(EMPTY_SCOREBOARD, rec(many('none', 900, 2100)));
    b = withLatency(b, rec(many('sidecar', 2400, 6350)));
    expect(decideNumeric(guess, b).measurement!.source).toBe('Recorded 2026-12-02');
    expect(decideNumeric(guess, b).detail).toMatch(/^Recorded 2026-12-02: /);
  });

  it('says plainly what is missing instead of a number', () => {
    expect(decideNumeric(guess, EMPTY_SCOREBOARD)).toEqual({
      option: null,
      value: null,
      unit: 'ms',
      detail: 'Sidecar has not been measured yet this session: nothing to reveal.',
    });
    const sidecarOnly = withLatency(EMPTY_SCOREBOARD, many('sidecar', 2400, 6350));
    expect(decideNumeric(guess, sidecarOnly).detail).toBe('No mesh has not been measured yet this session: the added p99 over No mesh needs it.');
    let few = withLatency(EMPTY_SCOREBOARD, many('none', 900, 2100, 300));
    few = withLatency(few, many('sidecar', 2400, 6350));
    expect(decideNumeric(guess, few)).toMatchObject({ value: null, detail: expect.stringMatching(/^Too few requests measured for a p99 \(1,000 needed/) });
    let other = withLatency(EMPTY_SCOREBOARD, { ...many('none', 900, 2100), condition: { ...many('none', 1, 1).condition!, rps: 50 } });
    other = withLatency(other, many('sidecar', 2400, 6350));
    expect(decideNumeric(guess, other).detail).toMatch(/different loads/);
  });
});
