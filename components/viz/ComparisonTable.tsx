'use client';
// The table the audience remembers: every mode, what it cost this session, and what L7 it can do.
import type { ModeId } from '@/lib/mesh/modes';
import { PUBLISHED_CONDITION, PUBLISHED_PAIR_LATENCY } from '@/lib/mesh/published-figures';
import { comparisonSource, comparisonTitle, LIVE, type Source } from '@/lib/mesh/provenance';
import { provenance, type Scoreboard } from '@/lib/mesh/scoreboard';
import { comparisonRows, sharedCondition } from '@/lib/viz/comparison';
import { addedMs, ms } from '@/lib/viz/format';
import { MODE_STYLE } from '@/lib/viz/palette';
import { comparisonSummary } from '@/lib/viz/summaries';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import styles from './viz.module.css';

const yes = (v: boolean) => (v ? '✓' : '✗');
/** The demo's workload: client → web → catalog → inventory. */
const CALLS_PER_REQUEST = 3;

/** `backend`: where the demo's data comes from now, said while no row has figures yet. */
export function ComparisonTable({ scores, current, backend = LIVE }: { scores: Scoreboard; current: ModeId | null; backend?: Source }) {
  const rows = comparisonRows(scores);
  // Recorded rows (the stage fallback, MESH_BACKEND=replay, /replay) are not "measured live".
  const from = provenance(scores.rows.filter((r) => r.latency));
  const { onSlide } = useChartText();
  // On a slide, a condition every row shares is said once, above the table, not on every row.
  const shared = onSlide ? sharedCondition(rows) : null;
  return (
    <ChartFrame
      title={onSlide ? comparisonTitle(from, backend) : 'No mesh and five data planes, one workload'}
      summary={comparisonSummary(rows)}
      testId="viz-comparison"
      note={
        onSlide ? (
          <span data-testid="compare-note">
            {/* On the slide the room reads one line; where the figures come from is in the title. */}
            {shared ? `every row under ${shared}` : 'each row under one condition'} · added: over No mesh, same load · L7: what the mode can enforce · the
            lab&apos;s own Rust proxies, not Envoy or ztunnel
          </span>
        ) : (
          <span>
            {comparisonSource(from, backend)}, each row under one condition (since the mode or its condition last changed, once settled); “added” is over No
            mesh at the same load, once both have enough requests for the percentile (p99: 1000); L7 = what the mode can enforce. The lab&apos;s proxies are its
            own (Rust), not Envoy or ztunnel. Published for the real ones, per call (a request here is {CALLS_PER_REQUEST} calls):{' '}
            {Object.values(PUBLISHED_PAIR_LATENCY)
              .map((p) => `${p.what} +${ms(p.p90Us)} ms p90, +${ms(p.p99Us)} ms p99 (${p.source})`)
              .join('; ')}
            , at {PUBLISHED_CONDITION.rps} rps, 1 KB, mTLS
          </span>
        )
      }
    >
      {/* Focusable so the table can be scrolled sideways from the keyboard. Narrow (an upright
          phone) it keeps what answers the talk's question — latency, CPU, what L7 it enforces,
          mTLS — and leaves the derived columns to a wider screen, so it fits 360 px. */}
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Comparison table, scrolls sideways">
        <table className={styles.compare}>
          <thead>
            <tr>
              <th scope="col">mode</th>
              <th scope="col" className={styles.wideOnly}>
                user-space hops
              </th>
              <th scope="col">p50 ms</th>
              <th scope="col">p99 ms</th>
              <th scope="col" className={styles.wideOnly}>
                added p50
              </th>
              <th scope="col" className={styles.wideOnly}>
                added p99
              </th>
              <th scope="col">vCPU / 1000 rps</th>
              <th scope="col">retries · timeouts · faults</th>
              <th scope="col">mTLS</th>
              {!shared && (
                <th scope="col" className={styles.wideOnly}>
                  measured under
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.mode} aria-current={r.mode === current ? 'true' : undefined} data-testid={`compare-${r.mode}`} data-measured={r.measured}>
                <th scope="row">
                  <span className={styles.swatch} style={{ background: MODE_STYLE[r.mode].color }} />
                  {/* A no-break space: wrapped on a phone, the swatch stays with the first word. */}
                  {`\u00a0${r.label}`}
                </th>
                <td className={styles.wideOnly}>{r.userSpaceHops ?? '—'}</td>
                <td>{r.p50Us === null ? '—' : ms(r.p50Us)}</td>
                <td>{r.p99Us === null ? '—' : ms(r.p99Us)}</td>
                <td className={styles.wideOnly}>{r.addedP50Us === null ? '—' : addedMs(r.addedP50Us)}</td>
                <td className={styles.wideOnly}>{r.addedP99Us === null ? '—' : addedMs(r.addedP99Us)}</td>
                <td>{r.cpuPer1000Rps === null ? '—' : r.cpuPer1000Rps.toFixed(2)}</td>
                <td>
                  {yes(r.l7.retries)} · {yes(r.l7.timeout)} · {yes(r.l7.fault)}
                </td>
                <td>{yes(r.l7.mtls)}</td>
                {!shared && <td className={`${styles.condition} ${styles.wideOnly}`}>{r.condition ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        <p className={styles.narrowOnly} data-testid="compare-narrow-note">
          Turn the phone sideways for each mode&apos;s hops, added latency and condition.
        </p>
      </div>
    </ChartFrame>
  );
}
