// What a phone held upright shows first, and how it keeps its reader oriented (pure).
// On a slide whose point is something to use or watch — the live demo, a poll, the calculator,
// the questions — a miniature of the projected slide would carry its text at 3–6 px: the phone
// shows the slide's heading and subtitle as text at its own size, then that thing.
import type { Deck, Slide } from './types';

export type PhoneFocus = 'demo' | 'poll' | 'calc' | 'questions';

/** What the slide puts first on a phone, or null for a slide that is its own content (theory). */
export function phoneFocus(slide: Slide | undefined): PhoneFocus | null {
  if (!slide) return null;
  if (slide.demo) return 'demo';
  if (slide.poll) return 'poll';
  if (slide.attrs['data-calc']) return 'calc';
  if (slide.attrs['data-questions']) return 'questions';
  return null;
}

/** The phone's sticky line: where the talk is, e.g. `12 / 39 · Demo: the baseline`. */
export function positionLine(deck: Pick<Deck, 'slides' | 'sections'>, slide: number): string {
  const sectionId = deck.slides[slide]?.sectionId;
  const section = deck.sections.find((s) => s.id === sectionId);
  return `${slide + 1} / ${deck.slides.length}${section ? ` · ${section.title}` : ''}`;
}

/** How far down a page (CSS px) a reader is taken to have scrolled away from the slide's header. */
export const SCROLLED_AWAY_PX = 160;

/** Whether to show the "slide changed ↑" cue: the slide the reader last saw, and the cue. */
export interface SlideCue {
  seen: number | null;
  cue: boolean;
}

export const NO_CUE: SlideCue = { seen: null, cue: false };

/** The presenter moved to `slide` (the first one just arrives) while the reader is `away` or not;
 *  or (`slide` undefined) the reader scrolled. A change read at the top needs no cue; back at the
 *  top, the cue has done its work. */
export function nextSlideCue(prev: SlideCue, away: boolean, slide?: number): SlideCue {
  if (!away) return slide === undefined ? (prev.cue ? { ...prev, cue: false } : prev) : { seen: slide, cue: false };
  if (slide === undefined || slide === prev.seen) return prev;
  return { seen: slide, cue: prev.seen !== null || prev.cue };
}
