// A mode switch under way, as the backend reports it: on a cluster a sidecar rollout takes many
// seconds, and the room should see why the numbers have not changed yet.
import type { SwitchProgress } from '@/lib/mesh/demo-state';
import { MODES } from '@/lib/mesh/modes';
import styles from './demo.module.css';

export function SwitchProgressNote({ progress }: { progress: SwitchProgress | null }) {
  if (!progress) return null;
  return (
    <div className={styles.switching} role="status" aria-live="polite" data-testid="switch-progress">
      <strong>
        Switching {MODES[progress.from].label} → {MODES[progress.to].label}
      </strong>
      <span>
        {progress.step}
        {progress.total > 0 ? ` — ${progress.done} of ${progress.total} serving` : '…'}
      </span>
      {progress.total > 0 && <progress max={progress.total} value={progress.done} aria-label="parts serving in the new mode" />}
      {progress.waiting.length > 0 && (
        <ul className={styles.muted}>
          {progress.waiting.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
