// What the screens showed at time t of a recording (pure): the slide, the demo state, the latest
// window and hop sample, the last minute of windows, and the scoreboard built from everything
// measured so far — the same shapes the live app uses, so the same components draw them — and,
// in a live talk's recording, the room as it stood (polls, public questions, reactions).
import type { PollSpec, PollView } from '../audience/types';
import type { DeckPosition } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { ModeId } from '../mesh/modes';
import { counts, EMPTY_SCOREBOARD, withHops, withLatency, withTopology, type Scoreboard } from '../mesh/scoreboard';
import { toPoint, type HopsSample, type LatencyPoint, type LatencyWindow } from '../mesh/telemetry';
import { isRoomEvent, type ReactionCounts, type RecordedEvent, type RecordedQuestion, type Recording, type RoomEvent } from './recording';

/** The room at a time of the recording: what everyone saw of the audience. */
export interface ReplayRoom {
  /** The talk's polls as declared when it was recorded. */
  specs: PollSpec[];
  /** Polls opened so far, as they stood (a prediction's counts only once revealed). */
  polls: PollView[];
  /** Public questions (approved and answered), most upvoted first, ties asked first. */
  questions: RecordedQuestion[];
  /** Reactions in the last second. */
  reactions: ReactionCounts;
}

export interface ReplayFrame {
  t: number;
  deck: DeckPosition | null;
  /** The recorded slide's id, when the recording has it (resolve it against the current deck). */
  slideId: string | null;
  demo: DemoState | null;
  latency: LatencyWindow | null;
  hops: HopsSample | null;
  history: LatencyPoint[];
  scores: Scoreboard;
  /** The room at t; null when the recording kept no room (the scripted tour, older recordings). */
  room: ReplayRoom | null;
}

const HISTORY_MS = 60_000;

/** Index of the last event at or before t (−1 if none). Events are sorted by t. */
export function lastAtOrBefore(events: RecordedEvent[], t: number): number {
  let lo = 0;
  let hi = events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.t <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A replay is one timeline, one epoch. */
const REPLAY_EPOCH = 'replay';

const REACTIONS_MS = 1_000;

/** Folds the room's events up to t (call in order, then `done`). */
class RoomFold {
  #specs: PollSpec[] | null = null;
  #polls = new Map<string, PollView>();
  #questions = new Map<string, RecordedQuestion>();
  #reactions: ReactionCounts = {};

  constructor(private readonly t: number) {}

  add(e: RoomEvent): void {
    switch (e.k) {
      case 'room':
        this.#specs = e.polls;
        break;
      case 'poll':
        this.#polls.set(e.poll.id, e.poll);
        break;
      case 'question':
        this.#questions.set(e.question.id, e.question);
        break;
      case 'question-votes':
        for (const [id, votes] of Object.entries(e.votes)) {
          const q = this.#questions.get(id);
          if (q) this.#questions.set(id, { ...q, votes });
        }
        break;
      case 'question-withdrawn':
        this.#questions.delete(e.id);
        break;
      case 'reactions':
        if (e.t > this.t - REACTIONS_MS)
          for (const [emoji, n] of Object.entries(e.counts) as [keyof ReactionCounts, number][]) this.#reactions[emoji] = (this.#reactions[emoji] ?? 0) + n;
        break;
    }
  }

  done(): ReplayRoom | null {
    if (!this.#specs) return null;
    const questions = [...this.#questions.values()].sort((a, b) => b.votes - a.votes || a.at - b.at);
    return { specs: this.#specs, polls: [...this.#polls.values()], questions, reactions: this.#reactions };
  }
}

/** The room at time t of the recording (null: it kept none). */
export function roomAt(rec: Recording, t: number): ReplayRoom | null {
  const fold = new RoomFold(t);
  const end = lastAtOrBefore(rec.events, t);
  for (let i = 0; i <= end; i++) {
    const e = rec.events[i]!;
    if (isRoomEvent(e)) fold.add(e);
  }
  return fold.done();
}

export function frameAt(rec: Recording, t: number): ReplayFrame {
  const end = lastAtOrBefore(rec.events, t);
  const frame: ReplayFrame = { t, deck: null, slideId: null, demo: null, latency: null, hops: null, history: [], scores: EMPTY_SCOREBOARD, room: null };
  const room = new RoomFold(t);
  let scores = EMPTY_SCOREBOARD;
  for (let i = 0; i <= end; i++) {
    const e = rec.events[i]!;
    if (e.k === 'deck') {
      frame.deck = e.position;
      frame.slideId = e.slideId ?? null;
    } else if (e.k === 'demo') {
      frame.demo = { ...e.state, epoch: REPLAY_EPOCH };
      if (e.state.topology) scores = withTopology(scores, e.state.topology);
    } else if (e.k === 'latency') {
      frame.latency = e.window;
      // Marked recorded, so the comparison and anything built on the scoreboard do not say "live".
      if (counts(frame.demo, e.window.mode)) scores = withLatency(scores, { ...e.window, recordedAt: rec.meta.recordedAt });
      if (e.t > t - HISTORY_MS) frame.history.push(toPoint(e.window));
    } else if (e.k === 'hops') {
      frame.hops = e.sample;
      if (counts(frame.demo, e.sample.mode)) scores = withHops(scores, e.sample);
    } else if (isRoomEvent(e)) room.add(e);
    // Any other kind is from a newer recorder: skipped, not mistaken for a hop sample.
  }
  frame.scores = scores;
  frame.room = room.done();
  return frame;
}

export interface ModeSegment {
  mode: ModeId;
  from: number;
  to: number;
}

/** Where each mode ran in the recording, so a visitor can jump to the mode they want to see. */
export function modeSegments(rec: Recording): ModeSegment[] {
  const out: ModeSegment[] = [];
  for (const e of rec.events) {
    if (e.k !== 'demo') continue;
    const last = out[out.length - 1];
    if (last && last.mode === e.state.mode) continue;
    if (last) last.to = e.t;
    out.push({ mode: e.state.mode, from: e.t, to: rec.meta.durationMs });
  }
  return out;
}

/** One jump per data plane: where it first appears, in the order of appearance (a tour visits a
 *  mode several times, the visitor wants to jump to the mode). */
export function modeJumps(segments: ModeSegment[]): ModeSegment[] {
  const seen = new Set<ModeSegment['mode']>();
  return segments.filter((s) => !seen.has(s.mode) && (seen.add(s.mode), true));
}
