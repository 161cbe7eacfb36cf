import { describe, expect, it } from 'vitest';
import { testDeck } from '../testing/test-deck';
import type { Recording } from './recording';
import { chapterAt, nextStop, previousStop, readingMs, recordedStretches, talkFrameAt, talkTimeline, talkTimeOf, timelineEnd } from './talk-timeline';

// testDeck: 'One' (no fragment), 'Two' (two fragments), 'Three' (a demo slide).
const deck = testDeck();
const demoState = { mode: 'none' } as never;
const recording = (events: Recording['events'], durationMs: number): Recording => ({ meta: { durationMs } as Recording['meta'], events });

describe('talkTimeline', () => {
  it('makes every slide a chapter in deck order, back to back, from the start', () => {
    const chapters = talkTimeline(deck, null);
    expect(chapters.map((c) => c.title)).toEqual(['One', 'Two', 'Three']);
    expect(chapters[0]!.from).toBe(0);
    for (let i = 1; i < chapters.length; i++) expect(chapters[i]!.from).toBe(chapters[i - 1]!.to);
    expect(chapters.every((c) => c.rec === null && c.to - c.from >= 8_000)).toBe(true);
  });

  it('plays the recording on the slide it was recorded on, for as long as it was there', () => {
    const rec = recording(
      [
        { t: 0, k: 'deck', position: { slide: 2, fragment: -1 }, slideId: deck.slides[2]!.id },
        { t: 0, k: 'demo', state: demoState },
        { t: 30_000, k: 'deck', position: { slide: 0, fragment: -1 }, slideId: 'gone-since' },
      ],
      45_000,
    );
    const chapters = talkTimeline(deck, rec);
    const three = chapters[2]!;
    expect(three.rec).toEqual({ from: 0, to: 30_000 });
    expect(three.to - three.from).toBe(30_000);
    // A slide id the deck no longer has is not guessed from its old index.
    expect(chapters[0]!.rec).toBeNull();
    expect(talkFrameAt(chapters, three.from + 12_345)).toMatchObject({ chapter: three, recT: 12_345, position: { slide: 2, fragment: -1 } });
    expect(talkFrameAt(chapters, chapters[0]!.from + 1)?.recT).toBeNull();
    expect(talkTimeOf(chapters, 12_345)).toBe(three.from + 12_345);
    expect(talkTimeOf(chapters, 40_000)).toBeNull();
  });

  it('reads a slide recorded by index when the recording has no ids, and keeps its first stretch', () => {
    const rec = recording(
      [
        { t: 0, k: 'deck', position: { slide: 1, fragment: 0 } },
        { t: 5_000, k: 'deck', position: { slide: 2, fragment: -1 } },
        { t: 9_000, k: 'deck', position: { slide: 1, fragment: 1 } },
      ],
      20_000,
    );
    expect([...recordedStretches(deck, rec)]).toEqual([
      [1, { from: 0, to: 5_000 }],
      [2, { from: 5_000, to: 9_000 }],
    ]);
  });

  it('reveals fragments one by one in the first part of their chapter, all before it ends', () => {
    const two = talkTimeline(deck, null)[1]!;
    expect(two.reveals).toHaveLength(2);
    expect(two.reveals[0]!).toBeGreaterThan(two.from);
    expect(two.reveals[1]!).toBeGreaterThan(two.reveals[0]!);
    expect(two.reveals[1]!).toBeLessThan(two.to);
    const chapters = talkTimeline(deck, null);
    expect(talkFrameAt(chapters, two.from)!.position).toEqual({ slide: 1, fragment: -1 });
    expect(talkFrameAt(chapters, two.reveals[0]!)!.position).toEqual({ slide: 1, fragment: 0 });
    expect(talkFrameAt(chapters, two.to - 1)!.position).toEqual({ slide: 1, fragment: 1 });
  });

  it('reads longer captions and slides for longer, within bounds', () => {
    const short = readingMs({ html: '<h2>Hi</h2>', captionHtml: '<p>One line.</p>' });
    const long = readingMs({ html: '<h2>Hi</h2>', captionHtml: `<p>${'word '.repeat(60)}</p>` });
    expect(short).toBe(8_000);
    expect(long).toBeGreaterThan(short);
    expect(readingMs({ html: 'x '.repeat(5_000), captionHtml: '' })).toBe(40_000);
  });
});

describe('stepping with the keys', () => {
  const chapters = talkTimeline(deck, null);
  const [one, two, three] = chapters as [(typeof chapters)[0], (typeof chapters)[0], (typeof chapters)[0]];

  it('steps forward fragment by fragment, then slide by slide, and stays at the last stop', () => {
    const visited = [0];
    for (let t = nextStop(chapters, 0); t !== visited[visited.length - 1]; t = nextStop(chapters, t)) visited.push(t);
    expect(visited).toEqual([one.from, two.from, two.reveals[0], two.reveals[1], three.from]);
    expect(chapterAt(chapters, visited[visited.length - 1]!)).toBe(three);
  });

  it('steps back, and from just after a stop goes to the one before it', () => {
    expect(previousStop(chapters, three.from)).toBe(two.reveals[1]);
    expect(previousStop(chapters, three.from + 200)).toBe(two.reveals[1]);
    expect(previousStop(chapters, three.from + 5_000)).toBe(three.from);
    expect(previousStop(chapters, 0)).toBe(0);
  });

  it("stops at a demo chapter's beats too, both ways", () => {
    const beats = [three.from + 3_000, three.from + 6_000];
    expect(nextStop(chapters, three.from, beats)).toBe(beats[0]);
    expect(nextStop(chapters, beats[0]!, beats)).toBe(beats[1]);
    expect(previousStop(chapters, beats[1]! + 1_000, beats)).toBe(beats[1]);
    expect(previousStop(chapters, beats[1]!, beats)).toBe(beats[0]);
  });

  it('ends at the last chapter', () => {
    expect(chapterAt(chapters, timelineEnd(chapters) + 1)).toBe(three);
  });
});
