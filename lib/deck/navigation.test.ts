import { describe, expect, it } from 'vitest';
import { testDeck } from '../testing/test-deck';
import { isValidPosition, step } from './navigation';

const deck = testDeck();

describe('step', () => {
  it('walks fragments before moving to the next slide', () => {
    const path = [{ slide: 0, fragment: -1 }];
    for (let i = 0; i < 5; i++) path.push(step(deck, path[path.length - 1]!, 'next'));
    expect(path).toEqual([
      { slide: 0, fragment: -1 },
      { slide: 1, fragment: -1 },
      { slide: 1, fragment: 0 },
      { slide: 1, fragment: 1 },
      { slide: 2, fragment: -1 },
      { slide: 2, fragment: -1 },
    ]);
  });

  it('going back onto a slide shows all its fragments, then hides them one by one', () => {
    let pos = step(deck, { slide: 2, fragment: -1 }, 'prev');
    expect(pos).toEqual({ slide: 1, fragment: 1 });
    pos = step(deck, pos, 'prev');
    expect(pos).toEqual({ slide: 1, fragment: 0 });
    pos = step(deck, step(deck, pos, 'prev'), 'prev');
    expect(pos).toEqual({ slide: 0, fragment: -1 });
    expect(step(deck, pos, 'prev')).toEqual(pos);
  });
});

describe('isValidPosition', () => {
  it('accepts only existing slides and fragments', () => {
    expect(isValidPosition(deck, { slide: 1, fragment: 1 })).toBe(true);
    expect(isValidPosition(deck, { slide: 1, fragment: 2 })).toBe(false);
    expect(isValidPosition(deck, { slide: 0, fragment: 0 })).toBe(false);
    expect(isValidPosition(deck, { slide: 3, fragment: -1 })).toBe(false);
    expect(isValidPosition(deck, { slide: -1, fragment: -1 })).toBe(false);
    expect(isValidPosition(deck, { slide: 0.5, fragment: -1 })).toBe(false);
  });
});
