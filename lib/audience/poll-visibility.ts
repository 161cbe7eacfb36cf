// Who sees a poll's counts, and when (pure). A prediction poll's counts stay with the presenter
// until the reveal: a room that watches the bars grow votes with them (herding), and the point of
// a prediction is what each person expected. The server sends the room such a poll without its
// counts (AudienceState.publicView); the cards decide the same way from the spec, so a view that
// did carry counts would still not show them.
// A numeric poll's distribution (n, quartiles, bins: never an attendee's number) is the point of
// the poll on the console and on `/screen`, so it goes to the room live, prediction or not. On a
// phone it shows only once that phone has answered, or voting is over: a phone seeing the room's
// median before answering would anchor on it. That part is the card's (pollDisplay), not the
// server's — the projector shows the same summary to everyone anyway.
import type { PollSpec, PollStatus, PollView } from './types';

/** Whether a poll has something to reveal: a prediction (which mode measured best), or a numeric
 *  poll that measures a figure (the value the demo measured). */
export function revealable(spec: Pick<PollSpec, 'predicts' | 'number'>): boolean {
  return Boolean(spec.predicts || spec.number?.measures);
}

/** Whether the room is kept from the counts: a prediction poll before it is revealed. */
export function countsWithheld(spec: Pick<PollSpec, 'predicts'>, status: PollStatus): boolean {
  return Boolean(spec.predicts) && status !== 'revealed';
}

/** The poll as the room is sent it: a withheld poll's counts stay on the server (its total, how
 *  many have voted, says nothing about what they chose). */
export function roomPollView(spec: PollSpec, view: PollView): PollView {
  return countsWithheld(spec, view.status) ? { ...view, counts: {} } : view;
}

/** Who looks at a poll card: an attendee who can vote, the projector (results only), or the
 *  presenter (every count, always). */
export type PollViewer = 'voter' | 'room' | 'presenter';

export interface PollDisplay {
  /** Whether the bars and counts show. */
  results: boolean;
  /** A line under the status saying why results are not shown, or that the room cannot see them. */
  note: string | null;
}

/** What a poll card shows of `view` to `viewer` (`myVote`: the voter's own choice, or a numeric
 *  poll's own answer). */
export function pollDisplay(spec: PollSpec, status: PollStatus, viewer: PollViewer, myVote?: string | number): PollDisplay {
  const answered = myVote !== undefined && myVote !== '';
  if (spec.number) {
    if (viewer !== 'voter' || answered || status === 'closed' || status === 'revealed') return { results: true, note: null };
    return { results: false, note: status === 'open' ? "The room's answers show once you have answered." : null };
  }
  const withheld = countsWithheld(spec, status);
  if (viewer === 'presenter') return { results: true, note: withheld && status !== 'idle' ? 'The room sees no counts until you reveal.' : null };
  if (withheld) {
    const note =
      status === 'open' ? 'Results at the reveal: the room sees no counts while voting is open.' : status === 'closed' ? 'Results at the reveal.' : null;
    return { results: false, note };
  }
  // An attendee sees the results once they voted or voting is over; the projector always.
  return { results: viewer === 'room' || answered || status === 'closed' || status === 'revealed', note: null };
}
