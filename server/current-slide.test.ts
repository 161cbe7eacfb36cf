import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SLIDE_KEY, type CurrentSlideSlot } from '../lib/contract/current-slide';
import { readCurrentSlide } from '../lib/deck/first-html';
import { testDeck } from '../lib/testing/test-deck';
import { DeckController } from './engine/deck-controller';
import { deckCurrentSlide, provideCurrentSlide } from './current-slide';

const global = globalThis as CurrentSlideSlot;

describe('the current-slide port, server side', () => {
  afterEach(() => delete global[CURRENT_SLIDE_KEY]);

  it("gives the pages the primary's deck state as it moves, until taken back", () => {
    const deck = testDeck();
    const controller = new DeckController(deck, () => 1_000, 'epoch-a');
    const stop = provideCurrentSlide(deckCurrentSlide(controller));
    expect(readCurrentSlide(deck)).toMatchObject({ slide: 0, fragment: -1, epoch: 'epoch-a', rev: 0 });
    controller.goto({ slide: 1, fragment: 0 });
    expect(readCurrentSlide(deck)).toEqual(controller.state());
    expect(readCurrentSlide(deck)).toMatchObject({ slide: 1, fragment: 0, rev: 1 });
    stop();
    expect(readCurrentSlide(deck)).toBeNull();
  });

  it('takes back only its own provider: a later registration (an edge wiring its own) stays', () => {
    const deck = testDeck();
    const stopFirst = provideCurrentSlide(deckCurrentSlide(new DeckController(deck, () => 0, 'first')));
    provideCurrentSlide(deckCurrentSlide(new DeckController(deck, () => 0, 'second')));
    stopFirst();
    expect(readCurrentSlide(deck)?.epoch).toBe('second');
  });
});
