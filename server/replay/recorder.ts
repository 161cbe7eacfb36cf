// Records what the screens show — slide changes, demo state (mode, policy, topology), every
// latency window and hop sample — on one timeline, for /replay and the stage fallback.
import type { RecordedEvent, Recording, RecordingMeta } from '../../lib/replay/recording';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';

export class Recorder {
  readonly events: RecordedEvent[] = [];
  readonly #started: number;
  readonly #off: (() => void)[];

  constructor(deck: DeckController, demo: DemoEngine, private readonly now: () => number = Date.now) {
    this.#started = now();
    const t = () => this.now() - this.#started;
    // The starting point, so a replay from 0 shows what was on screen.
    const idOf = (slide: number) => deck.deck.slides[slide]?.id;
    const at = (slide: number, fragment: number) => ({ position: { slide, fragment }, ...(idOf(slide) ? { slideId: idOf(slide)! } : {}) });
    this.events.push({ t: 0, k: 'deck', ...at(deck.state().slide, deck.state().fragment) }, { t: 0, k: 'demo', state: demo.state() });
    this.#off = [
      deck.changes.add((s) => {
        const last = [...this.events].reverse().find((e) => e.k === 'deck');
        if (last && last.k === 'deck' && last.position.slide === s.slide && last.position.fragment === s.fragment) return; // timer only
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
