// Where each lab process runs in the netns tier: the command prefix that puts it into its pod's
// or node's network namespace (nsenter keeps /sys visible, unlike `ip netns exec`), and drops a
// sidecar to UID 1337 so the capture rules leave its own traffic alone, as istio-init's do.
import type { NodeName } from '../topology';
import { netnsPath, nodeNs, podNs, PROXY_UID } from './names';

const enter = (ns: string) => ['nsenter', `--net=${netnsPath(ns)}`, '--'];
const asProxyUser = ['setpriv', `--reuid=${PROXY_UID}`, `--regid=${PROXY_UID}`, '--clear-groups', '--'];

export function podPrefix(pod: string): string[] {
  return enter(podNs(pod));
}

export function proxyPrefix(proxy: { id: string; kind: string; node: NodeName; pod?: string }): string[] {
  switch (proxy.kind) {
    case 'sidecar':
      return [...enter(podNs(proxy.pod!)), ...asProxyUser];
    case 'waypoint':
      return enter(podNs('waypoint'));
    default:
      return enter(nodeNs(proxy.node)); // ztunnel and the node L7 proxy live on the node
  }
}
