'use client';
// Each mode's latency distribution measured this session, HDR style: percentile on a log scale of
// 1/(1−p) across, latency on a log scale up — the tail is where the modes differ most.
import { line } from 'd3-shape';
import { useMemo, useRef } from 'react';
import { MODES } from '@/lib/mesh/modes';
import type { Scoreboard } from '@/lib/mesh/scoreboard';
import { DISTRIBUTION_PERCENTILES } from '@/lib/mesh/telemetry';
import { monoWidth } from '@/lib/viz/chart-text';
import { ms } from '@/lib/viz/format';
import { MODE_STYLE } from '@/lib/viz/palette';
import { distributionScales, readableLogTicks, spreadLabels, tailX } from '@/lib/viz/scales';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import { useSize } from './use-size';
import styles from './viz.module.css';

/** `maxHeight`: the height budget inside a slide (the comparison slide shares it with a table).
 *  `compact`: the window in the title and no note under the chart (a slide short of room). */
export function DistributionChart({ scores, maxHeight = 340, compact = false }: { scores: Scoreboard; maxHeight?: number; compact?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useSize(box);
  const text = useChartText();
  // Lines named at their end, or (a narrow chart, or a short one in a slide) in a legend below.
  const direct = width >= 500 && !compact;
  const height = Math.round(Math.min(maxHeight, Math.max(Math.min(220, maxHeight), width * 0.42)));
  const curves = scores.rows.filter((r) => r.latency?.distributionUs?.length === DISTRIBUTION_PERCENTILES.length);
  const chart = useMemo(() => {
    if (width === 0 || curves.length === 0) return null;
    const all = curves.flatMap((c) => c.latency!.distributionUs!);
    // Room on the right for the longest line label drawn there ("Ambient + waypoint" was cut
    // at a fixed 130 px); narrow charts name the lines in the legend below instead, and keep
    // room for half of the last tick, "99.9%", centred on the axis end.
    const longest = Math.max(...curves.map((c) => MODES[c.mode].label.length));
    const pad = {
      left: Math.ceil(monoWidth(4, text.tick)) + 12,
      right: !direct ? Math.max(24, Math.ceil(monoWidth(2.5, text.tick)) + 4) : Math.ceil(monoWidth(longest, text.label) + longest * 0.5) + 16,
      top: 12,
      bottom: text.tick + 22,
    };
    const { x, y } = distributionScales(width, height, Math.min(...all), Math.max(...all), pad);
    const gen = line<[number, number]>()
      .x((d) => x(tailX(d[0])))
      .y((d) => y(d[1]));
    const lines = curves.map((c) => {
      const pts = DISTRIBUTION_PERCENTILES.map((p, i) => [p, c.latency!.distributionUs![i]!] as [number, number]);
      return { mode: c.mode, d: gen(pts) ?? '', end: pts[pts.length - 1]!, labelY: 0 };
    });
    const labelYs = spreadLabels(
      lines.map((l) => y(l.end[1]) + text.label * 0.35),
      text.label + 3,
      text.label,
      height - 4,
    );
    lines.forEach((l, i) => (l.labelY = labelYs[i]!));
    return { x, y, pad, lines };
  }, [curves, width, height, text, direct]);
  const summary = curves.length
    ? `Latency distribution measured this session: ${curves.map((c) => `${MODES[c.mode].label} p99.9 ${ms(c.latency!.distributionUs!.at(-1)!)} ms`).join('; ')}.`
    : 'No mode measured yet.';

  return (
    <ChartFrame
      title={
        compact
          ? 'Latency by percentile, each mode since its condition last changed (ms, log scales)'
          : 'Latency by percentile, every mode measured (ms, log scales)'
      }
      summary={summary}
      testId="viz-distribution"
      note={
        compact ? undefined : (
          <span>
            {text.onSlide
              ? 'each mode since its condition last changed'
              : 'cumulative per mode under one condition, as in the table (since the mode or its condition last changed, once settled)'}
          </span>
        )
      }
    >
      <div ref={box} className={styles.chartBox}>
        {chart ? (
          <svg width={width} height={height} role="img" aria-label={summary}>
            {readableLogTicks(chart.y.ticks(), chart.y, text.tick + 6).map((t) => (
              <g key={t}>
                <line x1={chart.pad.left} x2={width - chart.pad.right} y1={chart.y(t)} y2={chart.y(t)} className={styles.grid} />
                <text x={chart.pad.left - 6} y={chart.y(t) + text.tick * 0.35} textAnchor="end" className={styles.tick} style={{ fontSize: text.tick }}>
                  {ms(t)}
                </text>
              </g>
            ))}
            {[50, 90, 99, 99.9].map((p) => (
              <text key={p} x={chart.x(tailX(p))} y={height - 10} textAnchor="middle" className={styles.tick} style={{ fontSize: text.tick }}>
                {p}%
              </text>
            ))}
            {chart.lines.map((l) => (
              <g key={l.mode} data-testid={`distribution-${l.mode}`}>
                <path d={l.d} fill="none" stroke={MODE_STYLE[l.mode].color} strokeWidth={3} strokeDasharray={MODE_STYLE[l.mode].dash} />
                {direct ? (
                  <text
                    x={chart.x(tailX(l.end[0])) + 6}
                    y={l.labelY}
                    className={styles.lineLabel}
                    style={{ fontSize: text.label }}
                    fill={MODE_STYLE[l.mode].color}
                  >
                    {MODES[l.mode].label}
                  </text>
                ) : null}
              </g>
            ))}
          </svg>
        ) : (
          <p className={styles.empty}>No mode measured yet: every mode switched on adds its curve.</p>
        )}
      </div>
      {chart && !direct && (
        <ul className={styles.legend} data-legend>
          {chart.lines.map((l) => (
            <li key={l.mode}>
              <svg width="34" height="10" aria-hidden="true">
                <line x1="2" y1="5" x2="32" y2="5" stroke={MODE_STYLE[l.mode].color} strokeWidth={3} strokeDasharray={MODE_STYLE[l.mode].dash} />
              </svg>
              {MODES[l.mode].label}
            </li>
          ))}
        </ul>
      )}
    </ChartFrame>
  );
}
