// Where a request's time goes in the current mode, hop by hop (pure): each proxy on the path, in
// request order, with its own median time (its self time: total minus upstream), and the rest —
// the apps, the kernel and the network — as the end-to-end median minus the proxies' share.
import { PROXY_ROLES } from '../mesh/proxy-roles';
import type { HopsSample, LatencyWindow, ProxyKind } from '../mesh/telemetry';
import type { TopologySnapshot } from '../mesh/topology';

export interface WaterfallBar {
  key: string;
  label: string;
  /** The label in fewer characters, for big text on a projector: a sidecar by its pod and side
   *  ("web in"; request order says which call), a node's proxy by the node's short name. */
  short: string;
  /** `path`: what the mode's path adds beyond its proxies' own time (extra hops through the
   *  kernel, TLS, wake-ups); `rest`: the apps and network, as with no mesh. */
  kind: ProxyKind | 'path' | 'rest';
  l7: boolean;
  startUs: number;
  us: number;
  /** A proxy's bar: the call it serves (the topology path's ends), so its time can be put on that
   *  call's drawn link (lib/viz/edge-figures.ts). */
  call?: { from: string; to: string };
  /** False for a proxy on the path that saw nothing countable in the window (an L4 relay of a
   *  long-lived tunnel counts no requests): its time is unknown, not 0. */
  timed: boolean;
}

export interface Waterfall {
  bars: WaterfallBar[];
  totalUs: number;
  proxiesUs: number;
}

const SHORT = (kind: ProxyKind) => PROXY_ROLES[kind].label;

/** `baselineUs`: the no-mesh median measured this session, to split the rest into what the mesh
 *  path adds and what the apps and network take anyway. */
export function waterfall(
  topology: TopologySnapshot | null,
  hops: HopsSample | null,
  latency: LatencyWindow | null,
  baselineUs: number | null = null,
): Waterfall | null {
  if (!topology || !latency || latency.mode !== topology.mode || latency.cumulative.count === 0) return null;
  const timing = new Map((hops && hops.mode === topology.mode ? hops.hops : []).map((h) => [`${h.proxyId}|${h.listener}`, h]));
  const bars: WaterfallBar[] = [];
  let start = 0;
  for (const path of topology.paths) {
    for (const hop of path.hops) {
      if (hop.kind === 'app' || hop.kind === 'client' || hop.kind === 'kernel') continue;
      const t = timing.get(`${hop.id}|${hop.listener ?? ''}`);
      if (!t) continue;
      // A sidecar's inbound listener, or a ztunnel's HBONE one, is the receiving end of a call
      // (on one node, one ztunnel is both ends: its two bars say which).
      const side = hop.listener === 'inbound' || (hop.kind === 'ztunnel' && hop.listener === 'hbone') ? 'in' : 'out';
      const pod = hop.id.split('/')[1];
      const node = hop.kind === 'ztunnel' ? `${hop.node} ${side}` : hop.node;
      const call = `${path.from}→${path.to}`;
      const timed = t.count > 0;
      bars.push({
        key: `${path.from}>${path.to}|${hop.id}|${hop.listener}`,
        label: `${SHORT(hop.kind)}${hop.kind === 'sidecar' ? ` ${pod} ${side}` : hop.kind === 'waypoint' ? '' : ` ${node}`} (${call})`,
        short:
          hop.kind === 'sidecar' ? `${pod} ${side}` : hop.kind === 'waypoint' ? `waypoint ${call}` : `${SHORT(hop.kind)} ${node.replace(/^node-/, '')} ${call}`,
        kind: hop.kind,
        call: { from: path.from, to: path.to },
        l7: hop.l7,
        startUs: start,
        us: timed ? t.selfP50Us : 0,
        timed,
      });
      if (timed) start += t.selfP50Us;
    }
  }
  const total = latency.cumulative.p50Us;
  const proxiesUs = start;
  const rest = Math.max(0, total - start);
  if (baselineUs !== null && topology.mode !== 'none') {
    const added = Math.max(0, rest - baselineUs);
    if (added > 0) {
      bars.push({
        key: 'path',
        label: 'mesh path: kernel hops, TLS, wake-ups',
        short: 'path: kernel, TLS, wake-ups',
        kind: 'path',
        l7: false,
        startUs: start,
        us: added,
        timed: true,
      });
      start += added;
    }
    bars.push({
      key: 'rest',
      label: 'apps and network (as with no mesh)',
      short: 'apps, network (as No mesh)',
      kind: 'rest',
      l7: false,
      startUs: start,
      us: rest - added,
      timed: true,
    });
  } else {
    bars.push({
      key: 'rest',
      label: 'apps, kernel and network',
      short: 'apps, kernel and network',
      kind: 'rest',
      l7: false,
      startUs: start,
      us: rest,
      timed: true,
    });
  }
  return { bars, totalUs: Math.max(total, proxiesUs), proxiesUs };
}
