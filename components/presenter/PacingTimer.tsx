'use client';
import { useNow } from '../shared/use-now';
import { formatClock, pacing, sectionPlan } from '@/lib/deck/pacing';
import type { Deck, DeckState } from '@/lib/deck/types';
import styles from './presenter.module.css';

interface Props {
  deck: Deck;
  state: DeckState;
  clockOffsetMs: number;
  onAction(action: 'start' | 'pause' | 'reset'): void;
}

/** Elapsed and remaining talk time, and how far ahead or behind the timing plan the talk is. */
export function PacingTimer({ deck, state, clockOffsetMs, onAction }: Props) {
  const now = useNow(500);
  const p = pacing(deck, state.slide, state.timer, now + clockOffsetMs);
  const section = sectionPlan(deck, state.slide);
  const late = p.behindMs > 60_000;
  const early = p.behindMs < -60_000;
  return (
    <section className={styles.timer} aria-label="Pacing timer" data-testid="pacing-timer">
      <div className={styles.clock}>
        <span className={styles.clockLabel}>elapsed</span>
        <span className={styles.clockValue} data-testid="timer-elapsed">
          {formatClock(p.elapsedMs)}
        </span>
      </div>
      <div className={styles.clock}>
        <span className={styles.clockLabel}>remaining</span>
        <span className={styles.clockValue} data-testid="timer-remaining" data-over={p.remainingMs < 0}>
          {formatClock(p.remainingMs)}
        </span>
      </div>
      <div className={styles.clock}>
        <span className={styles.clockLabel}>plan</span>
        <span className={styles.pace} data-pace={late ? 'late' : early ? 'early' : 'on'}>
          {late ? `${formatClock(p.behindMs)} behind` : early ? `${formatClock(-p.behindMs)} ahead` : 'on time'}
        </span>
      </div>
      {section && (
        <p className={styles.section} data-testid="timer-section">
          {section.title}: {section.minutes} min, {formatClock(section.startsMs)}–{formatClock(section.endsMs)} on the plan
        </p>
      )}
      <div className={styles.timerButtons}>
        {state.timer.running ? (
          <button type="button" onClick={() => onAction('pause')}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => onAction('start')}>
            Start
          </button>
        )}
        <button type="button" onClick={() => onAction('reset')}>
          Reset
        </button>
      </div>
    </section>
  );
}
