// A command sent again with the id of one already run (its answer was lost with the connection,
// and the page sent it again on reconnect) is not run again: it gets the first run's answer — or,
// while that run is still going (a data-plane switch takes seconds), waits for it. So a retry
// never applies a command twice: not a relative step, not a question.
import type { Ack } from '../../lib/contract/ack';

interface Entry {
  answer: Promise<Ack<unknown>>;
  /** When the run answered (null: still running). Kept `keepMs` after that. */
  doneAt: number | null;
}

export class CommandReplay {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Longer than any client's retries last (an ack wait plus a reconnect). */
    private readonly keepMs = 10 * 60_000,
    /** At most this many answers kept; the oldest go first (a run still going is never dropped). */
    private readonly max = 2_000,
  ) {}

  /** Runs `run` once per key; a key already seen gets the same answer. */
  run(key: string, run: () => Promise<Ack<unknown>>): Promise<Ack<unknown>> {
    this.#sweep();
    const seen = this.#entries.get(key);
    if (seen) return seen.answer;
    const entry: Entry = { answer: run(), doneAt: null };
    this.#entries.set(key, entry);
    entry.answer.then(
      () => (entry.doneAt = this.now()),
      // An internal error is not an answer: the same id may try again.
      () => this.#entries.delete(key),
    );
    return entry.answer;
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.now();
    let over = this.#entries.size - this.max + 1;
    // Insertion order is age order: the oldest are looked at first.
    for (const [key, entry] of this.#entries) {
      const expired = entry.doneAt !== null && now - entry.doneAt > this.keepMs;
      if (expired || (over > 0 && entry.doneAt !== null)) {
        this.#entries.delete(key);
        over--;
        continue;
      }
      if (over <= 0 && entry.doneAt !== null) break;
    }
  }
}
