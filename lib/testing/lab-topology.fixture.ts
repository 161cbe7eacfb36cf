// Test support only: the lab's topologies as the lab reports them (netns tier, mTLS on), from a
// fixture file that backends/lab/controller/plan-to-topology.test.ts keeps equal to the lab's planner.
import { fileURLToPath } from 'node:url';
import type { ModeId } from '../mesh/modes';
import type { TopologySnapshot } from '../mesh/topology';
import planned from './fixtures/lab-topology.json';

export const LAB_TOPOLOGY_FIXTURE = fileURLToPath(new URL('./fixtures/lab-topology.json', import.meta.url));
/** The eBPF programs the fixture's eBPF modes report. */
export const LAB_TOPOLOGY_KERNEL_PROGRAMS = ['connect4', 'sockops', 'sk_msg'];

export function labTopology(mode: ModeId, at = 1000): TopologySnapshot {
  return { ...(planned as unknown as Record<ModeId, Omit<TopologySnapshot, 'at'>>)[mode], at };
}
