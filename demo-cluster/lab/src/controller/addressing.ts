// Where every listener of the lab lives. The loopback tier gives each one its own port on
// 127.0.0.1 and chains proxies explicitly; the netns tier (pods as network namespaces) uses pod
// IPs and Istio's well-known ports, with the kernel capturing traffic.
import net from 'node:net';
import type { Endpoint } from '../ipc';
import { NODES, PODS, type NodeName } from '../topology';

export interface Addressing {
  tier: 'loopback' | 'netns';
  app(pod: string): Endpoint;
  sidecarOut(pod: string, service: string): Endpoint;
  sidecarIn(pod: string, mtls: boolean): Endpoint;
  ztunnelOut(node: NodeName, pod: string, service: string): Endpoint;
  ztunnelHbone(node: NodeName): Endpoint;
  waypointHbone(): Endpoint;
  nodeL7Out(node: NodeName, pod: string, service: string): Endpoint;
}

const HOST = '127.0.0.1';

/** Asks the kernel for `n` free ports at once (held open together, so they are distinct). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, HOST, () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Every listener gets its own port on 127.0.0.1; keys name the listener. */
export async function loopbackAddressing(): Promise<Addressing> {
  const keys: string[] = [];
  const callers = PODS.filter((p) => p.calls);
  for (const p of PODS) {
    if (p.service) keys.push(`app/${p.name}`, `sidecar-in-mtls/${p.name}`, `sidecar-in-plain/${p.name}`);
  }
  for (const p of callers) {
    keys.push(`sidecar-out/${p.name}/${p.calls}`, `ztunnel-out/${p.node}/${p.name}/${p.calls}`, `node-l7-out/${p.node}/${p.name}/${p.calls}`);
  }
  for (const n of NODES) keys.push(`ztunnel-hbone/${n}`);
  keys.push('waypoint-hbone');
  const ports = await freePorts(keys.length);
  const table = new Map(keys.map((k, i) => [k, { host: HOST, port: ports[i]! }]));
  const at = (key: string): Endpoint => {
    const e = table.get(key);
    if (!e) throw new Error(`no loopback address for ${key}`);
    return e;
  };
  return {
    tier: 'loopback',
    app: (pod) => at(`app/${pod}`),
    sidecarOut: (pod, service) => at(`sidecar-out/${pod}/${service}`),
    sidecarIn: (pod, mtls) => at(`sidecar-in-${mtls ? 'mtls' : 'plain'}/${pod}`),
    ztunnelOut: (node, pod, service) => at(`ztunnel-out/${node}/${pod}/${service}`),
    ztunnelHbone: (node) => at(`ztunnel-hbone/${node}`),
    waypointHbone: () => at('waypoint-hbone'),
    nodeL7Out: (node, pod, service) => at(`node-l7-out/${node}/${pod}/${service}`),
  };
}
