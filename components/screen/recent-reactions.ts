// The projector's reaction count: how many of each emoji the room sent in the last minute, from
// the bursts the screen receives (pure; the server keeps no history of reactions). Timed by this
// window's clock when each burst arrived, so a projector laptop's clock skew does not matter.
import { REACTIONS, type Reaction, type ReactionBurst } from '../../lib/audience/types';

export const RECENT_MS = 60_000;

export interface Received {
  at: number;
  counts: ReactionBurst['counts'];
}

/** The bursts still inside the window at `now`, with one just received at `now` if given. */
export function keepRecent(received: readonly Received[], now: number, burst?: ReactionBurst['counts']): Received[] {
  const kept = received.filter((r) => now - r.at < RECENT_MS);
  return burst ? [...kept, { at: now, counts: burst }] : kept;
}

/** Per emoji, in the bar's order, the ones sent in the window at `now`; and their total. */
export function recentCounts(received: readonly Received[], now: number): { counts: { emoji: Reaction; n: number }[]; total: number } {
  const recent = keepRecent(received, now);
  const counts = REACTIONS.map((emoji) => ({ emoji, n: recent.reduce((sum, r) => sum + (r.counts[emoji] ?? 0), 0) })).filter((c) => c.n > 0);
  return { counts, total: counts.reduce((sum, c) => sum + c.n, 0) };
}
