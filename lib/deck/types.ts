// The talk as data: parsed once from slides/*.md, identical for server, presenter and attendees.
import type { PollSpec } from '../audience/types';
import type { Scene } from '../mesh/scene';

export interface Slide {
  index: number;
  /** Stable id: the `id` slide attribute, or `<section>-<n>`. */
  id: string;
  sectionId: string;
  title: string;
  /** The paragraph right under the heading, as text ('' when none). */
  subtitle: string;
  html: string;
  /** Speaker notes: the presenter's console only. */
  notesHtml: string;
  /** What a viewer of the replay reads under the slide (what happens and why); public. */
  captionHtml: string;
  /** Number of fragment steps on this slide (reveal.js fragment groups). */
  fragments: number;
  /** Attributes from `<!-- .slide: ... -->`, e.g. `data-demo="panel"`. */
  attrs: Record<string, string>;
  /** The live demo view this slide is bound to (`data-demo`), if any. */
  demo?: string;
  /** The poll declared on this slide, if any. */
  poll?: PollSpec;
  /** The demo scene declared on this slide (`<!-- .scene: … -->`), if any. */
  scene?: Scene;
}

export interface DeckSection {
  id: string;
  title: string;
  minutes: number;
  firstSlide: number;
  slideCount: number;
}

export interface Deck {
  title: string;
  minutes: number;
  sections: DeckSection[];
  slides: Slide[];
  /** Every poll of the talk, in slide order. */
  polls: PollSpec[];
}

/** `fragment` follows reveal.js: -1 shows no fragment, 0 the first group, and so on. */
export interface DeckPosition {
  slide: number;
  fragment: number;
}

export interface TimerState {
  running: boolean;
  /** Server time when the timer last started running, or null while paused. */
  startedAt: number | null;
  /** Time accumulated before `startedAt`. */
  accumulatedMs: number;
}

export interface DeckState extends DeckPosition {
  /** The server process that set it: a state of a new epoch replaces what a client holds, whatever its rev. */
  epoch: string;
  rev: number;
  timer: TimerState;
  /** The projector paused to black (B or . on the console, as in reveal.js); the slide is kept. */
  blank: boolean;
  /** The light room (deck:light): phones get no live telemetry and show a note where a chart would
   *  be; the projector and the presenters' windows get everything. */
  light: boolean;
  updatedAt: number;
}

export interface DeckManifest {
  title: string;
  minutes: number;
  sections: { file: string; title: string; minutes: number }[];
}
