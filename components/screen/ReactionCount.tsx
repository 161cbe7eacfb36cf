'use client';
// The room's reactions on the projector: a quiet line in the corner, how many of each emoji in
// the last minute — nothing flies across the slide (the console has the bursts). It updates with
// each burst and every few seconds as the minute moves on; nothing moves, reduced motion or not.
import { useEffect, useState } from 'react';
import { useReactions } from '../shared/channel-hooks';
import { keepRecent, recentCounts, type Received } from './recent-reactions';
import styles from './screen.module.css';

const TICK_MS = 5_000;

export function ReactionCount() {
  const burst = useReactions();
  const [received, setReceived] = useState<Received[]>([]);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!burst) return;
    const at = Date.now();
    setReceived((r) => keepRecent(r, at, burst.counts));
    setNow(at);
  }, [burst]);
  const any = received.length > 0;
  useEffect(() => {
    if (!any) return;
    const tick = setInterval(() => {
      const at = Date.now();
      setReceived((r) => keepRecent(r, at));
      setNow(at);
    }, TICK_MS);
    return () => clearInterval(tick);
  }, [any]);
  const { counts, total } = recentCounts(received, now);
  return (
    <p className={styles.reactions} data-testid="screen-reactions" data-total={total} aria-label={total ? 'Reactions in the last minute' : undefined}>
      {counts.map((c) => (
        <span key={c.emoji} className={styles.reactionCount} data-testid={`screen-reactions-${c.emoji}`}>
          {c.emoji} {c.n}
        </span>
      ))}
      {total > 0 && <span className={styles.reactionWindow}>last minute</span>}
    </p>
  );
}
