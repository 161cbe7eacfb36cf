import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type L7Policy } from '../../../../lib/mesh/policies';
import { decideFault, TimeoutError, withRetries, type Outcome } from './policy-engine';

const policy = (patch: Partial<L7Policy>): L7Policy => ({ ...DEFAULT_POLICY, ...patch });
const status = (s: number): Outcome<string> => ({ ok: true, value: `s${s}`, status: s });

describe('withRetries', () => {
  it('makes one attempt when retries are off', async () => {
    let n = 0;
    const r = await withRetries(policy({}), async () => (n++, status(503)));
    expect([n, r.attempts, r.outcome]).toEqual([1, 1, status(503)]);
  });

  it('retries 5xx and connection failures up to the attempt limit, then stops at success', async () => {
    const answers = [status(503), { ok: false as const, error: new Error('ECONNREFUSED') }, status(200)];
    const r = await withRetries(policy({ retries: { enabled: true, attempts: 5, perTryTimeoutMs: 100 } }), async () => answers.shift()!);
    expect(r.attempts).toBe(3);
    expect(r.outcome).toEqual(status(200));
  });

  it('does not retry 4xx, and gives up after the last attempt', async () => {
    const on = policy({ retries: { enabled: true, attempts: 3, perTryTimeoutMs: 100 } });
    expect((await withRetries(on, async () => status(404))).attempts).toBe(1);
    const r = await withRetries(on, async () => status(503));
    expect([r.attempts, r.outcome]).toEqual([3, status(503)]);
  });

  it('bounds each try by the per-try timeout and everything by the request timeout', async () => {
    const budgets: (number | null)[] = [];
    let clock = 0;
    const r = await withRetries(
      policy({ retries: { enabled: true, attempts: 10, perTryTimeoutMs: 40 }, timeout: { enabled: true, ms: 100 } }),
      async (budget) => {
        budgets.push(budget);
        clock += budget ?? 0;
        return { ok: false, error: new TimeoutError(budget ?? 0) };
      },
      () => clock,
    );
    expect(budgets).toEqual([40, 40, 20]);
    expect(r.outcome.ok === false && r.outcome.error).toBeInstanceOf(TimeoutError);
  });
});

describe('decideFault', () => {
  it('aborts and delays the configured share of requests', () => {
    const seq = (...xs: number[]) => () => xs.shift()!;
    const p = policy({ fault: { abortPercent: 20, abortStatus: 503, delayPercent: 50, delayMs: 70 } });
    expect(decideFault(p, seq(0.1, 0.1))).toEqual({ abortStatus: 503, delayMs: 70 });
    expect(decideFault(p, seq(0.9, 0.3))).toEqual({ abortStatus: null, delayMs: 0 });
    expect(decideFault(policy({}), () => 0)).toEqual({ abortStatus: null, delayMs: 0 });
  });
});
