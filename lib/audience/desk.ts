// What the presenter's audience desk lists, and in which order (pure). The desk is read in a glance
// between slides: the questions that need an action come first, and a poll that still needs the
// presenter (voting open, or a prediction not yet revealed) stays on the desk on every slide, so a
// prediction is revealed from the slide that shows the measurements, not by walking the deck back.
import type { PollSpec, PollStatus, PollView, QuestionStatus, QuestionView } from './types';
import { revealable } from './poll-visibility';

const RANK: Record<QuestionStatus, number> = { pending: 0, approved: 1, answered: 2, hidden: 3 };

/** The desk's questions: waiting ones first (oldest first: asked longest ago), then approved (most
 *  upvoted first), answered, hidden. Published at once (the default), nearly all are approved and
 *  the desk reads as the room's list by votes — what the projector's Questions slide shows
 *  (top-questions.ts); a question that waits (moderation on) needs an action, so it stays first. */
export function deskQuestions(questions: readonly QuestionView[]): QuestionView[] {
  return [...questions].sort((a, b) => RANK[a.status] - RANK[b.status] || (a.status === 'pending' ? a.at - b.at : b.votes - a.votes || a.at - b.at));
}

/** A poll of the talk with the slide that declares it. */
export interface DeckPoll {
  slideId: string;
  spec: PollSpec;
}

export interface PollToMind extends DeckPoll {
  status: Exclude<PollStatus, 'idle' | 'revealed'>;
}

/** Whether a poll in `status` still needs the presenter: voting open (to close it), or a
 *  prediction (or a numeric poll that measures a figure) closed and not yet revealed. */
export function needsPresenter(spec: Pick<PollSpec, 'predicts' | 'number'>, status: PollStatus): status is PollToMind['status'] {
  return status === 'open' || (revealable(spec) && status === 'closed');
}

/** The polls the desk offers off their own slide (`currentPollId`: the shown slide's poll, which
 *  has its full card there), in slide order. */
export function pollsToMind(polls: readonly DeckPoll[], views: readonly PollView[], currentPollId: string | null): PollToMind[] {
  return polls.flatMap((p) => {
    const status = views.find((v) => v.id === p.spec.id)?.status ?? 'idle';
    return p.spec.id !== currentPollId && needsPresenter(p.spec, status) ? [{ ...p, status }] : [];
  });
}

/** The one line such a poll gets, e.g. `predict-p99 — closed`. */
export function pollToMindLabel(p: PollToMind): string {
  return `${p.slideId} — ${p.status === 'open' ? 'voting open' : 'closed'}`;
}
