// Every manifest of the kind demo (backends/kind/cluster/manifests), validated against the Kubernetes and Gateway API schemas
// (kubernetes-models), and checked against the cluster shape the backend reads. The workload's manifest is held to
// lib/mesh/workload.ts by scripts/workload-drift.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Gateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { MODE_LABELS, namespaceFor } from './cluster-shape';

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'gateway.networking.k8s.io/v1/Gateway': Gateway,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
};

const dir = 'backends/kind/cluster/manifests';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const docsOf = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0]!.message}`);
    return d.toJS() as Doc;
  });

describe('kind manifests', () => {
  it.each(files)('%s: every object validates against its schema', (file) => {
    const docs = docsOf(file);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: no schema for ${doc.apiVersion} ${doc.kind}`).toBeDefined();
      expect(() => new Model!(doc).validate(), `${file}: ${doc.kind}/${doc.metadata.name}`).not.toThrow();
    }
  });

  it('a namespace per mode, labelled as the backend expects', () => {
    const namespaces = docsOf('namespaces.yaml');
    expect(namespaces.map((n) => n.metadata.name)).toEqual(MODE_IDS.map(namespaceFor));
    for (const mode of MODE_IDS) {
      expect(namespaces.find((n) => n.metadata.name === namespaceFor(mode))!.metadata.labels ?? {}).toEqual(MODE_LABELS[mode]);
    }
  });

  it('the waypoint is where the waypoint namespace’s label points', () => {
    const [gateway] = docsOf('waypoint.yaml');
    expect(gateway!.metadata.namespace).toBe(namespaceFor('ambient-waypoint'));
    expect(gateway!.metadata.name).toBe(MODE_LABELS['ambient-waypoint']['istio.io/use-waypoint']);
    expect(gateway!.spec.gatewayClassName).toBe('istio-waypoint');
  });
});
