// The attendee's read-only view of the demo: what runs, where the proxies sit, what is enforced.
import type { DemoState } from '@/lib/mesh/demo-state';
import { MODES } from '@/lib/mesh/modes';
import { BackendBadge } from './BackendBadge';
import { SwitchProgressNote } from './SwitchProgressNote';
import { EnforcementList } from './EnforcementList';
import { LiveNumbers } from './LiveNumbers';
import { canApply, roomNote } from '@/lib/mesh/backend-status';
import { demoHeading, sourceOf } from '@/lib/mesh/provenance';
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
  const heading = demoHeading(sourceOf(demo.backend));
  // In a slide's one row, what the room must know about the backend takes the placement's line
  // rather than adding one: the panel keeps its height and its charts stay on the slide.
  const note = compact ? roomNote(demo.backend) : null;
  return (
    // A div, not a <section>: inside a reveal.js slide a nested section would be taken for a slide.
    <div role="region" className={compact ? styles.summaryCompact : styles.summary} aria-label={heading} data-testid={`${scope}demo-summary`}>
      <h2 className={styles.summaryTitle}>
        {heading}: <span data-testid={`${scope}demo-mode`}>{mode.label}</span>
      </h2>
      <p className={styles.muted} data-testid={note ? `${scope}room-note` : undefined}>
        {note ?? mode.placement}
      </p>
      {/* The room gets the badge; the backend's internals only when something is wrong. */}
      <BackendBadge status={demo.backend} compact withNote={!compact} />
      <SwitchProgressNote progress={demo.switching} />
      {canApply(demo.backend) && !compact && <LiveNumbers demo={demo} />}
      <EnforcementList items={demo.enforcement} />
    </div>
  );
}
