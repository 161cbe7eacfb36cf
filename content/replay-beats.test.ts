// The shipped recording's demo chapters, beat by beat (lib/replay/caption-beats.ts) against the
// real deck: a server test, as lib may not read the deck's files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayDeck } from '../lib/deck/audience-deck';
import { chapterBeats } from '../lib/replay/caption-beats';
import type { Recording } from '../lib/replay/recording';
import { talkTimeline } from '../lib/replay/talk-timeline';
import { loadDeck } from './load-deck';

describe('the shipped recording told beat by beat', () => {
  it('has a beat per data plane the shipped recording walks on the retries and faults slides', () => {
    const deck = replayDeck(loadDeck());
    const shipped = JSON.parse(readFileSync('public/recordings/lab-tour.json', 'utf8')) as Recording;
    const chapters = talkTimeline(deck, shipped);
    const of = (id: string) =>
      chapterBeats(
        shipped,
        chapters.find((c) => c.slideId === id)!,
      );
    const retriesBeats = of('demo-retries');
    expect(retriesBeats.map((b) => b.mode)).toEqual(['sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7']);
    expect(retriesBeats.map((b) => b.refused)).toEqual([false, true, false, true, false]);
    expect(of('demo-faults').some((b) => b.refused && b.mode === 'ebpf-l7')).toBe(true);
    for (const c of chapters.filter((x) => x.rec)) {
      const beats = chapterBeats(shipped, c);
      expect(beats[0]!.from).toBe(c.from);
      for (let i = 1; i < beats.length; i++) expect(beats[i]!.from).toBe(beats[i - 1]!.to);
      if (process.env.SHOW_BEATS)
        console.log(
          c.slideId,
          beats.map((b) => `${b.from}-${b.to} ${b.text} | ${b.detail}`),
        );
    }
  });
});
