// A presenter window's steps, one at a time, each naming the deck state it was pressed on: the
// server refuses a step pressed before another presenter's move reached this window (`stale`,
// with where the deck is), so two people pressing Next at once advance one slide. A window's own
// quick presses (a clicker's burst) are not each other's rivals: they wait their turn, and each
// names the state the one before it left.
import type { Ack } from '../contract/ack';
import type { DeckState } from '../deck/types';

export type StepDirection = 'next' | 'prev';
export type StepSend = (input: { direction: StepDirection; at?: { epoch: string; rev: number } }) => Promise<Ack<DeckState>>;

/** Presses beyond this many waiting are refused: a stuck connection does not store up a talk's worth of steps. */
export const MAX_WAITING_STEPS = 8;

export class DeckStepper {
  #chain: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  /** Set by a stale refusal: the presses queued behind it were meant for a deck that moved. */
  #dropUntil = 0;
  #pressed = 0;

  constructor(
    private readonly send: StepSend,
    /** The newest deck state this window holds. */
    private readonly current: () => DeckState | null,
    /** Takes a state the server answered with (an ack, a stale refusal's position). */
    private readonly adopt: (state: DeckState) => void,
  ) {}

  step(direction: StepDirection): Promise<Ack<DeckState>> {
    if (this.#waiting >= MAX_WAITING_STEPS) {
      return Promise.resolve({ ok: false, error: { code: 'rate-limited', message: 'Steps are waiting for the server; this one was not sent.' } });
    }
    const press = ++this.#pressed;
    this.#waiting++;
    const run = async (): Promise<Ack<DeckState>> => {
      this.#waiting--;
      if (press <= this.#dropUntil) {
        const at = this.current();
        return { ok: false, error: { code: 'stale', message: 'Another presenter moved the deck first; this step was not sent.', ...(at ? { deck: at } : {}) } };
      }
      const at = this.current();
      const result = await this.send(at ? { direction, at: { epoch: at.epoch, rev: at.rev } } : { direction });
      if (result.ok) this.adopt(result.data);
      else if (result.error.code === 'stale') {
        if (result.error.deck) this.adopt(result.error.deck);
        this.#dropUntil = this.#pressed;
      }
      return result;
    };
    const next = this.#chain.then(run);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
