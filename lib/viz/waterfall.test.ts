import { describe, expect, it } from 'vitest';
import type { HopsSample, LatencyWindow } from '../mesh/telemetry';
import { labTopology } from '../testing/lab-topology.fixture';
import { waterfall } from './waterfall';
import { waterfallSummary } from './summaries';
import { latencyWindow } from '../testing/latency-window.fixture';

const latency = (mode: LatencyWindow['mode'], p50Us: number): LatencyWindow => latencyWindow(mode, { p50Us });

describe('waterfall', () => {
  it('sidecar: six proxy hops in request order, each with its own time, then the rest', () => {
    const topo = labTopology('sidecar');
    const listeners = topo.paths.flatMap((p) => p.hops.filter((h) => h.kind === 'sidecar').map((h) => ({ proxyId: h.id, listener: h.listener! })));
    const hops: HopsSample = {
      mode: 'sidecar',
      at: 1,
      resources: [],
      hops: listeners.map((l, i) => ({ ...l, kind: 'sidecar' as const, count: 100, selfP50Us: 400 + i * 10, selfP90Us: 900, l7: true })),
    };
    const w = waterfall(topo, hops, latency('sidecar', 5000))!;
    expect(w.bars.map((b) => b.label)).toEqual([
      'sidecar client out (client→web)',
      'sidecar web in (client→web)',
      'sidecar web out (web→catalog)',
      'sidecar catalog in (web→catalog)',
      'sidecar catalog out (catalog→inventory)',
      'sidecar inventory in (catalog→inventory)',
      'apps, kernel and network',
    ]);
    // On a projector: the pod and its side, in request order.
    expect(w.bars.map((b) => b.short)).toEqual(['client out', 'web in', 'web out', 'catalog in', 'catalog out', 'inventory in', 'apps, kernel and network']);
    expect(w.proxiesUs).toBe(400 + 410 + 420 + 430 + 440 + 450);
    expect(w.bars.at(-1)).toMatchObject({ startUs: 2550, us: 2450 });
    expect(w.bars[1]!.startUs).toBe(400);
  });

  it('with the no-mesh baseline measured, the rest splits into what the mesh path adds and the apps’ share', () => {
    const topo = labTopology('ambient');
    const hops: HopsSample = {
      mode: 'ambient',
      at: 1,
      resources: [],
      hops: topo.paths.flatMap((p) =>
        p.hops
          .filter((h) => h.kind === 'ztunnel')
          .map((h) => ({ proxyId: h.id, listener: h.listener!, kind: 'ztunnel' as const, count: 9, selfP50Us: 50, selfP90Us: 80, l7: false })),
      ),
    };
    const w = waterfall(topo, hops, latency('ambient', 2100), 1400)!;
    // Six ztunnel crossings at 50 µs (same-node calls cross node-a's ztunnel out and in).
    expect(w.bars.slice(-2).map((b) => [b.kind, b.us])).toEqual([
      ['path', 400],
      ['rest', 1400],
    ]);
    expect(w.proxiesUs).toBe(300);
    expect(w.bars.map((b) => b.short)).toEqual([
      'ztunnel a out client→web',
      'ztunnel a in client→web',
      'ztunnel a out web→catalog',
      'ztunnel a in web→catalog',
      'ztunnel a out catalog→inventory',
      'ztunnel b in catalog→inventory',
      'path: kernel, TLS, wake-ups',
      'apps, network (as No mesh)',
    ]);
    // eBPF faster than no mesh: nothing added, the apps' share is what is left.
    const e = waterfall(labTopology('ebpf'), null, latency('ebpf', 1250), 1400)!;
    expect(e.bars).toEqual([
      {
        key: 'rest',
        label: 'apps and network (as with no mesh)',
        short: 'apps, network (as No mesh)',
        kind: 'rest',
        l7: false,
        startUs: 0,
        us: 1250,
        timed: true,
      },
    ]);
  });

  it('no mesh: everything is the rest; nothing for another mode’s numbers', () => {
    const w = waterfall(labTopology('none'), null, latency('none', 1400))!;
    expect(w.bars).toEqual([
      { key: 'rest', label: 'apps, kernel and network', short: 'apps, kernel and network', kind: 'rest', l7: false, startUs: 0, us: 1400, timed: true },
    ]);
    expect(waterfall(labTopology('sidecar'), null, latency('none', 1400))).toBeNull();
  });

  it('a proxy on the path that counted nothing in the window is not timed, not 0 µs: no bar length, nothing added to the proxies’ share', () => {
    const topo = labTopology('ambient-waypoint');
    const hops: HopsSample = {
      mode: 'ambient-waypoint',
      at: 1,
      resources: [],
      hops: topo.paths.flatMap((p) =>
        p.hops
          .filter((h) => h.kind === 'ztunnel' || h.kind === 'waypoint')
          .map((h) => ({
            proxyId: h.id,
            listener: h.listener!,
            kind: h.kind as 'ztunnel' | 'waypoint',
            count: h.kind === 'waypoint' ? 120 : 0,
            selfP50Us: h.kind === 'waypoint' ? 3 : 0,
            selfP90Us: 4,
            l7: h.kind === 'waypoint',
          })),
      ),
    };
    const w = waterfall(topo, hops, latency('ambient-waypoint', 450))!;
    const proxies = w.bars.filter((b) => b.kind === 'ztunnel' || b.kind === 'waypoint');
    expect(proxies.filter((b) => !b.timed).map((b) => b.kind)).toEqual(proxies.filter((b) => b.kind === 'ztunnel').map(() => 'ztunnel'));
    expect(proxies.filter((b) => b.timed).map((b) => b.kind)).toEqual(['waypoint', 'waypoint', 'waypoint']);
    expect(w.proxiesUs).toBe(9);
    expect(waterfallSummary(w)).toMatch(/across \d+ proxy hops \(\d+ not timed in this window\); the largest is waypoint \(client→web\) at 0\.003 ms\.$/);
  });
});
