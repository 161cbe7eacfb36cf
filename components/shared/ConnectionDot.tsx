import type { ConnectionState } from './use-channel';
import styles from './shared.module.css';

const LABEL: Record<ConnectionState, string> = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' };

export function ConnectionDot({ state }: { state: ConnectionState }) {
  return (
    <span className={styles.connection} data-state={state} data-testid="connection" role="status">
      <span className={styles.dot} aria-hidden="true" />
      {LABEL[state]}
    </span>
  );
}
