// What each drawn call of the topology carries (pure): the time its proxies spent on it, taken
// from the waterfall's own bars (one definition, lib/viz/waterfall.ts) grouped by call, so the
// figures on the links and the waterfall never disagree. Each call's figure is the sum of its
// proxies' own p50 (self time: total minus upstream) in the latest hop sample, one stats window
// of the proxies (`HopsSample.windowMs`). What no link carries — the path beyond the proxies,
// the apps, the network, and any proxy the window could not time — is the remainder, shown
// beside them: the calls' figures plus the remainder are the waterfall's end-to-end median.
import type { HopsSample, LatencyWindow } from '../mesh/telemetry';
import type { TopologySnapshot } from '../mesh/topology';
import { ms } from './format';
import { waterfall } from './waterfall';

/** `timed`: every proxy of the call timed; `partly`: some not timed (an L4 relay of a long-lived
 *  tunnel counts no requests), so its figure is a floor; `untimed`: none timed; `no-proxy`: the
 *  call crosses no user-space proxy (No mesh, eBPF: the kernel's share is in the remainder). */
export type EdgeFigureKind = 'timed' | 'partly' | 'untimed' | 'no-proxy';

export interface EdgeFigure {
  from: string;
  to: string;
  kind: EdgeFigureKind;
  /** The call's timed proxies' own p50s, summed (0 unless `timed` or `partly`). */
  us: number;
  /** User-space proxies the call crosses, and how many of them the window timed. */
  proxies: number;
  timedProxies: number;
  /** What its label says after the call's name, at most EDGE_FIGURE_CHARS characters. */
  text: string;
}

export interface EdgeFigures {
  calls: EdgeFigure[];
  /** The calls' `us` summed: the waterfall's proxies' share. */
  proxiesUs: number;
  /** What no link carries: the waterfall's total minus its proxies' share. */
  restUs: number;
  /** The waterfall's total: the end-to-end median since the switch (or the condition's last change). */
  totalUs: number;
  /** Whether some proxy on a call was not timed: its time is in the remainder. */
  untimed: boolean;
  /** The window the proxies' p50s cover, when the sample says it. */
  windowMs: number | null;
}

const PROXY_HOP = (kind: string) => kind !== 'app' && kind !== 'client' && kind !== 'kernel';

/** Null when the waterfall has nothing (no latency window of this mode yet), or when a call
 *  crosses proxies and no hop sample of this mode has come: no figures rather than made-up ones. */
export function edgeFigures(topology: TopologySnapshot | null, hops: HopsSample | null, latency: LatencyWindow | null): EdgeFigures | null {
  const w = waterfall(topology, hops, latency);
  if (!w || !topology) return null;
  const sample = hops && hops.mode === topology.mode ? hops : null;
  const proxied = topology.paths.some((p) => p.hops.some((h) => PROXY_HOP(h.kind)));
  if (proxied && !sample) return null;
  let untimed = false;
  const calls = topology.paths.map((path): EdgeFigure => {
    const proxies = path.hops.filter((h) => PROXY_HOP(h.kind)).length;
    const bars = w.bars.filter((b) => b.call?.from === path.from && b.call.to === path.to && b.timed);
    const us = bars.reduce((s, b) => s + b.us, 0);
    const timedProxies = bars.length;
    const kind: EdgeFigureKind = proxies === 0 ? 'no-proxy' : timedProxies === 0 ? 'untimed' : timedProxies < proxies ? 'partly' : 'timed';
    if (kind === 'partly' || kind === 'untimed') untimed = true;
    const text = kind === 'no-proxy' ? 'no proxy' : kind === 'untimed' ? 'not timed' : `${kind === 'partly' ? '≥' : ''}${ms(us)} ms`;
    return { from: path.from, to: path.to, kind, us, proxies, timedProxies, text };
  });
  return { calls, proxiesUs: w.proxiesUs, restUs: w.totalUs - w.proxiesUs, totalUs: w.totalUs, untimed, windowMs: sample?.windowMs ?? null };
}

/** The remainder as the caption writes it: the written total minus the written call figures, at
 *  their finest precision — so the numbers on screen add up exactly as written (each rounded on
 *  its own, they could miss by a last digit). */
export function writtenRest(f: Pick<EdgeFigures, 'calls' | 'totalUs'>): string {
  const parts = f.calls.filter((c) => c.kind === 'timed' || c.kind === 'partly').map((c) => ms(c.us));
  const total = ms(f.totalUs);
  const decimals = Math.max(...[total, ...parts].map((t) => t.split('.')[1]?.length ?? 0));
  const scale = 10 ** decimals;
  const rest = Math.round(Number(total) * scale) - parts.reduce((n, t) => n + Math.round(Number(t) * scale), 0);
  return (rest / scale).toFixed(decimals);
}

/** The window, as a caption says it: "one 0.25 s window", or "the latest hop sample" when the
 *  sample does not say (an older recording). */
export const windowLabel = (windowMs: number | null) => (windowMs === null ? 'the latest hop sample' : `one ${windowMs / 1000} s window`);

/** What the remainder is: the mesh path, the apps and the network, and the untimed proxies' share. */
export const remainderLabel = (f: Pick<EdgeFigures, 'untimed' | 'calls'>) =>
  f.calls.every((c) => c.kind === 'no-proxy') ? 'apps, kernel, network' : f.untimed ? 'path, apps, untimed proxies' : 'path, apps, network';
