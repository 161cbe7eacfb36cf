// The audience's authority: checks every attendee action against the rules and per-attendee rate
// limits, logs what it accepts, and says who must be told. Polls are opened, closed and revealed
// by the presenter; a prediction poll is revealed against the demo's measured scoreboard, a numeric
// poll against one figure of it (lib/audience/prediction.ts decideNumeric).
import { randomBytes } from 'node:crypto';
import { AudienceState } from '../../lib/audience/audience-state';
import { decideNumeric, decidePrediction } from '../../lib/audience/prediction';
import type { AudienceEvent, MyAudience, PollSpec, PollStatus, QuestionStatus, QuestionView, Reaction, ReactionBurst } from '../../lib/audience/types';
import type { Scoreboard } from '../../lib/mesh/scoreboard';
import { CommandFailure } from '../engine/command-failure';
import { coalesce } from '../../lib/async/async-helpers';
import { Listeners } from '../engine/listeners';
import { RateLimiter } from '../../lib/async/rate-limiter';
import type { AudienceLog } from './audience-log';

/** Per attendee, across all their connections: [per second, burst]. */
export const ATTENDEE_LIMITS = {
  vote: [0.5, 5],
  ask: [1 / 30, 3],
  upvote: [1, 20],
  react: [2, 6],
} as const satisfies Record<string, readonly [number, number]>;

export interface AudienceChange {
  /** The public view changed (everyone). */
  public: boolean;
  /** Attendees whose own part changed. */
  attendees: string[];
}

const REACTION_WINDOW_MS = 500;

export class AudienceService {
  readonly changes = new Listeners<AudienceChange>();
  readonly reactions = new Listeners<ReactionBurst>();
  readonly state: AudienceState;
  #limits = new Map<string, Record<keyof typeof ATTENDEE_LIMITS, RateLimiter>>();
  #burst: ReactionBurst | null = null;
  #burstFlush = coalesce(() => {
    const burst = this.#burst;
    this.#burst = null;
    if (burst) this.reactions.emit({ ...burst, at: this.now() });
  }, REACTION_WINDOW_MS);

  constructor(
    specs: PollSpec[],
    private readonly log: AudienceLog | null,
    private readonly scores: () => Scoreboard,
    private readonly now: () => number = Date.now,
  ) {
    this.state = new AudienceState(specs);
    for (const e of log?.read() ?? []) this.state.apply(e);
  }

  vote(attendee: string, pollId: string, option: string): MyAudience {
    this.#limit(attendee, 'vote', 'Too many votes; wait a moment.');
    this.#accept({ t: 'vote', pollId, attendee, option, at: this.now() }, [attendee]);
    return this.state.mine(attendee);
  }

  /** A numeric poll's answer: counted against the same allowance as votes. */
  estimate(attendee: string, pollId: string, value: number): MyAudience {
    this.#limit(attendee, 'vote', 'Too many answers; wait a moment.');
    this.#accept({ t: 'estimate', pollId, attendee, value, at: this.now() }, [attendee]);
    return this.state.mine(attendee);
  }

  ask(attendee: string, text: string, name: string | null): QuestionView {
    this.#limit(attendee, 'ask', 'You can ask again in a little while (3 questions, then one per 30 s).');
    const id = `q-${randomBytes(9).toString('base64url')}`;
    // Public at once unless the desk turned that off: the status goes into the event (the log
    // replays it as acknowledged, wherever the switch stands later).
    const status = this.state.publishAtOnce ? 'approved' : 'pending';
    this.#accept({ t: 'ask', id, attendee, text, name, at: this.now(), status }, [attendee], status === 'approved');
    return this.state.mine(attendee).questions.find((q) => q.id === id)!;
  }

  /** Whether the attendee's own allowance would take a question now (nothing is taken). */
  mayAsk(attendee: string): boolean {
    return this.#limitsOf(attendee).ask.peek();
  }

  upvote(attendee: string, id: string): MyAudience {
    this.#limit(attendee, 'upvote', 'Too many upvotes; wait a moment.');
    this.#accept({ t: 'upvote', id, attendee, at: this.now() }, [attendee]);
    return this.state.mine(attendee);
  }

  setPoll(pollId: string, status: Exclude<PollStatus, 'idle'>): void {
    const spec = this.state.spec(pollId);
    const answer = status === 'revealed' && spec ? (spec.number ? decideNumeric(spec, this.scores()) : decidePrediction(spec, this.scores())) : undefined;
    this.#accept({ t: 'poll', pollId, status, at: this.now(), ...(answer ? { answer } : {}) }, []);
  }

  moderate(id: string, status: QuestionStatus): void {
    const asker = this.state.askerOf(id);
    this.#accept({ t: 'moderate', id, status, at: this.now() }, asker ? [asker] : []);
  }

  /** The publishing switch (logged: a restart keeps it). Questions already asked keep their status. */
  setPublishing(atOnce: boolean): void {
    if (this.state.publishAtOnce === atOnce) return;
    this.#accept({ t: 'publishing', atOnce, at: this.now() }, [], false);
  }

  /** Reactions are counted, not logged: one burst per half second reaches the screens. */
  react(attendee: string, emoji: Reaction): void {
    this.#limit(attendee, 'react', 'Easy on the reactions!');
    this.#burst ??= { at: this.now(), counts: {} };
    this.#burst.counts[emoji] = (this.#burst.counts[emoji] ?? 0) + 1;
    this.#burstFlush.schedule();
  }

  dispose(): void {
    this.#burstFlush.cancel();
  }

  #accept(e: AudienceEvent, attendees: string[], isPublic = true): void {
    const refused = this.state.check(e);
    if (refused) throw new CommandFailure('invalid', refused);
    this.log?.append(e); // logged before it counts: what was acknowledged survives a restart
    this.state.apply(e);
    this.changes.emit({ public: isPublic, attendees });
  }

  #limit(attendee: string, kind: keyof typeof ATTENDEE_LIMITS, message: string): void {
    if (!this.#limitsOf(attendee)[kind].take()) throw new CommandFailure('rate-limited', message);
  }

  #limitsOf(attendee: string): Record<keyof typeof ATTENDEE_LIMITS, RateLimiter> {
    let limits = this.#limits.get(attendee);
    if (!limits) {
      limits = Object.fromEntries(Object.entries(ATTENDEE_LIMITS).map(([k, [rate, burst]]) => [k, new RateLimiter(rate, burst, this.now)])) as Record<
        keyof typeof ATTENDEE_LIMITS,
        RateLimiter
      >;
      this.#limits.set(attendee, limits);
    }
    return limits;
  }
}
