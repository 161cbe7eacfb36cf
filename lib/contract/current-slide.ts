// The current slide as the server knows it, for a page's first HTML (/live, /screen): a port
// between the composition root (server/main.ts, bundled by esbuild into dist/server.js), which
// holds the deck, and Next.js's server bundle (.next/server), which renders the pages. The two
// bundles each load their own copy of every module, so a module-level singleton is not shared;
// the process's one `globalThis` is. The slot is keyed by `Symbol.for(…)`, the process-wide symbol
// registry: both bundles name the same key without a string property anyone else could collide
// with or enumerate (JSON, Object.keys), and no module has to be the one both import.
// Registered by server/current-slide.ts; read by lib/deck/first-html.ts.
import type { DeckState } from '../deck/types';

/** What a page needs to render the slide the presenter is on: the deck's state as every client
 *  is sent it (`deck:state`: position, epoch, revision — public), and which deck it is of. */
export interface CurrentSlide {
  state: DeckState;
  /** The shown slide's id: a page whose deck disagrees (another build) renders no slide. */
  slideId: string;
  /** How many slides the server's deck has (the same check). */
  slideCount: number;
}

/** Null when this process does not know the slide (a scale-out edge): the page renders none. */
export type CurrentSlideProvider = () => CurrentSlide | null;

export const CURRENT_SLIDE_KEY: unique symbol = Symbol.for('meshstage.current-slide');

/** The slot on `globalThis` (typed): set by the server, read by the pages. */
export type CurrentSlideSlot = { [CURRENT_SLIDE_KEY]?: CurrentSlideProvider };
