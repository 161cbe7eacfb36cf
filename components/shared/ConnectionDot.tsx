'use client';
import type { ConnectionState } from '@/lib/channel/channel-state';
import { useConnection } from './channel-hooks';
import styles from './shared.module.css';

const LABEL: Record<ConnectionState, string> = { connecting: 'Connecting…', syncing: 'Catching up…', connected: 'Connected', reconnecting: 'Reconnecting…' };

/** The connection's state, re-rendered only when it changes. "Connected", not "Live": the demo
 *  beside it may be recorded, and says so itself. */
export function ConnectionDot() {
  const state = useConnection();
  return (
    <span className={styles.connection} data-state={state} data-testid="connection" role="status">
      <span className={styles.dot} aria-hidden="true" />
      {LABEL[state]}
    </span>
  );
}
