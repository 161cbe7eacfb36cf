// The attendee's read-only view of the demo: what runs, where the proxies sit, what is enforced.
import type { DemoState } from '@/lib/mesh/demo-state';
import { MODES } from '@/lib/mesh/modes';
import { BackendBadge } from './BackendBadge';
import { SwitchProgressNote } from './SwitchProgressNote';
import { EnforcementList } from './EnforcementList';
import { LiveNumbers } from './LiveNumbers';
import { canApply } from '@/lib/mesh/backend-status';
import type { HopsSample, LatencyWindow } from '@/lib/mesh/telemetry';
import styles from './demo.module.css';

/** `scope` prefixes test ids so the copy shown inside a demo slide is distinguishable. */
interface Props {
  demo: DemoState;
  latency?: LatencyWindow | null;
  hops?: HopsSample | null;
  scope?: string;
}

export function DemoSummary({ demo, latency = null, hops = null, scope = '' }: Props) {
  const mode = MODES[demo.mode];
  return (
    <section className={styles.summary} aria-label="Live demo" data-testid={`${scope}demo-summary`}>
      <h2 className={styles.summaryTitle}>
        Live demo: <span data-testid={`${scope}demo-mode`}>{mode.label}</span>
      </h2>
      <p className={styles.muted}>{mode.placement}</p>
      <BackendBadge status={demo.backend} />
      <SwitchProgressNote progress={demo.switching} />
      {canApply(demo.backend) && <LiveNumbers demo={demo} latency={latency} hops={hops} />}
      <EnforcementList items={demo.enforcement} />
    </section>
  );
}
