// Where each lab process runs in the netns tier: the command prefix that puts it into its pod's
// or node's network namespace (nsenter keeps /sys visible, unlike `ip netns exec`), and drops a
// sidecar to UID 1337 so the capture rules leave its own traffic alone, as istio-init's do.
// With eBPF loaded, a pod's processes also start inside their node's pod cgroup (eBPF cgroup
// programs cover processes, and a server only when it starts inside the cgroup).
import { pod as podSpec, type NodeName } from '../topology';
import { netnsPath, nodeNs, podCgroup, podNs, proxyCgroup, PROXY_UID } from './names';

const enter = (ns: string) => ['nsenter', `--net=${netnsPath(ns)}`, '--'];
const asProxyUser = ['setpriv', `--reuid=${PROXY_UID}`, `--regid=${PROXY_UID}`, '--clear-groups', '--'];
const inCgroup = (dir: string) => ['sh', '-c', 'echo $$ > "$0" && exec "$@"', `${dir}/cgroup.procs`];

export function podPrefix(pod: string, cgroups: boolean): string[] {
  return [...enter(podNs(pod)), ...(cgroups ? inCgroup(podCgroup(podSpec(pod).node)) : [])];
}

export function proxyPrefix(proxy: { id: string; kind: string; node: NodeName; pod?: string }, cgroups: boolean): string[] {
  switch (proxy.kind) {
    case 'sidecar':
      return [...enter(podNs(proxy.pod!)), ...asProxyUser];
    case 'waypoint':
      return enter(podNs('waypoint'));
    case 'node-l7':
      return [...enter(nodeNs(proxy.node)), ...(cgroups ? inCgroup(proxyCgroup(proxy.node)) : [])];
    default:
      return enter(nodeNs(proxy.node)); // ztunnel lives on the node
  }
}
