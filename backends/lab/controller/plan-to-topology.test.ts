// The lib/viz tests lay out the lab's topologies from a fixture file (lib imports nothing of the
// lab or the server); this keeps that file equal to what the lab plans and reports today.
// After a change of the lab's wiring: UPDATE_FIXTURES=1 npx vitest run backends/lab/controller/plan-to-topology.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { LAB_TOPOLOGY_FIXTURE, LAB_TOPOLOGY_KERNEL_PROGRAMS } from '../../../lib/testing/lab-topology.fixture';
import { netnsAddressing } from './addressing';
import { planMode, planToTopology } from './mode-plan';

describe('the lab topology fixture of lib/viz', () => {
  it('is what the lab plans for every mode (netns tier, mTLS on)', () => {
    const planned = Object.fromEntries(
      MODE_IDS.map((mode) => {
        const { at: _at, ...rest } = planToTopology(planMode(mode, netnsAddressing(), { mtls: true }), LAB_TOPOLOGY_KERNEL_PROGRAMS, 0);
        return [mode, rest];
      }),
    );
    if (process.env.UPDATE_FIXTURES) writeFileSync(LAB_TOPOLOGY_FIXTURE, JSON.stringify(planned, null, 2) + '\n');
    expect(JSON.parse(readFileSync(LAB_TOPOLOGY_FIXTURE, 'utf8'))).toEqual(planned);
  });
});
