// The demo's topology as the UI draws it: nodes, pods, proxies, and the hop-by-hop path of every
// call in the current mode. Backends map their own objects (lab processes, Kubernetes pods) to this.
import type { ModeId } from './modes';
import type { ProxyKind } from './telemetry';

export type HopKind = 'client' | 'app' | ProxyKind | 'kernel';
/** How a hop talks to the next: plain HTTP, HTTP over mTLS, an HBONE tunnel, or plain TCP. */
export type LinkProtocol = 'http' | 'mtls' | 'hbone' | 'tcp';

export interface TopologyHop {
  id: string;
  kind: HopKind;
  node: string;
  l7: boolean;
  next?: LinkProtocol;
  /** For a proxy hop: the listener that handles this call (matches HopTiming.listener). */
  listener?: string;
  /** On an encrypted link (`mtls`, `hbone`): the SPIFFE ids presented by each end. */
  identities?: { client: string; server: string };
}

export interface TopologyPath {
  from: string;
  to: string;
  hops: TopologyHop[];
}

export interface TopologySnapshot {
  mode: ModeId;
  at: number;
  nodes: string[];
  pods: { name: string; node: string; service: string | null }[];
  proxies: { id: string; kind: ProxyKind; node: string; pod?: string }[];
  paths: TopologyPath[];
  /** User-space proxies one request crosses end to end. */
  userSpaceHops: number;
  /** Kernel programs actually loaded for this mode (empty when a tier cannot load them). */
  kernelPrograms: string[];
}
