'use client';
// Where the median request's time goes in the current mode, hop by hop in request order: each
// proxy's own time, then the apps, kernel and network as the rest of the end-to-end median.
import { scaleLinear } from 'd3-scale';
import { useId, useRef } from 'react';
import type { HopsSample, LatencyWindow } from '@/lib/mesh/telemetry';
import type { TopologySnapshot } from '@/lib/mesh/topology';
import { monoWidth } from '@/lib/viz/chart-text';
import { fitText } from '@/lib/viz/fit-text';
import { ms } from '@/lib/viz/format';
import { L4_COLOR, L7_COLOR } from '@/lib/viz/palette';
import { waterfallSummary } from '@/lib/viz/summaries';
import { waterfall } from '@/lib/viz/waterfall';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import { useSize } from './use-size';
import styles from './viz.module.css';

export function WaterfallChart({
  topology,
  hops,
  latency,
  baselineUs = null,
  tag = null,
}: {
  topology: TopologySnapshot | null;
  hops: HopsSample | null;
  latency: LatencyWindow | null;
  baselineUs?: number | null;
  /** Where recorded data comes from, in the title's line (lib/mesh/provenance.ts); none when live. */
  tag?: string | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const hatchId = `hatch${useId().replace(/:/g, '')}`;
  const { width } = useSize(box);
  const text = useChartText();
  const rowPx = Math.round(text.tick * 2);
  const w = waterfall(topology, hops, latency, baselineUs);
  // The label column fits the longest label (a fixed 270 px let "mesh path: …, TLS, wake-ups"
  // run under the bars), up to half the chart; narrow charts put labels on their own row.
  // On a projector the short labels, so the bars keep their room at the bigger size.
  const labelOf = (b: { label: string; short: string }) => (text.onSlide ? b.short : b.label);
  const longest = Math.max(0, ...(w?.bars.map((b) => labelOf(b).length) ?? []));
  const labelW = width < 500 ? 0 : Math.min(Math.round(width * 0.55), Math.ceil(monoWidth(longest, text.tick)) + 12);
  const valueW = Math.ceil(monoWidth(5, text.tick)) + 10;
  const x = scaleLinear()
    .domain([0, w?.totalUs || 1])
    .range([labelW, Math.max(labelW + 10, width - valueW)]);
  const rowH = width < 500 ? rowPx * 1.7 : rowPx;
  return (
    <ChartFrame
      title="Where a request’s time goes (median, ms)"
      tag={tag}
      summary={waterfallSummary(w)}
      testId="viz-waterfall"
      note={
        <span>
          {text.onSlide
            ? 'each proxy’s own time, in request order; then what the path adds, and the rest as with No mesh'
            : 'each proxy’s own time (total minus its upstream) in request order; then what the mesh path adds beyond that, and the apps and network as measured with No mesh'}
        </span>
      }
    >
      <div ref={box} className={styles.chartBox}>
        {w && width > 0 ? (
          <svg width={width} height={w.bars.length * rowH + 8} role="img" aria-label={waterfallSummary(w)}>
            <defs>
              <pattern id={hatchId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="8" height="8" fill="#3b4d6b" />
                <line x1="0" y1="0" x2="0" y2="8" stroke="#c8c8c8" strokeWidth="3" />
              </pattern>
            </defs>
            {w.bars.map((b, i) => {
              const y = i * rowH + 4;
              const barY = width < 500 ? y + rowPx * 0.75 : y;
              const fill = b.kind === 'rest' ? '#5b6b86' : b.kind === 'path' ? `url(#${hatchId})` : b.l7 ? L7_COLOR : L4_COLOR;
              return (
                <g key={b.key} data-testid={`waterfall-bar-${b.kind}`}>
                  <text x={0} y={y + rowPx * 0.4 + text.tick * 0.35} className={styles.tick} style={{ fontSize: text.tick }} textAnchor="start">
                    <title>{b.label}</title>
                    {labelW > 0 ? fitText(labelOf(b), labelW - 12, text.tick) : labelOf(b)}
                  </text>
                  {b.timed && <rect x={x(b.startUs)} y={barY} width={Math.max(2, x(b.startUs + b.us) - x(b.startUs))} height={rowPx - 6} rx={3} fill={fill} />}
                  <text
                    x={Math.min(width - valueW + 4, x(b.startUs + b.us) + 6)}
                    y={barY + (rowPx - 6) / 2 + text.tick * 0.35}
                    className={styles.tick}
                    style={{ fontSize: text.tick }}
                  >
                    {b.timed ? ms(b.us) : 'not timed'}
                  </text>
                </g>
              );
            })}
          </svg>
        ) : (
          <p className={styles.empty}>Waiting for per-hop timing in this mode…</p>
        )}
      </div>
    </ChartFrame>
  );
}
