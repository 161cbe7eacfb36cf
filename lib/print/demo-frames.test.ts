import { describe, expect, it } from 'vitest';
import { testDeck } from '../testing/test-deck';
import type { Recording, RecordedDemoState } from '../replay/recording';
import { demoSlideFrames, stretchEnd } from './demo-frames';
import { recordedDetail } from '../replay/recording';

// testDeck: 'One', 'Two', 'Three' (a demo slide, data-demo="panel").
const deck = testDeck();
const meta = {
  recordedAt: '2026-12-07T08:24:16.501Z',
  durationMs: 60_000,
  backend: { name: 'lab', variant: 'netns', detail: '' },
  machine: { os: 'Linux x64', kernel: '6.18', cpus: 2, cpuModel: 'Xeon', memoryGb: 8, node: 'v20' },
} as Recording['meta'];
const state = (mode: string, rev: number) =>
  ({ rev, mode, backend: { name: 'lab', state: 'ready', recorded: false, detail: 'live lab' } }) as unknown as RecordedDemoState;

describe('demoSlideFrames', () => {
  const rec: Recording = {
    meta,
    events: [
      { t: 0, k: 'deck', position: { slide: 2, fragment: -1 }, slideId: deck.slides[2]!.id },
      { t: 0, k: 'demo', state: state('none', 1) },
      { t: 10_000, k: 'demo', state: state('sidecar', 2) },
      // The next stretch starts with a deck event and a mode switch at the same instant.
      { t: 30_000, k: 'deck', position: { slide: 0, fragment: -1 }, slideId: deck.slides[0]!.id },
      { t: 30_000, k: 'demo', state: state('ebpf', 3) },
    ],
  };

  it('prints each demo slide as the recording stood when it left the slide, not after', () => {
    const frames = demoSlideFrames(deck, rec);
    expect(frames.map((f) => f.slideId)).toEqual([deck.slides[2]!.id]);
    expect(frames[0]!.recT).toBe(10_000);
    expect(frames[0]!.frame.demo?.mode).toBe('sidecar');
  });

  it('marks the demo recorded, with the recording’s date and words, never live', () => {
    const backend = demoSlideFrames(deck, rec)[0]!.frame.demo!.backend;
    expect(backend).toMatchObject({ recorded: true, recordedAt: meta.recordedAt, detail: recordedDetail(meta) });
    expect(recordedDetail(meta)).toBe('Demo recorded 2026-12-07 on 2 × Xeon, Linux 6.18, lab (netns).');
  });

  it('prints no frame for a demo slide the recording never reached', () => {
    const elsewhere: Recording = { meta, events: [{ t: 0, k: 'deck', position: { slide: 0, fragment: -1 }, slideId: deck.slides[0]!.id }] };
    expect(demoSlideFrames(deck, elsewhere)).toEqual([]);
  });

  it('ends a stretch at its start when nothing happened in it', () => {
    expect(stretchEnd(rec, { from: 5_000, to: 6_000 })).toBe(5_000);
    expect(stretchEnd(rec, { from: 0, to: 60_000 })).toBe(30_000);
  });
});
