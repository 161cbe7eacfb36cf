// A phone without an audience identity earns one in the background while it follows the talk:
// it solves the hello's challenge (lib/audience/identity-work.ts) in slices that leave the page
// smooth, claims the identity, and, when its network's allowance is spent just then or the answer
// does not come back, presents the same answer again a little later (the server charges an
// answer once and gives it the same identity however often it comes: a lost reply costs nothing).
import type { Ack } from '../contract/ack';
import { expiresAt, solve, type IdentityChallenge, type IdentityClaim, type SolveOptions } from '../audience/identity-work';
import type { IdentityClaimed } from '../audience/types';

/** When a refused claim (the network busy, the server not answering) is presented again. */
export const CLAIM_RETRY_MS = 20_000;

/** What a claim refused for a reason that passes looks like: try the same answer again. */
const PASSING = new Set(['rate-limited', 'unavailable']);

export interface EarnDeps {
  /** Sends the claim (only while connected: a claim queued across a reconnect would be adopted by
   *  the next connection after its hello, and its answer lost). */
  claim: (claim: IdentityClaim) => Promise<Ack<IdentityClaimed>>;
  connected: () => boolean;
  /** Called on every success, even one that comes back after the connection changed. */
  earned: (claimed: IdentityClaimed) => void;
  wait: (ms: number) => Promise<void>;
  /** Set when this connection's challenge no longer counts (a reconnect brings a new one). */
  signal: { aborted: boolean };
  /** An answer found on an earlier connection: still good until its challenge expires. */
  solved?: IdentityClaim | null;
  /** Keeps the answer once found, for the next connection if this one drops first. */
  keep?: (claim: IdentityClaim) => void;
  now?: () => number;
  solveOptions?: Omit<SolveOptions, 'signal'>;
}

export type EarnOutcome = 'earned' | 'refused' | 'aborted';

export async function earnIdentity(challenge: IdentityChallenge, deps: EarnDeps): Promise<EarnOutcome> {
  const now = deps.now ?? Date.now;
  // An answer kept from a connection that dropped before its claim came back, if still good.
  let claim = deps.solved && expiresAt(deps.solved.salt) > now() + CLAIM_RETRY_MS ? deps.solved : null;
  if (!claim) {
    const number = await solve(challenge, { ...deps.solveOptions, signal: deps.signal });
    if (deps.signal.aborted) return 'aborted';
    if (number === null) return 'refused';
    claim = { ...challenge, number };
    deps.keep?.(claim);
  }
  for (;;) {
    if (deps.signal.aborted) return 'aborted';
    const ack: Ack<IdentityClaimed> = deps.connected() ? await deps.claim(claim) : { ok: false, error: { code: 'unavailable', message: 'Not connected.' } };
    if (ack.ok) {
      deps.earned(ack.data);
      return 'earned';
    }
    if (deps.signal.aborted) return 'aborted';
    if (!PASSING.has(ack.error.code)) return 'refused';
    await deps.wait(CLAIM_RETRY_MS);
  }
}
