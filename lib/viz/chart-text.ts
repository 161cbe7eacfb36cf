// The charts' text sizes, in CSS pixels of where they are drawn (pure). On a page (a phone, the
// replay's charts below the slide) they are the page's pixels. In a slide they are the slide's:
// reveal.js scales its 1280×720 slide to the window, keeping a 6 % margin — ×1.41 on a 1920×1080
// projector, ×0.94 at 1280×720, ×0.75 at 1024×768. Nothing in a slide is set under 19 px, so it
// renders at 26.8 px on a 1080p projector (24 px is the floor the room reads from the back) and
// still at 14.3 px on a 1024×768 one. The slide's own CSS floor is the same number
// (--ms-text-floor in components/deck/meshstage-theme.css).
import { MONO_ADVANCE_EM } from './fit-text';

export interface ChartText {
  /** Axis ticks, bar labels and values. */
  tick: number;
  /** Names drawn on a chart: line labels, switch markers, pods. */
  label: number;
  /** Node names, a touch larger than what is inside them. */
  node: number;
  /** Text inside a proxy's glyph. */
  glyph: number;
  /** Whether this is a slide on a projector: fewer, shorter labels, each at least `tick`. */
  onSlide: boolean;
}

export const PAGE_TEXT: ChartText = { tick: 12, label: 13, node: 14, glyph: 12, onSlide: false };

/** The replay's recorded demo under a compact slide header on a laptop or phone: page pixels, none
 *  under 14 (what a screen at arm's length reads; an e2e floor at 1366×768, e2e/replay.spec.ts). */
export const REPLAY_PAGE_TEXT: ChartText = { tick: 14, label: 14, node: 16, glyph: 14, onSlide: false };

/** The smallest text in a slide, in slide pixels. */
export const SLIDE_TEXT_FLOOR_PX = 19;

export const SLIDE_TEXT: ChartText = { tick: SLIDE_TEXT_FLOOR_PX, label: SLIDE_TEXT_FLOOR_PX, node: 20, glyph: SLIDE_TEXT_FLOOR_PX, onSlide: true };

/** reveal.js's scale of a 1280×720 slide in a `width`×`height` window (its 6 % margin kept). */
export const slideScale = (width: number, height: number) => Math.min((width * 0.94) / 1280, (height * 0.94) / 720);

/** How wide `chars` characters of the charts' mono font are at `px`. */
export const monoWidth = (chars: number, px: number) => chars * px * MONO_ADVANCE_EM;
