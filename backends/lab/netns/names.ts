// Names and addresses of the netns tier. Everything the lab creates carries the `ms-` /
// `meshstage` prefix, so leftovers of a crashed run can be found and removed at the next start.
import type { NodeName } from '../topology';
export { APP_PORT, SERVICE_PORT } from '../../../lib/mesh/workload';

export const PREFIX = 'ms-';
export const nodeNs = (node: NodeName) => `${PREFIX}${node}`;
export const podNs = (pod: string) => `${PREFIX}pod-${pod}`;
export const netnsPath = (ns: string) => `/run/netns/${ns}`;

export const NODE_SUBNET: Record<NodeName, number> = { 'node-a': 1, 'node-b': 2 };
export const nodeCidr = (node: NodeName) => `10.244.${NODE_SUBNET[node]}.0/24`;
/** The node's bridge address: the pods' gateway, and where the node's proxies listen. */
export const nodeIp = (node: NodeName) => `10.244.${NODE_SUBNET[node]}.1`;
export const POD_CIDR = '10.244.0.0/16';
export const LINK_IP: Record<NodeName, string> = { 'node-a': '10.0.0.1', 'node-b': '10.0.0.2' };

/** Pod addresses (the waypoint is a pod too, like its Deployment in a cluster). */
export const POD_IP: Record<string, string> = {
  client: '10.244.1.10',
  web: '10.244.1.11',
  catalog: '10.244.1.12',
  waypoint: '10.244.1.20',
  inventory: '10.244.2.10',
};

/** ClusterIPs: apps call these; kube-proxy-style DNAT (or eBPF at connect()) picks the pod. */
export const SERVICE_VIP: Record<string, string> = { web: '10.96.0.11', catalog: '10.96.0.12', inventory: '10.96.0.13' };
export const SERVICE_CIDR = '10.96.0.0/24';
/** The kernel floor's raw TCP relays (bench only; no capture rule matches it). */
export const FLOOR_PORT = 9090;

// Istio's well-known ports; the node L7 proxy gets its own so it can start while ztunnel stops.
export const PORT = { outbound: 15001, inbound: 15006, hbone: 15008, nodeL7: 15011 } as const;
export const PROXY_UID = 1337;

export const CGROUP_ROOT = '/sys/fs/cgroup/unified';
export const podCgroup = (node: NodeName) => `${CGROUP_ROOT}/meshstage-pods-${node}`;
export const proxyCgroup = (node: NodeName) => `${CGROUP_ROOT}/meshstage-proxy-${node}`;
export const BPF_PIN_ROOT = '/sys/fs/bpf/meshstage';

/** iptables chains the lab owns. */
export const CHAIN = {
  services: 'MS-SERVICES',
  sidecarOut: 'MS-SIDECAR-OUT',
  sidecarIn: 'MS-SIDECAR-IN',
  // Istio's ISTIO_IN_REDIRECT: the sidecar's own calls to its pod's app ports go to its inbound.
  sidecarInRedirect: 'MS-SIDECAR-INREDIR',
  ambient: 'MS-AMBIENT',
} as const;
/** Where Istio's sidecar connects from when it hands an inbound request to its app on the pod IP
 *  (pilot/pkg/networking/core/listener_address.go InboundPassthroughBindIpv4). */
export const INBOUND_PASSTHROUGH_BIND = '127.0.0.6';
