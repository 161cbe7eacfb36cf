'use client';
// Each button of the remote answers for itself: pressed and waiting (the server has not answered),
// done, or failed with the server's reason — a press is never silently lost. The latest failure
// is also kept for the line above Back/Next, until the next press that succeeds.
import { useCallback, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';

/** How long a done mark stays on its button. */
const DONE_SHOWN_MS = 4_000;

export type PressState = { state: 'pending' } | { state: 'done' } | { state: 'failed'; message: string };

/** Short buzzes where the phone has them (Android; iOS Safari has no Vibration API). */
function buzz(pattern: number | number[]): void {
  if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(pattern);
}

function withoutKey(states: Record<string, PressState>, key: string): Record<string, PressState> {
  const rest = { ...states };
  delete rest[key];
  return rest;
}

export function usePresses(): {
  states: Record<string, PressState>;
  /** The latest failure's message (null once a later press succeeded). */
  failure: string | null;
  press: <T>(key: string, action: () => Promise<Ack<T>>, describe?: (result: Ack<T>) => string) => Promise<Ack<T>>;
} {
  const [states, setStates] = useState<Record<string, PressState>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const press = useCallback(async <T>(key: string, action: () => Promise<Ack<T>>, describe?: (result: Ack<T>) => string): Promise<Ack<T>> => {
    setStates((s) => ({ ...s, [key]: { state: 'pending' } }));
    const result = await action();
    buzz(result.ok ? 20 : [60, 60, 60]);
    const message = result.ok ? null : describe ? describe(result) : result.error.message;
    setStates((s) => ({ ...s, [key]: message === null ? { state: 'done' } : { state: 'failed', message } }));
    setFailure(message);
    // A ✓ says "this press went through", for a moment: left up, it would still mark Sidecar after
    // a co-presenter switched to eBPF (the pressed state shows what is on now).
    if (message === null) setTimeout(() => setStates((s) => (s[key]?.state === 'done' ? withoutKey(s, key) : s)), DONE_SHOWN_MS);
    return result;
  }, []);
  return { states, failure, press };
}
