import { describe, expect, it } from 'vitest';
import { MODE_IDS, type ModeId } from '../mesh/modes';
import type { HopsSample } from '../mesh/telemetry';
import { labTopology } from '../testing/lab-topology.fixture';
import { latencyWindow } from '../testing/latency-window.fixture';
import { edgeFigures, remainderLabel, windowLabel, writtenRest } from './edge-figures';
import { EDGE_FIGURE_CHARS } from './topology-layout';
import { waterfall } from './waterfall';

/** A sample timing every proxy hop of `mode`'s paths, each listener its own figure (17 µs apart). */
function sample(mode: ModeId, count = (_kind: string) => 5): HopsSample {
  const seen = new Map<string, HopsSample['hops'][number]>();
  for (const p of labTopology(mode).paths)
    for (const h of p.hops) {
      if (h.kind === 'app' || h.kind === 'client' || h.kind === 'kernel') continue;
      const key = `${h.id}|${h.listener}`;
      if (!seen.has(key))
        seen.set(key, { proxyId: h.id, listener: h.listener!, kind: h.kind, count: count(h.kind), selfP50Us: 30 + 17 * seen.size, selfP90Us: 99, l7: h.l7 });
    }
  return { mode, at: 1, windowMs: 250, hops: [...seen.values()], resources: [] };
}

describe('edge figures', () => {
  it('in every mode, the calls’ figures plus the remainder are the waterfall’s total, and the calls’ figures its proxies’ bars', () => {
    for (const mode of MODE_IDS) {
      const topo = labTopology(mode);
      const hops = sample(mode);
      const latency = latencyWindow(mode, { p50Us: 2000 });
      const f = edgeFigures(topo, hops, latency)!;
      const w = waterfall(topo, hops, latency, 900)!;
      expect(
        f.calls.map((c) => `${c.from}→${c.to}`),
        mode,
      ).toEqual(topo.paths.map((p) => `${p.from}→${p.to}`));
      const sum = f.calls.reduce((s, c) => s + c.us, 0);
      expect(sum + f.restUs, mode).toBe(w.bars.reduce((s, b) => s + b.us, 0));
      expect(sum + f.restUs, mode).toBe(w.totalUs);
      expect(sum, mode).toBe(w.proxiesUs);
      // Each call carries its own proxies' bars, not a share of the sum.
      for (const c of f.calls)
        expect(c.us, `${mode} ${c.from}→${c.to}`).toBe(
          w.bars.filter((b) => b.key.startsWith(`${c.from}>${c.to}|`) && b.timed && b.kind !== 'path' && b.kind !== 'rest').reduce((s, b) => s + b.us, 0),
        );
      for (const c of f.calls) expect(c.text.length, c.text).toBeLessThanOrEqual(EDGE_FIGURE_CHARS);
    }
  });

  it('sidecar: each call is its caller’s outbound and its callee’s inbound sidecar', () => {
    const f = edgeFigures(labTopology('sidecar'), sample('sidecar'), latencyWindow('sidecar', { p50Us: 2000 }))!;
    // Listeners in first-seen order: client out 30, web in 47, web out 64, catalog in 81, catalog out 98, inventory in 115.
    expect(f.calls.map((c) => [c.kind, c.us, c.text])).toEqual([
      ['timed', 77, '0.077 ms'],
      ['timed', 145, '0.14 ms'],
      ['timed', 213, '0.21 ms'],
    ]);
    expect(f.restUs).toBe(2000 - 435);
    expect(f.windowMs).toBe(250);
    expect(windowLabel(f.windowMs)).toBe('one 0.25 s window');
    expect(remainderLabel(f)).toBe('path, apps, network');
  });

  it('ambient + waypoint with untimed ztunnels: the waypoint’s time as a floor, the ztunnels’ in the remainder, said so', () => {
    const mode = 'ambient-waypoint';
    const f = edgeFigures(
      labTopology(mode),
      sample(mode, (k) => (k === 'ztunnel' ? 0 : 5)),
      latencyWindow(mode, { p50Us: 500 }),
    )!;
    expect(f.calls.map((c) => [c.kind, c.proxies, c.timedProxies])).toEqual([
      ['partly', 3, 1],
      ['partly', 3, 1],
      ['partly', 3, 1],
    ]);
    expect(f.calls.every((c) => c.text.startsWith('≥'))).toBe(true);
    expect(f.untimed).toBe(true);
    expect(remainderLabel(f)).toBe('path, apps, untimed proxies');
    const none = edgeFigures(
      labTopology(mode),
      sample(mode, () => 0),
      latencyWindow(mode, { p50Us: 500 }),
    )!;
    expect(none.calls.map((c) => [c.kind, c.us, c.text])).toEqual(Array(3).fill(['untimed', 0, 'not timed']));
    expect(none.restUs).toBe(500);
  });

  it('No mesh and eBPF: no proxy on any call, every µs in the remainder, and no hop sample needed; a proxied mode waits for one', () => {
    for (const mode of ['none', 'ebpf'] as const) {
      const f = edgeFigures(labTopology(mode), null, latencyWindow(mode, { p50Us: 1400 }))!;
      expect(f.calls.map((c) => c.text)).toEqual(['no proxy', 'no proxy', 'no proxy']);
      expect([f.proxiesUs, f.restUs, f.totalUs]).toEqual([0, 1400, 1400]);
      expect(remainderLabel(f)).toBe('apps, kernel, network');
      expect(windowLabel(f.windowMs)).toBe('the latest hop sample');
    }
    expect(edgeFigures(labTopology('sidecar'), null, latencyWindow('sidecar', { p50Us: 1400 }))).toBeNull();
    // A sample from before the switch is not this mode's.
    expect(edgeFigures(labTopology('ambient'), sample('sidecar'), latencyWindow('ambient', { p50Us: 1400 }))).toBeNull();
  });

  it('proxies’ own p50s above the end-to-end median (a window’s outliers): the total is the waterfall’s, nothing negative', () => {
    const topo = labTopology('sidecar');
    const hops = sample('sidecar');
    const f = edgeFigures(topo, hops, latencyWindow('sidecar', { p50Us: 300 }))!;
    expect(f.restUs).toBe(0);
    expect(f.totalUs).toBe(waterfall(topo, hops, latencyWindow('sidecar', { p50Us: 300 }))!.totalUs);
    expect(f.calls.reduce((s, c) => s + c.us, 0)).toBe(f.totalUs);
  });
});

describe('writtenRest', () => {
  it('writes the remainder so the written figures add up exactly to the written total', () => {
    const calls = [18, 13, 15].map((us) => ({ from: 'a', to: 'b', kind: 'timed' as const, us, proxies: 2, timedProxies: 2, text: '' }));
    // 1,163 µs end to end: written 1.16; the calls 0.018 + 0.013 + 0.015; the remainder 1.114, not 1.12 (1.117 rounded).
    expect(writtenRest({ calls, totalUs: 1163 })).toBe('1.114');
    expect(writtenRest({ calls: [], totalUs: 470 })).toBe('0.47');
  });
});
