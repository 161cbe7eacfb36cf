// Sets the scene in a real API server as `cluster:up` would leave it, with the tests playing the
// kubelet: the mode namespaces (labelled), the workload's Deployments and Services from the real
// manifests, the waypoint Gateway, and the pods of a ClusterObjects snapshot created on their
// nodes and then given their status (Running, Ready, an IP) through the status subresource.
import { readFileSync } from 'node:fs';
import { MODE_IDS } from '../../../../lib/mesh/modes';
import { namespaceFor } from '../cluster-shape';
import type { ClusterObjects, KubePod } from '../kube-objects';
import { yamlDocuments, type RealApiServer } from './real-apiserver';

const MANIFESTS = 'backends/kind/cluster/manifests';

export async function seedRealCluster(api: RealApiServer, cluster: ClusterObjects): Promise<void> {
  for (const node of cluster.nodes) await api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata!.name! } });
  for (const ns of cluster.namespaces)
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.metadata!.name!, labels: ns.metadata?.labels ?? {} } });
  const known = new Set(['default', 'kube-system', ...cluster.namespaces.map((n) => n.metadata!.name!)]);
  for (const ns of new Set(cluster.pods.map((p) => p.metadata!.namespace!))) {
    if (!known.has(ns)) await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  const workload = yamlDocuments(readFileSync(`${MANIFESTS}/workload.yaml`, 'utf8'));
  for (const mode of MODE_IDS) for (const doc of workload) await api.create(doc, { namespace: namespaceFor(mode) });
  await api.apply(readFileSync(`${MANIFESTS}/waypoint.yaml`, 'utf8'));
  for (const pod of cluster.pods) await createPod(api, pod);
}

/** Creates a pod as the scheduler and kubelet would leave it: on its node, with `pod.status`. */
export async function createPod(api: RealApiServer, pod: KubePod): Promise<void> {
  const { status, ...rest } = pod;
  await api.create({ apiVersion: 'v1', kind: 'Pod', ...rest } as never, { namespace: pod.metadata!.namespace! });
  if (status) await setPodStatus(api, pod.metadata!.namespace!, pod.metadata!.name!, status);
}

/** What the kubelet reports for a pod (phase, conditions, IP), through the status subresource. */
export async function setPodStatus(api: RealApiServer, namespace: string, name: string, status: NonNullable<KubePod['status']>): Promise<void> {
  const current = (await api.request('GET', `/api/v1/namespaces/${namespace}/pods/${name}`)) as { status?: object };
  await api.request('PUT', `/api/v1/namespaces/${namespace}/pods/${name}/status`, { ...current, status: { ...current.status, ...status } });
}
