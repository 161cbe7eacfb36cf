// One pooled HTTP/2-over-mTLS session per (identity, peer, address), as Envoy and ztunnel keep
// long-lived upstream connections; reconnected on demand after it closes.
import http2, { type ClientHttp2Session } from 'node:http2';
import tls from 'node:tls';
import type { Identity } from '../pki/lab-ca';
import { clientTls } from './tls-identity';

/** Large flow-control windows: no WINDOW_UPDATE round trips for the demo's small bodies. */
export const H2_WINDOW = 16 * 1024 * 1024;
export const H2_SETTINGS = { initialWindowSize: H2_WINDOW };

export class H2Pool {
  #sessions = new Map<string, ClientHttp2Session>();

  session(host: string, port: number, identity: Identity, peer: string): ClientHttp2Session {
    const key = `${identity.spiffe}|${peer}|${host}:${port}`;
    const existing = this.#sessions.get(key);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    // TCP_NODELAY: without it small HTTP/2 frames wait on Nagle + delayed ACK (tens of ms).
    const session = http2.connect(`https://${host}:${port}`, {
      ...clientTls(identity, peer),
      settings: H2_SETTINGS,
      createConnection: () => {
        const socket = tls.connect({ host, port, ...clientTls(identity, peer) });
        socket.setNoDelay(true);
        return socket;
      },
    });
    session.on('error', () => session.destroy());
    session.once('connect', () => session.setLocalWindowSize(H2_WINDOW));
    session.on('close', () => {
      if (this.#sessions.get(key) === session) this.#sessions.delete(key);
    });
    // Idle sessions must not keep the process alive on shutdown.
    session.unref();
    this.#sessions.set(key, session);
    return session;
  }

  closeAll(): void {
    for (const s of this.#sessions.values()) s.destroy();
    this.#sessions.clear();
  }
}
