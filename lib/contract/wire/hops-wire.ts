// A hop sample as it goes over the socket, 4 times a second to the presenter and once a second to
// the room on the slides that draw it: tuples instead of objects (in sidecar mode six hop timings
// and four proxies' resources repeated their keys in every sample, ~1.2 KB), each string once,
// CPU and memory to one decimal — what the views show. Packed in
// the hub, unpacked at the client's edge (use-channel); nothing else sees this shape.
import type { ModeId } from '../../mesh/modes';
import type { HopsSample, ProxyKind } from '../../mesh/telemetry';

/** Strings (proxy ids, listeners, kinds) as indexes into the sample's own `names`: in sidecar
 *  mode each proxy id came three times and each kind ten (522 → ~340 B a sample). */
type PackedHop = [proxyId: number, listener: number, kind: number, count: number, selfP50Us: number, selfP90Us: number, l7: 0 | 1];
type PackedResources = [proxyId: number, kind: number, cpuPercent: number, rssMb: number];
/** `windowMs` last and only when the sample says it (older recordings do not). */
export type PackedHops = [mode: ModeId, at: number, names: string[], hops: PackedHop[], resources: PackedResources[], windowMs?: number];

const tenth = (n: number) => Math.round(n * 10) / 10;

export function packHops(s: HopsSample): PackedHops {
  const names: string[] = [];
  const index = new Map<string, number>();
  const name = (n: string) => {
    let i = index.get(n);
    if (i === undefined) index.set(n, (i = names.push(n) - 1));
    return i;
  };
  const hops = s.hops.map((h): PackedHop => [
    name(h.proxyId),
    name(h.listener),
    name(h.kind),
    h.count,
    Math.round(h.selfP50Us),
    Math.round(h.selfP90Us),
    h.l7 ? 1 : 0,
  ]);
  const resources = s.resources.map((r): PackedResources => [name(r.proxyId), name(r.kind), tenth(r.cpuPercent), tenth(r.rssMb)]);
  return s.windowMs === undefined ? [s.mode, s.at, names, hops, resources] : [s.mode, s.at, names, hops, resources, s.windowMs];
}

export function unpackHops([mode, at, names, hops, resources, windowMs]: PackedHops): HopsSample {
  return {
    mode,
    at,
    ...(windowMs === undefined ? {} : { windowMs }),
    hops: hops.map(([proxyId, listener, kind, count, selfP50Us, selfP90Us, l7]) => ({
      proxyId: names[proxyId]!,
      listener: names[listener]!,
      kind: names[kind] as ProxyKind,
      count,
      selfP50Us,
      selfP90Us,
      l7: l7 === 1,
    })),
    resources: resources.map(([proxyId, kind, cpuPercent, rssMb]) => ({ proxyId: names[proxyId]!, kind: names[kind] as ProxyKind, cpuPercent, rssMb })),
  };
}
