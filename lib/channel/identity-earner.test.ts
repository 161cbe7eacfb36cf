import { describe, expect, it } from 'vitest';
import { fail, ok, type Ack } from '../contract/ack';
import { workHash, type IdentityChallenge } from '../audience/identity-work';
import type { IdentityClaimed } from '../audience/types';
import { CLAIM_RETRY_MS, earnIdentity } from './identity-earner';

const salt = (expires: number) => `${'ab'.repeat(12)}.${expires}`;
const T = 1_800_000_000_000;
const challenge = (n: number, expires = T + 600_000): IdentityChallenge => ({
  salt: salt(expires),
  challenge: workHash(salt(expires), n),
  maxNumber: 50,
  signature: '0'.repeat(64),
});
const claimed: IdentityClaimed = { attendeeToken: 'a-xxxxxxxxxxxx.sig', mine: { votes: {}, questions: [], upvoted: [] } };
const base = { connected: () => true, now: () => T };

describe('earning an identity', () => {
  it('solves the challenge, claims it, and presents the same answer again while the network is busy or the reply is lost', async () => {
    const answers: Ack<IdentityClaimed>[] = [fail('rate-limited', 'busy'), fail('unavailable', 'no answer'), ok(claimed)];
    const sent: number[] = [];
    const waits: number[] = [];
    const earned: IdentityClaimed[] = [];
    const outcome = await earnIdentity(challenge(37), {
      ...base,
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

  it('claims nothing while disconnected; keeps its answer for the next connection, which claims it without solving again', async () => {
    let kept = null as Parameters<NonNullable<Parameters<typeof earnIdentity>[1]['keep']>>[0] | null;
    const signal = { aborted: false };
    const first = await earnIdentity(challenge(12), {
      ...base,
      connected: () => false,
      claim: async () => expect.unreachable(),
      earned: () => expect.unreachable(),
      wait: async () => void (signal.aborted = true), // the connection is replaced meanwhile
      signal,
      keep: (c) => (kept = c),
    });
    expect(first).toBe('aborted');
    expect(kept?.number).toBe(12);
    const sent: number[] = [];
    const second = await earnIdentity(challenge(40), {
      ...base,
      claim: async (c) => (sent.push(c.number), ok(claimed)),
      earned: () => {},
      wait: async () => {},
      signal: { aborted: false },
      solved: kept,
      solveOptions: { slice: 1, yieldNow: async () => expect.unreachable() },
    });
    expect(second).toBe('earned');
    expect(sent).toEqual([12]);
  });

  it('a success that comes back after the connection changed still counts', async () => {
    const signal = { aborted: false };
    const earned: IdentityClaimed[] = [];
    const outcome = await earnIdentity(challenge(5), {
      ...base,
      claim: async () => ((signal.aborted = true), ok(claimed)),
      earned: (c) => earned.push(c),
      wait: async () => {},
      signal,
    });
    expect(outcome).toBe('earned');
    expect(earned).toEqual([claimed]);
  });

  it('gives up on a refusal that does not pass; solves afresh when the kept answer is about to expire; stops when aborted during the search', async () => {
    const refused = await earnIdentity(challenge(3), {
      ...base,
      claim: async () => fail('invalid', 'expired'),
      earned: () => expect.unreachable(),
      wait: async () => expect.unreachable(),
      signal: { aborted: false },
    });
    expect(refused).toBe('refused');
    const sent: number[] = [];
    await earnIdentity(challenge(9), {
      ...base,
      claim: async (c) => (sent.push(c.number), ok(claimed)),
      earned: () => {},
      wait: async () => {},
      signal: { aborted: false },
      solved: { ...challenge(4, T + 1_000), number: 4 },
    });
    expect(sent).toEqual([9]);
    const early = { aborted: false };
    const none = await earnIdentity(challenge(49), {
      ...base,
      claim: async () => expect.unreachable(),
      earned: () => expect.unreachable(),
      wait: async () => {},
      signal: early,
      solveOptions: { slice: 10, yieldNow: async () => void (early.aborted = true) },
    });
    expect(none).toBe('aborted');
  });
});
