// A real Kubernetes API server for the kind backend's tests: etcd and kube-apiserver (built from
// the pinned modules by scripts/build-apiserver.mjs) on loopback, with a service-account issuer,
// RBAC authorisation and the CRDs the real cluster gets. No kubelet: the tests play the nodes.
// `start` → admin access (a static token in system:masters) for setting the scene, and
// `tokenFor(serviceAccount)` → a bound token (TokenRequest) to act as the backend does.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { until } from '../../../../lib/testing/until';

export interface ApiServerBinaries {
  kubeApiserver: string;
  etcd: string;
}

/** One request as kube-apiserver's audit log records it (the fields the tests read). */
export interface AuditEvent {
  verb: string;
  requestURI: string;
  user: { username: string };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code?: number };
  requestReceivedTimestamp: string;
}

/** Every request at Metadata level, once answered: who asked for what, and the status code. */
const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
  - level: Metadata
`;

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

/** Where each kind the demo's manifests hold is created (namespaced ones under `{ns}`). */
const RESOURCE_PATHS: Record<string, string> = {
  Namespace: '/api/v1/namespaces',
  Node: '/api/v1/nodes',
  Pod: '/api/v1/namespaces/{ns}/pods',
  ServiceAccount: '/api/v1/namespaces/{ns}/serviceaccounts',
  Service: '/api/v1/namespaces/{ns}/services',
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments',
  Gateway: '/apis/gateway.networking.k8s.io/v1/namespaces/{ns}/gateways',
  HTTPRoute: '/apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes',
  VirtualService: '/apis/networking.istio.io/v1/namespaces/{ns}/virtualservices',
  ClusterRole: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  ClusterRoleBinding: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  Role: '/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles',
  RoleBinding: '/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings',
  CustomResourceDefinition: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  // Gateway API's install guards its CRDs against downgrades with these (v1.5+).
  ValidatingAdmissionPolicy: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
  ValidatingAdmissionPolicyBinding: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
};

/** The documents of a YAML file (empty ones dropped). */
export function yamlDocuments(text: string): k8s.KubernetesObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as k8s.KubernetesObject | null)
    .filter((d): d is k8s.KubernetesObject => Boolean(d?.kind));
}
const DIR_PREFIX = 'meshstage-apiserver-';

/**
 * What a killed test run left: its folder (etcd's data, certificates) and, if they outlived it,
 * its etcd and kube-apiserver (their pids are in the folder; only processes still running one
 * of those binaries are signalled).
 */
function removeLeftovers(bins: ApiServerBinaries): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = path.join(tmpdir(), name);
    const pidsFile = path.join(dir, 'pids');
    const pids = existsSync(pidsFile) ? readFileSync(pidsFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    const live = pids.filter((pid) => {
      try {
        const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
        return exe === bins.etcd || exe === bins.kubeApiserver;
      } catch {
        return false;
      }
    });
    // A folder with a live server is another run's, unless its owner is gone (the runner's pid).
    const ownerFile = path.join(dir, 'owner');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) || 0 : 0;
    if (owner && existsSync(`/proc/${owner}`)) continue;
    for (const pid of live) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export class RealApiServer {
  readonly url: string;
  readonly adminToken = `admin-${Math.random().toString(36).slice(2)}`;
  #etcd: ChildProcess | null = null;
  #apiserver: ChildProcess | null = null;
  #log: string[] = [];
  #cert: string | null = null;
  /** When each kube-apiserver start began and when /readyz first said ok. */
  #startups: { from: number; to: number }[] = [];

  private constructor(
    private readonly bins: ApiServerBinaries,
    private readonly dir: string,
    private readonly ports: { etcd: number; peer: number; api: number },
    private readonly extraArgs: string[],
  ) {
    this.url = `https://127.0.0.1:${ports.api}`;
  }

  /** `extraArgs`: more kube-apiserver flags (the control-plane suite routes webhooks to endpoints). */
  static async start(bins: ApiServerBinaries, opts: { extraArgs?: string[] } = {}): Promise<RealApiServer> {
    removeLeftovers(bins);
    const dir = mkdtempSync(path.join(tmpdir(), DIR_PREFIX));
    writeFileSync(path.join(dir, 'owner'), String(process.pid));
    const server = new RealApiServer(bins, dir, { etcd: await freePort(), peer: await freePort(), api: await freePort() }, opts.extraArgs ?? []);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(path.join(dir, 'tokens.csv'), `${server.adminToken},meshstage-test-admin,meshstage-test-admin,"system:masters"\n`);
    writeFileSync(path.join(dir, 'audit-policy.yaml'), AUDIT_POLICY);
    try {
      await server.#startEtcd();
      await server.startApiServer();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The API server's own output, for a failure message. */
  log(): string {
    return this.#log.slice(-40).join('');
  }

  async #startEtcd(): Promise<void> {
    const client = `http://127.0.0.1:${this.ports.etcd}`;
    const peer = `http://127.0.0.1:${this.ports.peer}`;
    this.#etcd = this.#spawn(this.bins.etcd, [
      '--name=meshstage',
      `--data-dir=${path.join(this.dir, 'etcd')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=meshstage=${peer}`,
      // Test data: no fsync (the durability under test is the API server's behaviour, not the disk's).
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
  }

  /** Starts (or restarts) kube-apiserver over the same etcd; resolves once /readyz says ok. */
  async startApiServer(): Promise<void> {
    const from = Date.now();
    this.#apiserver = this.#spawn(this.bins.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${this.ports.etcd}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${this.ports.api}`,
      `--cert-dir=${path.join(this.dir, 'certs')}`,
      `--service-account-issuer=${ISSUER}`,
      `--api-audiences=${ISSUER}`,
      `--service-account-key-file=${path.join(this.dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(this.dir, 'sa.key')}`,
      `--token-auth-file=${path.join(this.dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-cluster-ip-range=10.96.0.0/16',
      // No controller-manager runs, so no token controller creates namespaces' default service
      // accounts; the tests create the service accounts they use.
      '--disable-admission-plugins=ServiceAccount',
      // What the backend really asked for and what the server answered (RBAC, 409s, relists).
      `--audit-policy-file=${path.join(this.dir, 'audit-policy.yaml')}`,
      `--audit-log-path=${this.#auditPath()}`,
      '--audit-log-mode=blocking',
      '--audit-log-format=json',
      ...this.extraArgs,
    ]);
    const apiserver = this.#apiserver;
    await until(
      async () => {
        if (apiserver.exitCode !== null) throw new Error(`kube-apiserver exited (${apiserver.exitCode}):\n${this.log()}`);
        return (await this.#get('/readyz').catch(() => 0)) === 200;
      },
      60_000,
      250,
      () => `kube-apiserver not ready within 60 s:\n${this.log()}`,
    );
    this.#startups.push({ from, to: Date.now() });
  }

  /** Stops kube-apiserver only (etcd and the data stay): 'graceful' as a rolling restart does
   *  (SIGTERM: it drains its watches — here until the 10 s SIGKILL), 'crash' as a killed process. */
  async stopApiServer(how: 'graceful' | 'crash' = 'graceful'): Promise<void> {
    await this.#kill(this.#apiserver, how === 'crash' ? 'SIGKILL' : 'SIGTERM');
    this.#apiserver = null;
  }

  /** Tears everything down. SIGKILL straight away: the data is thrown away, and a graceful
   *  kube-apiserver shutdown drains its watches for seconds. */
  async stop(): Promise<void> {
    await this.#kill(this.#apiserver, 'SIGKILL');
    await this.#kill(this.#etcd, 'SIGKILL');
    this.#apiserver = this.#etcd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The audit log so far (every API server start appends to the same file), optionally one user's. */
  audit(username?: string): AuditEvent[] {
    if (!existsSync(this.#auditPath())) return [];
    return readFileSync(this.#auditPath(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditEvent)
      .filter((e) => !username || e.user.username === username);
  }

  /** Whether `at` (ms) fell while kube-apiserver was starting: serving, but not yet ready (its
   *  RBAC authoriser, for one, refuses everything until its caches have synced). */
  duringStartup(at: number): boolean {
    return this.#startups.some((s) => at >= s.from && at <= s.to);
  }

  #auditPath(): string {
    return path.join(this.dir, 'audit.log');
  }

  /**
   * Advances etcd's revision and compacts its history up to there, through etcd's own API (its
   * JSON gateway), as etcd's periodic compaction does: a watch that asks to resume from an older
   * resourceVersion is then answered 410 Gone.
   */
  async compactEtcd(): Promise<number> {
    const etcd = async (route: string, body: object) => {
      const res = await fetch(`http://127.0.0.1:${this.ports.etcd}/v3/${route}`, { method: 'POST', body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`etcd ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { header: { revision: string } };
    };
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const put = await etcd('kv/put', { key: b64('/meshstage-test/compaction-marker'), value: b64(String(Date.now())) });
    const revision = Number(put.header.revision);
    await etcd('kv/compaction', { revision: String(revision), physical: true });
    return revision;
  }

  /** A kubeconfig for `token` (the admin's by default), trusting this server's serving certificate. */
  kubeConfig(token = this.adminToken): k8s.KubeConfig {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'real', server: this.url, caData: Buffer.from(this.#servingCert()).toString('base64') }],
      users: [{ name: 'user', token }],
      contexts: [{ name: 'real', cluster: 'real', user: 'user' }],
      currentContext: 'real',
    });
    return kc;
  }

  /** `kubeConfig(token)` written as a file, for programs that read one (helm, istiod, Cilium's operator). */
  writeKubeConfig(file: string, token = this.adminToken): string {
    writeFileSync(file, this.kubeConfig(token).exportConfig(), { mode: 0o600 });
    return file;
  }

  /** A bound token for a service account (TokenRequest), as a pod of it would have. */
  async tokenFor(namespace: string, serviceAccount: string): Promise<string> {
    const core = this.kubeConfig().makeApiClient(k8s.CoreV1Api);
    const request = await core.createNamespacedServiceAccountToken({
      name: serviceAccount,
      namespace,
      body: { spec: { audiences: [ISSUER], expirationSeconds: 3600 } },
    });
    const token = request.status?.token;
    if (!token) throw new Error(`no token for ${namespace}/${serviceAccount}`);
    return token;
  }

  /** Creates every document of a YAML file (CRDs first wait until established). */
  async apply(yamlText: string): Promise<void> {
    const docs = yamlDocuments(yamlText);
    for (const doc of docs) await this.create(doc);
    const crds = docs.filter((d) => d.kind === 'CustomResourceDefinition').map((d) => d.metadata!.name!);
    if (crds.length) await this.#established(crds);
  }

  /**
   * Creates `doc` as written — raw JSON, not through the client's typed serializer, which drops
   * keys it does not model by their JSON names (x-kubernetes-int-or-string) and unknown fields
   * the server should be the one to refuse. `dryRun`: validated and admitted, not stored.
   */
  async create(doc: k8s.KubernetesObject, opts: { namespace?: string; dryRun?: boolean; token?: string } = {}): Promise<void> {
    const template = RESOURCE_PATHS[doc.kind!];
    if (!template) throw new Error(`no resource path for kind ${doc.kind}`);
    const namespace = opts.namespace ?? doc.metadata?.namespace ?? 'default';
    const query = opts.dryRun ? '?dryRun=All&fieldValidation=Strict' : '?fieldValidation=Strict';
    await this.request(
      'POST',
      template.replace('{ns}', namespace) + query,
      { ...doc, metadata: { ...doc.metadata, ...(template.includes('{ns}') ? { namespace } : {}) } },
      opts.token,
    );
  }

  /** A raw request as the admin (or `token`); resolves to the parsed answer, rejects on ≥ 300. */
  async request(method: string, pathname: string, body?: unknown, token = this.adminToken): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        `${this.url}${pathname}`,
        {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload
              ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
          ca: this.#servingCert(),
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            (res.statusCode ?? 0) < 300 ? resolve(text ? JSON.parse(text) : null) : reject(new Error(`${method} ${pathname}: ${res.statusCode} ${text}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async #established(names: string[]): Promise<void> {
    const ext = this.kubeConfig().makeApiClient(k8s.ApiextensionsV1Api);
    const established = async (name: string) =>
      (await ext.readCustomResourceDefinition({ name })).status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
    const deadline = Date.now() + 30_000;
    for (const name of names) await until(() => established(name), Math.max(0, deadline - Date.now()), 100, `CRD ${name} not established within 30 s`);
  }

  /** The serving certificate kube-apiserver generated (read once per start: it is the CA of every request). */
  #servingCert(): string {
    this.#cert ??= readFileSync(path.join(this.dir, 'certs', 'apiserver.crt'), 'utf8');
    return this.#cert;
  }

  #get(pathname: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = https.get(
        `${this.url}${pathname}`,
        { headers: { authorization: `Bearer ${this.adminToken}` }, rejectUnauthorized: false, timeout: 2000 },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error('timeout')));
    });
  }

  #spawn(bin: string, args: string[]): ChildProcess {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) appendFileSync(path.join(this.dir, 'pids'), `${child.pid}\n`);
    const keep = (chunk: Buffer) => {
      this.#log.push(chunk.toString());
      if (this.#log.length > 200) this.#log.splice(0, this.#log.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  async #kill(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
