// What /live's and /screen's first HTML carry of the talk: the slide the presenter is on, rendered
// (read from the server through the current-slide port, lib/contract/current-slide.ts), and of
// every other slide only what the page draws around it (titles, sections, polls) — the slides'
// bodies come after hydration, from /audience-deck/<version> (cacheable), so the HTML stays the
// size of one slide.
import { parse as parseHtml } from 'node-html-parser';
import { CURRENT_SLIDE_KEY, type CurrentSlideSlot } from '../contract/current-slide';
import type { Deck, DeckPosition, DeckState } from './types';

/** The slide a page shows before reveal.js runs (components/deck/RevealDeck.tsx's first paint). */
/** What a page whose first HTML is the current slide (/live, /screen) is rendered with: `deck`,
 *  the room's deck or (with `deckUrl`) its first-HTML cut without the slides' bodies, fetched
 *  from `deckUrl` once the page runs; `first`, the deck's state the server rendered the page at;
 *  `firstSlide`, that slide — both null when the server did not know. */
export interface FirstHtmlPageProps {
  deck: Deck;
  first?: DeckState | null;
  firstSlide?: FirstSlide | null;
  deckUrl?: string | null;
}

export interface FirstSlide extends DeckPosition {
  /** The slide's HTML with the fragments shown at `fragment` marked `visible`, as reveal.js marks them. */
  html: string;
}

/** The presenter's deck state if this process knows it and it is of `deck` (same slide count,
 *  same slide id at its position); null otherwise — an edge, no server (a build), another deck. */
export function readCurrentSlide(deck: Pick<Deck, 'slides'>, slot: CurrentSlideSlot = globalThis as CurrentSlideSlot): DeckState | null {
  const provider = slot[CURRENT_SLIDE_KEY];
  if (!provider) return null;
  let current;
  try {
    current = provider();
  } catch {
    return null; // the page renders as without the port rather than fail
  }
  if (!current || current.slideCount !== deck.slides.length) return null;
  return deck.slides[current.state.slide]?.id === current.slideId ? current.state : null;
}

/** The shown slide as it stands at `state`'s fragment, for the first paint; null without a state. */
export function firstSlide(deck: Pick<Deck, 'slides'>, state: DeckPosition | null): FirstSlide | null {
  const slide = state ? deck.slides[state.slide] : undefined;
  return state && slide ? { slide: state.slide, fragment: state.fragment, html: markShownFragments(slide.html, state.fragment) } : null;
}

/** Adds `visible` to the fragments reveal.js shows at step `fragment` (-1: none). reveal.js's
 *  order: fragments with a `data-fragment-index` by that index (one step per index, in order),
 *  then every other one, in document order, a step each. */
export function markShownFragments(html: string, fragment: number): string {
  const root = parseHtml(html);
  const fragments = root.querySelectorAll('.fragment');
  if (fragments.length === 0) return html;
  const indexed = new Map<number, typeof fragments>();
  const steps: (typeof fragments)[] = [];
  for (const el of fragments) {
    const index = Number.parseInt(el.getAttribute('data-fragment-index') ?? '', 10);
    if (Number.isNaN(index)) continue;
    indexed.set(index, [...(indexed.get(index) ?? []), el]);
  }
  for (const index of [...indexed.keys()].sort((a, b) => a - b)) steps.push(indexed.get(index)!);
  for (const el of fragments) if (Number.isNaN(Number.parseInt(el.getAttribute('data-fragment-index') ?? '', 10))) steps.push([el]);
  steps.forEach((group, step) => {
    for (const el of group) if (step <= fragment) el.classList.add('visible');
  });
  return root.toString();
}

/** `deck` without the slides' bodies (titles, sections, polls and the rest stay: the page draws
 *  them around the slide); the shown slide's is in firstSlide. Notes and captions must already be
 *  gone (audienceDeck). */
export function firstHtmlDeck(deck: Deck): Deck {
  return { ...deck, slides: deck.slides.map((slide) => ({ ...slide, html: '' })) };
}
