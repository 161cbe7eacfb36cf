// Sends one buffered HTTP request upstream: plain HTTP/1.1, HTTP/1.1 over mTLS (sidecar to
// sidecar, as Istio does by default), or HTTP/1.1 inside an HBONE tunnel (waypoint onward).
import http, { type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Identity } from '../pki/lab-ca';
import type { Upstream } from '../ipc';
import type { H2Pool } from '../net/h2-pool';
import { CONNECTIONS_PER_UPSTREAM } from '../net/pool-size';
import { hboneAgent } from '../net/hbone';
import { ALPN_ISTIO_HTTP11, clientTls } from '../net/tls-identity';
import { TimeoutError, type Outcome } from './policy-engine';

export interface ForwardRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ForwardResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'http2-settings']);

export function endToEndHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export type UpstreamClient = (req: ForwardRequest, timeoutMs: number | null) => Promise<Outcome<ForwardResponse>>;

function timed<T>(timeoutMs: number | null, run: (onTimeout: (cancel: () => void) => void) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | null = null;
    run((cancel) => {
      if (timeoutMs === null) return;
      timer = setTimeout(() => {
        cancel();
        reject(new TimeoutError(timeoutMs));
      }, timeoutMs);
    }).then(
      (v) => {
        if (timer) clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        if (timer) clearTimeout(timer);
        reject(e as Error);
      },
    );
  });
}

function h1Send(agent: http.Agent, host: string, port: number, authority: string, request: typeof http.request = http.request): UpstreamClient {
  return (req, timeoutMs) =>
    timed(timeoutMs, (onTimeout) =>
      new Promise<Outcome<ForwardResponse>>((resolve) => {
        const headers: OutgoingHttpHeaders = { ...req.headers, host: authority, 'content-length': String(req.body.length) };
        const out = request({ host, port, method: req.method, path: req.path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ ok: true, status: res.statusCode ?? 502, value: { status: res.statusCode ?? 502, headers: endToEndHeaders(res.headers), body: Buffer.concat(chunks) } }),
          );
          res.on('error', (error) => resolve({ ok: false, error }));
        });
        out.on('error', (error) => resolve({ ok: false, error }));
        onTimeout(() => out.destroy());
        out.end(req.body);
      }),
    ).catch((error: Error) => ({ ok: false as const, error }));
}

export function createUpstreamClient(upstream: Upstream, identities: Record<string, Identity>, pool: H2Pool): UpstreamClient {
  const identity = (name: string) => {
    const id = identities[name];
    if (!id) throw new Error(`no identity ${name}`);
    return id;
  };
  switch (upstream.kind) {
    case 'h1':
      return h1Send(new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM }), upstream.host, upstream.port, `${upstream.host}:${upstream.port}`);
    case 'h1-mtls': {
      const agent = new https.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM, ...clientTls(identity(upstream.identity), upstream.peer, ALPN_ISTIO_HTTP11) });
      return h1Send(agent, upstream.host, upstream.port, `${upstream.host}:${upstream.port}`, https.request);
    }
    case 'hbone': {
      const target = { host: upstream.host, port: upstream.port, identity: identity(upstream.identity), peer: upstream.peer, authority: upstream.authority };
      const [h, p] = upstream.authority.split(':');
      return h1Send(hboneAgent(pool, () => target), h!, Number(p), upstream.authority);
    }
  }
}
