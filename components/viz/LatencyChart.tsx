'use client';
// Live p50 / p90 / p99 over the last minute, with a marker at each mode switch (D3 scales and
// line generators compute; React renders).
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { quantile } from 'd3-array';
import { useId, useMemo, useRef } from 'react';
import { MODES } from '@/lib/mesh/modes';
import type { LatencyPoint } from '@/lib/mesh/telemetry';
import { ms } from '@/lib/viz/format';
import { runs, SERIES_SPAN_MS, switchMarkers } from '@/lib/viz/latency-series';
import { MODE_STYLE, PERCENTILE_STYLE } from '@/lib/viz/palette';
import { latencySummary } from '@/lib/viz/summaries';
import { ChartFrame } from './ChartFrame';
import { useSize } from './use-size';
import styles from './viz.module.css';

const PAD = { left: 48, right: 16, top: 26, bottom: 28 };
const KEYS = ['p50', 'p90', 'p99'] as const;

export function LatencyChart({ points }: { points: LatencyPoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  const clipId = `clip${useId().replace(/:/g, '')}`;
  const { width } = useSize(box);
  const height = Math.round(Math.min(320, Math.max(180, width * 0.36)));
  const chart = useMemo(() => {
    if (width === 0 || points.length === 0) return null;
    const end = points[points.length - 1]!.at;
    const x = scaleLinear()
      .domain([end - SERIES_SPAN_MS, end])
      .range([PAD.left, width - PAD.right]);
    // The first second after a switch can spike far above everything else: scale to the bulk
    // (twice the upper quartile of p99s) and clip, saying how high the clipped peaks went.
    const top = Math.max(
      1000,
      (quantile(
        points.map((p) => p.p99Us),
        0.75,
      ) ?? 1000) * 2,
    );
    const y = scaleLinear()
      .domain([0, top])
      .range([height - PAD.bottom, PAD.top])
      .nice(4);
    const peak = Math.max(...points.map((p) => p.p99Us));
    const pick = { p50: (p: LatencyPoint) => p.p50Us, p90: (p: LatencyPoint) => p.p90Us, p99: (p: LatencyPoint) => p.p99Us };
    const measured = points.filter((p) => p.rps > 0);
    const lines = KEYS.map((k) => ({
      key: k,
      d: runs(measured)
        .map(
          (r) =>
            line<LatencyPoint>()
              .x((p) => x(p.at))
              .y((p) => y(pick[k](p)))(r) ?? '',
        )
        .join(' '),
    }));
    // Marker labels: newest first, each kept only if it does not run into the one after it.
    const markers = switchMarkers(points).map((m) => ({ ...m, labelled: false }));
    let nextX = width - PAD.right + 200;
    for (let i = markers.length - 1; i >= 0; i--) {
      const mx = x(markers[i]!.at);
      const w = (MODES[markers[i]!.mode].label.length + 2) * 7.5;
      if (mx + 4 + w < nextX && mx + w < width + 40) {
        markers[i]!.labelled = true;
        nextX = mx;
      }
    }
    return { x, y, lines, markers, end, clipped: peak > y.domain()[1]! ? peak : null };
  }, [points, width, height]);

  return (
    <ChartFrame
      title="Latency, live (ms)"
      summary={latencySummary(points)}
      testId="viz-latency"
      note={
        <ul className={styles.legend} data-legend>
          {KEYS.map((k) => (
            <li key={k}>
              <svg width="34" height="10" aria-hidden="true">
                <line x1="2" y1="5" x2="32" y2="5" stroke={PERCENTILE_STYLE[k].color} strokeWidth={3} strokeDasharray={PERCENTILE_STYLE[k].dash} />
              </svg>
              {PERCENTILE_STYLE[k].label}
            </li>
          ))}
          <li>per window, end to end</li>
          {chart?.clipped != null && <li data-testid="latency-clipped">peaks up to {ms(chart.clipped)} ms are off the scale</li>}
        </ul>
      }
    >
      <div ref={box} className={styles.chartBox}>
        {chart ? (
          <svg width={width} height={height} role="img" aria-label={latencySummary(points)}>
            {chart.y.ticks(4).map((t) => (
              <g key={t}>
                <line x1={PAD.left} x2={width - PAD.right} y1={chart.y(t)} y2={chart.y(t)} className={styles.grid} />
                <text x={PAD.left - 6} y={chart.y(t) + 4} textAnchor="end" className={styles.tick}>
                  {ms(t)}
                </text>
              </g>
            ))}
            {[60, 45, 30, 15, 0].map((s) => (
              <text key={s} x={chart.x(chart.end - s * 1000)} y={height - 8} textAnchor="middle" className={styles.tick}>
                {s === 0 ? 'now' : `−${s}s`}
              </text>
            ))}
            {chart.markers.map((m) => (
              <g key={`${m.at}-${m.mode}`} data-testid="latency-switch-marker" data-mode={m.mode}>
                <line
                  x1={chart.x(m.at)}
                  x2={chart.x(m.at)}
                  y1={PAD.top - 8}
                  y2={height - PAD.bottom}
                  stroke={MODE_STYLE[m.mode].color}
                  strokeWidth={2}
                  strokeDasharray="4 3"
                />
                {m.labelled && (
                  <text
                    x={Math.min(chart.x(m.at) + 4, width - (MODES[m.mode].label.length + 2) * 7.5)}
                    y={PAD.top - 12}
                    className={styles.marker}
                    fill={MODE_STYLE[m.mode].color}
                  >
                    → {MODES[m.mode].label}
                  </text>
                )}
              </g>
            ))}
            <clipPath id={clipId}>
              <rect x={PAD.left} y={PAD.top} width={width - PAD.left - PAD.right} height={height - PAD.top - PAD.bottom} />
            </clipPath>
            {chart.lines.map((l) => (
              <path
                key={l.key}
                d={l.d}
                clipPath={`url(#${clipId})`}
                fill="none"
                stroke={PERCENTILE_STYLE[l.key].color}
                strokeWidth={l.key === 'p50' ? 3 : 2.5}
                strokeDasharray={PERCENTILE_STYLE[l.key].dash}
                data-testid={`latency-line-${l.key}`}
              />
            ))}
          </svg>
        ) : (
          <p className={styles.empty}>Waiting for measurements…</p>
        )}
      </div>
    </ChartFrame>
  );
}
