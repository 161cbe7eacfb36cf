'use client';
// Reactions on the presenter's screen: each burst floats its emojis up (a handful at most per
// burst, however many arrived); with reduced motion, a plain tally instead.
import { useEffect, useState } from 'react';
import type { ReactionBurst } from '@/lib/audience/types';
import styles from './audience.module.css';

interface Floater {
  key: string;
  emoji: string;
  left: number;
}

const MAX_PER_BURST = 8;

export function ReactionBursts({ burst, reducedMotion }: { burst: ReactionBurst | null; reducedMotion: boolean }) {
  const [floaters, setFloaters] = useState<Floater[]>([]);
  const [tally, setTally] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!burst) return;
    setTally((t) => {
      const next = { ...t };
      for (const [e, n] of Object.entries(burst.counts)) next[e] = (next[e] ?? 0) + (n ?? 0);
      return next;
    });
    if (reducedMotion) return;
    const fresh: Floater[] = [];
    for (const [emoji, n] of Object.entries(burst.counts)) {
      for (let i = 0; i < Math.min(n ?? 0, MAX_PER_BURST) && fresh.length < MAX_PER_BURST; i++)
        fresh.push({ key: `${burst.at}-${emoji}-${i}`, emoji, left: 5 + Math.random() * 85 });
    }
    setFloaters((f) => [...f.slice(-40), ...fresh]);
    const t = setTimeout(() => setFloaters((f) => f.filter((x) => !fresh.includes(x))), 2600);
    return () => clearTimeout(t);
  }, [burst, reducedMotion]);
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  return (
    <div className={styles.bursts} aria-hidden="true" data-testid="reaction-bursts" data-total={total}>
      {floaters.map((f) => (
        <span key={f.key} className={styles.floater} style={{ left: `${f.left}%` }}>
          {f.emoji}
        </span>
      ))}
      {reducedMotion && total > 0 && (
        <span className={styles.tally}>
          {Object.entries(tally)
            .map(([e, n]) => `${e} ${n}`)
            .join('  ')}
        </span>
      )}
    </div>
  );
}
