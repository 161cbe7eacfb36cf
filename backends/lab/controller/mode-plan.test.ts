import { describe, expect, it } from 'vitest';
import { capability } from '../../../lib/mesh/capabilities';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { POLICY_KEYS } from '../../../lib/mesh/policies';
import { loopbackAddressing, netnsAddressing } from './addressing';
import { planMode, userSpaceHops, type ModePlan, planCan } from './mode-plan';
import { spiffeId } from '../topology';

const addressing = netnsAddressing();
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
    expect(p.paths.find((x) => x.from === 'catalog')!.hops[1]!.identities).toEqual({
      client: 'spiffe://cluster.local/ns/demo/sa/catalog',
      server: 'spiffe://cluster.local/ns/demo/sa/inventory',
    });
    expect(plan('sidecar', false).paths[0]!.hops[1]!.next).toBe('http');
  });

  it('ambient: HBONE with mTLS on every call, same node too (the one ztunnel is both ends)', () => {
    const p = plan('ambient');
    expect(hopIds(p, 'client')).toEqual(['client', 'ztunnel/node-a', 'ztunnel/node-a', 'web']);
    expect(hopIds(p, 'catalog')).toEqual(['catalog', 'ztunnel/node-a', 'ztunnel/node-b', 'inventory']);
    for (const path of p.paths) {
      expect(path.hops[1]).toMatchObject({ next: 'hbone', identities: { client: spiffeId(path.from), server: spiffeId(path.to) } });
    }
    // web → catalog: node-a's ztunnel dials its own HBONE listener as web, expecting catalog.
    const out = p.proxies.find((x) => x.id === 'ztunnel/node-a')!.listeners.find((l) => l.id === 'outbound')!;
    expect(out.proto === 'tcp' && out.routes['10.244.1.11>10.96.0.12:80']).toMatchObject({
      kind: 'hbone',
      host: '10.244.1.1',
      port: 15008,
      identity: 'web',
      peer: spiffeId('catalog'),
    });
    expect(p.proxies.every((x) => x.kind === 'ztunnel')).toBe(true);
    expect(userSpaceHops(p)).toBe(6);
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

  it('names, on every proxy hop of a path, the listener of that proxy that handles it', () => {
    for (const mode of MODE_IDS) {
      const p = plan(mode);
      for (const hop of p.paths.flatMap((x) => x.hops).filter((h) => p.proxies.some((x) => x.id === h.id))) {
        const listeners = p.proxies.find((x) => x.id === hop.id)!.listeners.map((l) => l.id);
        expect(listeners, `${mode} ${hop.id}`).toContain(hop.listener);
      }
    }
  });

  it('what the wiring can enforce matches the published capability table', () => {
    for (const mode of MODE_IDS) {
      for (const key of POLICY_KEYS) {
        expect(planCan(plan(mode), key), `${mode}/${key}`).toBe(capability(mode, key).supported);
      }
    }
  });

  it('netns tier: one captured outbound listener per proxy, routes chosen by original destination', () => {
    const wiring = plan('sidecar').proxies.find((p) => p.id === 'sidecar/catalog')!;
    expect(wiring.listeners.map((l) => [l.id, l.port])).toEqual([
      ['inbound', 15006],
      ['outbound', 15001],
    ]);
    const out = wiring.listeners.find((l) => l.id === 'outbound')!;
    expect(out.proto === 'h1' && Object.keys(out.routes)).toEqual(['10.96.0.13:80']);
    const z = plan('ambient')
      .proxies.find((p) => p.id === 'ztunnel/node-a')!
      .listeners.find((l) => l.id === 'outbound')!;
    expect(z.proto === 'tcp' && Object.keys(z.routes).sort()).toEqual(['10.244.1.10>10.96.0.11:80', '10.244.1.11>10.96.0.12:80', '10.244.1.12>10.96.0.13:80']);
    expect(plan('none').dial).toEqual({
      client: { host: '10.96.0.11', port: 80 },
      web: { host: '10.96.0.12', port: 80 },
      catalog: { host: '10.96.0.13', port: 80 },
    });
  });

  it('loopback tier: every listener gets its own address', async () => {
    const loopback = await loopbackAddressing();
    for (const mode of MODE_IDS) {
      const addrs = planMode(mode, loopback, { mtls: true }).proxies.flatMap((p) => p.listeners.map((l) => `${l.host}:${l.port}`));
      expect(new Set(addrs).size, mode).toBe(addrs.length);
    }
  });
});
