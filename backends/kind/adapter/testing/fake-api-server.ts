// A small stand-in for the Kubernetes API server, kept for one thing a real one cannot do here:
// answer fortio's REST API through the client Service's proxy, which needs real pods behind the
// Service (no kubelet runs beside the real API server of kind-backend.apiserver-test.ts). It
// serves what the backend needs around that — list and watch, GET and merge patches of
// namespaces and deployments — and nothing of what the real server's suite tests (RBAC, 409,
// 410, server-side apply, restarts).
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
  #watchers = new Set<{ collection: Collection; res: ServerResponse }>();
  #sockets = new Set<Socket>();
  #server: http.Server | null = null;
  port = 0;
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

  /** RFC 7386 JSON merge patch (or strategic, for env by name) on a namespace or deployment, recorded as MODIFIED. */
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
