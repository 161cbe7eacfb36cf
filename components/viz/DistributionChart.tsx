'use client';
// Each mode's latency distribution measured this session, HDR style: percentile on a log scale of
// 1/(1−p) across, latency on a log scale up — the tail is where the modes differ most.
import { line } from 'd3-shape';
import { useMemo, useRef } from 'react';
import { MODES } from '@/lib/mesh/modes';
import type { Scoreboard } from '@/lib/mesh/scoreboard';
import { DISTRIBUTION_PERCENTILES } from '@/lib/mesh/telemetry';
import { ms } from '@/lib/viz/format';
import { MODE_STYLE } from '@/lib/viz/palette';
import { distributionScales, readableLogTicks, spreadLabels, tailX } from '@/lib/viz/scales';
import { ChartFrame } from './ChartFrame';
import { useSize } from './use-size';
import styles from './viz.module.css';

/** Width of one character of a line label (.lineLabel: 13 px bold monospace, 0.6 em a character). */
const LINE_LABEL_CHAR_PX = 8;

/** `maxHeight`: the height budget inside a slide (the comparison slide shares it with a table). */
export function DistributionChart({ scores, maxHeight = 340 }: { scores: Scoreboard; maxHeight?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useSize(box);
  const height = Math.round(Math.min(maxHeight, Math.max(Math.min(220, maxHeight), width * 0.42)));
  const curves = scores.rows.filter((r) => r.latency?.distributionUs?.length === DISTRIBUTION_PERCENTILES.length);
  const chart = useMemo(() => {
    if (width === 0 || curves.length === 0) return null;
    const all = curves.flatMap((c) => c.latency!.distributionUs!);
    // Room on the right for the longest line label drawn there ("Ambient + waypoint" was cut
    // at a fixed 130 px); narrow charts name the lines in the legend below instead, and keep
    // room for half of the last tick, "99.9%", centred on the axis end.
    const longest = Math.max(...curves.map((c) => MODES[c.mode].label.length));
    const pad = { left: 52, right: width < 500 ? 24 : longest * LINE_LABEL_CHAR_PX + 16, top: 12, bottom: 34 };
    const { x, y } = distributionScales(width, height, Math.min(...all), Math.max(...all), pad);
    const gen = line<[number, number]>()
      .x((d) => x(tailX(d[0])))
      .y((d) => y(d[1]));
    const lines = curves.map((c) => {
      const pts = DISTRIBUTION_PERCENTILES.map((p, i) => [p, c.latency!.distributionUs![i]!] as [number, number]);
      return { mode: c.mode, d: gen(pts) ?? '', end: pts[pts.length - 1]!, labelY: 0 };
    });
    const labelYs = spreadLabels(
      lines.map((l) => y(l.end[1]) + 4),
      16,
    );
    lines.forEach((l, i) => (l.labelY = labelYs[i]!));
    return { x, y, pad, lines };
  }, [curves, width, height]);
  const summary = curves.length
    ? `Latency distribution measured this session: ${curves.map((c) => `${MODES[c.mode].label} p99.9 ${ms(c.latency!.distributionUs!.at(-1)!)} ms`).join('; ')}.`
    : 'No mode measured yet.';

  return (
    <ChartFrame
      title="Latency by percentile, every mode measured (ms, log scales)"
      summary={summary}
      testId="viz-distribution"
      note={<span>cumulative per mode under one condition, as in the table (since the mode or its condition last changed, once settled)</span>}
    >
      <div ref={box} className={styles.chartBox}>
        {chart ? (
          <svg width={width} height={height} role="img" aria-label={summary}>
            {readableLogTicks(chart.y.ticks(), chart.y, 18).map((t) => (
              <g key={t}>
                <line x1={chart.pad.left} x2={width - chart.pad.right} y1={chart.y(t)} y2={chart.y(t)} className={styles.grid} />
                <text x={chart.pad.left - 6} y={chart.y(t) + 4} textAnchor="end" className={styles.tick}>
                  {ms(t)}
                </text>
              </g>
            ))}
            {[50, 90, 99, 99.9].map((p) => (
              <text key={p} x={chart.x(tailX(p))} y={height - 10} textAnchor="middle" className={styles.tick}>
                {p}%
              </text>
            ))}
            {chart.lines.map((l) => (
              <g key={l.mode} data-testid={`distribution-${l.mode}`}>
                <path d={l.d} fill="none" stroke={MODE_STYLE[l.mode].color} strokeWidth={3} strokeDasharray={MODE_STYLE[l.mode].dash} />
                {width >= 500 ? (
                  <text x={chart.x(tailX(l.end[0])) + 6} y={l.labelY} className={styles.lineLabel} fill={MODE_STYLE[l.mode].color}>
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
      {chart && width < 500 && (
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
