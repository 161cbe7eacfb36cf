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
  /** The service this pod calls for every request it serves (or sends, for the client). */
  calls: string | null;
}

export const PODS: PodSpec[] = [
  { name: 'client', node: 'node-a', service: null, calls: 'web' },
  { name: 'web', node: 'node-a', service: 'web', calls: 'catalog' },
  { name: 'catalog', node: 'node-a', service: 'catalog', calls: 'inventory' },
  { name: 'inventory', node: 'node-b', service: 'inventory', calls: null },
];

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

/** Every call the workload makes: source pod → destination service. */
export function edges(): { from: PodSpec; to: PodSpec }[] {
  return PODS.filter((p) => p.calls).map((p) => ({ from: p, to: podForService(p.calls!) }));
}
