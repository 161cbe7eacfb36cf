// The handout (/print) built from the shipped deck and recording, as app/print/page.tsx builds it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayDeck } from '../lib/deck/audience-deck';
import { demoSlideFrames } from '../lib/print/demo-frames';
import { sourcesSlideId } from '../lib/print/handout-links';
import { handoutSlides, LINKS_SLOT } from '../lib/print/handout-slides';
import type { Recording } from '../lib/replay/recording';
import { loadDeck } from './load-deck';

const deck = replayDeck(loadDeck());

describe('the shipped handout', () => {
  it('gives every demo slide of the shipped deck a frame from the shipped recording, with its data', () => {
    const shipped = JSON.parse(readFileSync('public/recordings/lab-tour.json', 'utf8')) as Recording;
    const frames = demoSlideFrames(deck, shipped);
    expect(frames.map((f) => f.slideId)).toEqual(deck.slides.filter((s) => s.demo).map((s) => s.id));
    for (const f of frames) {
      expect(f.frame.demo?.topology, f.slideId).toBeTruthy();
      expect(f.frame.history.length, f.slideId).toBeGreaterThan(0);
    }
    // The handout carries these frames in its page: keep them a small part of it.
    expect(JSON.stringify(frames).length).toBeLessThan(400_000);
  });

  it("tells a demo slide's story step by step: a row per data plane, the slide's figures at the end of each", () => {
    const shipped = JSON.parse(readFileSync('public/recordings/lab-tour.json', 'utf8')) as Recording;
    const retries = demoSlideFrames(deck, shipped).find((f) => f.slideId === 'demo-retries')!;
    expect(retries.beats.map((b) => b.mode)).toEqual(['sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7']);
    const ambient = retries.beats[1]!;

    expect(ambient).toMatchObject({ refused: true, window: expect.stringContaining('at the client') });
    // Where retries are not enforced the backend's errors reach the client; where they are, hardly any.
    const errors = (b: (typeof retries.beats)[number]) => Number(/errors ([\d.]+)/.exec(b.figures)?.[1]);
    expect(errors(ambient)).toBeGreaterThan(10 * errors(retries.beats[0]!) + 5);
    // A slide that shows one data plane has no steps to list.
    expect(demoSlideFrames(deck, shipped).find((f) => f.slideId === 'demo-compare')!.beats).toEqual([]);
  });

  it('has its links where the title slide had the join code, a caption on every slide, a sources slide', () => {
    const slides = handoutSlides(deck.slides);
    expect(slides[0]!.html).toContain(LINKS_SLOT);
    expect(slides[0]!.html).not.toContain('data-join-qr');
    expect(slides.every((s) => s.html.includes('data-handout-caption'))).toBe(true);
    expect(slides.every((s) => s.notesHtml === '')).toBe(true);
    expect(sourcesSlideId(deck)).toBe('sources');
  });
});
