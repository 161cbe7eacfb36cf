import { describe, expect, it } from 'vitest';
import { placementCost } from './placement-cost';

describe('placementCost', () => {
  it('scales each data plane by what it is per: pods, nodes, waypoints; CPU by rps', () => {
    const rows = placementCost({ pods: 100, nodes: 10, waypoints: 5, rps: 1000 });
    const by = Object.fromEntries(rows.map((r) => [r.plane, r]));
    expect(by.sidecar).toMatchObject({ proxies: 100, l7: true });
    expect(by.sidecar!.vcpu).toBeCloseTo(0.4);
    expect(by.sidecar!.memoryGb).toBeCloseTo(6000 / 1024);
    expect(by.ambient!.vcpu).toBeCloseTo(0.12);
    expect(by.ambient!.memoryGb).toBeCloseTo(120 / 1024);
    expect(by['ambient-waypoint']!.vcpu).toBeCloseTo(0.37);
    expect(by['ambient-waypoint']!.memoryGb).toBeCloseTo((120 + 300) / 1024);
    expect(by['ebpf-l7']!.vcpu).toBeCloseTo(0.25);
    // Ten times the pods: only the sidecar's memory grows.
    const big = placementCost({ pods: 1000, nodes: 10, waypoints: 5, rps: 1000 });
    expect(big[0]!.memoryGb).toBeCloseTo(10 * by.sidecar!.memoryGb);
    expect(big.slice(1).map((r) => r.memoryGb)).toEqual(rows.slice(1).map((r) => r.memoryGb));
  });
});
