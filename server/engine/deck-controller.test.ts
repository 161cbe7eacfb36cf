import { describe, expect, it } from 'vitest';
import { testDeck } from '../../lib/testing/test-deck';
import { CommandFailure } from './command-failure';
import { DeckController } from './deck-controller';

describe('DeckController steps naming the state they were pressed on', () => {
  it('two steps pressed on the same state advance once; the second is refused with where the deck is', () => {
    const deck = new DeckController(testDeck(), () => 1000, 'e1');
    const pressedOn = { epoch: 'e1', rev: deck.state().rev };
    expect(deck.step('next', pressedOn)).toMatchObject({ slide: 1, rev: 1 });
    let refused: unknown;
    try {
      deck.step('next', pressedOn);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CommandFailure);
    expect(refused).toMatchObject({ code: 'stale', deck: { slide: 1, rev: 1 } });
    expect((refused as Error).message).toMatch(/moved before this step arrived \(it is on slide 2\); nothing was changed/);
    expect(deck.state()).toMatchObject({ slide: 1, rev: 1 });
  });

  it('a step pressed across a timer start or a blackout (no move) still goes', () => {
    const deck = new DeckController(testDeck(), () => 1000, 'e1');
    deck.step('next');
    const pressedOn = { epoch: 'e1', rev: deck.state().rev };
    deck.timer('pause');
    deck.blank(true);
    expect(deck.state().rev).toBe(pressedOn.rev + 2);
    expect(deck.step('next', pressedOn)).toMatchObject({ slide: 1, fragment: 0 }); // slide 2's first fragment
  });

  it("refuses a step of another server's epoch or of a revision it never had", () => {
    const deck = new DeckController(testDeck(), () => 1000, 'e1');
    expect(() => deck.step('next', { epoch: 'old', rev: 0 })).toThrow(/moved before/);
    expect(() => deck.step('next', { epoch: 'e1', rev: 7 })).toThrow(/moved before/);
    expect(deck.state().slide).toBe(0);
  });

  it('a step naming no state moves from wherever the deck is (scripts)', () => {
    const deck = new DeckController(testDeck(), () => 1000, 'e1');
    deck.step('next');
    deck.step('next');
    expect(deck.state()).toMatchObject({ slide: 1, fragment: 0 });
  });
});
