import { describe, expect, it } from 'vitest';
import { addedUs, counts, EMPTY_SCOREBOARD, withHops, withLatency, withTopology } from './scoreboard';
import type { LatencyWindow } from './telemetry';

const summary = (p50Us: number, p99Us: number, count = 1000) => ({ count, p50Us, p90Us: (p50Us + p99Us) / 2, p99Us, maxUs: p99Us * 2 });
const win = (mode: LatencyWindow['mode'], at: number, p50: number, p99: number, rps = 100): LatencyWindow => ({
  mode,
  at,
  windowMs: 250,
  window: summary(p50, p99, 25),
  cumulative: summary(p50, p99),
  rps,
  errors: 0,
  retries: 0,
  targetRps: rps,
});

describe('scoreboard', () => {
  it('counts a measurement only while its mode runs and no switch is under way (a mode is frozen when switched away)', () => {
    expect(counts({ mode: 'ambient-waypoint', switching: null }, 'ambient-waypoint')).toBe(true);
    expect(counts({ mode: 'ebpf', switching: null }, 'ambient-waypoint')).toBe(false);
    expect(counts({ mode: 'ambient-waypoint', switching: { from: 'ambient-waypoint', to: 'ebpf' } }, 'ambient-waypoint')).toBe(false);
    expect(counts(null, 'none')).toBe(false);
  });

  it('keeps one row per mode with its cumulative latency, and the added latency over no mesh', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('none', 1, 1400, 2500));
    b = withLatency(b, win('sidecar', 2, 5000, 23000));
    b = withLatency(b, win('sidecar', 3, 5100, 22000));
    expect(b.rows.map((r) => r.mode)).toEqual(['none', 'sidecar']);
    expect(b.rows[1]!.latency!.p50Us).toBe(5100);
    expect(addedUs(b, 'sidecar', 'p50Us')).toBe(3700);
    expect(addedUs(b, 'sidecar', 'p99Us')).toBe(19500);
    expect(addedUs(b, 'none', 'p50Us')).toBeNull();
    expect(addedUs(b, 'ambient', 'p50Us')).toBeNull();
  });

  it('a percentile difference needs ten samples beyond the percentile on both sides', () => {
    // 300 requests: their p99 is the third-slowest — one stall in the baseline, not a tail.
    let b = withLatency(EMPTY_SCOREBOARD, { ...win('none', 1, 400, 80_000), cumulative: summary(400, 80_000, 300) });
    b = withLatency(b, { ...win('ebpf', 2, 350, 3000), cumulative: summary(350, 3000, 300) });
    expect(addedUs(b, 'ebpf', 'p50Us')).toBe(-50);
    expect(addedUs(b, 'ebpf', 'p99Us')).toBeNull();
  });

  it('an empty cumulative (the first second after a switch) changes nothing', () => {
    const w = win('ambient', 1, 1, 1);
    w.cumulative = { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 };
    expect(withLatency(EMPTY_SCOREBOARD, w)).toBe(EMPTY_SCOREBOARD);
  });

  it('CPU per 1000 rps: proxies’ CPU (smoothed) over achieved rps; no mesh costs nothing', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('sidecar', 1, 5000, 20000, 200));
    b = withHops(b, {
      mode: 'sidecar',
      at: 2,
      hops: [],
      resources: [
        { proxyId: 'sidecar/web', kind: 'sidecar', cpuPercent: 40, rssMb: 70 },
        { proxyId: 'sidecar/catalog', kind: 'sidecar', cpuPercent: 50, rssMb: 72 },
      ],
    });
    const row = b.rows[0]!;
    expect(row.cpuPercent).toBe(90);
    expect(row.rssMb).toBe(142);
    expect(row.cpuPer1000Rps).toBeCloseTo(4.5); // 0.9 vCPU at 200 rps
    b = withHops(b, { mode: 'sidecar', at: 3, hops: [], resources: [{ proxyId: 'sidecar/web', kind: 'sidecar', cpuPercent: 100, rssMb: 70 }] });
    expect(b.rows[0]!.cpuPercent).toBeCloseTo(93); // 90 + 0.3 × (100 − 90)
    b = withHops(b, { mode: 'none', at: 4, hops: [], resources: [] });
    expect(b.rows.find((r) => r.mode === 'none')).toMatchObject({ cpuPercent: 0, rssMb: 0, cpuPer1000Rps: null });
  });

  it('a mode switched on again starts its cost over (its cumulative count restarts)', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('sidecar', 1, 5000, 20000, 200));
    b = withHops(b, { mode: 'sidecar', at: 2, hops: [], resources: [{ proxyId: 'sidecar/web', kind: 'sidecar', cpuPercent: 90, rssMb: 70 }] });
    const again = win('sidecar', 3, 5000, 20000, 200);
    again.cumulative = { ...again.cumulative, count: 10 };
    b = withLatency(b, again);
    expect(b.rows[0]).toMatchObject({ cpuPercent: null, cpuPer1000Rps: null });
    b = withHops(b, { mode: 'sidecar', at: 4, hops: [], resources: [{ proxyId: 'sidecar/web', kind: 'sidecar', cpuPercent: 40, rssMb: 70 }] });
    expect(b.rows[0]!.cpuPercent).toBe(40);
  });

  it('takes user-space hops from the topology, and only bumps the revision when they change', () => {
    const topo = { mode: 'ambient' as const, at: 5, nodes: [], pods: [], proxies: [], paths: [], userSpaceHops: 4, kernelPrograms: [] };
    const b = withTopology(EMPTY_SCOREBOARD, topo);
    expect(b.rows[0]).toMatchObject({ mode: 'ambient', userSpaceHops: 4 });
    expect(withTopology(b, { ...topo, at: 9 })).toBe(b);
  });
});

describe('the published figure beside the lab figure', () => {
  it('charges the same path at Istio’s per-proxy figures, in the lab’s unit, and none where none is published', async () => {
    const { labTopology } = await import('../testing/lab-topology.fixture');
    let board = EMPTY_SCOREBOARD;
    for (const mode of ['none', 'sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7'] as const) board = withTopology(board, labTopology(mode));
    const published = Object.fromEntries(board.rows.map((r) => [r.mode, r.publishedCpuPer1000Rps]));
    // 6 sidecar hops × 0.20; 6 ztunnel hops × 0.06 (same-node calls cross node-a's ztunnel twice); 6 × 0.06 + 3 waypoint hops × 0.25.
    expect(published.sidecar).toBeCloseTo(1.2);
    expect(published.ambient).toBeCloseTo(0.36);
    expect(published['ambient-waypoint']).toBeCloseTo(1.11);
    expect(published.none).toBe(0);
    expect(published.ebpf).toBe(0);
    expect(published['ebpf-l7']).toBeNull();
  });
});
