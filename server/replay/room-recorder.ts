// Records the room for a live talk's recording: what everyone saw of the audience (the public view:
// polls, approved and answered questions) and reactions counted per second, each with the slide it
// happened on. Identities never leave the server: only the public view and aggregate counts are
// read, never the state's attendee ids, tokens or upvoter sets. A busy room is coalesced: at most
// one snapshot per ROOM_SNAPSHOT_MS, holding only what changed since the last one.
import { coalesce } from '../../lib/async/async-helpers';
import type { PollView } from '../../lib/audience/types';
import type { ReactionCounts, RecordedEvent, RecordedQuestion, RoomEvent } from '../../lib/replay/recording';
import type { AudienceService } from '../audience/audience-service';

/** At most four snapshots a second, however many votes arrive. */
export const ROOM_SNAPSHOT_MS = 250;
/** Reactions are kept per second. */
export const REACTIONS_BUCKET_MS = 1_000;

type Recorded = { [K in RoomEvent['k']]: Omit<Extract<RoomEvent, { k: K }>, 't' | 'slideId'> }[RoomEvent['k']];

const samePoll = (a: PollView, b: PollView) =>
  a.status === b.status &&
  a.total === b.total &&
  JSON.stringify(a.answer) === JSON.stringify(b.answer) &&
  JSON.stringify(a.counts) === JSON.stringify(b.counts) &&
  JSON.stringify(a.estimates) === JSON.stringify(b.estimates);

/** Field by field: nothing but what the room sees goes in (a numeric poll: its summary, never
 *  the numbers). */
const recordedPoll = (poll: PollView): PollView => ({
  id: poll.id,
  status: poll.status,
  counts: { ...poll.counts },
  total: poll.total,
  answer: poll.answer && { ...poll.answer, ...(poll.answer.measurement ? { measurement: { ...poll.answer.measurement } } : {}) },
  ...(poll.estimates
    ? { estimates: { n: poll.estimates.n, q1: poll.estimates.q1, median: poll.estimates.median, q3: poll.estimates.q3, bins: [...poll.estimates.bins] } }
    : {}),
});

export class RoomRecorder {
  readonly #polls = new Map<string, PollView>();
  readonly #questions = new Map<string, RecordedQuestion>();
  /** Questions taken down and not public again (yet). */
  readonly #withdrawn = new Set<string>();
  #reactions: ReactionCounts | null = null;
  readonly #snapshot = coalesce(() => this.#record(), ROOM_SNAPSHOT_MS);
  readonly #reactionsDue = coalesce(() => this.#recordReactions(), REACTIONS_BUCKET_MS);
  readonly #off: (() => void)[];

  constructor(
    private readonly audience: AudienceService,
    private readonly push: (e: RoomEvent) => void,
    private readonly t: () => number,
    private readonly slideId: () => string | undefined,
  ) {
    this.#emit({ k: 'room', polls: audience.state.specs });
    // The room as it stands (a talk restarted mid-way has its polls and questions already).
    this.#record();
    this.#off = [
      // Every change (an ask may be public at once): the snapshot finds what the room can see.
      audience.changes.add(() => this.#snapshot.schedule()),
      audience.reactions.add((burst) => {
        this.#reactions ??= {};
        for (const [emoji, n] of Object.entries(burst.counts) as [keyof ReactionCounts, number][]) this.#reactions[emoji] = (this.#reactions[emoji] ?? 0) + n;
        this.#reactionsDue.schedule();
      }),
    ];
  }

  /** Records what is pending now (the slide is about to change: it happened on this one). */
  flush(): void {
    this.#snapshot.cancel();
    this.#reactionsDue.cancel();
    this.#record();
    this.#recordReactions();
  }

  /** Records what is pending and stops. Returns the questions still taken down: the recording
   *  drops every trace of them. */
  close(): ReadonlySet<string> {
    for (const off of this.#off) off();
    this.flush();
    return this.#withdrawn;
  }

  #emit(e: Recorded): void {
    const slideId = e.k === 'room' ? undefined : this.slideId();
    this.push({ t: this.t(), ...e, ...(slideId ? { slideId } : {}) } as RoomEvent);
  }

  #record(): void {
    const view = this.audience.state.publicView();
    for (const poll of view.polls) {
      const last = this.#polls.get(poll.id);
      if (last && samePoll(last, poll)) continue;
      this.#polls.set(poll.id, poll);
      this.#emit({ k: 'poll', poll: recordedPoll(poll) });
    }
    const votes: Record<string, number> = {};
    const seen = new Set<string>();
    for (const q of view.questions) {
      seen.add(q.id);
      const last = this.#questions.get(q.id);
      // Field by field: nothing but what the room sees goes in.
      const question: RecordedQuestion = { id: q.id, text: q.text, name: q.name, at: q.at, votes: q.votes, status: q.status };
      this.#questions.set(q.id, question);
      this.#withdrawn.delete(q.id);
      if (!last || last.status !== q.status || last.text !== q.text || last.name !== q.name) this.#emit({ k: 'question', question });
      else if (last.votes !== q.votes) votes[q.id] = q.votes;
    }
    if (Object.keys(votes).length > 0) this.#emit({ k: 'question-votes', votes });
    for (const id of [...this.#questions.keys()].filter((id) => !seen.has(id))) {
      this.#questions.delete(id);
      this.#withdrawn.add(id);
      this.#emit({ k: 'question-withdrawn', id });
    }
  }

  #recordReactions(): void {
    const counts = this.#reactions;
    this.#reactions = null;
    if (counts) this.#emit({ k: 'reactions', counts });
  }
}

/** The events with no trace of these questions (taken down and still down when the recording is
 *  written): their text, their upvotes, their withdrawal. */
export function withoutQuestions(events: RecordedEvent[], ids: ReadonlySet<string>): RecordedEvent[] {
  return events.flatMap((e): RecordedEvent[] => {
    if (e.k === 'question') return ids.has(e.question.id) ? [] : [e];
    if (e.k === 'question-withdrawn') return ids.has(e.id) ? [] : [e];
    if (e.k !== 'question-votes') return [e];
    const votes = Object.fromEntries(Object.entries(e.votes).filter(([id]) => !ids.has(id)));
    return Object.keys(votes).length > 0 ? [{ ...e, votes }] : [];
  });
}
