'use client';
// The live demo's views, chosen by the slide (`data-demo-slot="<view>"`): the panel (state,
// topology, latency), or one subject at a time (a slide has room for one or two charts). The same components serve the
// projector (inside the slide) and phones (below the slide, at the phone's own width).
import type { DemoState } from '@/lib/mesh/demo-state';
import type { Scoreboard } from '@/lib/mesh/scoreboard';
import type { HopsSample, LatencyPoint, LatencyWindow } from '@/lib/mesh/telemetry';
import { DemoSummary } from '../demo/DemoSummary';
import { ComparisonTable } from './ComparisonTable';
import { DistributionChart } from './DistributionChart';
import { LatencyChart } from './LatencyChart';
import { OverheadChart } from './OverheadChart';
import { TopologyView } from './TopologyView';
import { WaterfallChart } from './WaterfallChart';
import styles from './viz.module.css';

export { asDemoView, DEMO_VIEWS, type DemoView } from '@/lib/viz/demo-views';
import type { DemoView } from '@/lib/viz/demo-views';

export interface DemoData {
  demo: DemoState;
  latency: LatencyWindow | null;
  hops: HopsSample | null;
  history: LatencyPoint[];
  scores: Scoreboard;
}

/** `withState: false` leaves out the one-line state (a phone shows it in the slide above). */
export function DemoDashboard({
  view,
  data,
  scope = '',
  withState = true,
  inSlide = false,
}: {
  view: DemoView;
  data: DemoData;
  scope?: string;
  withState?: boolean;
  inSlide?: boolean;
}) {
  // Inside a 1280×720 slide the topology must leave room for its heading and legend.
  const topoMax = inSlide ? (view === 'panel' ? 330 : 400) : Infinity;
  const { demo, latency, hops, history, scores } = data;
  const topology = demo.topology;
  const currentHops = hops && hops.mode === demo.mode ? hops : null;
  const baselineUs = scores.rows.find((r) => r.mode === 'none')?.latency?.p50Us ?? null;
  return (
    <div className={styles.host}>
      <div className={styles.dashboard} data-view={view} data-testid={`${scope}demo-dashboard`}>
        {view === 'panel' && (
          <>
            {withState && (
              <div className={styles.panelState}>
                <DemoSummary demo={demo} latency={latency} hops={hops} scope={scope} compact />
              </div>
            )}
            <div className={styles.panelMain}>
              <TopologyView topology={topology} latency={latency} maxHeight={topoMax} />
            </div>
            <div className={styles.panelSide}>
              <LatencyChart points={history} />
            </div>
          </>
        )}
        {view === 'topology' && <TopologyView topology={topology} latency={latency} maxHeight={topoMax} />}
        {view === 'latency' && (
          <>
            <LatencyChart points={history} />
            <DistributionChart scores={scores} />
          </>
        )}
        {view === 'waterfall' && (
          <>
            <WaterfallChart topology={topology} hops={currentHops} latency={latency} baselineUs={baselineUs} />
            <OverheadChart hops={currentHops} scores={scores} />
          </>
        )}
        {view === 'overhead' && <OverheadChart hops={currentHops} scores={scores} />}
        {view === 'compare' && (
          <>
            <ComparisonTable scores={scores} current={demo.mode} />
            <DistributionChart scores={scores} maxHeight={inSlide ? 180 : 340} />
          </>
        )}
      </div>
    </div>
  );
}
