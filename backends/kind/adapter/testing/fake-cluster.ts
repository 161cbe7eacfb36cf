// Test helpers around the fake API server: seed it with a cluster snapshot, point a kubeconfig at
// it, and wait for a condition.
import * as k8s from '@kubernetes/client-node';
import type { ClusterObjects } from '../kube-objects';
import { FakeApiServer } from './fake-api-server';

export function seed(api: FakeApiServer, cluster: ClusterObjects): void {
  for (const n of cluster.nodes) api.upsert('nodes', n as never);
  for (const n of cluster.namespaces) api.upsert('namespaces', n as never);
  for (const p of cluster.pods) api.upsert('pods', p as never);
  for (const g of cluster.gateways) api.upsert('gateways', g as never);
  // A Deployment behind every workload app, as the manifests create them.
  const apps = new Set(
    cluster.pods.flatMap((p) =>
      p.metadata?.namespace?.startsWith('meshstage-') && p.metadata.labels?.app ? [`${p.metadata.namespace}/${p.metadata.labels.app}`] : [],
    ),
  );
  for (const key of apps) {
    const [namespace, name] = key.split('/') as [string, string];
    api.upsert('deployments', {
      metadata: { name, namespace, labels: { app: name } },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name,
                env: [
                  { name: 'APP_NAME', value: name },
                  { name: 'PAYLOAD_BYTES', value: '1024' },
                ],
              },
            ],
          },
        },
      },
    });
  }
}

export function fakeKubeConfig(server: string, context = 'fake'): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: context, server, skipTLSVerify: true }],
    users: [{ name: 'tester', token: 'test-token' }],
    contexts: [{ name: context, cluster: context, user: 'tester' }],
    currentContext: context,
  });
  return kc;
}

export { until } from '../../../../lib/testing/until';
