// Test support only: topologies as the lab reports them, built by the lab's own planner so the
// viz tests follow the real wiring.
import { netnsAddressing } from '../../demo-cluster/lab/src/controller/addressing';
import { planMode } from '../../demo-cluster/lab/src/controller/mode-plan';
import { planToTopology } from '../../server/backends/lab/plan-to-topology';
import type { ModeId } from '../mesh/modes';
import type { TopologySnapshot } from '../mesh/topology';

export function labTopology(mode: ModeId, at = 1000): TopologySnapshot {
  return planToTopology(planMode(mode, netnsAddressing(), { mtls: true }), ['connect4', 'sockops', 'sk_msg'], at);
}
