// Pods and nodes as network namespaces: a bridge per node, a veth per pod, a routed link between
// the nodes, kube-proxy-style DNAT for the services, and per-mode traffic capture with iptables
// the way istio-init (sidecar) and istio-cni (ambient, at the node here) do it.
import { readdir } from 'node:fs/promises';
import type { ModeId } from '../../../lib/mesh/modes';
import { NODES, PODS, type NodeName } from '../topology';
import {
  APP_PORT,
  CHAIN,
  INBOUND_PASSTHROUGH_BIND,
  LINK_IP,
  nodeCidr,
  nodeIp,
  nodeNs,
  PORT,
  POD_IP,
  podNs,
  PREFIX,
  PROXY_UID,
  SERVICE_CIDR,
  SERVICE_PORT,
  SERVICE_VIP,
} from './names';
import { inNs, run } from './run';

/** Every pod namespace, with its node (the waypoint runs as a pod on node-a). */
export function podNamespaces(): { pod: string; node: NodeName }[] {
  return [...PODS.map((p) => ({ pod: p.name, node: p.node })), { pod: 'waypoint', node: 'node-a' as NodeName }];
}

const ipt = (ns: string, ...args: string[]) => run(inNs(ns, ['iptables', '-w', '-t', 'nat', ...args]));
const iptQuiet = (ns: string, ...args: string[]) => run(inNs(ns, ['iptables', '-w', '-t', 'nat', ...args]), { allowFail: true });

export async function listLabNamespaces(): Promise<string[]> {
  try {
    return (await readdir('/run/netns')).filter((n) => n.startsWith(PREFIX));
  } catch {
    return [];
  }
}

/** Removes every namespace a previous run left (iptables rules, veths and routes go with them). */
export async function removeNamespaces(): Promise<string[]> {
  const leftovers = await listLabNamespaces();
  for (const ns of leftovers) await run(['ip', 'netns', 'del', ns], { allowFail: true });
  return leftovers;
}

export async function createNetwork(): Promise<void> {
  for (const node of NODES) {
    const ns = nodeNs(node);
    await run(['ip', 'netns', 'add', ns]);
    await run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    await run(['ip', '-n', ns, 'link', 'add', 'br0', 'type', 'bridge']);
    await run(['ip', '-n', ns, 'addr', 'add', `${nodeIp(node)}/24`, 'dev', 'br0']);
    await run(['ip', '-n', ns, 'link', 'set', 'br0', 'up']);
    await run(inNs(ns, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']));
  }
  for (const { pod, node } of podNamespaces()) {
    const ns = podNs(pod);
    await run(['ip', 'netns', 'add', ns]);
    await run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    await run(['ip', 'link', 'add', `v-${pod}`, 'netns', nodeNs(node), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
    await run(['ip', '-n', nodeNs(node), 'link', 'set', `v-${pod}`, 'master', 'br0', 'up']);
    await run(['ip', '-n', ns, 'addr', 'add', `${POD_IP[pod]}/24`, 'dev', 'eth0']);
    await run(['ip', '-n', ns, 'link', 'set', 'eth0', 'up']);
    await run(['ip', '-n', ns, 'route', 'add', 'default', 'via', nodeIp(node)]);
  }
  // The "underlay" between the two nodes, with a route to each other's pod subnet.
  await run(['ip', 'link', 'add', 'ms-ab', 'netns', nodeNs('node-a'), 'type', 'veth', 'peer', 'name', 'ms-ba', 'netns', nodeNs('node-b')]);
  await run(['ip', '-n', nodeNs('node-a'), 'addr', 'add', `${LINK_IP['node-a']}/30`, 'dev', 'ms-ab']);
  await run(['ip', '-n', nodeNs('node-b'), 'addr', 'add', `${LINK_IP['node-b']}/30`, 'dev', 'ms-ba']);
  await run(['ip', '-n', nodeNs('node-a'), 'link', 'set', 'ms-ab', 'up']);
  await run(['ip', '-n', nodeNs('node-b'), 'link', 'set', 'ms-ba', 'up']);
  await run(['ip', '-n', nodeNs('node-a'), 'route', 'add', nodeCidr('node-b'), 'via', LINK_IP['node-b']]);
  await run(['ip', '-n', nodeNs('node-b'), 'route', 'add', nodeCidr('node-a'), 'via', LINK_IP['node-a']]);

  // kube-proxy (iptables mode): ClusterIP → pod, in every node's PREROUTING.
  for (const node of NODES) {
    const ns = nodeNs(node);
    await ipt(ns, '-N', CHAIN.services);
    await ipt(ns, '-A', 'PREROUTING', '-d', SERVICE_CIDR, '-p', 'tcp', '-j', CHAIN.services);
    for (const p of PODS.filter((x) => x.service)) {
      await ipt(
        ns,
        '-A',
        CHAIN.services,
        '-d',
        SERVICE_VIP[p.service!]!,
        '-p',
        'tcp',
        '--dport',
        String(SERVICE_PORT),
        '-j',
        'DNAT',
        '--to-destination',
        `${POD_IP[p.name]}:${APP_PORT}`,
      );
    }
  }
}

async function clearCapture(): Promise<void> {
  // Outbound capture goes first: while a sidecar still receives traffic it must still find the
  // peer's inbound redirect, or its TLS would reach the plain-text app.
  for (const p of PODS) await iptQuiet(podNs(p.name), '-D', 'OUTPUT', '-p', 'tcp', '-j', CHAIN.sidecarOut);
  for (const p of PODS) await iptQuiet(podNs(p.name), '-D', 'PREROUTING', '-p', 'tcp', '-j', CHAIN.sidecarIn);
  // Flush every chain before deleting any: MS-SIDECAR-OUT jumps to MS-SIDECAR-INREDIR.
  const podChains = [CHAIN.sidecarOut, CHAIN.sidecarInRedirect, CHAIN.sidecarIn];
  for (const p of PODS) {
    for (const chain of podChains) await iptQuiet(podNs(p.name), '-F', chain);
    for (const chain of podChains) await iptQuiet(podNs(p.name), '-X', chain);
  }
  for (const node of NODES) {
    const ns = nodeNs(node);
    await iptQuiet(ns, '-D', 'PREROUTING', '-j', CHAIN.ambient);
    await iptQuiet(ns, '-F', CHAIN.ambient);
    await iptQuiet(ns, '-X', CHAIN.ambient);
  }
}

/** Installs the capture rules of `mode` (and removes every other mode's). */
export async function applyCapture(mode: ModeId): Promise<void> {
  await clearCapture();
  if (mode === 'sidecar') {
    // istio-init: inbound :8080 → 15006; outbound TCP → 15001 except the proxy's own (UID 1337)
    // and loopback. Inbound everywhere first: a sidecar's first mTLS connection must never meet
    // a pod whose inbound is not captured yet (the app would answer TLS in plain text).
    for (const p of PODS.filter((x) => x.service)) {
      const ns = podNs(p.name);
      await ipt(ns, '-N', CHAIN.sidecarIn);
      await ipt(ns, '-A', CHAIN.sidecarIn, '-p', 'tcp', '--dport', String(APP_PORT), '-j', 'REDIRECT', '--to-ports', String(PORT.inbound));
      await ipt(ns, '-A', 'PREROUTING', '-p', 'tcp', '-j', CHAIN.sidecarIn);
    }
    for (const p of PODS) {
      const ns = podNs(p.name);
      for (const rule of sidecarOutboundRules()) await ipt(ns, ...rule);
    }
  } else if (mode === 'ambient' || mode === 'ambient-waypoint') {
    // Ambient: traffic leaving the node's enrolled pods goes to the node's ztunnel (before the
    // service DNAT, so ztunnel sees the ClusterIP it was meant for). The waypoint is not enrolled.
    for (const node of NODES) {
      const ns = nodeNs(node);
      await ipt(ns, '-N', CHAIN.ambient);
      await ipt(ns, '-A', CHAIN.ambient, '-s', POD_IP.waypoint!, '-j', 'RETURN');
      await ipt(
        ns,
        '-A',
        CHAIN.ambient,
        '-i',
        'br0',
        '-s',
        nodeCidr(node),
        '-d',
        SERVICE_CIDR,
        '-p',
        'tcp',
        '-j',
        'REDIRECT',
        '--to-ports',
        String(PORT.outbound),
      );
      await ipt(ns, '-I', 'PREROUTING', '1', '-j', CHAIN.ambient);
    }
  }
}

/**
 * istio-init's outbound capture in a sidecar pod, rule for rule in Istio's order
 * (tools/istio-iptables/pkg/capture/run.go; golden testdata/kube-virt-interfaces.golden), without
 * the GID twins and DNS capture the lab does not use: (1) the sidecar's own hand-off to its app,
 * from 127.0.0.6 over lo, passes; (2) a proxy's call to its own pod IP otherwise goes to the
 * inbound sidecar; (3) an app's loopback traffic passes; (4) the proxy's traffic passes;
 * (5) 127.0.0.1 passes; everything else goes to the outbound listener. Two simplifications: the
 * OUTPUT jump is limited to TCP, and ISTIO_REDIRECT's REDIRECT is written inline.
 */
export function sidecarOutboundRules(): string[][] {
  const [out, inRedirect, uid] = [CHAIN.sidecarOut, CHAIN.sidecarInRedirect, PROXY_UID];
  return [
    `-N ${inRedirect}`,
    `-A ${inRedirect} -p tcp -j REDIRECT --to-ports ${PORT.inbound}`,
    `-N ${out}`,
    `-A ${out} -o lo -s ${INBOUND_PASSTHROUGH_BIND}/32 -j RETURN`,
    `-A ${out} -o lo ! -d 127.0.0.1/32 -p tcp ! --dport ${PORT.hbone} -m owner --uid-owner ${uid} -j ${inRedirect}`,
    `-A ${out} -o lo -m owner ! --uid-owner ${uid} -j RETURN`,
    `-A ${out} -m owner --uid-owner ${uid} -j RETURN`,
    `-A ${out} -d 127.0.0.1/32 -j RETURN`,
    `-A ${out} -p tcp -j REDIRECT --to-ports ${PORT.outbound}`,
    `-A OUTPUT -p tcp -j ${out}`,
  ].map((rule) => rule.split(' '));
}
