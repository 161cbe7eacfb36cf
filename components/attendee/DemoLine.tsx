'use client';
// Off the demo slides a phone carries the live demo as one line — which data plane runs — that
// opens on a tap into what a reader may want then: where the proxies sit, the path a request
// takes, what is enforced and, in plain words, anything wrong. No numbers ticking, no backend
// states: those are for the demo slides and the presenter.
import { useId, useState } from 'react';
import type { DemoState } from '@/lib/mesh/demo-state';
import { demoLineNote } from '@/lib/mesh/demo-line';
import { MODES } from '@/lib/mesh/modes';
import { roomNote } from '@/lib/mesh/backend-status';
import { demoHeading, sourceOf } from '@/lib/mesh/provenance';
import { EnforcementList } from '../demo/EnforcementList';
import { SwitchProgressNote } from '../demo/SwitchProgressNote';
import styles from './attendee.module.css';

export function DemoLine({ demo }: { demo: DemoState }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const note = demoLineNote(demo);
  return (
    <div className={styles.demoLineBox} data-testid="demo-line">
      <button
        type="button"
        className={styles.demoLine}
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
        data-testid="demo-line-toggle"
      >
        <span className={styles.demoLineText}>
          {demoHeading(sourceOf(demo.backend))}: <span data-testid="demo-mode">{MODES[demo.mode].label}</span>
          {note && <span className={styles.demoLineNote}> · {note}</span>}
        </span>
        <span className={styles.demoLineHint} aria-hidden="true">
          {open ? 'hide ▴' : 'tap for details ▾'}
        </span>
      </button>
      {open && <DemoDetails demo={demo} id={detailsId} />}
    </div>
  );
}

function DemoDetails({ demo, id }: { demo: DemoState; id: string }) {
  const problem = roomNote(demo.backend);
  const path = demo.topology?.mode === demo.mode ? demo.topology.paths : null;
  return (
    <div className={styles.demoDetails} id={id} data-testid="demo-details">
      <p>{MODES[demo.mode].placement}.</p>
      {demo.backend.recorded && demo.backend.recordedAt && (
        <p className={styles.muted}>Numbers from a recording made {demo.backend.recordedAt.slice(0, 10)}.</p>
      )}
      {problem && <p className={styles.muted}>{problem}</p>}
      <SwitchProgressNote progress={demo.switching} />
      {path && (
        <>
          <p className={styles.detailsLabel}>A request&rsquo;s path</p>
          <ol className={styles.paths} data-testid="request-path" aria-label="Request path">
            {path.map((p) => (
              <li key={`${p.from}-${p.to}`}>{p.hops.map((h) => h.id).join(' → ')}</li>
            ))}
          </ol>
        </>
      )}
      <EnforcementList items={demo.enforcement} />
    </div>
  );
}
