// Renderer benchmark: the live topology view with a synthetic topology of any size
// (/bench/topology?pods=100&edges=300&rps=100), for bench/viz-frames.mjs to measure frame times.
// Synthetic data, and labelled so on the page. The size is read in the browser, so the page is
// static (the static replay site builds it too).
import { TopologyBench } from './TopologyBench';

export const metadata = { title: 'meshstage · renderer benchmark (synthetic topology)' };

export default function Page() {
  return <TopologyBench />;
}
