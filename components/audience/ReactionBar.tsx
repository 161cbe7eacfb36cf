'use client';
// The phone's reactions: a tap sends one, and the phone says what became of it — the emoji pops
// and "sent" when the server took it, or why it did not (too many at once, no audience identity
// yet, no connection): a reaction that silently vanishes reads as a broken button.
import { useEffect, useRef, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import { REACTIONS, type Reaction } from '@/lib/audience/types';
import styles from './audience.module.css';
import own from './reactions.module.css';

type Outcome =
  { state: 'idle' } | { state: 'sending'; emoji: Reaction } | { state: 'sent'; emoji: Reaction; tap: number } | { state: 'refused'; message: string };

/** How long the outcome stays under the bar. */
const SHOWN_MS = 4000;

export function ReactionBar({ onReact }: { onReact: (emoji: Reaction) => Promise<Ack<unknown>> }) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const taps = useRef(0);
  useEffect(() => {
    if (outcome.state === 'idle' || outcome.state === 'sending') return;
    const t = setTimeout(() => setOutcome({ state: 'idle' }), SHOWN_MS);
    return () => clearTimeout(t);
  }, [outcome]);
  const react = async (emoji: Reaction) => {
    const tap = ++taps.current;
    setOutcome({ state: 'sending', emoji });
    const r = await onReact(emoji);
    // Answers come back in order; only the latest tap's is shown.
    if (tap !== taps.current) return;
    setOutcome(r.ok ? { state: 'sent', emoji, tap } : { state: 'refused', message: r.error.message });
  };
  const popped = outcome.state === 'sent' ? outcome : null;
  return (
    <div className={own.area}>
      <div className={styles.reactions} role="group" aria-label="Send a reaction" data-testid="reaction-bar">
        {REACTIONS.map((r) => (
          <button
            key={r}
            type="button"
            className={`${styles.reaction} ${own.button}`}
            onClick={() => void react(r)}
            aria-label={`React ${r}`}
            data-sent={popped?.emoji === r ? 'true' : undefined}
            data-testid={`react-${r}`}
          >
            {/* A new element per accepted tap: its animation plays again on the next one. */}
            <span key={popped?.emoji === r ? popped.tap : 0} className={popped?.emoji === r ? own.pop : undefined}>
              {r}
            </span>
          </button>
        ))}
      </div>
      <p className={own.status} role="status" data-state={outcome.state} data-testid="reaction-ack">
        {outcome.state === 'sent' && `${outcome.emoji} sent to the screen`}
        {outcome.state === 'refused' && `Not sent: ${outcome.message}`}
      </p>
    </div>
  );
}
