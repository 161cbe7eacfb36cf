import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD, DEFAULT_POLICY } from '../mesh/policies';
import { beatAt, beatText, chapterBeats, MIN_BEAT_MS, storyFigure } from './caption-beats';
import type { RecordedDemoState, Recording } from './recording';
import { RATE_SPAN_MS } from '../viz/live-figures';
import type { Chapter } from './talk-timeline';

const state = (over: Partial<RecordedDemoState>): RecordedDemoState =>
  ({
    rev: 1,
    mode: 'sidecar',
    policy: DEFAULT_POLICY,
    enforcement: [],
    load: DEFAULT_LOAD,
    switching: null,
    topology: null,
    lastSwitch: null,
    backend: {} as never,
    ...over,
  }) as RecordedDemoState;
const retries = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } };
const flaky = { ...DEFAULT_LOAD, errorPercent: 10 };

describe('beatText', () => {
  it('says whether the mode applies the slide policy, and what the client sees then', () => {
    const on = beatText(state({ policy: retries, load: flaky, enforcement: [{ key: 'retries', enforced: true }] }));
    expect(on).toEqual({ text: "Now: Sidecar — retries enforced: the backend's errors are retried before the client sees them", detail: null, refused: false });
    const off = beatText(
      state({
        mode: 'ambient',
        policy: retries,
        load: flaky,
        enforcement: [
          { key: 'retries', enforced: false, reason: 'ztunnel is L4 only' },
          { key: 'mtls', enforced: true },
        ],
      }),
    );
    expect(off).toEqual({ text: "Now: Ambient — retries not enforced: the backend's errors reach the client", detail: 'ztunnel is L4 only.', refused: true });
  });

  it('without an L7 policy says where the proxies sit and whether calls are mTLS', () => {
    expect(beatText(state({ mode: 'ebpf', enforcement: [{ key: 'mtls', enforced: false, reason: 'node-to-node only' }] }))).toEqual({
      text: 'Now: eBPF — No user-space proxy: kernel programs at connect() and sockets',
      detail: 'No mTLS — node-to-node only.',
      refused: false,
    });
  });

  it('says a fault it injects, and one it cannot', () => {
    const policy = { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, delayPercent: 30, delayMs: 100 } };
    expect(beatText(state({ mode: 'ambient-waypoint', policy, enforcement: [{ key: 'fault', enforced: true }] })).text).toBe(
      'Now: Ambient + waypoint — faults injected: 100 ms delay on 30 % of requests',
    );
    expect(beatText(state({ mode: 'ebpf-l7', policy, enforcement: [{ key: 'fault', enforced: false, reason: 'no fault filter' }] }))).toEqual({
      text: 'Now: eBPF + node L7 — no fault injected (asked: 100 ms delay on 30 % of requests)',
      detail: 'no fault filter.',
      refused: true,
    });
  });
});

describe('chapterBeats', () => {
  const chapter: Chapter = { slide: 0, slideId: 's', title: 'S', from: 100_000, to: 160_000, rec: { from: 10_000, to: 70_000 }, reveals: [] };
  const rec = (events: Recording['events']): Recording => ({ meta: { durationMs: 90_000 } as Recording['meta'], events });

  it('cuts the stretch at each change the screens show, in talk time, from the state already on screen', () => {
    const beats = chapterBeats(
      rec([
        { t: 0, k: 'demo', state: state({ mode: 'none' }) },
        { t: 30_000, k: 'demo', state: state({ mode: 'sidecar' }) },
        { t: 31_000, k: 'demo', state: state({ mode: 'sidecar' }) }, // same words: no new beat
        { t: 50_000, k: 'demo', state: state({ mode: 'ambient' }) },
        { t: 80_000, k: 'demo', state: state({ mode: 'ebpf' }) }, // after the stretch
      ]),
      chapter,
    );
    expect(beats.map((b) => [b.mode, b.from, b.to])).toEqual([
      ['none', 100_000, 120_000],
      ['sidecar', 120_000, 140_000],
      ['ambient', 140_000, 160_000],
    ]);
    expect(beatAt(beats, 125_000)?.mode).toBe('sidecar');
    expect(beatAt(beats, 160_000)?.mode).toBe('ambient');
    expect(beatAt(beats, 99_000)).toBeNull();
  });

  it('gives a transition shorter than MIN_BEAT_MS to the beat of its mode beside it, and keeps one with none', () => {
    const beats = chapterBeats(
      rec([
        { t: 10_000, k: 'demo', state: state({ mode: 'none' }) },
        { t: 10_000 + MIN_BEAT_MS - 1, k: 'demo', state: state({ mode: 'sidecar' }) },
        { t: 40_000, k: 'demo', state: state({ mode: 'ambient' }) },
        { t: 40_000 + MIN_BEAT_MS - 1, k: 'demo', state: state({ mode: 'ambient', policy: retries, enforcement: [{ key: 'retries', enforced: false }] }) },
        { t: 50_000, k: 'demo', state: state({ mode: 'ebpf' }) },
      ]),
      chapter,
    );
    // Each beat starts where its mode does (a chip never seeks to the mode before it); ambient's
    // moment before its policy is ambient's, and says what the policy then does.
    expect(beats.map((b) => [b.mode, b.from, b.to, b.refused])).toEqual([
      ['none', 100_000, 100_000 + MIN_BEAT_MS - 1, false],
      ['sidecar', 100_000 + MIN_BEAT_MS - 1, 130_000, false],
      ['ambient', 130_000, 140_000, true],
      ['ebpf', 140_000, 160_000, false],
    ]);
  });
});

describe('where a beat is landed on', () => {
  const chapter: Chapter = { slide: 0, slideId: 's', title: 'S', from: 100_000, to: 160_000, rec: { from: 10_000, to: 70_000 }, reveals: [] };
  const window = (mode: RecordedDemoState['mode'], count: number) => ({ mode, cumulative: { count } }) as never;
  it('is the first settled measurement of its mode after its own state, with a hop sample where there are any', () => {
    const rec = {
      meta: { durationMs: 90_000 } as Recording['meta'],
      events: [
        { t: 10_000, k: 'demo', state: state({ mode: 'sidecar' }) },
        { t: 11_000, k: 'latency', window: window('sidecar', 0) }, // warming up
        { t: 12_000, k: 'latency', window: window('sidecar', 40) },
        { t: 40_000, k: 'demo', state: state({ mode: 'ambient' }) },
        { t: 40_500, k: 'latency', window: window('sidecar', 90) }, // the mode before, still reporting
        { t: 41_000, k: 'latency', window: window('ambient', 30) },
        { t: 43_000, k: 'hops', sample: { mode: 'ambient' } as never },
        { t: 50_000, k: 'demo', state: state({ mode: 'ebpf' }) }, // never measured here
      ] as Recording['events'],
    } as Recording;
    // Measured at 12 s and 43 s (recording time); landed on once the 5 s rate window is the mode's own.
    expect(chapterBeats(rec, chapter).map((b) => [b.mode, b.from, b.landing])).toEqual([
      ['sidecar', 100_000, 102_000 + RATE_SPAN_MS],
      ['ambient', 130_000, 133_000 + RATE_SPAN_MS],
      ['ebpf', 140_000, 140_000],
    ]);
  });
});

describe('storyFigure', () => {
  it('is none where the slide shows its figures itself, the tail on a latency slide, none on a slide about the topology', () => {
    expect(storyFigure({ html: '<div data-demo-figures="errors retries"></div>', demo: 'panel' })).toBeNull();
    expect(storyFigure({ html: '<div data-demo-figures="p50 p99"></div>', demo: 'panel' })).toBeNull();
    expect(storyFigure({ html: '', demo: 'latency' })).toBe('p99');
    expect(storyFigure({ html: '', demo: 'topology' })).toBeNull();
  });
});
