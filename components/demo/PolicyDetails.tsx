'use client';
// The numbers behind the L7 toggles: retry attempts and per-try timeout, request timeout, abort
// and delay faults. Applied together; the server validates and the backend reports enforcement.
import { useEffect, useState, type FormEvent } from 'react';
import type { L7Policy } from '@/lib/mesh/policies';
import styles from './demo.module.css';

interface Props {
  policy: L7Policy;
  onApply(policy: L7Policy): void;
}

// Step 1 everywhere: a coarser step makes the browser refuse valid values (500 ms is not a step of
// 50 from a minimum of 1) and block the form without a word. Laid out as four short phrases
// ("retries (3 tries × 500 ms)"), so the open form takes two lines, not seven fields.
const FIELDS = [
  ['attempts', 'retry attempts', 1, 10, 'retries', '×'],
  ['perTryTimeoutMs', 'per-try timeout ms', 1, 60000, '', 'ms'],
  ['timeoutMs', 'request timeout ms', 1, 60000, 'timeout', 'ms'],
  ['abortPercent', 'abort %', 0, 100, 'abort', '%'],
  ['abortStatus', 'abort status', 400, 599, 'with', ''],
  ['delayPercent', 'delay %', 0, 100, 'delay', '%'],
  ['delayMs', 'delay ms', 0, 60000, '+', 'ms'],
] as const;
/** The phrases: which fields read together. */
const PHRASES: (typeof FIELDS)[number][0][][] = [['attempts', 'perTryTimeoutMs'], ['timeoutMs'], ['abortPercent', 'abortStatus'], ['delayPercent', 'delayMs']];
type Field = (typeof FIELDS)[number][0];

const fromPolicy = (p: L7Policy): Record<Field, string> => ({
  attempts: String(p.retries.attempts),
  perTryTimeoutMs: String(p.retries.perTryTimeoutMs),
  timeoutMs: String(p.timeout.ms),
  abortPercent: String(p.fault.abortPercent),
  abortStatus: String(p.fault.abortStatus),
  delayPercent: String(p.fault.delayPercent),
  delayMs: String(p.fault.delayMs),
});

export function PolicyDetails({ policy, onApply }: Props) {
  const [values, setValues] = useState(() => fromPolicy(policy));
  useEffect(() => setValues(fromPolicy(policy)), [policy]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = (f: Field) => Number(values[f]);
    onApply({
      ...policy,
      retries: { ...policy.retries, attempts: n('attempts'), perTryTimeoutMs: n('perTryTimeoutMs') },
      timeout: { ...policy.timeout, ms: n('timeoutMs') },
      fault: { abortPercent: n('abortPercent'), abortStatus: n('abortStatus'), delayPercent: n('delayPercent'), delayMs: n('delayMs') },
    });
  };
  return (
    <details
      className={styles.details}
      // Last in the panel: opened, it comes into view by scrolling the side column, never the page.
      onToggle={(e) => e.currentTarget.open && e.currentTarget.scrollIntoView({ block: 'nearest' })}
    >
      <summary>Policy values</summary>
      <form className={styles.policyForm} onSubmit={submit} data-testid="policy-details">
        {PHRASES.map((phrase) => (
          <span key={phrase[0]} className={styles.policyPhrase}>
            {phrase.map((field) => {
              const [, label, min, max, before, after] = FIELDS.find(([f]) => f === field)!;
              return (
                <label key={field} title={label}>
                  {before && <span>{before}</span>}
                  <input
                    type="number"
                    min={min}
                    max={max}
                    step={1}
                    aria-label={label}
                    value={values[field]}
                    onChange={(e) => setValues({ ...values, [field]: e.target.value })}
                    data-testid={`policy-${field}`}
                  />
                  {after && <span>{after}</span>}
                </label>
              );
            })}
          </span>
        ))}
        <button type="submit" data-testid="policy-apply">
          Apply
        </button>
      </form>
    </details>
  );
}
