// HBONE: TCP carried in HTTP/2 CONNECT streams over mTLS (port 15008 in Istio ambient).
import type { ClientHttp2Stream } from 'node:http2';
import { Duplex } from 'node:stream';
import http from 'node:http';
import type { Identity } from '../pki/lab-ca';
import type { H2Pool } from './h2-pool';
import { CONNECTIONS_PER_UPSTREAM } from './pool-size';

export interface HboneTarget {
  host: string;
  port: number;
  identity: Identity;
  peer: string;
  authority: string;
}

/** Opens a CONNECT stream; resolves once the far end answered 200 (the tunnel is up). */
export function hboneConnect(pool: H2Pool, target: HboneTarget): Promise<ClientHttp2Stream> {
  return new Promise((resolve, reject) => {
    let stream: ClientHttp2Stream;
    try {
      const session = pool.session(target.host, target.port, target.identity, target.peer);
      stream = session.request({ ':method': 'CONNECT', ':authority': target.authority }, { endStream: false });
    } catch (error) {
      reject(error as Error);
      return;
    }
    stream.once('response', (headers) => {
      const status = Number(headers[':status']);
      if (status === 200) resolve(stream);
      else {
        stream.destroy();
        reject(new Error(`HBONE CONNECT ${target.authority} answered ${status}`));
      }
    });
    stream.once('error', reject);
  });
}

/**
 * Lets Node's HTTP client and server run over an HTTP/2 stream (HTTP/1.1 inside HBONE). Two
 * gaps are bridged: an Http2Stream mangles the mixed string/Buffer batches that the HTTP code
 * writes when corked (so every write is turned into a Buffer first), and it lacks a socket's
 * knobs (setNoDelay, setKeepAlive, ref, unref).
 */
export function socketLike(stream: Duplex): Duplex {
  const wrapper = new Duplex({
    decodeStrings: true,
    write(chunk: Buffer, _encoding, callback) {
      stream.write(chunk, callback);
    },
    final(callback) {
      stream.end(callback);
    },
    read() {
      stream.resume();
    },
    destroy(error, callback) {
      stream.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.on('data', (chunk: Buffer) => {
    if (!wrapper.push(chunk)) stream.pause();
  });
  stream.on('end', () => wrapper.push(null));
  stream.on('error', (error) => wrapper.destroy(error));
  stream.on('close', () => wrapper.destroy());
  const knobs = wrapper as Duplex & Record<string, unknown>;
  for (const name of ['setNoDelay', 'setKeepAlive', 'ref', 'unref', 'setTimeout']) knobs[name] = () => wrapper;
  return wrapper;
}

/** An HTTP/1.1 keep-alive agent whose connections are HBONE tunnels (waypoint → destination). */
export function hboneAgent(pool: H2Pool, target: () => HboneTarget): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM });
  (agent as unknown as { createConnection: unknown }).createConnection = (_opts: unknown, cb: (err: Error | null, s?: Duplex) => void) => {
    hboneConnect(pool, target()).then(
      (stream) => cb(null, socketLike(stream)),
      (error: Error) => cb(error),
    );
    return undefined;
  };
  return agent;
}
