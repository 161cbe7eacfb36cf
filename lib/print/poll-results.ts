// A poll as the handout prints it (pure): its options in order, and — where a session's votes are
// known — each option's count and share. Without votes the rows carry none: a handout never shows
// "0 votes" for a room whose votes it was not given.
import type { PollSpec, PollView } from '../audience/types';

/** A poll's votes by option id, as a recorded session holds them. */
export type PollResults = Record<string, number>;

export interface PollRow {
  id: string;
  label: string;
  /** Null when the handout has no votes for this poll. */
  votes: number | null;
  /** Whole percent of all votes (0 when nobody voted). */
  share: number | null;
  /** The option most voted for (every one tied for most), when there are votes. */
  top: boolean;
}

export function pollRows(spec: PollSpec, results?: PollResults): { rows: PollRow[]; total: number | null } {
  if (!results) return { rows: spec.options.map((o) => ({ id: o.id, label: o.label, votes: null, share: null, top: false })), total: null };
  const votes = spec.options.map((o) => Math.max(0, Math.floor(results[o.id] ?? 0)));
  const total = votes.reduce((a, b) => a + b, 0);
  const most = Math.max(...votes);
  return {
    rows: spec.options.map((o, i) => ({
      id: o.id,
      label: o.label,
      votes: votes[i]!,
      share: total ? Math.round((votes[i]! / total) * 100) : 0,
      top: total > 0 && votes[i] === most,
    })),
    total,
  };
}

/** The votes of a session's polls as the room last saw them (lib/replay/replay-state.ts roomAt at
 *  the recording's end): a poll never opened has none, nor a prediction the talk never revealed
 *  (the room never saw its counts, and neither does the handout). */
export function sessionPollResults(polls: readonly Pick<PollView, 'id' | 'status' | 'counts' | 'total'>[]): Record<string, PollResults> {
  const out: Record<string, PollResults> = {};
  for (const p of polls) if (p.status !== 'idle' && (p.total === 0 || Object.keys(p.counts).length > 0)) out[p.id] = { ...p.counts };
  return out;
}
