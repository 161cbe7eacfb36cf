// A presenter window's steps, one at a time, each naming the deck state it was pressed on: the
// server refuses a step pressed before another presenter's move reached this window (`stale`,
// with where the deck is), so two people pressing Next at once advance one slide. A window's own
// quick presses (a clicker's burst) are not each other's rivals: a press made while this window's
// previous step was on its way names the state that step left.
import type { Ack } from '../contract/ack';
import type { DeckState } from '../deck/types';

export type StepDirection = 'next' | 'prev';
export type StepSend = (input: { direction: StepDirection; at?: { epoch: string; rev: number } }) => Promise<Ack<DeckState>>;

/** Presses beyond this many waiting are refused: a stuck connection does not store up a talk's worth of steps. */
export const MAX_WAITING_STEPS = 8;

/** The later of two states (a new epoch's at once), as the channel keeps them. */
const later = (a: DeckState | null, b: DeckState | null): DeckState | null => (!a ? b : !b ? a : a.epoch !== b.epoch ? b : a.rev >= b.rev ? a : b);

export class DeckStepper {
  #chain: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  #pressed = 0;
  /** The last answered press: its number, what it left (if it moved), and how many presses had
   *  been made when its answer came. */
  #last: { press: number; state: DeckState | null; answeredAfter: number } | null = null;

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
    // What the presenter saw when they pressed.
    const pressedOn = this.current();
    this.#waiting++;
    const run = async (): Promise<Ack<DeckState>> => {
      this.#waiting--;
      // Pressed while this window's previous step was on its way: that step's outcome is what
      // this press builds on. A previous step that failed moved nothing — this one names what was
      // on screen when it was pressed, so it cannot ride over a co-presenter's move it never saw.
      const prev = this.#last;
      const base = prev && prev.press === press - 1 && prev.answeredAfter >= press ? later(prev.state, pressedOn) : pressedOn;
      const result = await this.send(base ? { direction, at: { epoch: base.epoch, rev: base.rev } } : { direction });
      const left = result.ok ? result.data : null;
      this.#last = { press, state: left, answeredAfter: this.#pressed };
      if (result.ok) this.adopt(result.data);
      else if (result.error.code === 'stale' && result.error.deck) this.adopt(result.error.deck);
      return result;
    };
    const next = this.#chain.then(run);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
