// Least privilege, checked: the backend runs its whole repertoire against the fake API server
// (watch, switch every mode with a rollout restart, apply and remove every policy, change the
// error rate, run fortio), and every request it made must be allowed by the ClusterRole in
// demo-cluster/kind/manifests/rbac.yaml — and every rule there must have been needed.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MODE_IDS } from '../../../lib/mesh/modes';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { demoCluster } from './fixtures/cluster';
import { KindBackend } from './kind-backend';
import { FakeApiServer } from './testing/fake-api-server';
import { fakeKubeConfig, seed, until } from './testing/fake-cluster';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
interface Access {
  group: string;
  resource: string;
  verb: string;
  name?: string;
}

/** What the API server's authorizer sees for a request (the subset of paths the backend uses). */
export function accessOf(method: string, pathAndQuery: string, contentType?: string): Access[] {
  const url = new URL(pathAndQuery, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean);
  const [group, rest] = parts[0] === 'api' ? ['', parts.slice(2)] : [parts[1]!, parts.slice(3)];
  let resource: string;
  let name: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    resource = rest[2]!;
    name = rest[3];
    if (rest[4]) resource = `${resource}/${rest[4]}`; // subresource, e.g. services/proxy
  } else {
    resource = rest[0]!;
    name = rest[1];
  }
  const get = url.searchParams.get('watch') === 'true' ? 'watch' : name ? 'get' : 'list';
  const verb = { GET: get, PATCH: 'patch', DELETE: 'delete', POST: 'create' }[method]!;
  const out: Access[] = [{ group, resource, verb, ...(name ? { name } : {}) }];
  // Server-side apply of an object that does not exist yet creates it: the authorizer checks create too.
  if (method === 'PATCH' && contentType === 'application/apply-patch+yaml') out.push({ group, resource, verb: 'create', ...(name ? { name } : {}) });
  return out;
}

const allows = (r: Rule, a: Access) =>
  r.apiGroups.includes(a.group) &&
  r.resources.includes(a.resource) &&
  r.verbs.includes(a.verb) &&
  (!r.resourceNames || (a.name !== undefined && r.resourceNames.includes(a.name)));

const role = parseAllDocuments(readFileSync('demo-cluster/kind/manifests/rbac.yaml', 'utf8'))
  .map((d) => d.toJS())
  .find((d) => d.kind === 'ClusterRole') as { rules: Rule[] };

let api: FakeApiServer;
let backend: KindBackend | null = null;
afterEach(async () => {
  await backend?.stop();
  await api?.stop();
});

describe('the ClusterRole the kind backend needs', () => {
  it('allows every request the backend makes, and grants nothing it does not use', async () => {
    api = new FakeApiServer();
    const cluster = demoCluster();
    for (const p of cluster.pods) if (p.metadata?.namespace === 'meshstage-sidecar' && p.metadata.labels?.app === 'web') p.spec!.initContainers = [];
    cluster.namespaces.find((n) => n.metadata?.name === 'meshstage-ambient')!.metadata!.labels = {}; // a label to set
    seed(api, cluster);
    const run = JSON.parse(readFileSync('server/backends/kind/fixtures/fortio-run.json', 'utf8'));
    api.serviceProxy = () => ({ status: 200, body: run });
    await api.start();
    backend = new KindBackend({ kubeConfig: fakeKubeConfig(api.url), runSeconds: 1, switchTimeoutMs: 200 });
    const windows: string[] = [];
    backend.subscribe((e) => e.type === 'latency' && windows.push(e.window.mode));
    await backend.start();
    await until(() => windows.length > 0);
    for (const mode of MODE_IDS) {
      // sidecar's web pod lacks its sidecar: the switch restarts it (and times out here, no kubelet).
      await backend.applyMode(mode).catch(() => undefined);
      await backend.applyPolicy({
        ...DEFAULT_POLICY,
        retries: { enabled: true, attempts: 2, perTryTimeoutMs: 200 },
        timeout: { enabled: true, ms: 800 },
        fault: { abortPercent: 10, abortStatus: 503, delayPercent: 0, delayMs: 0 },
      });
      await backend.applyPolicy(DEFAULT_POLICY);
    }
    await backend.setLoad({ rps: 50, payloadBytes: 512, errorPercent: 5 });

    const accesses = api.log.flatMap((r) => accessOf(r.method, r.url, r.contentType));
    const denied = accesses.filter((a) => !role.rules.some((r) => allows(r, a)));
    expect(denied).toEqual([]);
    const granted = role.rules.flatMap((r) => r.resources.flatMap((resource) => r.verbs.map((verb) => `${r.apiGroups.join(',')}/${resource}:${verb}`)));
    const used = new Set(accesses.map((a) => `${a.group}/${a.resource}:${a.verb}`));
    // Re-reading a namespace happens only after a 409 (exercised in mode-namespace.test.ts).
    const onConflictOnly = ['/namespaces:get'];
    expect(granted.filter((g) => !used.has(g) && !onConflictOnly.includes(g))).toEqual([]);
  });
});
