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
