// Kubernetes objects → the UI's topology model, at this one edge. What it draws is what the
// cluster has: a pod without its istio-proxy draws no sidecar, a namespace not enrolled in ambient
// draws no ztunnel hop, a missing waypoint pod draws no waypoint.
import type { ModeId } from '../../../lib/mesh/modes';
import type { ProxyKind } from '../../../lib/mesh/telemetry';
import type { TopologyHop, TopologySnapshot } from '../../../lib/mesh/topology';
import { CLIENT, WORKLOAD_APPS, WORKLOAD_CALLS } from '../../../lib/mesh/workload';
import { ISTIO_SYSTEM, KUBE_SYSTEM, namespaceFor } from './cluster-shape';
import type { ClusterObjects, KubePod } from './kube-objects';

const TRUST_DOMAIN = 'cluster.local';

export function hasIstioSidecar(pod: KubePod): boolean {
  const spec = pod.spec;
  if (!spec) return false;
  // Istio ≥ 1.27 injects istio-proxy as a native sidecar: an init container with restartPolicy Always.
  return (
    spec.containers.some((c) => c.name === 'istio-proxy') || (spec.initContainers ?? []).some((c) => c.name === 'istio-proxy' && c.restartPolicy === 'Always')
  );
}

export const isReady = (pod: KubePod) =>
  pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const label = (pod: KubePod, key: string) => pod.metadata?.labels?.[key];

function byNode(pods: KubePod[], namespace: string, key: string, value: string): Map<string, KubePod> {
  const out = new Map<string, KubePod>();
  for (const p of pods) {
    if (p.metadata?.namespace === namespace && label(p, key) === value && isReady(p) && p.spec?.nodeName) out.set(p.spec.nodeName, p);
  }
  return out;
}

export function mapTopology(mode: ModeId, objects: ClusterObjects, at: number): TopologySnapshot {
  const ns = namespaceFor(mode);
  const nsLabels = objects.namespaces.find((n) => n.metadata?.name === ns)?.metadata?.labels ?? {};
  const apps = new Map<string, KubePod>();
  for (const p of objects.pods) {
    const app = label(p, 'app');
    if (p.metadata?.namespace === ns && app && (WORKLOAD_APPS as readonly string[]).includes(app) && isReady(p) && !apps.has(app)) apps.set(app, p);
  }
  const ztunnels = byNode(objects.pods, ISTIO_SYSTEM, 'app', 'ztunnel');
  const ciliumAgents = byNode(objects.pods, KUBE_SYSTEM, 'k8s-app', 'cilium');
  const nodeEnvoys = byNode(objects.pods, KUBE_SYSTEM, 'k8s-app', 'cilium-envoy');
  const waypointName = nsLabels['istio.io/use-waypoint'];
  const waypointGateway = objects.gateways.find(
    (g) => g.metadata?.namespace === ns && g.metadata?.name === waypointName && g.spec?.gatewayClassName === 'istio-waypoint',
  );
  const waypointPod = waypointGateway
    ? objects.pods.find((p) => p.metadata?.namespace === ns && label(p, 'gateway.networking.k8s.io/gateway-name') === waypointName && isReady(p))
    : undefined;
  const ambient = (pod: KubePod) => nsLabels['istio.io/dataplane-mode'] === 'ambient' && label(pod, 'istio.io/dataplane-mode') !== 'none';
  const spiffe = (sa: string) => `spiffe://${TRUST_DOMAIN}/ns/${ns}/sa/${sa}`;

  const proxies = new Map<string, { id: string; kind: ProxyKind; node: string; pod?: string }>();
  const proxyHop = (id: string, kind: ProxyKind, node: string, l7: boolean, pod?: string): TopologyHop => {
    proxies.set(id, { id, kind, node, ...(pod ? { pod } : {}) });
    return { id, kind, node, l7 };
  };

  const paths = [];
  for (const [from, to] of WORKLOAD_CALLS) {
    const src = apps.get(from);
    const dst = apps.get(to);
    if (!src || !dst) continue;
    const srcNode = src.spec!.nodeName!;
    const dstNode = dst.spec!.nodeName!;
    const hops: TopologyHop[] = [{ id: from, kind: from === CLIENT ? 'client' : 'app', node: srcNode, l7: false }];
    if (mode === 'sidecar' && hasIstioSidecar(src)) hops.push(proxyHop(`sidecar/${from}`, 'sidecar', srcNode, true, from));
    if (mode === 'sidecar' && hasIstioSidecar(dst)) hops.push(proxyHop(`sidecar/${to}`, 'sidecar', dstNode, true, to));
    if ((mode === 'ambient' || mode === 'ambient-waypoint') && ambient(src) && ztunnels.has(srcNode)) {
      hops.push(proxyHop(`ztunnel/${srcNode}`, 'ztunnel', srcNode, false));
      if (mode === 'ambient-waypoint' && waypointPod?.spec?.nodeName) hops.push(proxyHop('waypoint', 'waypoint', waypointPod.spec.nodeName, true));
      const viaWaypoint = mode === 'ambient-waypoint' && waypointPod;
      if ((viaWaypoint || dstNode !== srcNode) && ambient(dst) && ztunnels.has(dstNode)) hops.push(proxyHop(`ztunnel/${dstNode}`, 'ztunnel', dstNode, false));
    }
    if ((mode === 'ebpf' || mode === 'ebpf-l7') && ciliumAgents.has(srcNode)) hops.push({ id: `ebpf/${srcNode}`, kind: 'kernel', node: srcNode, l7: false });
    if (mode === 'ebpf-l7' && nodeEnvoys.has(srcNode)) hops.push(proxyHop(`node-l7/${srcNode}`, 'node-l7', srcNode, true));
    hops.push({ id: to, kind: 'app', node: dstNode, l7: false });
    linkProtocols(hops, spiffe, from, to);
    paths.push({ from, to, hops });
  }

  return {
    mode,
    at,
    nodes: objects.nodes
      .map((n) => n.metadata?.name ?? '')
      .filter(Boolean)
      .sort(),
    pods: [...apps].map(([app, p]) => ({ name: app, node: p.spec?.nodeName ?? '', service: app === 'client' ? null : app })),
    proxies: [...proxies.values()],
    paths,
    userSpaceHops: paths.reduce((n, p) => n + p.hops.filter((h) => proxies.has(h.id)).length, 0),
    kernelPrograms:
      (mode === 'ebpf' || mode === 'ebpf-l7') && ciliumAgents.size > 0 ? ['Cilium eBPF datapath: socket-level load balancing (kube-proxy replacement)'] : [],
  };
}

/** How each hop reaches the next, as the meshes do it: Istio mTLS between sidecars, HBONE out of
 *  a ztunnel or waypoint toward another proxy, plain HTTP/TCP otherwise. */
function linkProtocols(hops: TopologyHop[], spiffe: (sa: string) => string, from: string, to: string): void {
  for (let i = 0; i < hops.length - 1; i++) {
    const a = hops[i]!;
    const b = hops[i + 1]!;
    if (a.kind === 'sidecar' && b.kind === 'sidecar') {
      a.next = 'mtls';
      a.identities = { client: spiffe(from), server: spiffe(to) };
    } else if ((a.kind === 'ztunnel' || a.kind === 'waypoint') && (b.kind === 'ztunnel' || b.kind === 'waypoint')) {
      a.next = 'hbone';
      a.identities = { client: spiffe(a.kind === 'waypoint' ? 'waypoint' : from), server: spiffe(b.kind === 'waypoint' ? 'waypoint' : to) };
    } else {
      a.next = a.l7 || b.l7 || b.kind === 'app' ? 'http' : 'tcp';
    }
  }
}
