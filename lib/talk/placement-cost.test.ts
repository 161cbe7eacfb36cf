import { describe, expect, it } from 'vitest';
import { placementCost, type PlacementInput } from './placement-cost';

// The calculator's defaults: 500 pods, 20 nodes, 10 waypoints of 2 replicas, 30 % of calls need
// L7, 5000 rps. Expected values worked by hand from the charts' requests and Istio 1.24's usage.
const DEFAULTS: PlacementInput = { pods: 500, nodes: 20, waypoints: 10, waypointReplicas: 2, l7Share: 0.3, rps: 5000, basis: 'requests' };
const rows = (input: Partial<PlacementInput>) => Object.fromEntries(placementCost({ ...DEFAULTS, ...input }).map((r) => [r.plane, r]));

describe('placementCost on requests (what is reserved)', () => {
  const by = rows({});

  it('reserves per proxy, whatever the traffic', () => {
    // 500 sidecars × 100m / 128 MiB.
    expect(by.sidecar!.vcpu).toBeCloseTo(50);
    expect(by.sidecar!.memoryGib).toBeCloseTo(62.5);
    // 20 nodes × (ztunnel 200m / 512 MiB + istio-cni 100m / 100 MiB).
    expect(by.ambient!.vcpu).toBeCloseTo(6);
    expect(by.ambient!.memoryGib).toBeCloseTo((20 * 612) / 1024);
    // + 10 waypoints × 2 replicas × 100m / 128 MiB.
    expect(by['ambient-waypoint']!).toMatchObject({ proxies: 40 });
    expect(by['ambient-waypoint']!.vcpu).toBeCloseTo(8);
    expect(by['ambient-waypoint']!.memoryGib).toBeCloseTo((20 * 612 + 20 * 128) / 1024);
    // Cilium's chart reserves nothing for its Envoy.
    expect(by['ebpf-l7']!.vcpu).toBe(0);
    expect(by['ebpf-l7']!.memoryGib).toBe(0);
  });

  it('does not move with the request rate or the L7 share, and grows with replicas', () => {
    const busier = rows({ rps: 50_000, l7Share: 1 });
    expect(busier.sidecar!.vcpu).toBeCloseTo(by.sidecar!.vcpu);
    expect(busier['ambient-waypoint']!.vcpu).toBeCloseTo(by['ambient-waypoint']!.vcpu);
    expect(rows({ waypointReplicas: 3 })['ambient-waypoint']!.vcpu).toBeCloseTo(6 + 3);
  });
});

describe('placementCost on usage (Istio 1.24 benchmark)', () => {
  const by = rows({ basis: 'usage' });

  it('charges CPU per call crossing and memory per proxy', () => {
    // Two sidecar crossings × 0.20 vCPU per 1000 rps × 5; 500 × 60 MiB.
    expect(by.sidecar!.vcpu).toBeCloseTo(2);
    expect(by.sidecar!.memoryGib).toBeCloseTo((500 * 60) / 1024);
    // Two ztunnel crossings × 0.06 × 5; 20 × 12 MiB.
    expect(by.ambient!.vcpu).toBeCloseTo(0.6);
    expect(by.ambient!.memoryGib).toBeCloseTo(240 / 1024);
    // + a waypoint crossing for 30 % of calls: 0.3 × 0.25 × 5; + 20 waypoint pods × 60 MiB.
    expect(by['ambient-waypoint']!.vcpu).toBeCloseTo(0.975);
    expect(by['ambient-waypoint']!.memoryGib).toBeCloseTo((240 + 1200) / 1024);
    // One node Envoy crossing for 30 % of calls, the waypoint figure standing in; 20 × 60 MiB.
    expect(by['ebpf-l7']!.vcpu).toBeCloseTo(0.375);
    expect(by['ebpf-l7']!.memoryGib).toBeCloseTo(1200 / 1024);
  });

  it('the L7 share moves only what L7 costs; ten times the pods moves only the sidecars', () => {
    const allL7 = rows({ basis: 'usage', l7Share: 1 });
    expect(allL7.sidecar!.vcpu).toBeCloseTo(by.sidecar!.vcpu);
    expect(allL7.ambient!.vcpu).toBeCloseTo(by.ambient!.vcpu);
    expect(allL7['ambient-waypoint']!.vcpu).toBeCloseTo(0.6 + 1.25);
    const big = rows({ basis: 'usage', pods: 5000 });
    expect(big.sidecar!.memoryGib).toBeCloseTo(10 * by.sidecar!.memoryGib);
    expect(big.ambient!.memoryGib).toBeCloseTo(by.ambient!.memoryGib);
  });

  it('says which planes give workload mTLS and which do L7', () => {
    expect(placementCost(DEFAULTS).map((r) => [r.plane, r.l7, r.mtls])).toEqual([
      ['sidecar', true, true],
      ['ambient', false, true],
      ['ambient-waypoint', true, true],
      ['ebpf-l7', true, false],
    ]);
  });
});
