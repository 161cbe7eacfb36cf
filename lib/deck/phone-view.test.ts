import { describe, expect, it } from 'vitest';
import { NO_CUE, nextSlideCue, phoneFocus, positionLine } from './phone-view';
import { testDeck, testDeckWithPolls } from '../testing/test-deck';
import type { Slide } from './types';

describe('phone view', () => {
  it('puts the demo, the poll, the calculator or the questions first on their slides; a theory slide is its own content', () => {
    const deck = testDeck();
    expect(deck.slides.map(phoneFocus)).toEqual([null, null, 'demo']);
    expect(testDeckWithPolls().slides.map(phoneFocus)).toEqual(['poll', 'poll']);
    const slide = (attrs: Record<string, string>) => ({ ...deck.slides[0]!, attrs }) as Slide;
    expect(phoneFocus(slide({ 'data-calc': 'placement' }))).toBe('calc');
    expect(phoneFocus(slide({ 'data-questions': 'top' }))).toBe('questions');
    expect(phoneFocus(undefined)).toBeNull();
  });

  it('the position line names the slide of all and its section', () => {
    const deck = testDeck();
    expect(positionLine(deck, 0)).toBe('1 / 3 · A');
    expect(positionLine(deck, 2)).toBe('3 / 3 · B');
  });

  it('cues a slide change only while the reader is scrolled away, and drops the cue back at the top', () => {
    let s = nextSlideCue(NO_CUE, true, 4); // the first slide to arrive is no change
    expect(s).toEqual({ seen: 4, cue: false });
    s = nextSlideCue(s, false, 5); // read at the top: no cue
    expect(s).toEqual({ seen: 5, cue: false });
    s = nextSlideCue(s, true); // scrolled down: nothing new
    expect(s.cue).toBe(false);
    s = nextSlideCue(s, true, 5); // same slide (a fragment): no cue
    expect(s.cue).toBe(false);
    s = nextSlideCue(s, true, 6);
    expect(s).toEqual({ seen: 6, cue: true });
    expect(nextSlideCue(s, true)).toBe(s); // still away: still cued
    expect(nextSlideCue(s, true, 7)).toEqual({ seen: 7, cue: true });
    expect(nextSlideCue(s, false)).toEqual({ seen: 6, cue: false }); // back at the top
  });
});
