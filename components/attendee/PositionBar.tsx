'use client';
// The top of a phone's page, always in view: where the talk is (slide n / N · section), whether
// the phone is live, and — when the presenter moves on while the reader is further down — a cue
// that takes them back up to the new slide.
import type { Deck } from '@/lib/deck/types';
import { positionLine } from '@/lib/deck/phone-view';
import { ConnectionDot } from '../shared/ConnectionDot';
import { useSlideCue } from './use-slide-cue';
import styles from './attendee.module.css';

export function PositionBar({ deck, slide }: { deck: Deck; slide: number | null }) {
  const { cue, backToTop } = useSlideCue(slide);
  return (
    <header className={styles.header}>
      <span className={styles.position} data-testid="attendee-position">
        {slide === null ? deck.title : positionLine(deck, slide)}
      </span>
      {cue && (
        <button type="button" className={styles.cue} onClick={backToTop} data-testid="slide-changed">
          Slide changed ↑
        </button>
      )}
      <ConnectionDot />
    </header>
  );
}
