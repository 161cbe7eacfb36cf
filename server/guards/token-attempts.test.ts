import { describe, expect, it } from 'vitest';
import { TokenAttempts } from './token-attempts';

describe('wrong presenter tokens per address', () => {
  it('five wrong tries in a minute make an address wait until the oldest leaves the window; other addresses are not affected', () => {
    let t = 0;
    const attempts = new TokenAttempts(() => t);
    for (let i = 0; i < 4; i++) {
      attempts.fail('10.0.0.1');
      t += 1000;
    }
    expect(attempts.waitMs('10.0.0.1')).toBe(0);
    attempts.fail('10.0.0.1'); // the fifth, at t = 4 s
    expect(attempts.waitMs('10.0.0.1')).toBe(56_000); // the first (t = 0) leaves the window at 60 s
    expect(attempts.waitMs('10.0.0.2')).toBe(0);
    t = 60_001;
    expect(attempts.waitMs('10.0.0.1')).toBe(0);
  });

  it('remembers a bounded number of addresses, forgetting the least recent first', () => {
    const t = 0;
    const attempts = new TokenAttempts(() => t, { maxFailures: 1, windowMs: 60_000, maxAddresses: 2, globalFailures: 1000 });
    attempts.fail('a');
    attempts.fail('b');
    attempts.fail('a'); // a is now the most recent
    attempts.fail('c'); // b is forgotten
    expect([attempts.waitMs('a') > 0, attempts.waitMs('b') > 0, attempts.waitMs('c') > 0]).toEqual([true, false, true]);
  });

  it('the door: the right token gets in at once even while its address waits; a wrong one then waits, uncounted; no token is not a guess', () => {
    let t = 0;
    const attempts = new TokenAttempts(() => t);
    const right = 'the-right-presenter-token';
    for (let i = 0; i < 5; i++) expect(attempts.check(right, '10.0.0.1', `guess-${i}`)).toEqual({ kind: 'wrong' });
    expect(attempts.check(right, '10.0.0.1', 'guess-5')).toMatchObject({ kind: 'wait', waitMs: 60_000 });
    expect(attempts.check(right, '10.0.0.1', right)).toEqual({ kind: 'right' });
    expect(attempts.check(right, '10.0.0.1', undefined)).toEqual({ kind: 'none' });
    expect(attempts.check(right, '10.0.0.1', '')).toEqual({ kind: 'none' });
    // The waits were not counted: the window ends a minute after the fifth wrong one.
    t = 60_001;
    expect(attempts.check(right, '10.0.0.1', 'guess-6')).toEqual({ kind: 'wrong' });
  });

  it('counts wrong tokens from all addresses together: past the global budget every address waits, and the right token still gets in', () => {
    const t = 0;
    const attempts = new TokenAttempts(() => t, { maxFailures: 5, windowMs: 60_000, maxAddresses: 10_000, globalFailures: 10 });
    for (let i = 0; i < 10; i++) expect(attempts.check('right-token-0123', `10.0.1.${i}`, 'wrong').kind).toBe('wrong');
    expect(attempts.check('right-token-0123', '10.0.2.1', 'wrong').kind).toBe('wait');
    expect(attempts.check('right-token-0123', '10.0.2.1', 'right-token-0123').kind).toBe('right');
  });

  it('with two keys: says whose token it is; a token that is neither counts once', () => {
    const attempts = new TokenAttempts(() => 0, { maxFailures: 2, windowMs: 60_000, maxAddresses: 10, globalFailures: 1000 });
    const keys = { presenter: 'presenter-token-0123', moderator: 'moderator-token-0123' };
    expect(attempts.checkRoles(keys, 'a', 'presenter-token-0123')).toEqual({ kind: 'right', role: 'presenter' });
    expect(attempts.checkRoles(keys, 'a', 'moderator-token-0123')).toEqual({ kind: 'right', role: 'moderator' });
    expect(attempts.checkRoles(keys, 'a', '')).toEqual({ kind: 'none' });
    expect(attempts.checkRoles(keys, 'a', 'guess-one')).toEqual({ kind: 'wrong' });
    expect(attempts.checkRoles(keys, 'a', 'guess-two')).toEqual({ kind: 'wrong' });
    expect(attempts.checkRoles(keys, 'a', 'guess-three')).toMatchObject({ kind: 'wait' });
    // Either right key still gets in at once while its address waits.
    expect(attempts.checkRoles(keys, 'a', 'moderator-token-0123')).toEqual({ kind: 'right', role: 'moderator' });
    // No moderator key set: nothing matches an empty one.
    expect(attempts.checkRoles({ presenter: 'presenter-token-0123', moderator: undefined }, 'b', 'moderator-token-0123')).toEqual({ kind: 'wrong' });
  });
});
