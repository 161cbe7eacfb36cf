// One proxy process: an L7 proxy (sidecar, waypoint, node proxy) or an L4 one (ztunnel),
// depending on the listeners the controller gives it. It counts what it sees and times its own
// share of each request so the latency can be split across hops.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { L7Policy } from '../../../../lib/mesh/policies';
import type { L4Upstream, L7Route, ListenerSpec, ProxyConfig, ProxyCounters, ProxyStats, RouteSelect } from '../ipc';
import { REQUEST_ID_HEADER, VIA_HEADER } from '../ipc';
import { H2Pool, H2_SETTINGS } from '../net/h2-pool';
import { hboneConnect, socketLike } from '../net/hbone';
import { originalDst } from '../net/original-dst';
import { ALPN_ISTIO_HTTP11, peerIdentity, serverTls } from '../net/tls-identity';
import { ProcessUsage } from '../stats/process-usage';
import { WindowHistogram } from '../stats/window-histogram';
import { decideFault, TimeoutError, withRetries } from './policy-engine';
import { createUpstreamClient, endToEndHeaders, type ForwardResponse, type UpstreamClient } from './upstream-client';

const NO_POLICY: L7Policy = {
  retries: { enabled: false, attempts: 1, perTryTimeoutMs: 1 },
  timeout: { enabled: false, ms: 1 },
  fault: { abortPercent: 0, abortStatus: 503, delayPercent: 0, delayMs: 0 },
  mtls: false,
};
const RECENT_IDS = 64;

const bump = (record: Record<string, number>, key: string | null) => {
  if (key) record[key] = (record[key] ?? 0) + 1;
};

export class ProxyRuntime {
  readonly counters: ProxyCounters = {
    requests: 0, retries: 0, faults: 0, upstreamErrors: 0, connections: 0, bytes: 0, hboneIn: 0, hboneOut: 0,
    peers: {}, tlsVersions: {}, alpn: {}, recentRequestIds: [],
  };
  #self = new WindowHistogram();
  /** The same, per listener: a sidecar's inbound and outbound work are different hops of a path. */
  #selfByListener = new Map<string, WindowHistogram>();
  #usage = new ProcessUsage();
  #pool = new H2Pool();
  #clients = new Map<string, UpstreamClient>();
  #specs = new Map<string, ListenerSpec>();
  #servers: { close(): void }[] = [];
  #tunnelRoutes = new WeakMap<object, L7Route>();
  #routeKeys = new WeakMap<net.Socket, string>();
  #policy: L7Policy;
  readonly l7: boolean;

  constructor(private readonly config: ProxyConfig) {
    this.#policy = config.policy;
    this.l7 = config.kind !== 'ztunnel';
  }

  async start(): Promise<void> {
    for (const spec of this.config.listeners) {
      this.#specs.set(spec.id, spec);
      await this.#listen(spec);
    }
  }

  setPolicy(policy: L7Policy): void {
    this.#policy = policy;
  }

  /** Routes change in place (mTLS on/off, a waypoint added); listeners stay bound. */
  setRoutes(listeners: ListenerSpec[]): void {
    for (const spec of listeners) if (this.#specs.has(spec.id)) this.#specs.set(spec.id, spec);
  }

  stats(reqId?: string): ProxyStats {
    const usage = this.#usage.sample();
    return {
      t: 'stats', id: this.config.id, kind: this.config.kind, l7: this.l7, counters: this.counters,
      self: this.#self.takeWindow(),
      selfByListener: Object.fromEntries([...this.#selfByListener].map(([id, h]) => [id, h.takeWindow()])),
      cpuPercent: usage.cpuPercent, rssMb: usage.rssMb, ...(reqId ? { reqId } : {}),
    };
  }

  close(): void {
    for (const s of this.#servers) s.close();
    this.#pool.closeAll();
  }

  // ---- listeners -------------------------------------------------------------------------

  async #listen(spec: ListenerSpec): Promise<void> {
    const current = () => this.#specs.get(spec.id) as typeof spec;
    let server: net.Server;
    switch (spec.proto) {
      case 'h1': {
        const s = http.createServer((req, res) => {
          const route = this.#routeOf(req.socket, current() as Extract<ListenerSpec, { proto: 'h1' }>);
          if (route) void this.#serveH1(req, res, route as L7Route, spec.id);
          else res.writeHead(503, { 'content-type': 'text/plain' }).end('no route for this destination');
        });
        s.keepAliveTimeout = 65_000;
        s.on('connection', (socket: net.Socket) => this.#accept(socket, current() as Extract<ListenerSpec, { proto: 'h1' }>));
        server = s;
        break;
      }
      case 'h1-permissive':
        server = this.#permissiveServer(spec.id, spec.identities, () => (current() as Extract<ListenerSpec, { proto: 'h1-permissive' }>).routes['*']);
        break;
      case 'hbone':
        server = this.#hboneServer(spec.id, () => (current() as Extract<ListenerSpec, { proto: 'hbone' }>).byAuthority, spec.identities);
        break;
      case 'tcp':
        server = net.createServer((socket) => {
          const l = current() as Extract<ListenerSpec, { proto: 'tcp' }>;
          this.#accept(socket, l);
          const route = this.#routeOf(socket, l);
          if (route) void this.#relay(socket, route as L4Upstream, spec.id);
          else socket.destroy();
        });
        break;
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(spec.port, spec.host, () => resolve());
    });
    this.#servers.push(server);
  }

  /** Remembers, per connection, which route key it belongs to (decided once, at accept). */
  #accept(socket: net.Socket, spec: { select: RouteSelect }): void {
    this.counters.connections++;
    socket.setNoDelay(true);
    if (spec.select === 'listener') return;
    try {
      const dst = originalDst(socket);
      this.#routeKeys.set(socket, spec.select === 'original-dst' ? dst : `${socket.remoteAddress}>${dst}`);
    } catch (error) {
      this.counters.upstreamErrors++;
      if (this.counters.upstreamErrors <= 3) console.error(`${this.config.id}: no original destination: ${(error as Error).message}`);
    }
  }

  #routeOf(socket: net.Socket, spec: { select: RouteSelect; routes: Record<string, L7Route | L4Upstream> }): L7Route | L4Upstream | undefined {
    const key = spec.select === 'listener' ? '*' : this.#routeKeys.get(socket);
    return key === undefined ? undefined : spec.routes[key];
  }

  /** Istio's PERMISSIVE inbound: one port, mTLS or plain HTTP, told apart by the first byte. */
  #permissiveServer(listenerId: string, identities: string[], route: () => L7Route | undefined): net.Server {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const r = route();
      if (r) void this.#serveH1(req, res, r, listenerId);
      else res.writeHead(503).end();
    };
    const tlsServer = https.createServer(serverTls(this.#ids(identities), ALPN_ISTIO_HTTP11), handler);
    const plainServer = http.createServer(handler);
    for (const s of [tlsServer, plainServer]) s.keepAliveTimeout = 65_000;
    tlsServer.on('secureConnection', (socket: TLSSocket) => this.#recordPeer(socket));
    return net.createServer((socket) => {
      socket.setNoDelay(true);
      socket.once('data', (chunk: Buffer) => {
        socket.pause();
        socket.unshift(chunk);
        const tlsHandshake = chunk[0] === 0x16;
        if (!tlsHandshake) this.counters.connections++;
        (tlsHandshake ? tlsServer : plainServer).emit('connection', socket);
        process.nextTick(() => socket.resume());
      });
    });
  }

  #ids(names: string[]) {
    return names.map((n) => {
      const id = this.config.identities[n];
      if (!id) throw new Error(`${this.config.id}: no identity ${n}`);
      return id;
    });
  }

  #recordPeer(socket: TLSSocket): void {
    this.counters.connections++;
    const peer = peerIdentity(socket);
    bump(this.counters.peers, peer.spiffe);
    bump(this.counters.tlsVersions, peer.tls);
    bump(this.counters.alpn, socket.alpnProtocol || null);
  }

  #hboneServer(listenerId: string, byAuthority: () => Record<string, L7Route | L4Upstream>, identities: string[]): net.Server {
    const s = http2.createSecureServer({ ...serverTls(this.#ids(identities)), allowHTTP1: false, settings: H2_SETTINGS });
    s.on('secureConnection', (socket: TLSSocket) => this.#recordPeer(socket));
    // HTTP/1.1 carried inside CONNECT streams reaches the L7 handler through this unbound server.
    const inner = http.createServer((req, res) => {
      const r = this.#tunnelRoutes.get(req.socket);
      if (r) void this.#serveH1(req, res, r, listenerId);
      else res.writeHead(500).end();
    });
    inner.keepAliveTimeout = 65_000;
    s.on('stream', (stream, headers) => {
      if (headers[':method'] !== 'CONNECT') {
        stream.respond({ ':status': 405 });
        stream.end();
        return;
      }
      const authority = String(headers[':authority'] ?? '');
      const target = byAuthority()[authority];
      if (!target) {
        stream.respond({ ':status': 403 });
        stream.end();
        return;
      }
      this.counters.hboneIn++;
      stream.respond({ ':status': 200 });
      if ('upstream' in target) {
        const socket = socketLike(stream);
        this.#tunnelRoutes.set(socket, target);
        inner.emit('connection', socket);
      } else {
        void this.#relay(stream, target, listenerId);
      }
    });
    return s as unknown as net.Server;
  }

  // ---- L4 ------------------------------------------------------------------------------

  async #relay(downstream: Duplex, upstream: L4Upstream, listenerId: string): Promise<void> {
    let up: Duplex;
    try {
      if (upstream.kind === 'direct') {
        const s = net.connect(upstream.port, upstream.host);
        s.setNoDelay(true);
        await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('error', reject));
        up = s;
      } else {
        this.counters.hboneOut++;
        up = await hboneConnect(this.#pool, {
          host: upstream.host, port: upstream.port, identity: this.#ids([upstream.identity])[0]!, peer: upstream.peer, authority: upstream.authority,
        });
      }
    } catch {
      this.counters.upstreamErrors++;
      downstream.destroy();
      return;
    }
    this.#pipeTimed(downstream, up, listenerId);
    this.#pipeTimed(up, downstream, listenerId);
    const closeBoth = () => {
      downstream.destroy();
      up.destroy();
    };
    downstream.once('close', closeBoth).once('error', closeBoth);
    up.once('close', closeBoth).once('error', closeBoth);
  }

  /** Copies bytes and times each chunk from read to hand-off to the kernel: an L4 hop's own cost. */
  #pipeTimed(from: Duplex, to: Duplex, listenerId: string): void {
    from.on('data', (chunk: Buffer) => {
      const t0 = process.hrtime.bigint();
      this.counters.bytes += chunk.length;
      const ok = to.write(chunk, () => this.#recordSelf(listenerId, Number(process.hrtime.bigint() - t0) / 1000));
      if (!ok) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    from.on('end', () => to.end());
  }

  // ---- L7 ------------------------------------------------------------------------------

  #recordSelf(listenerId: string, us: number): void {
    this.#self.record(us);
    let h = this.#selfByListener.get(listenerId);
    if (!h) this.#selfByListener.set(listenerId, (h = new WindowHistogram()));
    h.record(us);
  }

  async #serveH1(req: IncomingMessage, res: ServerResponse, route: L7Route, listenerId: string): Promise<void> {
    const body = await collect(req);
    const out = await this.#handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers: endToEndHeaders(req.headers), body }, route, listenerId);
    res.writeHead(out.status, out.headers).end(out.body);
  }

  async #handle(req: { method: string; path: string; headers: Record<string, string>; body: Buffer }, route: L7Route, listenerId: string): Promise<ForwardResponse> {
    const t0 = process.hrtime.bigint();
    const requestId = req.headers[REQUEST_ID_HEADER] ?? randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    this.counters.requests++;
    this.counters.recentRequestIds.push(requestId);
    if (this.counters.recentRequestIds.length > RECENT_IDS) this.counters.recentRequestIds.shift();
    const policy = route.enforcePolicy ? this.#policy : NO_POLICY;
    let upstreamNs = 0n;
    const finish = (status: number, headers: Record<string, string>, body: Buffer): ForwardResponse => {
      const total = process.hrtime.bigint() - t0;
      this.#recordSelf(listenerId, Number(total - upstreamNs) / 1000);
      const via = headers[VIA_HEADER];
      return { status, headers: { ...headers, [VIA_HEADER]: via ? `${this.config.id}, ${via}` : this.config.id }, body };
    };

    const fault = route.enforcePolicy ? decideFault(policy) : { abortStatus: null, delayMs: 0 };
    if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.abortStatus !== null) {
      this.counters.faults++;
      return finish(fault.abortStatus, { 'content-type': 'text/plain', 'x-meshstage-fault': 'abort' }, Buffer.from('fault filter abort'));
    }

    const client = this.#client(route);
    const { outcome, attempts } = await withRetries(policy, async (timeoutMs) => {
      const t = process.hrtime.bigint();
      const r = await client(req, timeoutMs);
      upstreamNs += process.hrtime.bigint() - t;
      return r;
    });
    this.counters.retries += Math.max(0, attempts - 1);
    if (outcome.ok) return finish(outcome.value.status, outcome.value.headers, outcome.value.body);
    this.counters.upstreamErrors++;
    if (this.counters.upstreamErrors <= 3) console.error(`${this.config.id}: upstream failed: ${outcome.error.message}`);
    const timedOut = outcome.error instanceof TimeoutError;
    return finish(timedOut ? 504 : 503, { 'content-type': 'text/plain' }, Buffer.from(timedOut ? 'upstream request timeout' : 'upstream connect error'));
  }

  #client(route: L7Route): UpstreamClient {
    const key = JSON.stringify(route.upstream);
    let client = this.#clients.get(key);
    if (!client) {
      client = createUpstreamClient(route.upstream, this.config.identities, this.#pool);
      this.#clients.set(key, client);
    }
    return client;
  }
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
