// A synthetic topology of any size, for benchmarking the renderer only (labelled as such wherever
// it is shown; never mixed with measurements): `pods` pods over nodes of ten, `edges` calls
// between them, each through two sidecars (three drawn segments), a seeded choice of pairs.
import type { TopologyHop, TopologySnapshot } from '../mesh/topology';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticTopology(pods: number, edges: number, seed = 42): TopologySnapshot {
  const rnd = prng(seed);
  const nodeCount = Math.max(1, Math.ceil(pods / 10));
  const nodes = Array.from({ length: nodeCount }, (_, i) => `node-${String(i + 1).padStart(2, '0')}`);
  const podList = Array.from({ length: pods }, (_, i) => ({ name: `pod-${String(i).padStart(3, '0')}`, node: nodes[i % nodeCount]!, service: `svc-${i}` }));
  const proxies = podList.map((p) => ({ id: `sidecar/${p.name}`, kind: 'sidecar' as const, node: p.node, pod: p.name }));
  const paths = Array.from({ length: edges }, () => {
    const a = podList[Math.floor(rnd() * pods)]!;
    let b = podList[Math.floor(rnd() * pods)]!;
    if (b === a) b = podList[(podList.indexOf(a) + 1) % pods]!;
    const hops: TopologyHop[] = [
      { id: a.name, kind: 'app', node: a.node, l7: false, next: 'http' },
      { id: `sidecar/${a.name}`, kind: 'sidecar', node: a.node, l7: true, listener: 'outbound', next: 'mtls' },
      { id: `sidecar/${b.name}`, kind: 'sidecar', node: b.node, l7: true, listener: 'inbound', next: 'http' },
      { id: b.name, kind: 'app', node: b.node, l7: false },
    ];
    return { from: a.name, to: b.name, hops };
  });
  return { mode: 'sidecar', at: 0, nodes, pods: podList, proxies, paths, userSpaceHops: 2, kernelPrograms: [] };
}
