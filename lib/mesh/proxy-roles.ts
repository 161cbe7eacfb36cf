// The roles a data-plane proxy can have, the one list: a sidecar in each pod (Istio), ztunnel once
// per node (Istio ambient, L4), a waypoint as a pod of its own (ambient's L7), and a node's L7 proxy
// (Cilium's node Envoy). The backends report proxies by these kinds; the charts and the topology
// name and colour them from here.

export interface ProxyRole {
  /** What the role is called where room is short (a waterfall's bar). */
  label: string;
  /** The layer it works at: an L4 proxy relays bytes (mTLS, HBONE), an L7 one parses HTTP and can
   *  enforce retries, timeouts and faults. */
  layer: 'L4' | 'L7';
  /** Whether it takes a workload's outgoing calls itself; a waypoint is reached through ztunnel. */
  outbound: boolean;
}

export const PROXY_ROLES = {
  sidecar: { label: 'sidecar', layer: 'L7', outbound: true },
  ztunnel: { label: 'ztunnel', layer: 'L4', outbound: true },
  waypoint: { label: 'waypoint', layer: 'L7', outbound: false },
  'node-l7': { label: 'node L7', layer: 'L7', outbound: true },
} as const satisfies Record<string, ProxyRole>;

export type ProxyKind = keyof typeof PROXY_ROLES;
export const PROXY_KINDS = Object.keys(PROXY_ROLES) as ProxyKind[];

/** The roles that take a workload's outgoing calls (PROXY_ROLES' `outbound`). */
export type OutboundProxyKind = { [K in ProxyKind]: (typeof PROXY_ROLES)[K]['outbound'] extends true ? K : never }[ProxyKind];
export const OUTBOUND_PROXY_KINDS: readonly OutboundProxyKind[] = PROXY_KINDS.filter((k): k is OutboundProxyKind => PROXY_ROLES[k].outbound);

/** Whether a proxy of this kind parses HTTP (an L7 proxy) rather than relaying bytes. */
export const isL7 = (kind: ProxyKind): boolean => PROXY_ROLES[kind].layer === 'L7';
