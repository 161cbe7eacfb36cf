// What pages outside the presenter's get of the deck: every slide, none of the speaker notes
// (/live's page data used to carry the notes of every slide to every phone). Captions are public
// but only the replay shows them, so only the replay's page carries them.
import type { Deck } from './types';

export function audienceDeck(deck: Deck): Deck {
  return { ...deck, slides: deck.slides.map((slide) => ({ ...slide, notesHtml: '', captionHtml: '' })) };
}

/** The replay's deck: the captions written for a viewer, never the speaker notes. */
export function replayDeck(deck: Deck): Deck {
  return { ...deck, slides: deck.slides.map((slide) => ({ ...slide, notesHtml: '' })) };
}

/** The phone remote's deck: titles, steps, scenes and the plan — no slide bodies, notes or
 *  captions (the page loads over venue Wi-Fi, and draws none of them). */
export function remoteDeck(deck: Deck): Deck {
  return { ...deck, slides: deck.slides.map((slide) => ({ ...slide, html: '', notesHtml: '', captionHtml: '' })) };
}
