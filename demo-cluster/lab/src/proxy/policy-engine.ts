// The L7 policy semantics of the demo's proxies, kept pure so they can be tested on their own.
// Modelled on Envoy's router: faults are decided first and answered locally (never retried);
// retries cover upstream 5xx and connection failures, each try bounded by the per-try timeout,
// all of it bounded by the request timeout.
import type { L7Policy } from '../../../../lib/mesh/policies';

export interface FaultDecision {
  abortStatus: number | null;
  delayMs: number;
}

export function decideFault(policy: L7Policy, random: () => number = Math.random): FaultDecision {
  const { fault } = policy;
  const delayMs = fault.delayPercent > 0 && random() * 100 < fault.delayPercent ? fault.delayMs : 0;
  const abortStatus = fault.abortPercent > 0 && random() * 100 < fault.abortPercent ? fault.abortStatus : null;
  return { abortStatus, delayMs };
}

export type Outcome<R> = { ok: true; value: R; status: number } | { ok: false; error: Error };

export function isRetriable(outcome: Outcome<unknown>): boolean {
  return outcome.ok ? outcome.status >= 500 && outcome.status <= 599 : true;
}

export interface RetryResult<R> {
  outcome: Outcome<R>;
  attempts: number;
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`upstream timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Runs `attempt` until it succeeds, retries are exhausted, or the request deadline passes. */
export async function withRetries<R>(
  policy: L7Policy,
  attempt: (timeoutMs: number | null) => Promise<Outcome<R>>,
  now: () => number = Date.now,
): Promise<RetryResult<R>> {
  const tries = policy.retries.enabled ? Math.max(1, policy.retries.attempts) : 1;
  const deadline = policy.timeout.enabled ? now() + policy.timeout.ms : null;
  let outcome: Outcome<R> = { ok: false, error: new Error('no attempt made') };
  let attempts = 0;
  while (attempts < tries) {
    const left = deadline === null ? null : deadline - now();
    if (left !== null && left <= 0) return { outcome: { ok: false, error: new TimeoutError(policy.timeout.ms) }, attempts };
    const perTry = policy.retries.enabled ? policy.retries.perTryTimeoutMs : null;
    const budget = left === null ? perTry : perTry === null ? left : Math.min(left, perTry);
    attempts++;
    outcome = await attempt(budget);
    if (!isRetriable(outcome)) break;
  }
  if (!outcome.ok && deadline !== null && now() >= deadline) outcome = { ok: false, error: new TimeoutError(policy.timeout.ms) };
  return { outcome, attempts };
}
