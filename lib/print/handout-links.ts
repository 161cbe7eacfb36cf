// The handout's links (pure): where to replay the talk, and where its sources are clickable. Built
// from the origin the handout is opened on — /print is a static page (also on the static replay
// site), so the public address is not known when it is built.
import type { Deck } from '../deck/types';

export interface HandoutLinks {
  replay: string;
  /** The replay opened on the sources slide (its links are clickable there); null without one. */
  sources: string | null;
}

/** The deck's sources slide: id `sources`, or a slide with the `sources-slide` class. */
export function sourcesSlideId(deck: Pick<Deck, 'slides'>): string | null {
  const slide = deck.slides.find((s) => s.id === 'sources') ?? deck.slides.find((s) => (s.attrs.class ?? '').split(/\s+/).includes('sources-slide'));
  return slide?.id ?? null;
}

export function handoutLinks(origin: string, sourcesId: string | null): HandoutLinks {
  const base = origin.replace(/\/+$/, '');
  return { replay: `${base}/replay`, sources: sourcesId ? `${base}/replay#slide=${encodeURIComponent(sourcesId)}` : null };
}
