// Where the demo workload's pieces sit in the lab, shared by both lab tiers. The workload itself
// (its apps and who calls whom) is lib/mesh/workload.ts, the kind backend's too.
import { CLIENT, isService, SERVICES, WORKLOAD_APPS, WORKLOAD_CALLS, type WorkloadApp } from '../../lib/mesh/workload';

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

/** Each app's node: the chain's last call crosses nodes. */
const NODE_OF: Record<WorkloadApp, NodeName> = { client: 'node-a', web: 'node-a', catalog: 'node-a', inventory: 'node-b' };

/** One pod per app, named after it; a service's pod backs it. */
export const PODS: PodSpec[] = WORKLOAD_APPS.map((name) => ({ name, node: NODE_OF[name], service: isService(name) ? name : null }));

/**
 * Who calls which service for every request. `chain` is the demo: client → web → catalog →
 * inventory (three calls, the last one cross-node). `pair` is the shape of Istio's published
 * benchmark: one call, client and server on different nodes (fortio to fortio), so a mode's
 * added latency is one proxy pair's, comparable with Istio's figures.
 */
export type WorkloadPath = 'chain' | 'pair';
export const WORKLOAD_PATHS: readonly WorkloadPath[] = ['chain', 'pair'];
const CALLS: Record<WorkloadPath, readonly (readonly [string, string])[]> = {
  chain: WORKLOAD_CALLS,
  // The client and the chain's last service: on different nodes.
  pair: [[CLIENT, SERVICES.at(-1)!]],
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
