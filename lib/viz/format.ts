import { perTryTimeout } from '../mesh/policies';
import type { MeasureCondition } from '../mesh/telemetry';

// Numbers as the room reads them: milliseconds with the precision that matters at that size.
export function ms(us: number): string {
  const v = us / 1000;
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  // Below 0.1 ms a third decimal: a proxy's own few µs would otherwise read 0.00.
  if (Math.abs(v) >= 0.1 || v === 0) return v.toFixed(2);
  return v.toFixed(3);
}

/** An added latency as the room reads it: a negative one is said as what it is. */
export function addedMs(us: number): string {
  return us >= 0 ? `+${ms(us)}` : `faster by ${ms(-us)}`;
}

const bytes = (n: number) => (n >= 1024 && n % 1024 === 0 ? `${n / 1024} KB` : `${n} B`);

/** What a figure was measured under, short: load, payload, mTLS and whatever L7 policy was on. */
export function conditionLabel(c: MeasureCondition): string {
  const p = c.policy;
  const parts = [`${c.rps} rps`, bytes(c.payloadBytes), p.mtls ? 'mTLS' : 'no mTLS'];
  if (p.retries.enabled) {
    const perTry = perTryTimeout(p.retries);
    parts.push(perTry === null ? `retries (${p.retries.attempts} tries, no per-try timeout)` : `retries (${p.retries.attempts} tries × ${perTry} ms)`);
  }
  if (p.timeout.enabled) parts.push(`timeout ${p.timeout.ms} ms`);
  if (p.fault.abortPercent > 0) parts.push(`abort ${p.fault.abortPercent}%`);
  if (p.fault.delayPercent > 0) parts.push(`delay ${p.fault.delayMs} ms on ${p.fault.delayPercent}%`);
  if (c.errorPercent > 0) parts.push(`backend errors ${c.errorPercent}%`);
  return parts.join(' · ');
}
