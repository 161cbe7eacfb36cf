'use client';
import { REACTIONS, type Reaction } from '@/lib/audience/types';
import styles from './audience.module.css';

export function ReactionBar({ onReact }: { onReact: (emoji: Reaction) => void }) {
  return (
    <div className={styles.reactions} role="group" aria-label="Send a reaction" data-testid="reaction-bar">
      {REACTIONS.map((r) => (
        <button key={r} type="button" className={styles.reaction} onClick={() => onReact(r)} aria-label={`React ${r}`} data-testid={`react-${r}`}>
          {r}
        </button>
      ))}
    </div>
  );
}
