// The server's side of the current-slide port (lib/contract/current-slide.ts): who tells the
// pages' first HTML which slide the presenter is on. The primary registers its DeckController
// (server/main.ts); a scale-out edge registers the primary's deck as it last heard it (the
// primary publishes each state on Redis: server/hub/scale-out.ts), through the same call.
import { CURRENT_SLIDE_KEY, type CurrentSlide, type CurrentSlideProvider, type CurrentSlideSlot } from '../lib/contract/current-slide';
import type { DeckController } from './engine/deck-controller';

/** Makes `provider` the one the pages read (replacing any); returns how to take it back (only
 *  if it is still the registered one). */
export function provideCurrentSlide(provider: CurrentSlideProvider): () => void {
  const slot = globalThis as CurrentSlideSlot;
  slot[CURRENT_SLIDE_KEY] = provider;
  return () => {
    if (slot[CURRENT_SLIDE_KEY] === provider) delete slot[CURRENT_SLIDE_KEY];
  };
}

/** A provider reading the primary's deck: its state as every client is sent it. */
export function deckCurrentSlide(controller: Pick<DeckController, 'deck' | 'state'>): CurrentSlideProvider {
  return (): CurrentSlide | null => {
    const state = controller.state();
    const slide = controller.deck.slides[state.slide];
    return slide ? { state, slideId: slide.id, slideCount: controller.deck.slides.length } : null;
  };
}
