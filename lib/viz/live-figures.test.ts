import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../mesh/policies';
import type { LatencyPoint, LatencyWindow } from '../mesh/telemetry';
import { asFigures, bigFigures, RATE_SPAN_MS } from './live-figures';

const point = (at: number, errors: number, retries: number, mode: LatencyPoint['mode'] = 'ambient'): LatencyPoint => ({
  at,
  mode,
  p50Us: 1_000,
  p90Us: 2_000,
  p99Us: 3_000,
  rps: 500,
  errors,
  retries,
});

const summary = (count: number, p50Us: number, p99Us: number) => ({ count, p50Us, p90Us: p99Us, p99Us, maxUs: p99Us });
const demo = (mode: LatencyWindow['mode']) => ({
  mode,
  policy: { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } },
  load: { rps: 500, payloadBytes: 1024, errorPercent: 10 },
});
const windowOf = (mode: LatencyWindow['mode'], cumulativeCount: number): LatencyWindow => ({
  mode,
  at: 0,
  windowMs: 250,
  window: summary(120, 1_100, 3_000),
  cumulative: summary(cumulativeCount, 102_400, 305_000),
  rps: 500,
  errors: 0,
  retries: 0,
  targetRps: 500,
});

describe('big figures', () => {
  it('reads the slot’s list: known figures only, in one order', () => {
    expect(asFigures('retries errors')).toEqual(['errors', 'retries']);
    expect(asFigures('p50,bogus, p99')).toEqual(['p50', 'p99']);
    expect(asFigures(undefined)).toEqual([]);
  });

  it('errors and retries per second over the last 5 s of the mode running now, not the windows before its switch', () => {
    const before = Array.from({ length: 40 }, (_, i) => point(i * 250, 0, 12, 'sidecar'));
    // Ambient: 10 errors a window (40 errors/s), no retries.
    const ambient = Array.from({ length: 40 }, (_, i) => point(10_000 + i * 250, 10, 0));
    const f = bigFigures(['errors', 'retries'], demo('ambient'), [...before, ...ambient], windowOf('ambient', 0));
    expect(f.figures.map((x) => [x.id, x.value, x.unit])).toEqual([
      ['errors', '40', '/s'],
      ['retries', '0.0', '/s'],
    ]);
    expect(f.window).toBe('at the client, last 5 s');
    // Ambient cannot retry: the condition does not say retries are on.
    expect(f.condition).toBe('Ambient · 500 rps · 1 KB · mTLS · backend errors 10%');
    expect(bigFigures([], demo('sidecar'), [], null).condition).toBe('Sidecar · 500 rps · 1 KB · mTLS · retries (3 tries × 500 ms) · backend errors 10%');
    // Right after a switch only its own windows count: 2 windows, 1 retry → 2.0 retries/s.
    const justSwitched = [...ambient, point(20_250, 0, 1, 'sidecar'), point(20_500, 0, 0, 'sidecar')];
    const fresh = bigFigures(['retries'], demo('sidecar'), justSwitched, null);
    expect(fresh.figures[0]!.value).toBe('2.0');
    expect(fresh.window).toBe('at the client, last 0.5 s'); // the span counted, not the 5 s it grows to
    // Exactly the span: 20 windows of 250 ms.
    const long = Array.from({ length: 100 }, (_, i) => point(i * 250, i < 80 ? 100 : 1, 0));
    expect(bigFigures(['errors'], demo('ambient'), long, windowOf('ambient', 0)).figures[0]!.value).toBe(((20 * 1) / (RATE_SPAN_MS / 1000)).toFixed(1));
  });

  it('p50 and p99 under the condition running now, once it has settled; saying why while there is none', () => {
    const f = bigFigures(['p50', 'p99'], demo('ambient'), [], windowOf('ambient', 5_000));
    expect(f.figures.map((x) => `${x.id} ${x.value} ${x.unit}`)).toEqual(['p50 102 ms', 'p99 305 ms']);
    expect(f.window).toBe('end to end, since this condition began');
    expect(bigFigures(['p50', 'errors'], demo('ambient'), [], null).window).toBe('errors at the client, last 5 s; p50 end to end, since this condition began');
    const warming = bigFigures(['p50'], demo('ambient'), [], windowOf('ambient', 0)).figures[0]!;
    expect([warming.value, warming.missing]).toEqual([null, 'warming up']);
    // A window of another mode (the switch under way) is not this mode's figure.
    expect(bigFigures(['p50'], demo('sidecar'), [], windowOf('ambient', 5_000)).figures[0]!.missing).toBe('waiting for measurements');
    expect(bigFigures(['errors'], demo('sidecar'), [], null).figures[0]!.value).toBeNull();
  });

  it('says “not in the recording”, with no number, while the recording has nothing for the demo as set', () => {
    const backend = { recorded: true, unrecorded: 'No recording of eBPF with retries 3×500 ms' };
    const points = [point(0, 5, 5, 'ebpf'), point(250, 5, 5, 'ebpf')];
    const { figures } = bigFigures(['errors', 'retries', 'p50'], { ...demo('ebpf'), backend }, points, windowOf('ebpf', 5_000));
    expect(figures.map((f) => [f.value, f.missing])).toEqual([
      [null, 'not in the recording'],
      [null, 'not in the recording'],
      [null, 'not in the recording'],
    ]);
    // Said once for all of them, not on a row each.
    expect(bigFigures(['errors', 'retries'], { ...demo('ebpf'), backend }, points, null).allMissing).toBe('not in the recording');
    // Recorded and playing: the figures as measured.
    const playing = bigFigures(['errors', 'retries'], { ...demo('ebpf'), backend: { recorded: true } }, points, null);
    expect(playing.figures[0]!.value).not.toBeNull();
    expect(playing.allMissing).toBeNull();
  });
});
