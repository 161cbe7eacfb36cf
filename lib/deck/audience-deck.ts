// What pages outside the presenter's get of the deck: every slide, none of the speaker notes
// (/live's page data used to carry the notes of every slide to every phone). The replay's
// captions are the notes on purpose, and keep them.
import type { Deck } from './types';

export function audienceDeck(deck: Deck): Deck {
  return { ...deck, slides: deck.slides.map((slide) => ({ ...slide, notesHtml: '' })) };
}
