import type { PolicyEnforcement } from '@/lib/mesh/capabilities';
import styles from './demo.module.css';

const LABELS = { retries: 'Retries', timeout: 'Timeout', fault: 'Fault injection', mtls: 'mTLS' } as const;

export function EnforcementList({ items }: { items: PolicyEnforcement[] }) {
  if (items.length === 0) return <p className={styles.muted}>No L7 policy switched on.</p>;
  return (
    <ul className={styles.enforcement} data-testid="enforcement">
      {items.map((item) => (
        <li key={item.key} data-enforced={item.enforced}>
          <strong>{LABELS[item.key]}</strong> {item.enforced ? 'enforced' : `not enforced — ${item.reason}`}
        </li>
      ))}
    </ul>
  );
}
