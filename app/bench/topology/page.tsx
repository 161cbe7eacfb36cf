// Renderer benchmark: the live topology view with a synthetic topology of any size
// (/bench/topology?pods=100&edges=300&rps=100), for bench/viz-frames.mjs to measure frame times.
// Synthetic data, and labelled so on the page.
import { TopologyBench } from './TopologyBench';

export const metadata = { title: 'meshstage · renderer benchmark (synthetic topology)' };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const q = await searchParams;
  const n = (v: string | undefined, d: number, max: number) => Math.min(max, Math.max(1, Number(v) || d));
  return <TopologyBench pods={n(q.pods, 100, 400)} edges={n(q.edges, 300, 2000)} rps={n(q.rps, 100, 5000)} />;
}
