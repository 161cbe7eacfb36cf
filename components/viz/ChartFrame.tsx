'use client';
// Every chart's frame: a title, the chart, and a one-sentence summary for screen readers that is
// announced politely and at most every few seconds (the numbers change four times a second).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import styles from './viz.module.css';

const ANNOUNCE_EVERY_MS = 5000;

function useThrottledText(text: string, everyMs: number): string {
  const [shown, setShown] = useState(text);
  const latest = useRef(text);
  latest.current = text;
  const lastAt = useRef(0);
  useEffect(() => {
    const since = Date.now() - lastAt.current;
    if (since >= everyMs) {
      lastAt.current = Date.now();
      setShown(text);
      return;
    }
    const t = setTimeout(() => {
      lastAt.current = Date.now();
      setShown(latest.current);
    }, everyMs - since);
    return () => clearTimeout(t);
  }, [text, everyMs]);
  return shown;
}

interface Props {
  title: string;
  summary: string;
  testId: string;
  children: ReactNode;
  /** Shown under the chart (units, what was measured). */
  note?: ReactNode;
  /** A small tag in the title's line: where recorded data comes from (lib/mesh/provenance.ts). */
  tag?: string | null;
}

export function ChartFrame({ title, summary, testId, children, note, tag }: Props) {
  const announced = useThrottledText(summary, ANNOUNCE_EVERY_MS);
  return (
    <figure className={styles.frame} data-testid={testId}>
      <figcaption className={styles.title}>
        {title}
        {tag && (
          <span className={styles.tag} data-testid="recorded-tag">
            {tag}
          </span>
        )}
      </figcaption>
      {children}
      {note && <div className={styles.note}>{note}</div>}
      <p className={styles.srOnly} aria-live="polite" data-testid={`${testId}-summary`}>
        {announced}
      </p>
    </figure>
  );
}
