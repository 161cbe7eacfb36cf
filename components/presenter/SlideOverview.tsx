'use client';
// The console's overview (O, as reveal.js has it): every slide by number and title, grouped by
// section with its minutes, the current one marked; pick one to go there.
import type { Deck } from '@/lib/deck/types';
import styles from './presenter.module.css';

interface Props {
  deck: Deck;
  current: number | null;
  onPick: (slide: number) => void;
  onClose: () => void;
}

export function SlideOverview({ deck, current, onPick, onClose }: Props) {
  return (
    <div className={styles.overview} role="dialog" aria-label="All slides" data-testid="slide-overview">
      <div className={styles.overviewHead}>
        <strong>All slides</strong>
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
                    onClick={() => onPick(s.index)}
                    data-testid={`overview-slide-${s.index + 1}`}
                  >
                    <span className={styles.overviewNumber}>{s.index + 1}</span> {s.title || s.id}
                  </button>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
