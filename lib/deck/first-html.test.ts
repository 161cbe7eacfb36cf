import { describe, expect, it } from 'vitest';
import { CURRENT_SLIDE_KEY, type CurrentSlide, type CurrentSlideSlot } from '../contract/current-slide';
import { testDeck } from '../testing/test-deck';
import { audienceDeck } from './audience-deck';
import { firstHtmlDeck, firstSlide, markShownFragments, readCurrentSlide } from './first-html';
import type { DeckState } from './types';

const state = (slide: number, fragment = -1): DeckState => ({
  epoch: 'e1',
  rev: 3,
  slide,
  fragment,
  timer: { running: false, startedAt: null, accumulatedMs: 0 },
  blank: false,
  light: false,
  updatedAt: 0,
});
const slot = (provide: () => CurrentSlide | null): CurrentSlideSlot => ({ [CURRENT_SLIDE_KEY]: provide });

describe('the first HTML of /live and /screen', () => {
  const deck = testDeck();

  it("reads the presenter's state from the registered provider, only when it is of the page's deck", () => {
    const at = state(1, 0);
    expect(
      readCurrentSlide(
        deck,
        slot(() => ({ state: at, slideId: deck.slides[1]!.id, slideCount: 3 })),
      ),
    ).toBe(at);
    // No provider (a scale-out edge, a build), none known, another deck, a provider that throws: no slide.
    expect(readCurrentSlide(deck, {})).toBeNull();
    expect(
      readCurrentSlide(
        deck,
        slot(() => null),
      ),
    ).toBeNull();
    expect(
      readCurrentSlide(
        deck,
        slot(() => ({ state: at, slideId: deck.slides[2]!.id, slideCount: 3 })),
      ),
    ).toBeNull();
    expect(
      readCurrentSlide(
        deck,
        slot(() => ({ state: at, slideId: deck.slides[1]!.id, slideCount: 4 })),
      ),
    ).toBeNull();
    expect(
      readCurrentSlide(
        deck,
        slot(() => ({ state: state(7), slideId: deck.slides[1]!.id, slideCount: 3 })),
      ),
    ).toBeNull();
    expect(
      readCurrentSlide(
        deck,
        slot(() => {
          throw new Error('gone');
        }),
      ),
    ).toBeNull();
  });

  it('reads the one slot on globalThis by its registered symbol', () => {
    const global = globalThis as CurrentSlideSlot;
    expect(CURRENT_SLIDE_KEY).toBe(Symbol.for('meshstage.current-slide'));
    global[CURRENT_SLIDE_KEY] = () => ({ state: state(2), slideId: deck.slides[2]!.id, slideCount: 3 });
    try {
      expect(readCurrentSlide(deck)?.slide).toBe(2);
    } finally {
      delete global[CURRENT_SLIDE_KEY];
    }
    expect(readCurrentSlide(deck)).toBeNull();
  });

  it("carries no slide's body in the deck, and the shown slide with its shown fragments marked as reveal.js marks them", () => {
    const room = audienceDeck(deck);
    const cut = firstHtmlDeck(room);
    expect(cut.slides.map((s) => s.html)).toEqual(['', '', '']);
    expect(cut.slides.map((s) => s.title)).toEqual(room.slides.map((s) => s.title));
    expect(deck.slides[0]!.notesHtml).toContain('>first<');
    expect(JSON.stringify(cut)).not.toContain('>first<'); // the first slide's note

    const at = (fragment: number) => firstSlide(room, { slide: 1, fragment })!.html.match(/class="fragment( visible)?"/g);
    expect(at(-1)).toEqual(['class="fragment"', 'class="fragment"']);
    expect(at(0)).toEqual(['class="fragment visible"', 'class="fragment"']);
    expect(at(1)).toEqual(['class="fragment visible"', 'class="fragment visible"']);
    expect(firstSlide(room, null)).toBeNull();
    expect(firstSlide(room, { slide: 0, fragment: -1 })).toEqual({ slide: 0, fragment: -1, html: room.slides[0]!.html });
  });

  it("follows reveal.js's order: indexed fragments by index first, then the others in document order", () => {
    const html =
      '<p class="fragment">c</p><p class="fragment" data-fragment-index="2">b</p><p class="fragment" data-fragment-index="0">a1</p><p class="fragment" data-fragment-index="0">a2</p>';
    const shown = (fragment: number) =>
      [...markShownFragments(html, fragment).matchAll(/<p class="fragment( visible)?"[^>]*>(\w+)</g)].filter((m) => m[1]).map((m) => m[2]);
    expect(shown(-1)).toEqual([]);
    expect(shown(0)).toEqual(['a1', 'a2']);
    expect(shown(1)).toEqual(['b', 'a1', 'a2']);
    expect(shown(2)).toEqual(['c', 'b', 'a1', 'a2']);
  });
});
