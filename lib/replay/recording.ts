// A recorded session: everything the screens showed, on one timeline. Written by the recorder
// (a live session, or `npm run record` driving the lab through every mode and policy), played
// by /replay without a server. Times are milliseconds from the start of the recording.
// A live talk's recording also keeps the room as everyone saw it (polls, public questions,
// reactions per second), never who did what: no attendee id or token is ever in a recording.
// Readers skip kinds they do not know, so a recording with the room still plays where only the
// demo is read (the stage fallback), and one without it (the scripted tour) plays as before.
import type { PollSpec, PollView, QuestionView, Reaction } from '../audience/types';
import type { DeckPosition } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { HopsSample, LatencyWindow } from '../mesh/telemetry';

export const RECORDING_FORMAT = 'meshstage-recording/1';

export interface RecordingMeta {
  format: typeof RECORDING_FORMAT;
  title: string;
  /** ISO date the recording started. */
  recordedAt: string;
  durationMs: number;
  /** e.g. `lab`, with its variant (`netns`) and the backend's own description. */
  backend: { name: string; variant?: string; detail: string };
  machine: { os: string; kernel: string; cpus: number; cpuModel: string; memoryGb: number; node: string };
  versions: Record<string, string>;
  /** What drove it: `npm run record` (the scripted tour) or a live talk. */
  source: 'scripted' | 'live';
}

/** A question as the room saw it (approved or answered): its text, the name its asker chose, its
 *  upvotes — never who asked or who upvoted. */
export type RecordedQuestion = Omit<QuestionView, 'mine'>;

/** Reactions counted per emoji. */
export type ReactionCounts = Partial<Record<Reaction, number>>;

/** A demo state as recorded: the epoch of the process that recorded it means nothing to a replay. */
export type RecordedDemoState = Omit<DemoState, 'epoch'>;

export type RecordedEvent =
  /** `slideId` keeps a replay on the right slide after slides are added or moved. */
  | { t: number; k: 'deck'; position: DeckPosition; slideId?: string }
  | { t: number; k: 'demo'; state: RecordedDemoState }
  | { t: number; k: 'latency'; window: LatencyWindow }
  | { t: number; k: 'hops'; sample: HopsSample }
  /** The room was recorded from here (a live talk), with the talk's polls as they were declared. */
  | { t: number; k: 'room'; polls: PollSpec[] }
  /** The rest carry the slide they happened on. A poll as the room saw it (a prediction's counts
   *  only once revealed; a numeric poll's summary, never its numbers), each time it changed — at
   *  most a few times a second. Recordings from before numeric polls have no `estimates`. */
  | { t: number; k: 'poll'; poll: PollView; slideId?: string }
  /** A question became public, or its status changed (approved ⇄ answered). */
  | { t: number; k: 'question'; question: RecordedQuestion; slideId?: string }
  /** Upvotes of public questions that changed since the last snapshot, by question id. */
  | { t: number; k: 'question-votes'; votes: Record<string, number>; slideId?: string }
  /** A public question was taken down (hidden, or back to pending); one still down when the
   *  recording is written leaves no trace in it, text included. */
  | { t: number; k: 'question-withdrawn'; id: string; slideId?: string }
  /** Reactions in the second up to t. */
  | { t: number; k: 'reactions'; counts: ReactionCounts; slideId?: string };

/** The kinds that record the room (the audience), not the screens. */
export const ROOM_KINDS = ['room', 'poll', 'question', 'question-votes', 'question-withdrawn', 'reactions'] as const;
export type RoomEvent = Extract<RecordedEvent, { k: (typeof ROOM_KINDS)[number] }>;
const ROOM_KIND_SET: ReadonlySet<string> = new Set(ROOM_KINDS);
export const isRoomEvent = (e: RecordedEvent): e is RoomEvent => ROOM_KIND_SET.has(e.k);

export interface Recording {
  meta: RecordingMeta;
  events: RecordedEvent[];
}

/** Where and when a recording was made, in words: the replay and the handout say it the same way. */
export function recordedDetail(meta: RecordingMeta): string {
  const m = meta.machine;
  const backend = `${meta.backend.name}${meta.backend.variant ? ` (${meta.backend.variant})` : ''}`;
  return `Demo recorded ${new Date(meta.recordedAt).toISOString().slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, Linux ${m.kernel}, ${backend}.`;
}
