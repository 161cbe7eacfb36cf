import { describe, expect, it } from 'vitest';
import { fail, ok, type Ack } from '../contract/ack';
import { workHash, type IdentityChallenge } from '../audience/identity-work';
import type { IdentityClaimed } from '../audience/types';
import { CLAIM_RETRY_MS, earnIdentity } from './identity-earner';

const challenge = (n: number): IdentityChallenge => ({ salt: 'ab.1', challenge: workHash('ab.1', n), maxNumber: 50, signature: '0'.repeat(64) });
const claimed: IdentityClaimed = { attendeeToken: 'a-xxxxxxxxxxxx.sig', mine: { votes: {}, questions: [], upvoted: [] } };

describe('earning an identity', () => {
  it('solves the challenge, claims it, and presents the same answer again while the network is busy', async () => {
    const answers: Ack<IdentityClaimed>[] = [fail('rate-limited', 'busy'), fail('unavailable', 'no answer'), ok(claimed)];
    const sent: number[] = [];
    const waits: number[] = [];
    const earned: IdentityClaimed[] = [];
    const outcome = await earnIdentity(challenge(37), {
      claim: async (c) => (sent.push(c.number), answers.shift()!),
      earned: (c) => earned.push(c),
      wait: async (ms) => void waits.push(ms),
      signal: { aborted: false },
    });
    expect(outcome).toBe('earned');
    expect(sent).toEqual([37, 37, 37]);
    expect(waits).toEqual([CLAIM_RETRY_MS, CLAIM_RETRY_MS]);
    expect(earned).toEqual([claimed]);
  });

  it('gives up on a refusal that does not pass, and stops when its connection’s challenge no longer counts', async () => {
    const refused = await earnIdentity(challenge(3), {
      claim: async () => fail('invalid', 'expired'),
      earned: () => expect.unreachable(),
      wait: async () => expect.unreachable(),
      signal: { aborted: false },
    });
    expect(refused).toBe('refused');
    const signal = { aborted: false };
    let claims = 0;
    const aborted = await earnIdentity(challenge(49), {
      claim: async () => (claims++, fail('rate-limited', 'busy')),
      earned: () => expect.unreachable(),
      wait: async () => void (signal.aborted = true),
      signal,
    });
    expect(aborted).toBe('aborted');
    expect(claims).toBe(1);
    // Aborted during the search: nothing is claimed.
    const early = { aborted: false };
    const none = await earnIdentity(challenge(49), {
      claim: async () => expect.unreachable(),
      earned: () => expect.unreachable(),
      wait: async () => {},
      signal: early,
      solveOptions: { slice: 10, yieldNow: async () => void (early.aborted = true) },
    });
    expect(none).toBe('aborted');
  });
});
