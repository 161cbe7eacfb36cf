// Every manifest `cluster:up` applies, through a server-side dry run of the real API server with
// strict field validation: the schemas, defaulting and admission of the Kubernetes release the
// kind cluster runs, and the CRDs it installs (Gateway for the waypoint). kind-manifests.test.ts
// checks them offline against kubernetes-models; this is what the server itself says.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { namespaceFor } from './cluster-shape';
import { RealApiServer, yamlDocuments } from './testing/real-apiserver';

const MANIFESTS = 'backends/kind/cluster/manifests';
const docs = (file: string) => yamlDocuments(readFileSync(`${MANIFESTS}/${file}`, 'utf8'));

let api: RealApiServer;
beforeAll(async () => {
  const { bins, crds } = inject('apiserver');
  api = await RealApiServer.start(bins);
  for (const file of crds) await api.apply(readFileSync(file, 'utf8'));
  // The namespaces for real (as cluster:up applies them first): the rest is dry-run inside them.
  await api.apply(readFileSync(`${MANIFESTS}/namespaces.yaml`, 'utf8'));
});
afterAll(async () => api?.stop());

/** Dry-runs every document; resolves to the API server's refusals (empty: all accepted). */
async function refusals(documents: ReturnType<typeof docs>, namespace?: string): Promise<string[]> {
  const out: string[] = [];
  for (const doc of documents) {
    await api
      .create(doc, { dryRun: true, ...(namespace ? { namespace } : {}) })
      .catch((e: Error) => out.push(`${doc.kind}/${doc.metadata?.name}: ${e.message}`));
  }
  return out;
}

describe('the kind manifests, as the real API server sees them', () => {
  it('namespaces.yaml created one namespace per mode', async () => {
    const names = docs('namespaces.yaml').map((d) => d.metadata!.name);
    expect(names.sort()).toEqual(MODE_IDS.map(namespaceFor).sort());
  });

  it.each(MODE_IDS)('workload.yaml is accepted in %s’s namespace', async (mode) => {
    expect(await refusals(docs('workload.yaml'), namespaceFor(mode))).toEqual([]);
  });

  it('waypoint.yaml (a Gateway of the Gateway API CRDs) and rbac.yaml are accepted', async () => {
    expect(await refusals([...docs('waypoint.yaml'), ...docs('rbac.yaml')])).toEqual([]);
  });

  it('a manifest with a field the schema does not have is refused (the dry run validates strictly)', async () => {
    const [deployment] = docs('workload.yaml').filter((d) => d.kind === 'Deployment');
    const broken = { ...deployment!, spec: { ...(deployment as unknown as { spec: object }).spec, replicaz: 2 } };
    const out = await refusals([broken], namespaceFor('none'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/strict decoding error: unknown field .{0,2}spec\.replicaz/);
  });
});
