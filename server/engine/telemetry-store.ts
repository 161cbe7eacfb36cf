// What the server remembers of the measurements it relays: the last minute of latency windows
// (a phone joining mid-demo draws the chart from there) and the per-mode scoreboard. Fed by the
// demo engine; read by the hub.
import { counts, EMPTY_SCOREBOARD, withHops, withLatency, withTopology, type Scoreboard } from '../../lib/mesh/scoreboard';
import { toPoint, type LatencyPoint } from '../../lib/mesh/telemetry';
import type { DemoEngine } from './demo-engine';
import { Listeners } from './listeners';

export const HISTORY_MS = 60_000;

export class TelemetryStore {
  readonly scoreChanges = new Listeners<Scoreboard>();
  #history: LatencyPoint[] = [];
  #board: Scoreboard = EMPTY_SCOREBOARD;
  #off: (() => void)[];

  constructor(demo: DemoEngine) {
    this.#off = [
      demo.telemetry.add((t) => {
        if (t.type === 'latency') {
          this.#history.push(toPoint(t.window));
          const cutoff = t.window.at - HISTORY_MS;
          while (this.#history.length && this.#history[0]!.at < cutoff) this.#history.shift();
          if (counts(demo.state(), t.window.mode)) this.#set(withLatency(this.#board, t.window));
        } else if (counts(demo.state(), t.sample.mode)) this.#set(withHops(this.#board, t.sample));
      }),
      demo.changes.add((state) => {
        if (state.topology) this.#set(withTopology(this.#board, state.topology));
      }),
    ];
  }

  history(): LatencyPoint[] {
    return [...this.#history];
  }

  scores(): Scoreboard {
    return this.#board;
  }

  dispose(): void {
    for (const off of this.#off) off();
  }

  #set(board: Scoreboard): void {
    if (board === this.#board) return;
    this.#board = board;
    this.scoreChanges.emit(board);
  }
}
