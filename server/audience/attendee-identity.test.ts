// What an attendee identity costs and what the server accepts for it: counts and decisions.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expiresAt, solve, workHash, type IdentityClaim } from '../../lib/audience/identity-work';
import { AttendeeIdentity, IDENTITY_WORK } from './attendee-identity';

const secret = Buffer.alloc(32, 7);
const clock = () => {
  const c = { t: 1_800_000_000_000, now: () => c.t };
  return c;
};
const small = { maxNumber: 500, ttlMs: 60_000 };

async function solvedClaim(identity: AttendeeIdentity): Promise<IdentityClaim> {
  const challenge = identity.challenge();
  return { ...challenge, number: (await solve(challenge))! };
}

describe('identity work', () => {
  it('the phone’s hash is the server’s (pure-JS SHA-256 against node:crypto)', () => {
    expect(workHash('abc.1', 42)).toBe(createHash('sha256').update('abc.1:42').digest('hex'));
  });

  it('a solved challenge earns one identity — the same one if presented again; the answer is found by trying numbers in turn', async () => {
    const identity = new AttendeeIdentity(secret, small);
    const claim = await solvedClaim(identity);
    expect(claim.number).toBeGreaterThanOrEqual(0);
    expect(claim.number).toBeLessThanOrEqual(small.maxNumber);
    const first = identity.claim(claim, () => true);
    expect(first).toMatchObject({ ok: true, id: expect.stringMatching(/^a-/) });
    expect(identity.verify(first.ok && first.token)).toBe(first.ok && first.id);
    // Presented again (its reply was lost): the same identity, and the network is not charged again.
    expect(identity.claim(claim, () => expect.unreachable())).toMatchObject({ ok: true, id: first.ok && first.id, again: true });
    // After a restart (spent answers forgotten), still the same identity.
    expect(new AttendeeIdentity(secret, small).claim(claim, () => true)).toMatchObject({ ok: true, id: first.ok && first.id });
    // Another answer, another identity.
    expect(identity.claim(await solvedClaim(identity), () => true)).not.toMatchObject({ id: first.ok && first.id });
  });

  it('refuses a wrong number, an edited challenge, a challenge signed by another server and an expired one', async () => {
    const c = clock();
    const identity = new AttendeeIdentity(secret, small, c.now);
    const claim = await solvedClaim(identity);
    expect(identity.claim({ ...claim, number: (claim.number + 1) % (small.maxNumber + 1) }, () => true)).toEqual({ ok: false, reason: 'wrong' });
    // A script picking its own salt (and so its own number) changes what the signature covers.
    const own = `${'0'.repeat(24)}.${c.t + 60_000}`;
    expect(identity.claim({ ...claim, salt: own, challenge: workHash(own, 0), number: 0 }, () => true)).toEqual({ ok: false, reason: 'forged' });
    // Digits moved from the number into the salt (ALTCHA v1's CVE-2025-68113) hash differently…
    expect(workHash('x.12', 3)).not.toBe(workHash('x.1', 23));
    // …and a salt not of the server's form has no expiry.
    const digits = String(claim.number);
    expect(identity.claim({ ...claim, salt: `${claim.salt}${digits[0]}`, number: Number(digits.slice(1) || '0') }, () => true)).toEqual({
      ok: false,
      reason: 'expired',
    });
    // The bound is signed: a script cannot claim a smaller one.
    expect(identity.claim({ ...claim, maxNumber: 10 }, () => true)).toEqual({ ok: false, reason: 'forged' });
    const other = new AttendeeIdentity(Buffer.alloc(32, 8), small, c.now);
    expect(other.claim(claim, () => true)).toEqual({ ok: false, reason: 'forged' });
    // A salt whose expiry was moved out breaks the challenge's hash.
    c.t = expiresAt(claim.salt);
    expect(identity.claim(claim, () => true)).toEqual({ ok: false, reason: 'expired' });
    const later = `${claim.salt.split('.')[0]}.${c.t + 60_000}`;
    expect(identity.claim({ ...claim, salt: later }, () => true)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('a claim the network’s allowance refuses spends nothing: the same answer earns the identity later', async () => {
    const identity = new AttendeeIdentity(secret, small);
    const claim = await solvedClaim(identity);
    expect(identity.claim(claim, () => false)).toEqual({ ok: false, reason: 'busy' });
    expect(identity.spentCount()).toBe(0);
    expect(identity.claim(claim, () => true)).toMatchObject({ ok: true });
    expect(identity.spentCount()).toBe(1);
  });

  it('forgets spent answers once their challenges expired (memory stays one or two ttls of claims)', async () => {
    const c = clock();
    const identity = new AttendeeIdentity(secret, small, c.now);
    for (let i = 0; i < 3; i++) expect(identity.claim(await solvedClaim(identity), () => true)).toMatchObject({ ok: true });
    expect(identity.spentCount()).toBe(3);
    c.t += small.ttlMs + 1;
    expect(identity.claim(await solvedClaim(identity), () => true)).toMatchObject({ ok: true });
    expect(identity.spentCount()).toBe(1);
  });

  it('at the default cost a phone’s search ends within 300,001 tries, and the server takes its answer', async () => {
    const identity = new AttendeeIdentity(secret);
    for (let i = 0; i < 2; i++) {
      const challenge = identity.challenge();
      expect(challenge.maxNumber).toBe(IDENTITY_WORK.maxNumber);
      let tries = 0;
      const number = await solve(challenge, { slice: 50_000, yieldNow: async () => void (tries += 50_000) });
      expect(number).not.toBeNull();
      expect(tries).toBeLessThanOrEqual(IDENTITY_WORK.maxNumber + 1);
      expect(identity.claim({ ...challenge, number: number! }, () => true)).toMatchObject({ ok: true });
    }
  });
});
