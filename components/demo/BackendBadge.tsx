import type { BackendStatus } from '@/lib/mesh/backend-status';
import styles from './demo.module.css';

/** The only place the UI says which backend is behind the numbers (lab tier, kind context, recorded). */
export function BackendBadge({ status }: { status: BackendStatus }) {
  return (
    <div className={styles.backend} data-testid="backend-status" data-state={status.state}>
      <span className={styles.badge} data-state={status.state}>
        {status.recorded ? 'recorded · ' : ''}
        {status.name}
        {status.variant ? ` · ${status.variant}` : ''} · {status.state}
      </span>
      <span className={styles.detail}>{status.detail}</span>
    </div>
  );
}
