// The audience state as a fold over its event log (pure): replaying the log after a restart gives
// back exactly the state before it. Rules live here: one vote per attendee per poll (a new vote
// replaces the old one while the poll is open), one upvote per attendee per public question, none
// on one's own. A question starts as its ask event says (public at once, or pending); the
// publishing switch is folded too, so the server asks the state how the next question starts.
// A numeric poll takes one number per attendee instead (an `estimate`, replaced while open, within
// the poll's range), and its view carries the distribution's summary, never the numbers.
import type {
  AudienceEvent,
  MyAudience,
  PollAnswer,
  PollSpec,
  PollStatus,
  PollView,
  PresenterAudience,
  PublicAudience,
  QuestionStatus,
  QuestionView,
} from './types';
import { PRESENTER_QUEUE_PAGE, PUBLIC_QUESTIONS_NEWEST, PUBLIC_QUESTIONS_PAGE, PUBLISH_AT_ONCE_BY_DEFAULT } from './types';
import { revealable, roomPollView } from './poll-visibility';
import { summarizeEstimates } from './estimates';

interface PollRecord {
  status: PollStatus;
  votes: Map<string, string>;
  /** A numeric poll's answers, by attendee. */
  estimates: Map<string, number>;
  answer: PollAnswer | null;
}

interface QuestionRecord {
  id: string;
  attendee: string;
  text: string;
  name: string | null;
  at: number;
  status: QuestionStatus;
  upvoters: Set<string>;
}

export class AudienceState {
  rev = 0;
  readonly #polls = new Map<string, PollRecord>();
  readonly #questions = new Map<string, QuestionRecord>();
  /** Questions asked, by attendee. */
  readonly #asked = new Map<string, number>();
  /** How a question asked now starts: public (`approved`) or `pending` (the publishing switch). */
  publishAtOnce = PUBLISH_AT_ONCE_BY_DEFAULT;

  constructor(readonly specs: PollSpec[]) {
    for (const p of specs) this.#polls.set(p.id, { status: 'idle', votes: new Map(), estimates: new Map(), answer: null });
  }

  /** Why an event would be refused (null: it applies). The server checks before logging. */
  check(e: AudienceEvent): string | null {
    switch (e.t) {
      case 'poll': {
        const poll = this.#polls.get(e.pollId);
        if (!poll) return `No poll "${e.pollId}" in this talk.`;
        const spec = this.spec(e.pollId)!;
        if (e.status === 'revealed' && !revealable(spec)) return `Poll "${e.pollId}" is not a prediction: there is nothing to reveal.`;
        return null;
      }
      case 'vote': {
        const poll = this.#polls.get(e.pollId);
        if (!poll) return `No poll "${e.pollId}" in this talk.`;
        if (poll.status !== 'open') return 'This poll is not open.';
        if (this.spec(e.pollId)!.number) return 'This poll asks for a number.';
        if (!this.spec(e.pollId)!.options.some((o) => o.id === e.option)) return `"${e.option}" is not an option of this poll.`;
        return null;
      }
      case 'estimate': {
        const poll = this.#polls.get(e.pollId);
        if (!poll) return `No poll "${e.pollId}" in this talk.`;
        if (poll.status !== 'open') return 'This poll is not open.';
        const n = this.spec(e.pollId)!.number;
        if (!n) return 'This poll asks for a choice, not a number.';
        if (typeof e.value !== 'number' || !Number.isFinite(e.value)) return 'The answer is not a number.';
        if (e.value < n.min || e.value > n.max) return `Answer between ${n.min} and ${n.max} ${n.unit}.`;
        return null;
      }
      case 'ask':
        return this.#questions.has(e.id) ? 'Duplicate question id.' : null;
      case 'publishing':
        return null;
      case 'upvote': {
        const q = this.#questions.get(e.id);
        if (!q || q.status === 'hidden') return 'No such question.';
        // Only what everyone can see can be upvoted: a pending question is the presenter's to
        // judge first (stuffing one before moderation would rank it before it is public).
        if (q.status === 'pending') return 'This question is not public yet.';
        if (q.attendee === e.attendee) return 'You cannot upvote your own question.';
        if (q.upvoters.has(e.attendee)) return 'You already upvoted this question.';
        return null;
      }
      case 'moderate':
        return this.#questions.has(e.id) ? null : 'No such question.';
    }
  }

  /** Applies an event; one that `check` refuses changes nothing (a replayed log holds only
   *  events that passed, in order, so they pass again). Returns whether it applied. */
  apply(e: AudienceEvent): boolean {
    if (this.check(e) !== null) return false;
    switch (e.t) {
      case 'poll': {
        const poll = this.#polls.get(e.pollId)!;
        poll.status = e.status;
        if (e.status === 'open') poll.answer = null;
        if (e.answer) poll.answer = e.answer;
        break;
      }
      case 'vote':
        this.#polls.get(e.pollId)!.votes.set(e.attendee, e.option);
        break;
      case 'estimate':
        this.#polls.get(e.pollId)!.estimates.set(e.attendee, e.value);
        break;
      case 'ask':
        // The status the event carries, not the switch now: replaying gives what was acknowledged.
        this.#questions.set(e.id, { id: e.id, attendee: e.attendee, text: e.text, name: e.name, at: e.at, status: e.status ?? 'pending', upvoters: new Set() });
        this.#asked.set(e.attendee, (this.#asked.get(e.attendee) ?? 0) + 1);
        break;
      case 'upvote':
        this.#questions.get(e.id)!.upvoters.add(e.attendee);
        break;
      case 'moderate':
        this.#questions.get(e.id)!.status = e.status;
        break;
      case 'publishing':
        this.publishAtOnce = e.atOnce;
        break;
    }
    this.rev++;
    return true;
  }

  spec(pollId: string): PollSpec | undefined {
    return this.specs.find((p) => p.id === pollId);
  }

  poll(pollId: string): PollView | null {
    const p = this.#polls.get(pollId);
    if (!p) return null;
    const spec = this.spec(pollId)!;
    if (spec.number) {
      return {
        id: pollId,
        status: p.status,
        counts: {},
        total: p.estimates.size,
        answer: p.answer,
        estimates: summarizeEstimates(spec.number, p.estimates.values()),
      };
    }
    const counts: Record<string, number> = Object.fromEntries(spec.options.map((o) => [o.id, 0]));
    for (const option of p.votes.values()) counts[option] = (counts[option] ?? 0) + 1;
    return { id: pollId, status: p.status, counts, total: p.votes.size, answer: p.answer };
  }

  #questionView(q: QuestionRecord): QuestionView {
    return { id: q.id, text: q.text, name: q.name, at: q.at, votes: q.upvoters.size, status: q.status };
  }

  #sorted(list: QuestionView[]): QuestionView[] {
    return list.sort((a, b) => b.votes - a.votes || a.at - b.at);
  }

  /** The public questions a view carries, most upvoted first: all of them, or past
   *  PUBLIC_QUESTIONS_PAGE the most upvoted and the newest of the rest. */
  #publicPage(): { page: QuestionView[]; published: number } {
    const all = this.#sorted([...this.#questions.values()].filter((q) => q.status === 'approved' || q.status === 'answered').map((q) => this.#questionView(q)));
    if (all.length <= PUBLIC_QUESTIONS_PAGE) return { page: all, published: all.length };
    const top = PUBLIC_QUESTIONS_PAGE - PUBLIC_QUESTIONS_NEWEST;
    const newest = all
      .slice(top)
      .sort((a, b) => b.at - a.at)
      .slice(0, PUBLIC_QUESTIONS_NEWEST);
    return { page: this.#sorted([...all.slice(0, top), ...newest]), published: all.length };
  }

  /** What everyone sees: opened polls (a prediction's counts only once revealed: poll-visibility.ts),
   *  approved and answered questions (most upvoted first, a page of them). */
  publicView(): PublicAudience {
    const polls = this.specs.map((s) => roomPollView(s, this.poll(s.id)!)).filter((p) => p.status !== 'idle');
    const { page, published } = this.#publicPage();
    return { rev: this.rev, polls, questions: page, published };
  }

  presenterView(): PresenterAudience {
    const all = [...this.#questions.values()];
    const byStatus = (status: QuestionStatus) => all.filter((q) => q.status === status);
    const pending = byStatus('pending').sort((a, b) => a.at - b.at);
    const hidden = byStatus('hidden').sort((a, b) => b.at - a.at);
    const { page, published } = this.#publicPage();
    const shown = [...pending.slice(0, PRESENTER_QUEUE_PAGE), ...hidden.slice(0, PRESENTER_QUEUE_PAGE)].map((q) => this.#questionView(q));
    return {
      rev: this.rev,
      polls: this.specs.map((s) => this.poll(s.id)!),
      questions: this.#sorted([...page, ...shown]),
      published,
      waiting: pending.length,
      hidden: hidden.length,
      publishAtOnce: this.publishAtOnce,
    };
  }

  /** A moderator's view: the presenter's questions desk, and the polls only as the room sees them
   *  (a prediction's counts stay the presenter's until the reveal: poll-visibility.ts). */
  moderatorView(): PresenterAudience {
    return { ...this.presenterView(), polls: this.publicView().polls };
  }

  mine(attendee: string): MyAudience {
    const votes: Record<string, string> = {};
    const estimates: Record<string, number> = {};
    for (const [id, p] of this.#polls) {
      const v = p.votes.get(attendee);
      if (v) votes[id] = v;
      const n = p.estimates.get(attendee);
      if (n !== undefined) estimates[id] = n;
    }
    const mine = [...this.#questions.values()].filter((q) => q.attendee === attendee);
    const upvoted = [...this.#questions.values()].filter((q) => q.upvoters.has(attendee)).map((q) => q.id);
    return { votes, estimates, questions: this.#sorted(mine.map((q) => ({ ...this.#questionView(q), mine: true }))), upvoted };
  }

  /** How many questions an attendee has asked. */
  asked(attendee: string): number {
    return this.#asked.get(attendee) ?? 0;
  }

  /** The attendee who asked a question (to tell their connections when it changes). */
  askerOf(id: string): string | undefined {
    return this.#questions.get(id)?.attendee;
  }

  /** Everything, for the export after the talk (a numeric poll's answers too, sorted: whose they
   *  were is not in it). */
  export() {
    return {
      polls: this.specs.map((s) => ({
        ...s,
        ...this.poll(s.id)!,
        ...(s.number ? { values: [...this.#polls.get(s.id)!.estimates.values()].sort((a, b) => a - b) } : {}),
      })),
      questions: [...this.#questions.values()].map((q) => ({
        id: q.id,
        text: q.text,
        name: q.name,
        at: new Date(q.at).toISOString(),
        votes: q.upvoters.size,
        status: q.status,
      })),
    };
  }
}
