// Records what the screens show — slide changes, demo state (mode, policy, topology), every
// latency window and hop sample — on one timeline, for /replay and the stage fallback; given the
// audience, the room too (room-recorder.ts: what everyone saw, never who).
import type { RecordedEvent, Recording, RecordingMeta } from '../../lib/replay/recording';
import type { AudienceService } from '../audience/audience-service';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';
import { RoomRecorder, withoutQuestions } from './room-recorder';

export class Recorder {
  events: RecordedEvent[] = [];
  readonly #started: number;
  readonly #off: (() => void)[];
  readonly #room: RoomRecorder | null;
  /** The position last recorded: deck changes that only move the timer are not news. */
  #slide = 0;
  #fragment = -1;

  constructor(
    deck: DeckController,
    demo: DemoEngine,
    private readonly now: () => number = Date.now,
    audience: AudienceService | null = null,
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
        // What the room did and is not recorded yet happened on the slide being left.
        if (s.slide !== this.#slide) this.#room?.flush();
        this.#slide = s.slide;
        this.#fragment = s.fragment;
        this.events.push({ t: t(), k: 'deck', ...at(s.slide, s.fragment) });
      }),
      demo.changes.add((state) => this.events.push({ t: t(), k: 'demo', state })),
      demo.telemetry.add((e) => this.events.push(e.type === 'latency' ? { t: t(), k: 'latency', window: e.window } : { t: t(), k: 'hops', sample: e.sample })),
    ];
    this.#room =
      audience &&
      new RoomRecorder(
        audience,
        (e) => this.events.push(e),
        t,
        () => idOf(this.#slide),
      );
  }

  finish(meta: Omit<RecordingMeta, 'durationMs' | 'recordedAt'>): Recording {
    for (const off of this.#off) off();
    const withdrawn = this.#room?.close();
    if (withdrawn?.size) this.events = withoutQuestions(this.events, withdrawn);
    return { meta: { ...meta, recordedAt: new Date(this.#started).toISOString(), durationMs: this.now() - this.#started }, events: this.events };
  }
}
