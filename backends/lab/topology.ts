// The demo workload and where its pieces sit, shared by both lab tiers. Mirrors the kind
// backend's workload: web → catalog → inventory, driven by a load-generating client pod.

export const TRUST_DOMAIN = 'cluster.local';
export const NAMESPACE = 'demo';

export type NodeName = 'node-a' | 'node-b';
export const NODES: NodeName[] = ['node-a', 'node-b'];

export interface PodSpec {
  name: string;
  node: NodeName;
  /** The service this pod backs; the client backs none. */
  service: string | null;
}

export const PODS: PodSpec[] = [
  { name: 'client', node: 'node-a', service: null },
  { name: 'web', node: 'node-a', service: 'web' },
  { name: 'catalog', node: 'node-a', service: 'catalog' },
  { name: 'inventory', node: 'node-b', service: 'inventory' },
];

/**
 * Who calls which service for every request. `chain` is the demo: client → web → catalog →
 * inventory (three calls, the last one cross-node). `pair` is the shape of Istio's published
 * benchmark: one call, client and server on different nodes (fortio to fortio), so a mode's
 * added latency is one proxy pair's, comparable with Istio's figures.
 */
export type WorkloadPath = 'chain' | 'pair';
export const WORKLOAD_PATHS: readonly WorkloadPath[] = ['chain', 'pair'];
const CALLS: Record<WorkloadPath, [string, string][]> = {
  chain: [
    ['client', 'web'],
    ['web', 'catalog'],
    ['catalog', 'inventory'],
  ],
  pair: [['client', 'inventory']],
};

/** The waypoint is a Deployment; the scheduler put it here. */
export const WAYPOINT_NODE: NodeName = 'node-a';

export function pod(name: string): PodSpec {
  const p = PODS.find((x) => x.name === name);
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

export function podForService(service: string): PodSpec {
  const p = PODS.find((x) => x.service === service);
  if (!p) throw new Error(`no pod backs service ${service}`);
  return p;
}

export function spiffeId(serviceAccount: string): string {
  return `spiffe://${TRUST_DOMAIN}/ns/${NAMESPACE}/sa/${serviceAccount}`;
}

/** Every call the workload makes on `path`: source pod → destination service's pod. */
export function edges(path: WorkloadPath = 'chain'): { from: PodSpec; to: PodSpec }[] {
  return CALLS[path].map(([from, service]) => ({ from: pod(from), to: podForService(service) }));
}
