// A small Kubernetes API server for tests: list and watch with resourceVersions for the kinds the
// kind backend reads, and levers for what real clusters do — watches dropped, history compacted
// (410 Gone), patches with a stale resourceVersion (409 Conflict), the whole API going away and
// coming back.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export const COLLECTIONS = {
  pods: { path: '/api/v1/pods', kind: 'PodList', apiVersion: 'v1' },
  namespaces: { path: '/api/v1/namespaces', kind: 'NamespaceList', apiVersion: 'v1' },
  nodes: { path: '/api/v1/nodes', kind: 'NodeList', apiVersion: 'v1' },
  gateways: { path: '/apis/gateway.networking.k8s.io/v1/gateways', kind: 'GatewayList', apiVersion: 'gateway.networking.k8s.io/v1' },
  deployments: { path: '/apis/apps/v1/deployments', kind: 'DeploymentList', apiVersion: 'apps/v1' },
} as const;

/** Item paths that answer GET and accept a JSON merge patch: namespaces and deployments. */
const ITEM_PATHS: [RegExp, Collection, (m: RegExpMatchArray) => string][] = [
  [/^\/api\/v1\/namespaces\/([^/]+)$/, 'namespaces', (m) => `/${m[1]}`],
  [/^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/, 'deployments', (m) => `${m[1]}/${m[2]}`],
];
export type Collection = keyof typeof COLLECTIONS;

type Obj = { metadata?: { name?: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> } } & Record<string, unknown>;
type Event = { rv: number; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: Obj };

export class FakeApiServer {
  #rv = 100;
  #store = new Map<Collection, Map<string, Obj>>();
  #events = new Map<Collection, Event[]>();
  #compactedBelow = 0;
  #watchers = new Set<{ collection: Collection; res: ServerResponse }>();
  #sockets = new Set<Socket>();
  #server: http.Server | null = null;
  port = 0;
  requests: string[] = [];
  /** Every request with what an authorizer needs to know about it. */
  readonly log: { method: string; url: string; contentType?: string }[] = [];
  /** Patches refused with 409 because their resourceVersion was stale. */
  conflicts = 0;
  /** Objects applied with server-side apply, by `group/plural` then `namespace/name`. */
  readonly applied = new Map<string, Map<string, unknown>>();
  /** Answers GET …/services/<svc>/proxy/<path> (fortio's REST API in the kind demo). */
  serviceProxy: ((namespace: string, service: string, path: string, query: URLSearchParams) => { status: number; body: unknown }) | null = null;

  constructor() {
    for (const c of Object.keys(COLLECTIONS) as Collection[]) {
      this.#store.set(c, new Map());
      this.#events.set(c, []);
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    const server = http.createServer((req, res) => this.#handle(req, res));
    server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** The API goes away: connections are cut and nothing answers until start(port) again. */
  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    this.#watchers.clear();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = null;
  }

  upsert(collection: Collection, object: Obj): void {
    const key = keyOf(object);
    const type = this.#store.get(collection)!.has(key) ? 'MODIFIED' : 'ADDED';
    this.#record(collection, type, object);
  }

  remove(collection: Collection, object: Obj): void {
    if (this.#store.get(collection)!.has(keyOf(object))) this.#record(collection, 'DELETED', object);
  }

  /** Ends every open watch, as an API server restart or a load balancer timeout does. */
  dropWatches(): void {
    for (const w of this.#watchers) w.res.end();
    this.#watchers.clear();
  }

  /** Forgets the event history (etcd compaction): watches from an old resourceVersion get 410. */
  compact(): void {
    this.#compactedBelow = this.#rv + 1;
    this.dropWatches();
  }

  #applyOrDelete(req: IncomingMessage, res: ServerResponse, resource: string, key: string): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const store = this.applied.get(resource) ?? new Map<string, unknown>();
      this.applied.set(resource, store);
      if (req.method === 'DELETE') {
        const existed = store.delete(key);
        res.writeHead(existed ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: existed ? 200 : 404 }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown; // JSON is YAML
      store.set(key, body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  }

  /** RFC 7386 JSON merge patch on a namespace or deployment, recorded as MODIFIED. */
  #patch(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const match = ITEM_PATHS.map(([re, c, key]) => [pathname.match(re), c, key] as const).find(([m]) => m);
    const send = (code: number, body: unknown): void => {
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!match) return send(404, { kind: 'Status', code: 404 });
    const [m, collection, key] = match;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const strategic = req.headers['content-type'] === 'application/strategic-merge-patch+json';
      if (!strategic && req.headers['content-type'] !== 'application/merge-patch+json')
        return send(415, { kind: 'Status', code: 415, message: `unsupported ${req.headers['content-type']}` });
      const current = this.#store.get(collection)!.get(key(m!));
      if (!current) return send(404, { kind: 'Status', code: 404 });
      const patch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Obj;
      // A resourceVersion in the patch is a precondition, as on a real API server.
      const expected = patch.metadata?.resourceVersion;
      if (expected && expected !== current.metadata?.resourceVersion) {
        this.conflicts++;
        return send(409, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Conflict',
          code: 409,
          message: `the object has been modified; please apply your changes to the latest version and try again`,
        });
      }
      const next = mergePatch(current, patch, strategic) as Obj;
      this.#record(collection, 'MODIFIED', next);
      send(200, this.#store.get(collection)!.get(key(m!)));
    });
  }

  #record(collection: Collection, type: Event['type'], object: Obj): void {
    const rv = ++this.#rv;
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    if (type === 'DELETED') this.#store.get(collection)!.delete(keyOf(object));
    else this.#store.get(collection)!.set(keyOf(object), stored);
    const event = { rv, type, object: stored };
    this.#events.get(collection)!.push(event);
    for (const w of this.#watchers) if (w.collection === collection) w.res.write(`${JSON.stringify({ type, object: stored })}\n`);
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    this.log.push({
      method: req.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
    });
    const applied = url.pathname.match(/^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/);
    if (applied && (req.method === 'DELETE' || req.headers['content-type'] === 'application/apply-patch+yaml')) {
      this.#applyOrDelete(req, res, `${applied[1]}/${applied[4]}`, `${applied[3]}/${applied[5]}`);
      return;
    }
    if (req.method === 'PATCH') {
      this.#patch(req, res, url.pathname);
      return;
    }
    const proxy = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)$/);
    if (proxy && req.method === 'GET') {
      const handler = this.serviceProxy;
      if (!handler) res.writeHead(503).end();
      else {
        const r = handler(proxy[1]!, proxy[2]!, proxy[3]!, url.searchParams);
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
      }
      return;
    }
    const item = ITEM_PATHS.map(([re, c, key]) => [url.pathname.match(re), c, key] as const).find(([m]) => m);
    if (item && req.method === 'GET') {
      const found = this.#store.get(item[1])!.get(item[2](item[0]!));
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ?? { kind: 'Status', code: 404 }));
      return;
    }
    const collection = (Object.keys(COLLECTIONS) as Collection[]).find((c) => COLLECTIONS[c].path === url.pathname);
    if (!collection || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: 404 }));
      return;
    }
    const meta = COLLECTIONS[collection];
    if (url.searchParams.get('watch') !== 'true') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          kind: meta.kind,
          apiVersion: meta.apiVersion,
          metadata: { resourceVersion: String(this.#rv) },
          items: [...this.#store.get(collection)!.values()],
        }),
      );
      return;
    }
    const since = Number(url.searchParams.get('resourceVersion') ?? '0');
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders(); // a watch answers at once, even with nothing to say yet
    if (since < this.#compactedBelow) {
      res.end(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version' } })}\n`,
      );
      return;
    }
    for (const e of this.#events.get(collection)!) if (e.rv > since) res.write(`${JSON.stringify({ type: e.type, object: e.object })}\n`);
    const watcher = { collection, res };
    this.#watchers.add(watcher);
    req.on('close', () => this.#watchers.delete(watcher));
  }
}

/** RFC 7386 merge patch; `strategic` adds what Kubernetes' strategic merge does for the lists the
 *  backend patches (containers, env): entries with a `name` merge by name instead of replacing. */
function mergePatch(target: unknown, patch: unknown, strategic = false): unknown {
  if (strategic && Array.isArray(patch) && Array.isArray(target) && patch.every((p) => typeof (p as { name?: unknown })?.name === 'string')) {
    const out = [...(target as { name?: string }[])];
    for (const p of patch as { name: string }[]) {
      const i = out.findIndex((t) => t?.name === p.name);
      if (i >= 0) out[i] = mergePatch(out[i], p, true) as { name: string };
      else out.push(p);
    }
    return out;
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v, strategic);
  }
  return out;
}

function keyOf(o: Obj): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}
