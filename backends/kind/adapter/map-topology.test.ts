import { describe, expect, it } from 'vitest';
import { namespaceFor } from './cluster-shape';
import { demoCluster } from './fixtures/cluster';
import { hasIstioSidecar, mapTopology } from './map-topology';

const ids = (t: ReturnType<typeof mapTopology>, from: string) => t.paths.find((p) => p.from === from)!.hops.map((h) => h.id);

describe('mapTopology on a realistic cluster snapshot', () => {
  const cluster = demoCluster();

  it('none: pods only, on the nodes they run on', () => {
    const t = mapTopology('none', cluster, 1);
    expect(t.nodes).toEqual(['meshstage-control-plane', 'meshstage-worker', 'meshstage-worker2']);
    expect(t.pods).toContainEqual({ name: 'inventory', node: 'meshstage-worker2', service: 'inventory' });
    expect(ids(t, 'catalog')).toEqual(['catalog', 'inventory']);
    expect(t.proxies).toEqual([]);
  });

  it('sidecar: a native-sidecar istio-proxy on both ends, mTLS between them', () => {
    const t = mapTopology('sidecar', cluster, 1);
    expect(ids(t, 'client')).toEqual(['client', 'sidecar/client', 'sidecar/web', 'web']);
    const hop = t.paths[0]!.hops[1]!;
    expect(hop).toMatchObject({
      next: 'mtls',
      identities: { client: 'spiffe://cluster.local/ns/meshstage-sidecar/sa/client', server: 'spiffe://cluster.local/ns/meshstage-sidecar/sa/web' },
    });
    expect(t.userSpaceHops).toBe(6);
  });

  it('ambient: the node ztunnel on every call, a second one and HBONE only across nodes', () => {
    const t = mapTopology('ambient', cluster, 1);
    expect(ids(t, 'web')).toEqual(['web', 'ztunnel/meshstage-worker', 'catalog']);
    expect(ids(t, 'catalog')).toEqual(['catalog', 'ztunnel/meshstage-worker', 'ztunnel/meshstage-worker2', 'inventory']);
    expect(t.paths.find((p) => p.from === 'catalog')!.hops[1]!.next).toBe('hbone');
  });

  it('ambient + waypoint: the waypoint Gateway’s pod sits on every path, reached over HBONE', () => {
    const t = mapTopology('ambient-waypoint', cluster, 1);
    // web and catalog share a node, the waypoint runs on the other: the call hairpins through it.
    expect(ids(t, 'web')).toEqual(['web', 'ztunnel/meshstage-worker', 'waypoint', 'ztunnel/meshstage-worker', 'catalog']);
    expect(ids(t, 'catalog')).toEqual(['catalog', 'ztunnel/meshstage-worker', 'waypoint', 'ztunnel/meshstage-worker2', 'inventory']);
    expect(t.paths.every((p) => p.hops[1]!.next === 'hbone' && p.hops[2]!.next === 'hbone')).toBe(true);
    expect(t.proxies.find((p) => p.id === 'waypoint')).toMatchObject({ kind: 'waypoint', node: 'meshstage-worker2' });
  });

  it('eBPF: Cilium agents, no user-space proxy; eBPF + L7: the source node’s cilium-envoy', () => {
    const e = mapTopology('ebpf', cluster, 1);
    expect(ids(e, 'web')).toEqual(['web', 'ebpf/meshstage-worker', 'catalog']);
    expect(e.userSpaceHops).toBe(0);
    expect(e.kernelPrograms.length).toBe(1);
    const l7 = mapTopology('ebpf-l7', cluster, 1);
    expect(ids(l7, 'catalog')).toEqual(['catalog', 'ebpf/meshstage-worker', 'node-l7/meshstage-worker', 'inventory']);
  });
});

describe('mapTopology draws what is there, not what should be', () => {
  it('a pod not yet restarted after injection has no sidecar to draw', () => {
    const cluster = demoCluster();
    const web = cluster.pods.find((p) => p.metadata?.namespace === namespaceFor('sidecar') && p.metadata.labels?.app === 'web')!;
    web.spec!.initContainers = [];
    expect(hasIstioSidecar(web)).toBe(false);
    expect(ids(mapTopology('sidecar', cluster, 1), 'client')).toEqual(['client', 'sidecar/client', 'web']);
  });

  it('no ready waypoint pod: no waypoint hop; a pod opted out of ambient: no ztunnel for its calls', () => {
    const cluster = demoCluster();
    const wp = cluster.pods.find((p) => p.metadata?.labels?.['gateway.networking.k8s.io/gateway-name'] === 'waypoint')!;
    wp.status!.conditions = [{ type: 'Ready', status: 'False' }];
    expect(ids(mapTopology('ambient-waypoint', cluster, 1), 'web')).toEqual(['web', 'ztunnel/meshstage-worker', 'catalog']);
    const web = cluster.pods.find((p) => p.metadata?.namespace === namespaceFor('ambient') && p.metadata.labels?.app === 'web')!;
    web.metadata!.labels!['istio.io/dataplane-mode'] = 'none';
    expect(ids(mapTopology('ambient', cluster, 1), 'web')).toEqual(['web', 'catalog']);
  });

  it('ignores pods that are not ready, and paths whose pods are missing', () => {
    const cluster = demoCluster();
    const inv = cluster.pods.find((p) => p.metadata?.namespace === namespaceFor('none') && p.metadata.labels?.app === 'inventory')!;
    inv.status!.phase = 'Pending';
    const t = mapTopology('none', cluster, 1);
    expect(t.paths.map((p) => p.from)).toEqual(['client', 'web']);
    expect(t.pods.map((p) => p.name)).not.toContain('inventory');
  });
});
