// The demo workload is written once, in lib/mesh/workload.ts; what cannot import it is held to it
// here: the kind cluster's manifest and script (YAML and shell), and the lab's placement of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { APP_PORT, CLIENT, FAILING_SERVICE, SERVICE_PORT, SERVICES, upstreamOf, WORKLOAD_APPS, WORKLOAD_CALLS } from '../lib/mesh/workload';
import { workloadEnvPatch } from '../backends/kind/adapter/workload-env';
import { edges, PODS } from '../backends/lab/topology';

type Env = { name: string; value: string };
type Doc = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

const MANIFEST = 'backends/kind/cluster/manifests/workload.yaml';
const docs: Doc[] = parseAllDocuments(readFileSync(MANIFEST, 'utf8')).map((d) => d.toJS() as Doc);
const named = (kind: string) => docs.filter((d) => d.kind === kind).map((d) => d.metadata.name);
const deployment = (app: string) => docs.find((d) => d.kind === 'Deployment' && d.metadata.name === app)!;
const container = (app: string) => deployment(app).spec.template.spec.containers[0];
const env = (app: string): Record<string, string> => Object.fromEntries((container(app).env ?? []).map((e: Env) => [e.name, e.value]));

describe('the demo workload (lib/mesh/workload.ts)', () => {
  it('is a chain: client → web → catalog → inventory, the last one failing on purpose', () => {
    expect(WORKLOAD_CALLS).toEqual([
      ['client', 'web'],
      ['web', 'catalog'],
      ['catalog', 'inventory'],
    ]);
    expect(WORKLOAD_APPS.map(upstreamOf)).toEqual(['web', 'catalog', 'inventory', null]);
    expect(FAILING_SERVICE).toBe(SERVICES.at(-1));
  });

  describe(`the kind cluster's manifest (${MANIFEST})`, () => {
    it('has one Deployment, Service and ServiceAccount per app, the app its identity, and no namespace (applied with -n per mode)', () => {
      for (const kind of ['Deployment', 'Service', 'ServiceAccount']) expect(named(kind).sort(), kind).toEqual([...WORKLOAD_APPS].sort());
      for (const app of WORKLOAD_APPS) {
        expect(deployment(app).spec.template.spec.serviceAccountName).toBe(app);
        expect(deployment(app).spec.template.metadata.labels.app).toBe(app);
      }
      expect(docs.every((d) => d.metadata.namespace === undefined)).toBe(true);
    });

    it('makes the same calls: each service calls its upstream on the service port (the client is fortio, told its target per run)', () => {
      const calls = SERVICES.flatMap((app) => (env(app).UPSTREAM ? [[app, env(app).UPSTREAM]] : []));
      const expected = WORKLOAD_CALLS.filter(([from]) => from !== CLIENT).map(([from, to]) => [from, `${to}:${SERVICE_PORT}`]);
      expect(calls).toEqual(expected);
      expect(env(CLIENT).UPSTREAM).toBeUndefined();
    });

    it('serves each service on the service port, its app on the app port', () => {
      for (const app of SERVICES) {
        const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === app)!;
        expect(
          service.spec.ports.map((p: { port: number }) => p.port),
          app,
        ).toEqual([SERVICE_PORT]);
        expect(
          container(app).ports.map((p: { containerPort: number }) => p.containerPort),
          app,
        ).toEqual([APP_PORT]);
        expect(env(app).PORT, app).toBe(String(APP_PORT));
      }
    });

    it('fails only the failing service: nothing else is given an error rate, in the manifest or by a load change', () => {
      for (const app of WORKLOAD_APPS) if (app !== FAILING_SERVICE) expect(env(app).ERROR_PERCENT, app).toBeUndefined();
      const patched = SERVICES.filter((service) =>
        workloadEnvPatch(service, { payloadBytes: 1024, errorPercent: 10 }).spec.template.spec.containers[0]!.env.some((e) => e.name === 'ERROR_PERCENT'),
      );
      expect(patched).toEqual([FAILING_SERVICE]);
    });

    it('cluster.sh annotates every service for the node L7 proxy', () => {
      const loop = readFileSync('backends/kind/cluster/cluster.sh', 'utf8').match(/for svc in ([\w -]+); do/);
      expect(loop?.[1]!.split(' ')).toEqual([...SERVICES]);
    });
  });

  describe("the lab's topology (backends/lab/topology.ts)", () => {
    it('has one pod per app, each service backed by its own', () => {
      expect(PODS.map((p) => p.name)).toEqual([...WORKLOAD_APPS]);
      expect(PODS.map((p) => p.service)).toEqual([null, ...SERVICES]);
    });

    it('makes the same calls', () => {
      expect(edges('chain').map(({ from, to }) => [from.name, to.service])).toEqual(WORKLOAD_CALLS);
    });
  });
});
