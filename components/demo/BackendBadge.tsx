import { roomNote, type BackendStatus } from '@/lib/mesh/backend-status';
import styles from './demo.module.css';

/** The only place the UI says which backend is behind the numbers (lab tier, kind context, recorded). */
/** `compact` (the room's): the badge, its detail as a tooltip, and in plain words what is wrong
 *  when something is; the backend's own detail is the presenter's. */
/** `withNote: false`: the caller says the room's note itself (the slide's one-row summary, in the placement's place). */
export function BackendBadge({ status, compact = false, withNote = true }: { status: BackendStatus; compact?: boolean; withNote?: boolean }) {
  const detail = !withNote ? null : compact ? roomNote(status) : status.detail;
  return (
    <div className={styles.backend} data-testid="backend-status" data-state={status.state} title={status.detail}>
      <span className={styles.badge} data-state={status.state}>
        {status.recorded ? `recorded${status.recordedAt ? ` ${status.recordedAt.slice(0, 10)}` : ''} · ` : ''}
        {status.name}
        {status.variant ? ` · ${status.variant}` : ''} · {status.state}
      </span>
      {detail && <span className={styles.detail}>{detail}</span>}
    </div>
  );
}
