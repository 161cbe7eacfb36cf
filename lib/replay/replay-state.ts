// What the screens showed at time t of a recording (pure): the slide, the demo state, the latest
// window and hop sample, the last minute of windows, and the scoreboard built from everything
// measured so far — the same shapes the live app uses, so the same components draw them.
import type { DeckPosition } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { ModeId } from '../mesh/modes';
import { counts, EMPTY_SCOREBOARD, withHops, withLatency, withTopology, type Scoreboard } from '../mesh/scoreboard';
import { toPoint, type HopsSample, type LatencyPoint, type LatencyWindow } from '../mesh/telemetry';
import type { RecordedEvent, Recording } from './recording';

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

export function frameAt(rec: Recording, t: number): ReplayFrame {
  const end = lastAtOrBefore(rec.events, t);
  const frame: ReplayFrame = { t, deck: null, slideId: null, demo: null, latency: null, hops: null, history: [], scores: EMPTY_SCOREBOARD };
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
    } else {
      frame.hops = e.sample;
      if (counts(frame.demo, e.sample.mode)) scores = withHops(scores, e.sample);
    }
  }
  frame.scores = scores;
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
