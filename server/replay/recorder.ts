// Records what the screens show — slide changes, demo state (mode, policy, topology), every
// latency window and hop sample — on one timeline, for /replay and the stage fallback.
import type { RecordedEvent, Recording, RecordingMeta } from '../../lib/replay/recording';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';

export class Recorder {
  readonly events: RecordedEvent[] = [];
  readonly #started: number;
  readonly #off: (() => void)[];
  /** The position last recorded: deck changes that only move the timer are not news. */
  #slide = 0;
  #fragment = -1;

  constructor(
    deck: DeckController,
    demo: DemoEngine,
    private readonly now: () => number = Date.now,
  ) {
    this.#started = now();
    const t = () => this.now() - this.#started;
    // The starting point, so a replay from 0 shows what was on screen.
    const idOf = (slide: number) => deck.deck.slides[slide]?.id;
    const at = (slide: number, fragment: number) => ({ position: { slide, fragment }, ...(idOf(slide) ? { slideId: idOf(slide)! } : {}) });
    this.#slide = deck.state().slide;
    this.#fragment = deck.state().fragment;
    this.events.push({ t: 0, k: 'deck', ...at(this.#slide, this.#fragment) }, { t: 0, k: 'demo', state: demo.state() });
    this.#off = [
      deck.changes.add((s) => {
        if (s.slide === this.#slide && s.fragment === this.#fragment) return; // a timer change only
        this.#slide = s.slide;
        this.#fragment = s.fragment;
        this.events.push({ t: t(), k: 'deck', ...at(s.slide, s.fragment) });
      }),
      demo.changes.add((state) => this.events.push({ t: t(), k: 'demo', state })),
      demo.telemetry.add((e) => this.events.push(e.type === 'latency' ? { t: t(), k: 'latency', window: e.window } : { t: t(), k: 'hops', sample: e.sample })),
    ];
  }

  finish(meta: Omit<RecordingMeta, 'durationMs' | 'recordedAt'>): Recording {
    for (const off of this.#off) off();
    return { meta: { ...meta, recordedAt: new Date(this.#started).toISOString(), durationMs: this.now() - this.#started }, events: this.events };
  }
}
