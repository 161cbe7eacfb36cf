// A phone without an audience identity earns one in the background while it follows the talk:
// it solves the hello's challenge (lib/audience/identity-work.ts) in slices that leave the page
// smooth, claims the identity, and, when its network's allowance is spent just then, presents
// the same answer again a little later (a refused claim spends nothing on the server).
import type { Ack } from '../contract/ack';
import { solve, type IdentityChallenge, type IdentityClaim, type SolveOptions } from '../audience/identity-work';
import type { IdentityClaimed } from '../audience/types';

/** When a refused claim (the network busy, the server not answering) is presented again. */
export const CLAIM_RETRY_MS = 20_000;

/** What a claim refused for a reason that passes looks like: try the same answer again. */
const PASSING = new Set(['rate-limited', 'unavailable']);

export interface EarnDeps {
  claim: (claim: IdentityClaim) => Promise<Ack<IdentityClaimed>>;
  earned: (claimed: IdentityClaimed) => void;
  wait: (ms: number) => Promise<void>;
  /** Set when this connection's challenge no longer counts (a reconnect brings a new one). */
  signal: { aborted: boolean };
  solveOptions?: Omit<SolveOptions, 'signal'>;
}

export async function earnIdentity(challenge: IdentityChallenge, deps: EarnDeps): Promise<'earned' | 'refused' | 'aborted'> {
  const number = await solve(challenge, { ...deps.solveOptions, signal: deps.signal });
  if (deps.signal.aborted) return 'aborted';
  if (number === null) return 'refused';
  for (;;) {
    const ack = await deps.claim({ ...challenge, number });
    if (deps.signal.aborted) return 'aborted';
    if (ack.ok) {
      deps.earned(ack.data);
      return 'earned';
    }
    if (!PASSING.has(ack.error.code)) return 'refused';
    await deps.wait(CLAIM_RETRY_MS);
    if (deps.signal.aborted) return 'aborted';
  }
}
