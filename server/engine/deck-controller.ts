// The authoritative slide position and pacing timer. Every presenter window and attendee
// follows this one state.
import { isValidPosition, step, type StepDirection } from '../../lib/deck/navigation';
import { pauseTimer, startTimer, STOPPED_TIMER } from '../../lib/deck/pacing';
import type { Deck, DeckPosition, DeckState } from '../../lib/deck/types';
import { CommandFailure } from './command-failure';
import { newEpoch } from './epoch';
import { Listeners } from './listeners';

export type TimerAction = 'start' | 'pause' | 'reset';

export class DeckController {
  readonly changes = new Listeners<DeckState>();
  #state: DeckState;
  /** The revision of the last change of position (not of the timer or the blackout). */
  #movedRev = 0;

  constructor(
    readonly deck: Deck,
    private readonly now: () => number = Date.now,
    epoch = newEpoch(),
    /** Where a restarted server resumes (ignored if the deck no longer has that position). */
    resume?: DeckPosition & { timer: DeckState['timer']; light?: boolean },
  ) {
    const at = resume && isValidPosition(deck, resume) ? resume : null;
    // The light room is the venue's network, not the slide: kept even when the saved slide is gone.
    const light = resume?.light ?? false;
    this.#state = {
      epoch,
      rev: 0,
      slide: at?.slide ?? 0,
      fragment: at?.fragment ?? -1,
      timer: at?.timer ?? STOPPED_TIMER,
      blank: false,
      light,
      updatedAt: now(),
    };
  }

  state(): DeckState {
    return this.#state;
  }

  /** One slide or fragment on. With `at` (the state the sender pressed on), a step pressed before
   *  the last move it had not seen is refused with the current state: two presenters pressing Next
   *  on the same slide advance it once. Only a move makes a step stale — the timer and the
   *  blackout bump the revision too, and a step pressed across them still goes. */
  step(direction: StepDirection, at?: { epoch: string; rev: number }): DeckState {
    if (at && (at.epoch !== this.#state.epoch || at.rev < this.#movedRev || at.rev > this.#state.rev)) {
      const now = this.#state;
      throw new CommandFailure(
        'stale',
        `The deck moved before this step arrived (it is on slide ${now.slide + 1}${now.fragment >= 0 ? `, step ${now.fragment + 1}` : ''}); nothing was changed.`,
        now,
      );
    }
    return this.#moveTo(step(this.deck, this.#state, direction));
  }

  goto(pos: DeckPosition): DeckState {
    if (!isValidPosition(this.deck, pos)) {
      const last = this.deck.slides.length - 1;
      throw new CommandFailure(
        'invalid',
        `No such position: slide ${pos.slide}, fragment ${pos.fragment} (slides 0–${last}; fragment -1 to the slide's count − 1)`,
      );
    }
    return this.#moveTo(pos);
  }

  timer(action: TimerAction): DeckState {
    const now = this.now();
    const timer = action === 'start' ? startTimer(this.#state.timer, now) : action === 'pause' ? pauseTimer(this.#state.timer, now) : STOPPED_TIMER;
    return this.#commit({ ...this.#state, timer });
  }

  /** Blacks out the projector (or brings it back); phones keep the slide. */
  blank(on: boolean): DeckState {
    if (this.#state.blank === on) return this.#state;
    return this.#commit({ ...this.#state, blank: on });
  }

  /** The light room on or off (a step pressed across it still goes: it is not a move). */
  light(on: boolean): DeckState {
    if (this.#state.light === on) return this.#state;
    return this.#commit({ ...this.#state, light: on });
  }

  #moveTo(pos: DeckPosition): DeckState {
    if (pos.slide === this.#state.slide && pos.fragment === this.#state.fragment) return this.#state;
    // The first slide change starts the pacing timer, so a presenter who forgets still gets it.
    const timer = this.#state.timer.running || this.#state.timer.accumulatedMs > 0 ? this.#state.timer : startTimer(this.#state.timer, this.now());
    return this.#commit({ ...this.#state, slide: pos.slide, fragment: pos.fragment, timer }, true);
  }

  #commit(next: Omit<DeckState, 'rev' | 'updatedAt'>, moved = false): DeckState {
    this.#state = { ...next, rev: this.#state.rev + 1, updatedAt: this.now() };
    if (moved) this.#movedRev = this.#state.rev;
    this.changes.emit(this.#state);
    return this.#state;
  }
}
