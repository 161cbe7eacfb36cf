import { describe, expect, it } from 'vitest';
import { EMPTY_SCOREBOARD, withHops, withLatency } from '../mesh/scoreboard';
import type { LatencyWindow } from '../mesh/telemetry';
import { decidePrediction } from './prediction';
import type { PollSpec } from './types';
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
