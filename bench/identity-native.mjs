// An attendee identity's work (lib/audience/identity-work.ts) done the way a script would do it:
// node:crypto's native SHA-256, yielding now and then so the script's sockets keep working.
import { createHash } from 'node:crypto';

export async function solveNative(c, slice = 20_000) {
  for (let n = 0; n <= c.maxNumber; n++) {
    if (createHash('sha256').update(`${c.salt}:${n}`).digest('hex') === c.challenge) return n;
    if (n % slice === slice - 1) await new Promise((r) => setImmediate(r));
  }
  return null;
}

/** Solves `challenge` (from a hello) and claims the identity on socket.io socket `s`, as a script
 *  would. Resolves with the claim's ack, or null if the server did not answer within `timeoutMs`;
 *  `solveMs` is how long the search took. With a `number` already found, only claims. */
export async function claimNative(s, challenge, { timeoutMs = 5_000, number } = {}) {
  const t0 = performance.now();
  const n = number ?? (await solveNative(challenge));
  const solveMs = performance.now() - t0;
  const ack =
    n === null ? null : await new Promise((r) => s.timeout(timeoutMs).emit('identity:claim', { ...challenge, number: n }, (err, a) => r(err ? null : a)));
  return { ack, number: n, solveMs };
}
