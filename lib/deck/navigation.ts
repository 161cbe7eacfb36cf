// Pure slide/fragment navigation, shared by the server (authoritative) and tests.
import type { Deck, DeckPosition } from './types';

export type StepDirection = 'next' | 'prev';

export function fragmentsOf(deck: Deck, slide: number): number {
  return deck.slides[slide]?.fragments ?? 0;
}

export function isValidPosition(deck: Deck, pos: DeckPosition): boolean {
  if (!Number.isInteger(pos.slide) || !Number.isInteger(pos.fragment)) return false;
  if (pos.slide < 0 || pos.slide >= deck.slides.length) return false;
  return pos.fragment >= -1 && pos.fragment < fragmentsOf(deck, pos.slide);
}

/** Next/previous like reveal.js: fragments first, then slides; going back shows all fragments. */
export function step(deck: Deck, pos: DeckPosition, dir: StepDirection): DeckPosition {
  if (dir === 'next') {
    if (pos.fragment < fragmentsOf(deck, pos.slide) - 1) return { slide: pos.slide, fragment: pos.fragment + 1 };
    if (pos.slide < deck.slides.length - 1) return { slide: pos.slide + 1, fragment: -1 };
    return pos;
  }
  if (pos.fragment > -1) return { slide: pos.slide, fragment: pos.fragment - 1 };
  if (pos.slide > 0) return { slide: pos.slide - 1, fragment: fragmentsOf(deck, pos.slide - 1) - 1 };
  return pos;
}
