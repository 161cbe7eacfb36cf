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
    const attempts = new TokenAttempts(() => t, { maxFailures: 1, windowMs: 60_000, maxAddresses: 2 });
    attempts.fail('a');
    attempts.fail('b');
    attempts.fail('a'); // a is now the most recent
    attempts.fail('c'); // b is forgotten
    expect([attempts.waitMs('a') > 0, attempts.waitMs('b') > 0, attempts.waitMs('c') > 0]).toEqual([true, false, true]);
  });
});
