// The attendee's read-only view of the demo: what runs, where the proxies sit, what is enforced.
import type { DemoState } from '@/lib/mesh/demo-state';
import { MODES } from '@/lib/mesh/modes';
import { BackendBadge } from './BackendBadge';
import { SwitchProgressNote } from './SwitchProgressNote';
import { EnforcementList } from './EnforcementList';
import { LiveNumbers } from './LiveNumbers';
import { canApply } from '@/lib/mesh/backend-status';
import styles from './demo.module.css';

/** `scope` prefixes test ids so the copy shown inside a demo slide is distinguishable. */
interface Props {
  demo: DemoState;
  scope?: string;
  /** A single row above the charts (the live numbers are in the charts then); without it, the
   *  live numbers of the latest window (a phone off the demo slides). */
  compact?: boolean;
}

export function DemoSummary({ demo, scope = '', compact = false }: Props) {
  const mode = MODES[demo.mode];
  return (
    // A div, not a <section>: inside a reveal.js slide a nested section would be taken for a slide.
    <div role="region" className={compact ? styles.summaryCompact : styles.summary} aria-label="Live demo" data-testid={`${scope}demo-summary`}>
      <h2 className={styles.summaryTitle}>
        Live demo: <span data-testid={`${scope}demo-mode`}>{mode.label}</span>
      </h2>
      <p className={styles.muted}>{mode.placement}</p>
      {/* The room gets the badge; the backend's internals only when something is wrong. */}
      <BackendBadge status={demo.backend} compact />
      <SwitchProgressNote progress={demo.switching} />
      {canApply(demo.backend) && !compact && <LiveNumbers demo={demo} />}
      <EnforcementList items={demo.enforcement} />
    </div>
  );
}
