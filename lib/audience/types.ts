// The audience's part of the talk: polls declared in the slides, questions, reactions. Pure data;
// the server keeps the one authoritative state and persists it as an append-only event log.
import type { ModeId } from '../mesh/modes';

export interface PollOption {
  id: string;
  label: string;
}

/** What a prediction poll is checked against when revealed: the demo's own measurements. */
export type PollMeasure = 'lowest-p50' | 'lowest-p99' | 'lowest-cpu';

/** The comparison table's figures a numeric poll can be revealed against (lib/viz/comparison.ts):
 *  a mode's cumulative p50 or p99, or what it adds to No mesh's at that percentile. */
export type NumericFigure = 'p50' | 'p99' | 'added-p50' | 'added-p99';
export const NUMERIC_FIGURES: readonly NumericFigure[] = ['p50', 'p99', 'added-p50', 'added-p99'];

/** A numeric poll's answer space: phones answer with a number in [min, max], in `unit`. */
export interface NumberSpec {
  unit: string;
  min: number;
  max: number;
  /** How the slider and the histogram spread [min, max]: `log` for answers spanning decades. */
  scale: 'linear' | 'log';
  /** What the reveal lands on: a figure of one mode, as the comparison table shows it (absent:
   *  a numeric question with nothing to reveal). */
  measures?: { figure: NumericFigure; mode: ModeId };
}

export interface PollSpec {
  id: string;
  question: string;
  /** The choices (none for a numeric poll). */
  options: PollOption[];
  /** Prediction polls: options are mode ids, and the reveal says which mode measured best. */
  predicts?: PollMeasure;
  /** A numeric poll (options empty): a number per attendee, shown as a distribution. */
  number?: NumberSpec;
}

export type PollStatus = 'idle' | 'open' | 'closed' | 'revealed';

export interface PollAnswer {
  /** The winning option, or null when the demo has not measured enough to decide (always null
   *  for a numeric poll). */
  option: string | null;
  detail: string;
  /** A numeric poll's measured value in the poll's unit; null when nothing was measured to reveal
   *  (the detail says why). Absent on a choice poll. */
  value?: number | null;
  unit?: string;
  /** Where a numeric poll's value comes from, in words: `Sidecar, added p99 over No mesh`, the
   *  window (`cumulative since …`), the condition (`200 rps · 1 KiB · mTLS`) and `live` or
   *  `recorded 2026-12-02`. */
  measurement?: {
    figure: string;
    window: string;
    condition: string | null;
    source: string;
    /** The value as the comparison table writes it (`+0.50 ms`); absent in older recordings. */
    written?: string;
  };
}

/** A numeric poll's answers as the room may see them: how many, the quartiles, and counts per
 *  bin (estimateBins over [min, max]) — never an attendee's own value. */
export interface EstimateSummary {
  n: number;
  /** Quartiles (lib/audience/estimates.ts: linear interpolation, Hyndman & Fan type 7); null when n is 0. */
  q1: number | null;
  median: number | null;
  q3: number | null;
  /** Answers per bin, the bins spreading [min, max] evenly on the poll's scale. */
  bins: number[];
}

/** A poll as everyone sees it. */
export interface PollView {
  id: string;
  status: PollStatus;
  counts: Record<string, number>;
  total: number;
  answer: PollAnswer | null;
  /** A numeric poll's distribution (absent on a choice poll, and in older recordings). */
  estimates?: EstimateSummary;
}

export type QuestionStatus = 'pending' | 'approved' | 'hidden' | 'answered';

export interface QuestionView {
  id: string;
  text: string;
  name: string | null;
  at: number;
  votes: number;
  status: QuestionStatus;
  /** Only in the asker's own copy: this attendee asked it. */
  mine?: boolean;
}

/** What everyone sees: polls that have been opened, approved and answered questions (a page of
 *  them: PUBLIC_QUESTIONS_PAGE). */
export interface PublicAudience {
  rev: number;
  polls: PollView[];
  questions: QuestionView[];
  /** All public (approved and answered) questions; `questions` holds a page of them (the server
   *  always says; absent, as in older fixtures, `questions` is all of them). */
  published?: number;
}

/** Public questions every broadcast carries at most: the most upvoted and, after them, the newest
 *  (so a new question can still be seen and upvoted). Published at once, a flood of questions is
 *  public until the desk hides it: the page bounds what it costs every phone and the console
 *  (a thousand questions of 280 characters were ~300 KB per broadcast, up to four a second). */
export const PUBLIC_QUESTIONS_PAGE = 50;
/** Of the page, how many are the newest (outside the most upvoted). */
export const PUBLIC_QUESTIONS_NEWEST = 15;

/** One attendee's own part, sent only to that attendee's connections. */
export interface MyAudience {
  /** Votes by poll (kept across reconnects). */
  votes: Record<string, string>;
  /** Numeric answers by poll (absent from servers before numeric polls). */
  estimates?: Record<string, number>;
  /** Questions this attendee asked, in any status. */
  questions: QuestionView[];
  /** Question ids this attendee upvoted. */
  upvoted: string[];
}

/** A phone's new identity, for its solved challenge: the token to keep and its (empty) own part. */
export interface IdentityClaimed {
  attendeeToken: string;
  mine: MyAudience;
}

/** Pending (and hidden) questions the presenter's desk carries at a time: the oldest waiting
 *  first. A room flooding the queue used to make every presenter broadcast carry all of them
 *  (1.28 MB, up to four a second) and stall the presenter's screen. */
export const PRESENTER_QUEUE_PAGE = 20;

/** The presenter's view: every poll, the public questions, and a page of the others with counts. */
export interface PresenterAudience extends PublicAudience {
  /** Whether a new question is public the moment it is asked (the desk hides it later), or waits
   *  as `pending` until approved. On unless the presenter or a moderator turned it off. */
  publishAtOnce: boolean;
  /** All pending questions; `questions` holds the oldest PRESENTER_QUEUE_PAGE of them. */
  waiting: number;
  /** All hidden questions; `questions` holds the latest PRESENTER_QUEUE_PAGE of them. */
  hidden: number;
}

export const REACTIONS = ['👏', '🔥', '🤯', '😂', '🤔', '❤️'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Reactions counted over a short window, for bursts on the presenter's screen. */
export interface ReactionBurst {
  at: number;
  counts: Partial<Record<Reaction, number>>;
}

/** Until a `publishing` event says otherwise: questions are public at once (hidden later), as in
 *  Slido — a speaker mid-demo does not moderate, and a question nobody can see cannot be upvoted. */
export const PUBLISH_AT_ONCE_BY_DEFAULT = true;

/** Everything the log records. Reactions are ephemeral and not logged. */
export type AudienceEvent =
  | { t: 'poll'; pollId: string; status: Exclude<PollStatus, 'idle'>; at: number; answer?: PollAnswer }
  | { t: 'vote'; pollId: string; attendee: string; option: string; at: number }
  /** A numeric poll's answer (in the poll's unit); a new one replaces the old while open. */
  | { t: 'estimate'; pollId: string; attendee: string; value: number; at: number }
  /** `status`: what the question started as, decided when it was asked (the setting then) and
   *  kept in the event, so a replay never depends on where the switch stood; logs from before
   *  the switch have none, and their questions started pending. */
  | { t: 'ask'; id: string; attendee: string; text: string; name: string | null; at: number; status?: 'pending' | 'approved' }
  | { t: 'publishing'; atOnce: boolean; at: number }
  | { t: 'upvote'; id: string; attendee: string; at: number }
  | { t: 'moderate'; id: string; status: QuestionStatus; at: number };
