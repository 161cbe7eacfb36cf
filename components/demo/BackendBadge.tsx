import type { BackendStatus } from '@/lib/mesh/backend-status';
import styles from './demo.module.css';

/** The only place the UI says which backend is behind the numbers (lab tier, kind context, recorded). */
/** `compact`: the badge alone, its detail as a tooltip — unless something is wrong, then it shows. */
export function BackendBadge({ status, compact = false }: { status: BackendStatus; compact?: boolean }) {
  const showDetail = !compact || status.state !== 'ready';
  return (
    <div className={styles.backend} data-testid="backend-status" data-state={status.state} title={status.detail}>
      <span className={styles.badge} data-state={status.state}>
        {status.recorded ? 'recorded · ' : ''}
        {status.name}
        {status.variant ? ` · ${status.variant}` : ''} · {status.state}
      </span>
      {showDetail && <span className={styles.detail}>{status.detail}</span>}
    </div>
  );
}
