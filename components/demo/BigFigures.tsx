'use client';
// The numbers a demo slide's story is about, large enough for the back row (lib/viz/live-figures.ts):
// p50 and p99 under the condition running now, errors and retries per second at the client —
// each with its unit and window, and one line under them naming the mode and its condition.
import { Fragment } from 'react';
import type { DemoState } from '@/lib/mesh/demo-state';
import type { LatencyPoint, LatencyWindow } from '@/lib/mesh/telemetry';
import { bigFigures, type FigureId } from '@/lib/viz/live-figures';
import styles from './demo.module.css';

interface Props {
  ids: readonly FigureId[];
  demo: Pick<DemoState, 'mode' | 'policy' | 'load' | 'backend'>;
  points: readonly LatencyPoint[];
  latency: LatencyWindow | null;
}

export function BigFigures({ ids, demo, points, latency }: Props) {
  const { figures, window, condition, allMissing } = bigFigures(ids, demo, points, latency);
  return (
    <div className={styles.bigFigures} data-testid="big-figures">
      <dl className={styles.figureList}>
        {allMissing ? (
          <div className={styles.figure} data-testid="figures-missing">
            <dt>{figures.map((f) => f.id).join(' · ')}</dt>
            <dd>
              <span className={styles.figureMissing}>{allMissing}</span>
            </dd>
          </div>
        ) : (
          figures.map((f) => (
            <div key={f.id} className={styles.figure} data-testid={`figure-${f.id}`} data-value={f.value ?? ''}>
              <dt>{f.id}</dt>
              <dd>
                {f.value === null ? (
                  <span className={styles.figureMissing}>{f.missing}</span>
                ) : (
                  <>
                    <span className={styles.figureValue}>{f.value}</span>
                    <span className={styles.figureUnit}>{f.unit}</span>
                  </>
                )}
              </dd>
            </div>
          ))
        )}
      </dl>
      <p className={styles.figureCondition} data-testid="big-figures-condition">
        {/* Each part of the condition whole on its line ("1 KB", "retries (3 tries × 500 ms)"). */}
        {[window, ...condition.split(' · ')].map((part, i) => (
          <Fragment key={i}>
            {i > 0 && ' · '}
            <span className={styles.nowrap}>{part}</span>
          </Fragment>
        ))}
      </p>
    </div>
  );
}
