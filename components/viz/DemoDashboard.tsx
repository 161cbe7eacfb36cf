'use client';
// The live demo's views, chosen by the slide (`data-demo-slot="<view>"`): the panel (state,
// topology, latency), or one subject at a time (a slide has room for one or two charts). The same components serve the
// projector (inside the slide) and phones (below the slide, at the phone's own width).
// The dashboard itself reads nothing: each chart is wrapped in a reader of the slices it draws
// (components/shared/channel-hooks.tsx), so a latency window re-renders the latency chart, the
// topology's traffic and the waterfall, and a scoreboard the charts of the scoreboard, alone.
import { recordedTag, sourceOf, unrecordedNotice } from '@/lib/mesh/provenance';
import { SLIDE_TEXT } from '@/lib/viz/chart-text';
import type { FigureId } from '@/lib/viz/live-figures';
import { BigFigures } from '../demo/BigFigures';
import { DemoSummary } from '../demo/DemoSummary';
import { useBaselineUs, useCurrentHops, useDemo, useDemoMode, useHistory, useLatency, useScores, useTopology } from '../shared/channel-hooks';
import { ChartTextContext } from './chart-text';
import { ComparisonTable } from './ComparisonTable';
import { DistributionChart } from './DistributionChart';
import { LatencyChart } from './LatencyChart';
import { OverheadChart } from './OverheadChart';
import { TopologyView } from './TopologyView';
import { WaterfallChart } from './WaterfallChart';
import styles from './viz.module.css';

import type { DemoView } from '@/lib/viz/demo-views';

function LiveSummary({ scope }: { scope: string }) {
  const demo = useDemo();
  return demo ? <DemoSummary demo={demo} scope={scope} compact /> : null;
}

// Each view says where its data comes from (lib/mesh/provenance.ts): recorded data is never "live".
// `tagged`: the view carries the recorded date in its heading line (the panel's badge has it there).
function LiveTopology({ maxHeight, rates, tagged }: { maxHeight: number; rates: boolean; tagged: boolean }) {
  const backend = useDemo()?.backend;
  return (
    <TopologyView topology={useTopology()} latency={useLatency()} maxHeight={maxHeight} rates={rates} tag={tagged ? recordedTag(sourceOf(backend)) : null} />
  );
}

/** The topology slide's view: every call's link carries its proxies' own time, from the hop
 *  sample the waterfall draws (the panel's slides tell another story and have no room for the
 *  caption that adds the figures up). */
function LiveTopologyWithFigures({ maxHeight, rates }: { maxHeight: number; rates: boolean }) {
  const backend = useDemo()?.backend;
  return (
    <TopologyView
      topology={useTopology()}
      latency={useLatency()}
      hops={useCurrentHops()}
      maxHeight={maxHeight}
      rates={rates}
      tag={recordedTag(sourceOf(backend))}
    />
  );
}

function LiveLatencyChart({ maxHeight }: { maxHeight?: number }) {
  const demo = useDemo();
  const notice = demo ? unrecordedNotice(demo.backend, demo.mode) : null;
  return <LatencyChart points={useHistory()} maxHeight={maxHeight} source={sourceOf(demo?.backend)} notice={notice} />;
}

function LiveBigFigures({ ids }: { ids: readonly FigureId[] }) {
  const demo = useDemo();
  const points = useHistory();
  const latency = useLatency();
  return demo ? <BigFigures ids={ids} demo={demo} points={points} latency={latency} /> : null;
}

function LiveDistributionChart({ maxHeight, compact }: { maxHeight?: number; compact?: boolean }) {
  return <DistributionChart scores={useScores()} maxHeight={maxHeight} compact={compact} />;
}

function LiveWaterfallChart() {
  const tag = recordedTag(sourceOf(useDemo()?.backend));
  return <WaterfallChart topology={useTopology()} hops={useCurrentHops()} latency={useLatency()} baselineUs={useBaselineUs()} tag={tag} />;
}

function LiveOverheadChart() {
  return <OverheadChart hops={useCurrentHops()} scores={useScores()} />;
}

function LiveComparisonTable() {
  return <ComparisonTable scores={useScores()} current={useDemoMode()} backend={sourceOf(useDemo()?.backend)} />;
}

/** `withState: false` leaves out the one-line state (a phone shows it in the slide above).
 *  `inSlide`: drawn in a slide, for the room (chart text at the slide's sizes, fewer labels).
 *  `figures`: the numbers the slide's story is about, shown large in the panel's side column. */
export function DemoDashboard({
  view,
  scope = '',
  withState = true,
  inSlide = false,
  figures = [],
  fitHeight,
}: {
  view: DemoView;
  scope?: string;
  withState?: boolean;
  inSlide?: boolean;
  figures?: readonly FigureId[];
  /** On a page: the height the dashboard has (the replay's demo under a compact header), so its
   *  charts are sized to be seen whole rather than scrolled to. */
  fitHeight?: number | undefined;
}) {
  // Inside a 1280×720 slide the topology must leave room for its heading and legend.
  // What the panel's headings, state line, legends and figures take besides the charts (page px).
  const fit = (reserve: number, floor: number) => (fitHeight ? Math.max(floor, fitHeight - reserve) : undefined);
  const topoMax = inSlide ? (view === 'panel' ? 330 : 400) : (fit(view === 'panel' ? 150 : 90, 220) ?? Infinity);
  const rates = !figures.includes('errors');
  const dashboard = (
    <div className={styles.host} data-on-slide={inSlide || undefined}>
      <div className={styles.dashboard} data-view={view} data-testid={`${scope}demo-dashboard`}>
        {view === 'panel' && (
          <>
            {withState && (
              <div className={styles.panelState}>
                <LiveSummary scope={scope} />
              </div>
            )}
            <div className={styles.panelMain}>
              <LiveTopology maxHeight={topoMax} rates={rates} tagged={false} />
            </div>
            <div className={styles.panelSide}>
              {figures.length > 0 && <LiveBigFigures ids={figures} />}
              <LiveLatencyChart maxHeight={inSlide && figures.length > 0 ? 200 : fit(figures.length > 0 ? 260 : 140, 160)} />
            </div>
          </>
        )}
        {view === 'topology' && <LiveTopologyWithFigures maxHeight={topoMax} rates={rates} />}
        {view === 'latency' && (
          <>
            <LiveLatencyChart maxHeight={fit(90, 180)} />
            <LiveDistributionChart maxHeight={fit(90, 180)} />
          </>
        )}
        {view === 'waterfall' && (
          <>
            <LiveWaterfallChart />
            <LiveOverheadChart />
          </>
        )}
        {view === 'overhead' && <LiveOverheadChart />}
        {view === 'compare' && (
          <>
            <LiveComparisonTable />
            <LiveDistributionChart maxHeight={inSlide ? 150 : 340} compact={inSlide} />
          </>
        )}
      </div>
    </div>
  );
  return inSlide ? <ChartTextContext.Provider value={SLIDE_TEXT}>{dashboard}</ChartTextContext.Provider> : dashboard;
}
