import { describe, expect, it } from 'vitest';
import { capability } from '../../../../lib/mesh/capabilities';
import { MODE_IDS } from '../../../../lib/mesh/modes';
import { POLICY_KEYS } from '../../../../lib/mesh/policies';
import type { Addressing } from './addressing';
import { planMode, userSpaceHops, type ModePlan } from './mode-plan';
import { planCan } from './plan-enforcement';

// Deterministic fake addresses: a distinct port per listener name.
const ports = new Map<string, number>();
const at = (key: string) => ({ host: '127.0.0.1', port: ports.get(key) ?? ports.set(key, 20000 + ports.size).get(key)! });
const addressing: Addressing = {
  tier: 'loopback',
  app: (p) => at(`app/${p}`),
  sidecarOut: (p, s) => at(`so/${p}/${s}`),
  sidecarIn: (p, m) => at(`si/${p}/${m}`),
  ztunnelOut: (n, p, s) => at(`zo/${n}/${p}/${s}`),
  ztunnelHbone: (n) => at(`zh/${n}`),
  waypointHbone: () => at('wh'),
  nodeL7Out: (n, p, s) => at(`no/${n}/${p}/${s}`),
};
const plan = (mode: (typeof MODE_IDS)[number], mtls = true): ModePlan => planMode(mode, addressing, { mtls });
const hopIds = (p: ModePlan, from: string) => p.paths.find((x) => x.from === from)!.hops.map((h) => h.id);

describe('planMode: the data path of each mode', () => {
  it('none and eBPF run no user-space proxy', () => {
    for (const mode of ['none', 'ebpf'] as const) {
      expect(plan(mode).proxies).toEqual([]);
      expect(userSpaceHops(plan(mode))).toBe(0);
    }
    expect(hopIds(plan('ebpf'), 'catalog')).toEqual(['catalog', 'ebpf/node-a', 'inventory']);
  });

  it('sidecar: two sidecars on every call, mTLS between them', () => {
    const p = plan('sidecar');
    expect(hopIds(p, 'client')).toEqual(['client', 'sidecar/client', 'sidecar/web', 'web']);
    expect(p.paths.every((x) => x.hops.filter((h) => h.kind === 'sidecar').length === 2)).toBe(true);
    expect(p.paths.every((x) => x.hops.find((h) => h.kind === 'sidecar')!.next === 'mtls')).toBe(true);
    expect(userSpaceHops(p)).toBe(6);
    expect(plan('sidecar', false).paths[0]!.hops[1]!.next).toBe('http');
  });

  it('ambient: the local ztunnel carries same-node calls; HBONE only between nodes', () => {
    const p = plan('ambient');
    expect(hopIds(p, 'client')).toEqual(['client', 'ztunnel/node-a', 'web']);
    expect(hopIds(p, 'catalog')).toEqual(['catalog', 'ztunnel/node-a', 'ztunnel/node-b', 'inventory']);
    expect(p.paths.find((x) => x.from === 'catalog')!.hops[1]!.next).toBe('hbone');
    expect(p.proxies.every((x) => x.kind === 'ztunnel')).toBe(true);
    expect(userSpaceHops(p)).toBe(4);
  });

  it('ambient + waypoint: every call crosses the waypoint over HBONE', () => {
    const p = plan('ambient-waypoint');
    for (const path of p.paths) {
      const kinds = path.hops.map((h) => h.kind);
      expect(kinds.slice(1, -1)).toEqual(['ztunnel', 'waypoint', 'ztunnel']);
      expect(path.hops[1]!.next).toBe('hbone');
      expect(path.hops[2]!.next).toBe('hbone');
    }
  });

  it('eBPF + node L7: one node proxy per call, after the kernel hook', () => {
    const p = plan('ebpf-l7');
    expect(hopIds(p, 'web')).toEqual(['web', 'ebpf/node-a', 'node-l7/node-a', 'catalog']);
    expect(p.proxies.map((x) => x.id)).toEqual(['node-l7/node-a']);
  });

  it('what the wiring can enforce matches the published capability table', () => {
    for (const mode of MODE_IDS) {
      for (const key of POLICY_KEYS) {
        expect(planCan(plan(mode), key), `${mode}/${key}`).toBe(capability(mode, key).supported);
      }
    }
  });

  it('gives every listener its own address', () => {
    for (const mode of MODE_IDS) {
      const addrs = plan(mode).proxies.flatMap((p) => p.listeners.map((l) => `${l.host}:${l.port}`));
      expect(new Set(addrs).size, mode).toBe(addrs.length);
    }
  });
});
