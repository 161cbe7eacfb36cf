// Where every listener of the lab lives and how traffic finds it. The loopback tier gives each
// listener its own port on 127.0.0.1 and chains proxies explicitly (one listener per call); the
// netns tier uses pod IPs, ClusterIPs and Istio's well-known ports, and the kernel captures
// traffic (iptables REDIRECT or eBPF), so one listener serves every call and picks the route by
// the connection's original destination (SO_ORIGINAL_DST) — and, for ztunnel, its source pod.
// The loopback tier has no pod IPs (and macOS has only 127.0.0.1): there a sidecar reaches its app
// on its own loopback port.
import net from 'node:net';
import { OUTBOUND_PROXY_KINDS, type OutboundProxyKind } from '../../../lib/mesh/proxy-roles';
import type { Endpoint, RouteSelect } from '../ipc';
import { APP_PORT, FLOOR_PORT, INBOUND_PASSTHROUGH_BIND, nodeIp, PORT, POD_IP, SERVICE_PORT, SERVICE_VIP } from '../netns/names';
import { edges, NODES, PODS, WORKLOAD_PATHS, type NodeName } from '../topology';

/** The proxies with an outbound listener: sidecar, ztunnel, node L7 (lib/mesh/proxy-roles.ts). */
export type OutboundKind = OutboundProxyKind;

export interface OutboundListener {
  id: string;
  bind: Endpoint;
  /** Key of this call's route inside the listener. */
  key: string;
  select: RouteSelect;
}

export interface Addressing {
  tier: 'loopback' | 'netns';
  /** Where a pod's app listens (bind) and where others reach it directly. */
  appBind(pod: string): Endpoint;
  app(pod: string): Endpoint;
  /** What an app itself dials for a service, given the first hop of the current mode. */
  dial(service: string, firstHop: Endpoint): Endpoint;
  outbound(kind: OutboundKind, node: NodeName, pod: string, service: string): OutboundListener;
  /** A sidecar's inbound listener (mTLS or plain, told apart by the first byte), and how it reaches
   *  its app: `toApp` from `toAppSource` (Istio ≥ 1.10: the pod IP, from 127.0.0.6). */
  sidecarIn(pod: string): { bind: Endpoint; dial: Endpoint; toApp: Endpoint; toAppSource?: string };
  ztunnelHbone(node: NodeName): { bind: Endpoint; dial: Endpoint };
  waypointHbone(): { bind: Endpoint; dial: Endpoint };
  /** A pod's kernel-floor relay (raw TCP, see kernel-floor.ts). */
  floor(pod: string): { bind: Endpoint; dial: Endpoint };
}

const LOOPBACK = '127.0.0.1';
const ANY = '0.0.0.0';

/** Asks the kernel for `n` free ports at once (held open together, so they are distinct). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, LOOPBACK, () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export async function loopbackAddressing(): Promise<Addressing> {
  const keys: string[] = [];
  for (const p of PODS) if (p.service) keys.push(`app/${p.name}`, `sidecar-in/${p.name}`);
  for (const path of WORKLOAD_PATHS) {
    for (const { from, to } of edges(path)) for (const kind of OUTBOUND_PROXY_KINDS) keys.push(`${kind}-out/${from.name}/${to.service}`);
  }
  for (const p of PODS) if (p.service) keys.push(`floor/${p.name}`);
  for (const n of NODES) keys.push(`ztunnel-hbone/${n}`);
  keys.push('waypoint-hbone');
  const ports = await freePorts(keys.length);
  const table = new Map(keys.map((k, i) => [k, { host: LOOPBACK, port: ports[i]! }]));
  const at = (key: string): Endpoint => {
    const e = table.get(key);
    if (!e) throw new Error(`no loopback address for ${key}`);
    return e;
  };
  return {
    tier: 'loopback',
    appBind: (pod) => at(`app/${pod}`),
    app: (pod) => at(`app/${pod}`),
    dial: (_service, firstHop) => firstHop,
    outbound: (kind, _node, pod, service) => ({ id: `out/${pod}/${service}`, bind: at(`${kind}-out/${pod}/${service}`), key: '*', select: 'listener' }),
    sidecarIn: (pod) => ({ bind: at(`sidecar-in/${pod}`), dial: at(`sidecar-in/${pod}`), toApp: at(`app/${pod}`) }),
    ztunnelHbone: (node) => ({ bind: at(`ztunnel-hbone/${node}`), dial: at(`ztunnel-hbone/${node}`) }),
    waypointHbone: () => ({ bind: at('waypoint-hbone'), dial: at('waypoint-hbone') }),
    floor: (pod) => ({ bind: at(`floor/${pod}`), dial: at(`floor/${pod}`) }),
  };
}

export function netnsAddressing(): Addressing {
  const vip = (service: string) => `${SERVICE_VIP[service]}:${SERVICE_PORT}`;
  return {
    tier: 'netns',
    appBind: () => ({ host: ANY, port: APP_PORT }),
    app: (pod) => ({ host: POD_IP[pod]!, port: APP_PORT }),
    dial: (service) => ({ host: SERVICE_VIP[service]!, port: SERVICE_PORT }),
    outbound: (kind, _node, pod, service) =>
      kind === 'ztunnel'
        ? { id: 'outbound', bind: { host: ANY, port: PORT.outbound }, key: `${POD_IP[pod]}>${vip(service)}`, select: 'source+original-dst' }
        : { id: 'outbound', bind: { host: ANY, port: kind === 'sidecar' ? PORT.outbound : PORT.nodeL7 }, key: vip(service), select: 'original-dst' },
    // Sidecars dial the destination pod's app port; its PREROUTING rule sends that to 15006. The
    // inbound sidecar hands the request to the app on the pod IP (not localhost: Istio ≥ 1.10,
    // inbound cluster ORIGINAL_DST — pilot/pkg/networking/core/cluster.go, cluster_builder.go),
    // connecting from 127.0.0.6, which the capture rules let through (network.ts).
    sidecarIn: (pod) => ({
      bind: { host: ANY, port: PORT.inbound },
      dial: { host: POD_IP[pod]!, port: APP_PORT },
      toApp: { host: POD_IP[pod]!, port: APP_PORT },
      toAppSource: INBOUND_PASSTHROUGH_BIND,
    }),
    ztunnelHbone: (node) => ({ bind: { host: ANY, port: PORT.hbone }, dial: { host: nodeIp(node), port: PORT.hbone } }),
    waypointHbone: () => ({ bind: { host: ANY, port: PORT.hbone }, dial: { host: POD_IP.waypoint!, port: PORT.hbone } }),
    floor: (pod) => ({ bind: { host: ANY, port: FLOOR_PORT }, dial: { host: POD_IP[pod]!, port: FLOOR_PORT } }),
  };
}
