// The ground the rest of the suite stands on: a real kube-apiserver with RBAC, the Gateway API
// experimental CRDs and Istio's, and the backend's ServiceAccount with exactly rbac.yaml's rights.
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RealApiServer, type ApiServerBinaries } from './testing/real-apiserver';

declare module 'vitest' {
  export interface ProvidedContext {
    apiserver: { bins: ApiServerBinaries; crds: string[] };
  }
}

let api: RealApiServer;
let backend: k8s.KubeConfig;

beforeAll(async () => {
  const { bins, crds } = inject('apiserver');
  api = await RealApiServer.start(bins);
  for (const file of crds) await api.apply(readFileSync(file, 'utf8'));
  await api.apply(readFileSync('backends/kind/cluster/manifests/rbac.yaml', 'utf8'));
  backend = api.kubeConfig(await api.tokenFor('default', 'meshstage-backend'));
});
afterAll(async () => api?.stop());

const status = (error: unknown) => (error as { code?: number }).code;

describe('a real API server', () => {
  it('authenticates the backend by its ServiceAccount token and authorises it by rbac.yaml alone', async () => {
    const core = backend.makeApiClient(k8s.CoreV1Api);
    const pods = await core.listPodForAllNamespaces();
    expect(pods.items).toEqual([]);
    // Not in the ClusterRole: refused by the real authoriser.
    const created = await core.createNamespace({ body: { metadata: { name: 'not-allowed' } } }).catch((e: unknown) => e);
    expect(status(created)).toBe(403);
    const secrets = await core.listSecretForAllNamespaces().catch((e: unknown) => e);
    expect(status(secrets)).toBe(403);
  });

  it('serves the experimental channel of Gateway API: an HTTPRoute with retry is accepted as written', async () => {
    const admin = api.kubeConfig();
    await admin.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: 'meshstage-sidecar' } } });
    const custom = backend.makeApiClient(k8s.CustomObjectsApi);
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'probe', namespace: 'meshstage-sidecar' },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }],
        rules: [{ retry: { attempts: 2, codes: [503] }, backendRefs: [{ name: 'web', port: 80 }] }],
      },
    };
    const created = (await custom.createNamespacedCustomObject({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      namespace: 'meshstage-sidecar',
      plural: 'httproutes',
      body: route,
    })) as typeof route;
    expect(created.spec.rules[0]!.retry).toEqual({ attempts: 2, codes: [503] });
  });

  it("knows Istio's VirtualService", async () => {
    const ext = api.kubeConfig().makeApiClient(k8s.ApiextensionsV1Api);
    const crd = await ext.readCustomResourceDefinition({ name: 'virtualservices.networking.istio.io' });
    expect(crd.spec.versions.map((v) => v.name)).toContain('v1');
  });
});
