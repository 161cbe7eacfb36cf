'use client';
// What the proxies cost: CPU and memory per proxy in the current mode (live), and per mode as
// measured this session.
import type { CSSProperties } from 'react';
import { scaleLinear } from 'd3-scale';
import { MODES } from '@/lib/mesh/modes';
import { isL7 } from '@/lib/mesh/proxy-roles';
import { PUBLISHED_PER_PROXY } from '@/lib/mesh/published-figures';
import type { Scoreboard } from '@/lib/mesh/scoreboard';
import type { HopsSample } from '@/lib/mesh/telemetry';
import { L4_COLOR, L7_COLOR, MODE_STYLE } from '@/lib/viz/palette';
import { overheadSummary } from '@/lib/viz/summaries';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import styles from './viz.module.css';

/** A cell with a bar under its number, `share` (0–1) of the cell's width. The bar is drawn by CSS
 *  out of the flow (.barCell): it adds nothing to the column's width, so a number never runs into
 *  the next column on a phone ('0.421.11' with an inline bar in % of an auto-sized cell), and the
 *  table is no wider on the projector (a bar of fixed length pushed the footnote off the slide). */
const barCell = (share: number, color: string) => ({
  className: styles.barCell,
  style: { '--bar-share': Math.min(1, Math.max(0, share)).toFixed(3), '--bar-color': color } as CSSProperties,
});

export function OverheadChart({ hops, scores }: { hops: HopsSample | null; scores: Scoreboard }) {
  const resources = hops?.resources ?? [];
  const cpuMax = Math.max(25, ...resources.map((r) => r.cpuPercent));
  const rssMax = Math.max(100, ...resources.map((r) => r.rssMb));
  const cpu = scaleLinear().domain([0, cpuMax]).range([0, 1]);
  const rss = scaleLinear().domain([0, rssMax]).range([0, 1]);
  const modes = scores.rows.filter((r) => r.cpuPercent !== null);
  const perModeMax = Math.max(0.5, ...modes.map((r) => r.cpuPer1000Rps ?? 0));
  const { onSlide } = useChartText();
  return (
    <ChartFrame
      title="What the proxies cost"
      summary={overheadSummary(hops)}
      testId="viz-overhead"
      note={
        onSlide ? (
          <span>
            CPU in % of one core, memory resident, as each of the lab&apos;s Rust proxies reports it; Istio&apos;s per-proxy figures: 1.24, 1000 rps, 1 KB
          </span>
        ) : (
          <span>
            CPU in % of one core; memory resident (RSS); as each proxy reports it. The lab&apos;s proxies are its own (Rust), not Envoy or ztunnel; beside them,
            what Istio&apos;s published per-proxy figures (1.24, 1000 rps, 1 KB) would charge the same path; Cilium publishes none for its node Envoy
          </span>
        )
      }
    >
      <div className={styles.overhead}>
        <table className={styles.bars} aria-label="CPU and memory per proxy, this mode">
          <thead>
            <tr>
              <th scope="col">proxy</th>
              <th scope="col">CPU %</th>
              <th scope="col">memory MB</th>
            </tr>
          </thead>
          <tbody>
            {resources.length === 0 && (
              <tr>
                <td colSpan={3} className={styles.empty}>
                  {hops ? 'no user-space proxy in this mode' : 'no per-proxy measurements from this backend yet'}
                </td>
              </tr>
            )}
            {resources.map((r) => (
              <tr key={r.proxyId} data-testid="overhead-proxy">
                <th scope="row">{r.proxyId}</th>
                <td {...barCell(cpu(r.cpuPercent), isL7(r.kind) ? L7_COLOR : L4_COLOR)}>{r.cpuPercent.toFixed(1)}</td>
                <td {...barCell(rss(r.rssMb), '#8da2c0')}>{r.rssMb.toFixed(0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className={styles.bars} aria-label="Proxy CPU per 1000 requests per second and memory, per mode">
          <thead>
            <tr>
              <th scope="col">mode</th>
              <th scope="col">vCPU per 1000 rps</th>
              <th scope="col" title={`${PUBLISHED_PER_PROXY.source}: each proxy on this mode's path at its published figure`}>
                Istio published, same path
              </th>
              <th scope="col">memory MB</th>
            </tr>
          </thead>
          <tbody>
            {modes.map((r) => (
              <tr key={r.mode} data-testid={`overhead-mode-${r.mode}`}>
                <th scope="row">{MODES[r.mode].label}</th>
                <td {...barCell((r.cpuPer1000Rps ?? 0) / perModeMax, MODE_STYLE[r.mode].color)}>
                  {r.cpuPer1000Rps === null ? '—' : r.cpuPer1000Rps.toFixed(2)}
                </td>
                <td data-testid={`overhead-published-${r.mode}`}>
                  {r.publishedCpuPer1000Rps === null ? (
                    <span title="Cilium publishes no per-proxy figure for its node Envoy">none</span>
                  ) : (
                    r.publishedCpuPer1000Rps.toFixed(2)
                  )}
                </td>
                <td>{r.rssMb === null ? '—' : r.rssMb.toFixed(0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}
