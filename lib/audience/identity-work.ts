// The work a phone does once for its audience identity, so that identities cost a script
// something (issue 31: 49 addresses × 300 free identities stuffed one question with 14,700 votes).
// The server (server/audience/attendee-identity.ts) picks a secret number in [0, maxNumber], sends
// SHA-256(salt ":" number) signed; the phone finds the number by trying them in turn. ALTCHA's v1
// scheme (altcha.org): the cost is uniform over [0, maxNumber] — no unlucky phone waits several
// times the mean, as with leading-zero puzzles — and the server checks an answer with one hash.
// The ":" keeps salt and number apart: without it, digits moved from the number to the salt's
// expiry hash the same (ALTCHA v1's CVE-2025-68113).
// Pure-JS SHA-256 (@noble/hashes), not crypto.subtle: that exists only in secure contexts, and a
// talk is often served over plain http on the venue's network.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface IdentityChallenge {
  /** Random hex, a dot, and when the challenge expires (ms since the epoch). */
  salt: string;
  /** SHA-256 of salt, ":" and the secret number, hex. */
  challenge: string;
  /** The number is in [0, maxNumber]. */
  maxNumber: number;
  /** The server's HMAC of the challenge, hex: a challenge it did not issue is refused unsolved. */
  signature: string;
}

export interface IdentityClaim extends IdentityChallenge {
  number: number;
}

export function workHash(salt: string, n: number): string {
  return bytesToHex(sha256(utf8ToBytes(`${salt}:${n}`)));
}

/** A salt as the server makes them: 24 hex digits, a dot, the expiry in ms since the epoch. */
export const SALT = /^[0-9a-f]{24}\.\d{13}$/;

/** When the challenge expires (ms since the epoch), from its salt; NaN if it is not one of ours. */
export function expiresAt(salt: string): number {
  return SALT.test(salt) ? Number(salt.slice(salt.lastIndexOf('.') + 1)) : NaN;
}

export interface SolveOptions {
  /** Hashes between yields; a slice of ~2,000 takes a few ms on a phone, so the page stays smooth. */
  slice?: number;
  /** How to give the page its turn between slices (default: a macrotask). */
  yieldNow?: () => Promise<void>;
  /** Stops the search (the page closed, the connection changed): resolves null. */
  signal?: { aborted: boolean };
}

/** A turn for the page between slices: a MessageChannel message where there is one (a hidden
 *  tab throttles setTimeout to once a second or slower; messages are not), else a timer. */
const macrotask = (): Promise<void> =>
  new Promise<void>((resolve) => {
    if (typeof MessageChannel === 'undefined') return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Finds the challenge's number, in slices that leave the page responsive; null if it is not in range. */
export async function solve(c: IdentityChallenge, options: SolveOptions = {}): Promise<number | null> {
  const slice = options.slice ?? 2_000;
  const yieldNow = options.yieldNow ?? macrotask;
  for (let n = 0; n <= c.maxNumber; n++) {
    if (workHash(c.salt, n) === c.challenge) return n;
    if (n % slice === slice - 1) {
      await yieldNow();
      if (options.signal?.aborted) return null;
    }
  }
  return null;
}
