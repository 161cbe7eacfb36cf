'use client';
// The console's overview (O, as reveal.js has it): every slide by number and title, grouped by
// section with its minutes, the current one marked; the arrows move a cursor over the tiles
// (key-map.ts), Enter or a click goes there. The deck stays where it is until then.
import { useEffect, useRef } from 'react';
import type { Deck } from '@/lib/deck/types';
import styles from './presenter.module.css';

interface Props {
  deck: Deck;
  current: number | null;
  /** The slide the arrows have picked (Enter goes there). */
  cursor: number;
  onPick: (slide: number) => void;
  onCursor: (slide: number) => void;
  /** How many tiles a row holds on this screen: the grid the arrows walk. */
  onColumns: (columns: number) => void;
  onClose: () => void;
}

export function SlideOverview({ deck, current, cursor, onPick, onCursor, onColumns, onClose }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  // The overlay holds the focus while open: Enter or Space never presses a console button behind it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus({ preventScroll: true });
    return () => opener?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const grid = dialog.current?.querySelector('ol');
    if (!grid) return;
    const measure = () => onColumns(getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, [onColumns]);
  useEffect(() => {
    dialog.current?.querySelector(`[data-cursor="true"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return (
    <div ref={dialog} tabIndex={-1} className={styles.overview} role="dialog" aria-label="All slides" data-testid="slide-overview" data-cursor={cursor}>
      <div className={styles.overviewHead}>
        <strong>All slides</strong>
        <span className={styles.overviewKeys}>← → ↑ ↓ pick · Enter go there · Esc close — the deck stays until Enter</span>
        <button type="button" onClick={onClose}>
          Close (Esc)
        </button>
      </div>
      {deck.sections.map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h2 className={styles.caption}>
            {section.title} · {section.minutes} min
          </h2>
          <ol className={styles.overviewGrid}>
            {deck.slides
              .filter((s) => s.sectionId === section.id)
              .map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    aria-current={s.index === current ? 'step' : undefined}
                    data-cursor={s.index === cursor ? 'true' : undefined}
                    onClick={() => onPick(s.index)}
                    onFocus={() => onCursor(s.index)}
                    data-testid={`overview-slide-${s.index + 1}`}
                  >
                    <span className={styles.overviewNumber}>{s.index + 1}</span> {s.title || s.id}
                    {s.index === current && <span className={styles.overviewNow}>now</span>}
                  </button>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
