'use client';
// Live p50 / p90 / p99 over the last minute, with a marker at each mode switch (D3 scales and
// line generators compute; React renders).
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useId, useMemo, useRef, useState } from 'react';
import { MODES } from '@/lib/mesh/modes';
import { latencyTitle, LIVE, type Source } from '@/lib/mesh/provenance';
import type { LatencyPoint } from '@/lib/mesh/telemetry';
import { monoWidth } from '@/lib/viz/chart-text';
import { ms } from '@/lib/viz/format';
import { latencyPeak, nextLatencyTop, type LatencyTop } from '@/lib/viz/latency-scale';
import { runs, SERIES_SPAN_MS, switchMarkers } from '@/lib/viz/latency-series';
import { MODE_STYLE, PERCENTILE_STYLE } from '@/lib/viz/palette';
import { latencySummary } from '@/lib/viz/summaries';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import { useSize } from './use-size';
import styles from './viz.module.css';

const KEYS = ['p50', 'p90', 'p99'] as const;
/** A notice over the plot needs less room than a trace: the panel does not grow when it shows. */
const NOTICE_MAX_PX = 150;
/** The widest tick label `ms()` writes ("15.0", "2.50", "300"). */
const TICK_CHARS = 4;

/** The scale's top, carried from one window to the next (lib/viz/latency-scale.ts): up at once
 *  to a new maximum, down slowly once it has scrolled away. Adjusted while rendering, as React
 *  does state derived from the previous render: the same points give the same top. */
function useLatencyTop(points: LatencyPoint[]): number {
  const [top, setTop] = useState<LatencyTop | null>(null);
  const end = points.at(-1)?.at;
  if (end === undefined) return nextLatencyTop(null, 0, 0).topUs;
  const next = nextLatencyTop(top, latencyPeak(points), end);
  if (next.topUs !== top?.topUs || next.at !== top.at) setTop(next);
  return next.topUs;
}

/** `maxHeight`: the height budget inside a slide. `source`: live or recorded, for the title.
 *  `notice`: said over the plot instead of the trace while nothing plays for the demo as set (the
 *  recording lacks it, lib/mesh/provenance.ts): the trace is another condition's, not "now". */
export function LatencyChart({
  points,
  maxHeight = 320,
  source = LIVE,
  notice = null,
}: {
  points: LatencyPoint[];
  maxHeight?: number;
  source?: Source;
  notice?: string | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const clipId = `clip${useId().replace(/:/g, '')}`;
  const { width } = useSize(box);
  const text = useChartText();
  const height = Math.round(Math.min(maxHeight, Math.max(text.onSlide ? 220 : 180, width * (text.onSlide ? 0.5 : 0.36))));
  const top = useLatencyTop(points);
  const pad = useMemo(() => ({ left: Math.ceil(monoWidth(TICK_CHARS, text.tick)) + 12, right: 16, top: text.tick + 14, bottom: text.tick + 16 }), [text]);
  const chart = useMemo(() => {
    if (width === 0 || points.length === 0) return null;
    const end = points[points.length - 1]!.at;
    const x = scaleLinear()
      .domain([end - SERIES_SPAN_MS, end])
      .range([pad.left, width - pad.right]);
    // Every window in view is on the scale except a new mode's first seconds (its warm-up can
    // spike far above what it does after): those are clipped, and the legend says how high.
    const y = scaleLinear()
      .domain([0, top])
      .range([height - pad.bottom, pad.top]);
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
    // Marker labels ("→ Sidecar"): newest first, each where it is drawn (at its line, or pulled
    // in from the right edge), kept only if it ends before the next one starts.
    const markers = switchMarkers(points).map((m) => ({ ...m, labelX: null as number | null }));
    let nextX = Infinity;
    for (let i = markers.length - 1; i >= 0; i--) {
      // The arrow comes from a fallback font, wider than a mono cell: half an em more.
      const w = monoWidth(MODES[markers[i]!.mode].label.length + 2, text.tick) + text.tick / 2;
      const at = Math.min(x(markers[i]!.at) + 4, width - w - 2);
      if (at + w + 8 <= nextX && at >= 0) {
        markers[i]!.labelX = at;
        nextX = at;
      }
    }
    return { x, y, lines, markers, end, clipped: peak > top ? peak : null };
  }, [points, width, height, top, pad, text]);

  return (
    <ChartFrame
      title={latencyTitle(source)}
      summary={latencySummary(points)}
      testId="viz-latency"
      note={
        // No trace under a notice: no legend for one either.
        !notice && (
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
        )
      }
    >
      <div ref={box} className={styles.chartBox}>
        {notice ? (
          <p className={styles.chartNotice} style={{ height: Math.min(height, NOTICE_MAX_PX) }} data-testid="latency-unrecorded">
            {notice}
          </p>
        ) : chart ? (
          <svg width={width} height={height} role="img" aria-label={latencySummary(points)}>
            {chart.y.ticks(4).map((t) => (
              <g key={t}>
                <line x1={pad.left} x2={width - pad.right} y1={chart.y(t)} y2={chart.y(t)} className={styles.grid} />
                <text
                  x={pad.left - 6}
                  y={chart.y(t) + text.tick * 0.35}
                  textAnchor="end"
                  className={styles.tick}
                  style={{ fontSize: text.tick }}
                  data-testid="latency-y-tick"
                >
                  {ms(t)}
                </text>
              </g>
            ))}
            {[60, 45, 30, 15, 0].map((s) => (
              <text
                key={s}
                x={chart.x(chart.end - s * 1000)}
                y={height - 8}
                textAnchor={s === 60 ? 'start' : s === 0 ? 'end' : 'middle'}
                className={styles.tick}
                style={{ fontSize: text.tick }}
              >
                {s === 0 ? 'now' : `−${s}s`}
              </text>
            ))}
            {chart.markers.map((m) => (
              <g key={`${m.at}-${m.mode}`} data-testid="latency-switch-marker" data-mode={m.mode}>
                <line
                  x1={chart.x(m.at)}
                  x2={chart.x(m.at)}
                  y1={pad.top - 8}
                  y2={height - pad.bottom}
                  stroke={MODE_STYLE[m.mode].color}
                  strokeWidth={2}
                  strokeDasharray="4 3"
                />
                {m.labelX !== null && (
                  <text x={m.labelX} y={pad.top - 12} className={styles.marker} style={{ fontSize: text.tick }} fill={MODE_STYLE[m.mode].color}>
                    → {MODES[m.mode].label}
                  </text>
                )}
              </g>
            ))}
            <clipPath id={clipId}>
              <rect x={pad.left} y={pad.top} width={width - pad.left - pad.right} height={height - pad.top - pad.bottom} />
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
