'use client';
// The recorded demo's story where it is playing (lib/replay/caption-beats.ts): what the screens show
// now in words — the mode, what it does with the slide's policy and why — the number the story turns
// on, large, where the slide does not show it itself (the panel's own figure, from the same function:
// the two never disagree), and one chip per beat of this chapter to jump to it.
import { MODES } from '@/lib/mesh/modes';
import { formatClock } from '@/lib/deck/pacing';
import type { Beat } from '@/lib/replay/caption-beats';
import { bigFigures, type FigureId } from '@/lib/viz/live-figures';
import { useDemo, useHistory, useLatency } from '../shared/channel-hooks';
import styles from './replay.module.css';

const FIGURE_NAMES: Record<FigureId, string> = { errors: 'errors', retries: 'retries', p50: 'p50', p99: 'p99' };

function StoryFigure({ id }: { id: FigureId }) {
  const demo = useDemo();
  const points = useHistory();
  const latency = useLatency();
  if (!demo) return null;
  const { figures, window } = bigFigures([id], demo, points, latency);
  const f = figures[0]!;
  return (
    <p className={styles.storyFigure} data-testid="replay-story-figure" data-figure={id} data-value={f.value ?? ''}>
      <span className={styles.storyName}>{FIGURE_NAMES[id]}</span>
      {f.value === null ? (
        <span className={styles.storyMissing}>{f.missing}</span>
      ) : (
        <>
          <span className={styles.storyValue}>{f.value}</span>
          <span className={styles.storyUnit}>{f.unit}</span>
        </>
      )}
      <span className={styles.storyWindow}>{window}</span>
    </p>
  );
}

/** What the recorded demo shows now, in words, and the number its story turns on (if the slide does
 *  not show it large itself). */
export function BeatWords({ current, figure }: { current: Beat | null; figure: FigureId | null }) {
  return (
    <section className={styles.beat} aria-label="What the recorded demo shows now" data-testid="replay-beat">
      <div className={styles.beatWords} aria-live="polite">
        <p className={styles.beatText} data-refused={current?.refused || undefined} data-testid="replay-beat-text">
          {current?.text ?? ''}
        </p>
        {current?.detail && <p className={styles.beatDetail}>{current.detail}</p>}
      </div>
      {figure && <StoryFigure id={figure} />}
    </section>
  );
}

/** One chip per beat of this chapter (a switch under way has none: the mode after it has one). */
export function BeatChips({ beats, current, onSeek }: { beats: readonly Beat[]; current: Beat | null; onSeek: (t: number) => void }) {
  const chips = beats.filter((b) => !b.switching);
  if (chips.length < 2) return null;
  const firstOfMode = new Set(chips.filter((b, i) => chips.findIndex((x) => x.mode === b.mode) === i));
  return (
    <nav className={styles.modes} aria-label="The data planes of this chapter" data-testid="replay-beat-chips">
      {chips.map((b) => (
        <button
          key={b.from}
          type="button"
          aria-pressed={b === current}
          onClick={(e) => {
            onSeek(b.landing);
            // Space plays and pauses after a jump, as after a chapter pick, not this chip again.
            e.currentTarget.blur();
          }}
          data-testid={firstOfMode.has(b) ? `replay-mode-${b.mode}` : undefined}
          data-refused={b.refused || undefined}
          title={b.refused ? `${MODES[b.mode].label}: the slide's policy is not enforced here` : undefined}
        >
          {MODES[b.mode].label} <span className={styles.muted}>{formatClock(b.landing)}</span>
        </button>
      ))}
    </nav>
  );
}
