// The one place lab wiring becomes the UI's topology model.
import type { TopologySnapshot } from '../../lib/mesh/topology';
import { userSpaceHops, type ModePlan } from './controller/mode-plan';
import { NODES, PODS } from './topology';

export function planToTopology(plan: ModePlan, kernelPrograms: string[], at: number): TopologySnapshot {
  return {
    mode: plan.mode,
    at,
    nodes: [...NODES],
    pods: PODS.map((p) => ({ name: p.name, node: p.node, service: p.service })),
    proxies: plan.proxies.map((p) => ({ id: p.id, kind: p.kind, node: p.node, ...(p.pod ? { pod: p.pod } : {}) })),
    paths: plan.paths.map((p) => ({ from: p.from, to: p.to, hops: p.hops.map((h) => ({ ...h })) })),
    userSpaceHops: userSpaceHops(plan),
    kernelPrograms: plan.mode === 'ebpf' || plan.mode === 'ebpf-l7' ? kernelPrograms : [],
  };
}
