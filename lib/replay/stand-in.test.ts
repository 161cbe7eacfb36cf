import { describe, expect, it } from 'vitest';
import { latencyWindow } from '../testing/latency-window.fixture';
import type { ModeId } from '../mesh/modes';
import { DEFAULT_POLICY, type L7Policy } from '../mesh/policies';
import type { LatencyWindow, MeasureCondition } from '../mesh/telemetry';
import type { RecordedDemoState, RecordedEvent, Recording } from './recording';
import { describeCondition, indexRecording, standIn } from './stand-in';

const retries: L7Policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 } };
const delay: L7Policy = { ...DEFAULT_POLICY, fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 } };
const load = (errorPercent = 0) => ({ rps: 500, payloadBytes: 1024, errorPercent });

const state = (mode: ModeId, policy: L7Policy = DEFAULT_POLICY, errorPercent = 0, switching = false): RecordedDemoState => ({
  rev: 1,
  mode,
  policy,
  enforcement: [],
  load: load(errorPercent),
  backend: {} as never,
  lastSwitch: null,
  switching: switching ? ({} as never) : null,
  topology: { mode, at: 0, nodes: ['a'], pods: [], proxies: [], paths: [], userSpaceHops: mode === 'sidecar' ? 6 : 0, kernelPrograms: [] },
});
const win = (mode: ModeId, p50Us: number, extra: Partial<LatencyWindow> = {}): LatencyWindow => ({ ...latencyWindow(mode, { p50Us }), ...extra });
const measured = (policy: L7Policy, errorPercent = 0): MeasureCondition => ({ ...load(errorPercent), policy });
const rec = (events: RecordedEvent[]): Recording => ({ meta: { durationMs: 10_000, recordedAt: '2026-12-02T00:30:15.560Z' } as Recording['meta'], events });
const p50s = (r: ReturnType<typeof standIn>) => (r.kind === 'recorded' ? r.beats.flatMap((b) => (b.k === 'latency' ? [b.window.window.p50Us] : [])) : []);

describe('indexRecording', () => {
  it('cuts a stretch at every change of mode, enforced policy or error rate, and keeps none of a switch', () => {
    const { stretches } = indexRecording(
      rec([
        { t: 0, k: 'demo', state: state('sidecar') },
        { t: 250, k: 'latency', window: win('sidecar', 1100) },
        { t: 300, k: 'hops', sample: { mode: 'sidecar', at: 1, hops: [], resources: [] } },
        { t: 500, k: 'latency', window: win('sidecar', 1200) },
        { t: 600, k: 'demo', state: state('sidecar', retries, 10) },
        // The first window after a change holds requests of the old condition: its own condition says so.
        { t: 750, k: 'latency', window: win('sidecar', 1300, { condition: measured(DEFAULT_POLICY) }) },
        { t: 1000, k: 'latency', window: win('sidecar', 1400, { condition: measured(retries, 10), errors: 0, retries: 12 }) },
        // Not settled yet: the cumulative figures have not started.
        { t: 1250, k: 'latency', window: win('sidecar', 1500, { cumulative: { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 } }) },
        { t: 1400, k: 'demo', state: state('sidecar', retries, 10, true) },
        { t: 1500, k: 'latency', window: win('sidecar', 90_000) },
        { t: 1600, k: 'demo', state: state('ambient', retries, 10) },
        { t: 1750, k: 'latency', window: win('sidecar', 1700) },
        { t: 2000, k: 'latency', window: win('ambient', 700, { errors: 3 }) },
      ]),
    );
    expect(stretches.map((s) => [s.mode, s.errorPercent, s.policy.retries.enabled, s.from, s.to])).toEqual([
      ['sidecar', 0, false, 0, 600],
      ['sidecar', 10, true, 600, 1400],
      // ztunnel cannot retry: the stretch is what ambient enforced, retries off.
      ['ambient', 10, false, 1600, 10_000],
    ]);
    expect(stretches.map((s) => s.beats.map((b) => (b.k === 'latency' ? b.window.window.p50Us : 'hops')))).toEqual([[1100, 'hops', 1200], [1400], [700]]);
    expect(stretches[0]!.beats.map((b) => b.dt)).toEqual([0, 50, 200]);
    expect(stretches[2]!.errors).toBe(3);
  });

  it("plays a live talk's recording as the demo alone: the room's events are not beats", () => {
    const { stretches } = indexRecording(
      rec([
        { t: 0, k: 'demo', state: state('sidecar') },
        { t: 0, k: 'room', polls: [] },
        { t: 250, k: 'latency', window: win('sidecar', 1100) },
        { t: 260, k: 'poll', poll: { id: 'p', status: 'open', counts: { a: 1 }, total: 1, answer: null } },
        { t: 270, k: 'question', question: { id: 'q-abcdefgh', text: 'why?', name: null, at: 0, votes: 0, status: 'approved' } },
        { t: 280, k: 'question-votes', votes: { 'q-abcdefgh': 2 } },
        { t: 290, k: 'reactions', counts: { '👏': 2 } },
        { t: 500, k: 'latency', window: win('sidecar', 1200) },
      ]),
    );
    expect(stretches.map((s) => s.beats.map((b) => [b.k, b.dt]))).toEqual([
      [
        ['latency', 0],
        ['latency', 250],
      ],
    ]);
  });
});

describe('standIn', () => {
  const tour = indexRecording(
    rec([
      { t: 0, k: 'demo', state: state('sidecar') },
      { t: 250, k: 'latency', window: win('sidecar', 1100) },
      { t: 1000, k: 'demo', state: state('sidecar', retries, 10) },
      { t: 1250, k: 'latency', window: win('sidecar', 1150, { retries: 12 }) },
      { t: 2000, k: 'demo', state: state('sidecar', delay) },
      { t: 2250, k: 'latency', window: win('sidecar', 103_000, { window: { count: 25, p50Us: 103_000, p90Us: 204_000, p99Us: 305_000, maxUs: 309_000 } }) },
      { t: 3000, k: 'demo', state: state('ambient') },
      { t: 3250, k: 'latency', window: win('ambient', 650) },
      { t: 4000, k: 'demo', state: state('sidecar') },
      { t: 4250, k: 'latency', window: win('sidecar', 1120) },
    ]),
  );

  it("plays the mode's stretches recorded under the policy and error rate set, all of them in order", () => {
    expect(p50s(standIn(tour, { mode: 'sidecar', policy: DEFAULT_POLICY, load: load() }))).toEqual([1100, 1120]);
    expect(p50s(standIn(tour, { mode: 'sidecar', policy: retries, load: load(10) }))).toEqual([1150]);
    expect(p50s(standIn(tour, { mode: 'sidecar', policy: delay, load: load() }))).toEqual([103_000]);
    expect(standIn(tour, { mode: 'sidecar', policy: delay, load: load() }).topology?.userSpaceHops).toBe(6);
  });

  it('matches what the mode enforces: a fault ztunnel cannot inject leaves the plain stretch true', () => {
    expect(p50s(standIn(tour, { mode: 'ambient', policy: delay, load: load() }))).toEqual([650]);
  });

  it('where nothing was recorded under the condition, plays nothing and says what is missing and what there is', () => {
    const abort: L7Policy = { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, abortPercent: 20 } };
    const found = standIn(tour, { mode: 'sidecar', policy: abort, load: load() });
    expect(found).toMatchObject({ kind: 'unrecorded', topology: { mode: 'sidecar' } });
    expect(found.kind !== 'recorded' && found.say).toBe(
      "No recording of Sidecar with 20 % aborted (503): no numbers rather than another condition's. The recording has Sidecar with no L7 policy and no backend errors; with retries (3 tries, 300 ms per try), 10 % backend errors; with a 100 ms delay on 30 %.",
    );
    // Retries alone, without the flaky backend they were recorded over, are another condition too.
    expect(standIn(tour, { mode: 'sidecar', policy: retries, load: load() }).kind).toBe('unrecorded');
    expect(standIn(tour, { mode: 'ebpf', policy: DEFAULT_POLICY, load: load() })).toMatchObject({
      kind: 'unrecorded',
      say: expect.stringMatching(/never ran eBPF/),
    });
    expect(standIn(tour, { mode: 'sidecar', policy: DEFAULT_POLICY, load: { rps: 0, errorPercent: 0 } }).kind).toBe('no-load');
  });

  it('a timeout that fired on nothing in the stretch is any other that would not have: the panel toggle meets the tour', () => {
    // The toggle's per-try timeout is 500 ms, the tour's 300: every request took under 1 ms, none failed.
    const toggle: L7Policy = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } };
    expect(p50s(standIn(tour, { mode: 'sidecar', policy: toggle, load: load(10) }))).toEqual([1150]);
    expect(p50s(standIn(tour, { mode: 'sidecar', policy: { ...DEFAULT_POLICY, timeout: { enabled: true, ms: 2000 } }, load: load() }))).toEqual([1100, 1120]);
    // A timeout shorter than the delayed requests would have fired: not the recorded stretch.
    expect(standIn(tour, { mode: 'sidecar', policy: { ...delay, timeout: { enabled: true, ms: 150 } }, load: load() }).kind).toBe('unrecorded');
    // Other attempts are another policy, whatever the timeouts.
    expect(standIn(tour, { mode: 'sidecar', policy: { ...toggle, retries: { ...toggle.retries, attempts: 1 } }, load: load(10) }).kind).toBe('unrecorded');
  });

  it('a stretch with failures keeps its timeouts exact: a failure may have been its timeout firing', () => {
    const timed: L7Policy = { ...DEFAULT_POLICY, timeout: { enabled: true, ms: 50 } };
    const failing = indexRecording(
      rec([
        { t: 0, k: 'demo', state: state('sidecar', { ...delay, timeout: timed.timeout }) },
        { t: 250, k: 'latency', window: win('sidecar', 1100, { errors: 8, firstError: 'answered 504' }) },
      ]),
    );
    expect(standIn(failing, { mode: 'sidecar', policy: { ...delay, timeout: timed.timeout }, load: load() }).kind).toBe('recorded');
    expect(standIn(failing, { mode: 'sidecar', policy: delay, load: load() }).kind).toBe('unrecorded');
  });
});

describe('describeCondition', () => {
  it('names what does something, as the panel sets it', () => {
    expect(describeCondition('sidecar', { ...delay, mtls: false, timeout: { enabled: true, ms: 2000 } }, 10)).toBe(
      'a 2000 ms timeout, a 100 ms delay on 30 %, mTLS off, 10 % backend errors',
    );
    // No mesh has no mTLS to turn off.
    expect(describeCondition('none', { ...DEFAULT_POLICY, mtls: false }, 0)).toBe('no L7 policy and no backend errors');
    // Cilium's node Envoy: retries with no per-try timeout (0).
    const retries = { ...DEFAULT_POLICY, mtls: false, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 0 } };
    expect(describeCondition('ebpf-l7', retries, 10)).toBe('retries (3 tries, no per-try timeout), 10 % backend errors');
  });
});
