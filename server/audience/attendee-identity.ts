// Anonymous attendee identity without accounts: a phone earns an id by a moment of work (a
// challenge it solves in the background while it follows the slides: lib/audience/identity-work.ts),
// the server signs the id (HMAC-SHA256), the phone keeps it in localStorage and presents it on
// every connection. Votes stay one per attendee across reconnects and restarts; a forged or
// edited id is not accepted (the phone earns a new one), so nobody can vote as somebody else. The
// work is what a script pays per identity and a phone does not notice (README: "What an anonymous
// audience tool cannot prevent").
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { expiresAt, workHash, type IdentityChallenge, type IdentityClaim } from '../../lib/audience/identity-work';

export interface IdentityWorkSettings {
  /** The secret number is in [0, maxNumber]: a phone tries maxNumber / 2 hashes on average. At
   *  300,000 that is ~0.4 s of this VM's core in V8 (pure-JS SHA-256, ~0.4 M/s), a second or two
   *  on a slow phone, in the background; a script with Node's native SHA-256 paid ~0.17 s of CPU
   *  per identity here (bench:audience --scenario siege, case 6). */
  maxNumber: number;
  /** How long a challenge may be answered: a phone solves it in seconds; a stockpile goes stale. */
  ttlMs: number;
}

export const IDENTITY_WORK: IdentityWorkSettings = { maxNumber: 300_000, ttlMs: 30 * 60_000 };

export type ClaimRefusal = { ok: false; reason: 'forged' | 'expired' | 'wrong' | 'busy' };

export class AttendeeIdentity {
  /** Answered challenges until they expire: the network's allowance is charged once per answer. */
  readonly #spent = new Map<string, number>();
  readonly #workKey: Buffer;

  constructor(
    private readonly secret: Buffer,
    private readonly work: IdentityWorkSettings = IDENTITY_WORK,
    private readonly now: () => number = Date.now,
  ) {
    // Its own key: a challenge's signature is never an attendee token's.
    this.#workKey = createHmac('sha256', secret).update('identity-work').digest();
  }

  /** A fresh challenge for a phone without an identity (stateless: signed, not stored). */
  challenge(): IdentityChallenge {
    const salt = `${randomBytes(12).toString('hex')}.${this.now() + this.work.ttlMs}`;
    const challenge = workHash(salt, randomInt(0, this.work.maxNumber + 1));
    return { salt, challenge, maxNumber: this.work.maxNumber, signature: this.#signWork(challenge, this.work.maxNumber) };
  }

  /** The identity a solved challenge earns — the same one however often the answer is presented
   *  (an answer whose reply was lost can be sent again, and earns nothing more), charged to the
   *  network's allowance (`allowed()`) the first time only; a refused claim spends nothing, so
   *  the phone can present its answer again later. */
  claim(c: IdentityClaim, allowed: () => boolean): { ok: true; id: string; token: string; again: boolean } | ClaimRefusal {
    const given = Buffer.from(c.signature);
    const expected = Buffer.from(this.#signWork(c.challenge, c.maxNumber));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    // The signature covers the challenge and its bound, the challenge the salt, the salt its expiry.
    if (!(expiresAt(c.salt) > this.now())) return { ok: false, reason: 'expired' };
    if (c.number > c.maxNumber || workHash(c.salt, c.number) !== c.challenge) return { ok: false, reason: 'wrong' };
    this.#forgetExpired();
    const id = this.idFor(c.challenge);
    const again = this.#spent.has(c.challenge);
    if (!again && !allowed()) return { ok: false, reason: 'busy' };
    this.#spent.set(c.challenge, expiresAt(c.salt));
    return { ok: true, id, token: this.tokenFor(id), again };
  }

  /** The identity a challenge earns, derived from it (so a restart, which forgets spent answers,
   *  gives an answer presented again the same identity, not another). */
  idFor(challenge: string): string {
    return `a-${createHmac('sha256', this.#workKey).update(`id:${challenge}`).digest('base64url').slice(0, 12)}`;
  }

  tokenFor(id: string): string {
    return `${id}.${this.#sign(id)}`;
  }

  /** Spent solutions remembered at once (each an identity the network's allowance let through). */
  spentCount(): number {
    return this.#spent.size;
  }

  /** An identity without work: for tests and tools that stand in for a phone that earned one. */
  issue(): { id: string; token: string } {
    const id = `a-${randomBytes(9).toString('base64url')}`;
    return { id, token: this.tokenFor(id) };
  }

  /** The attendee id in a token this server signed, or null. */
  verify(token: unknown): string | null {
    if (typeof token !== 'string' || token.length > 100) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = token.slice(0, dot);
    if (!/^a-[A-Za-z0-9_-]{12}$/.test(id)) return null;
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.#sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  #sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url').slice(0, 32);
  }

  #signWork(challenge: string, maxNumber: number): string {
    return createHmac('sha256', this.#workKey).update(`${challenge}:${maxNumber}`).digest('hex');
  }

  /** Spent entries are forgotten oldest-spent first once expired (an expired challenge is refused
   *  as expired anyway); the first one kept was spent after its challenge's issue, within the last
   *  ttl, and all behind it later: the map holds the claims of the last ttl. (A restart forgets
   *  them: an answer presented again is charged again, and earns the same identity.) */
  #forgetExpired(): void {
    const now = this.now();
    for (const [challenge, expires] of this.#spent) {
      if (expires > now) break;
      this.#spent.delete(challenge);
    }
  }
}
