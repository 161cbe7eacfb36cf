// A hop sample as it goes over the socket, 4 times a second to every screen in the room: tuples
// instead of objects (in sidecar mode six hop timings and four proxies' resources repeated their
// keys in every sample, ~1.2 KB), CPU and memory to one decimal — what the views show. Packed in
// the hub, unpacked at the client's edge (use-channel); nothing else sees this shape.
import type { ModeId } from './modes';
import type { HopsSample, ProxyKind } from './telemetry';

type PackedHop = [proxyId: string, listener: string, kind: ProxyKind, count: number, selfP50Us: number, selfP90Us: number, l7: 0 | 1];
type PackedResources = [proxyId: string, kind: ProxyKind, cpuPercent: number, rssMb: number];
export type PackedHops = [mode: ModeId, at: number, hops: PackedHop[], resources: PackedResources[]];

const tenth = (n: number) => Math.round(n * 10) / 10;

export function packHops(s: HopsSample): PackedHops {
  return [
    s.mode,
    s.at,
    s.hops.map((h) => [h.proxyId, h.listener, h.kind, h.count, Math.round(h.selfP50Us), Math.round(h.selfP90Us), h.l7 ? 1 : 0]),
    s.resources.map((r) => [r.proxyId, r.kind, tenth(r.cpuPercent), tenth(r.rssMb)]),
  ];
}

export function unpackHops([mode, at, hops, resources]: PackedHops): HopsSample {
  return {
    mode,
    at,
    hops: hops.map(([proxyId, listener, kind, count, selfP50Us, selfP90Us, l7]) => ({ proxyId, listener, kind, count, selfP50Us, selfP90Us, l7: l7 === 1 })),
    resources: resources.map(([proxyId, kind, cpuPercent, rssMb]) => ({ proxyId, kind, cpuPercent, rssMb })),
  };
}
