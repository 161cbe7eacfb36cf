'use client';
// The live demo's views, chosen by the slide (`data-demo-slot="<view>"`): the panel (state,
// topology, latency), or one subject at a time (a slide has room for one or two charts). The same components serve the
// projector (inside the slide) and phones (below the slide, at the phone's own width).
// The dashboard itself reads nothing: each chart is wrapped in a reader of the slices it draws
// (components/shared/channel-hooks.tsx), so a latency window re-renders the latency chart, the
// topology's traffic and the waterfall, and a scoreboard the charts of the scoreboard, alone.
import { DemoSummary } from '../demo/DemoSummary';
import { useBaselineUs, useCurrentHops, useDemo, useDemoMode, useHistory, useLatency, useScores, useTopology } from '../shared/channel-hooks';
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

function LiveTopology({ maxHeight }: { maxHeight: number }) {
  return <TopologyView topology={useTopology()} latency={useLatency()} maxHeight={maxHeight} />;
}

function LiveLatencyChart() {
  return <LatencyChart points={useHistory()} />;
}

function LiveDistributionChart({ maxHeight }: { maxHeight?: number }) {
  return <DistributionChart scores={useScores()} maxHeight={maxHeight} />;
}

function LiveWaterfallChart() {
  return <WaterfallChart topology={useTopology()} hops={useCurrentHops()} latency={useLatency()} baselineUs={useBaselineUs()} />;
}

function LiveOverheadChart() {
  return <OverheadChart hops={useCurrentHops()} scores={useScores()} />;
}

function LiveComparisonTable() {
  return <ComparisonTable scores={useScores()} current={useDemoMode()} />;
}

/** `withState: false` leaves out the one-line state (a phone shows it in the slide above). */
export function DemoDashboard({
  view,
  scope = '',
  withState = true,
  inSlide = false,
}: {
  view: DemoView;
  scope?: string;
  withState?: boolean;
  inSlide?: boolean;
}) {
  // Inside a 1280×720 slide the topology must leave room for its heading and legend.
  const topoMax = inSlide ? (view === 'panel' ? 330 : 400) : Infinity;
  return (
    <div className={styles.host}>
      <div className={styles.dashboard} data-view={view} data-testid={`${scope}demo-dashboard`}>
        {view === 'panel' && (
          <>
            {withState && (
              <div className={styles.panelState}>
                <LiveSummary scope={scope} />
              </div>
            )}
            <div className={styles.panelMain}>
              <LiveTopology maxHeight={topoMax} />
            </div>
            <div className={styles.panelSide}>
              <LiveLatencyChart />
            </div>
          </>
        )}
        {view === 'topology' && <LiveTopology maxHeight={topoMax} />}
        {view === 'latency' && (
          <>
            <LiveLatencyChart />
            <LiveDistributionChart />
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
            <LiveDistributionChart maxHeight={inSlide ? 180 : 340} />
          </>
        )}
      </div>
    </div>
  );
}
