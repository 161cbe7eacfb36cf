// A child of the scale-out front (server/cluster/front.ts), from its side: tell the front it is
// up, take the connections the front hands an edge, forward what only the talk process can answer.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { setupWorker } from '@socket.io/sticky';
import type { Server } from 'socket.io';
import { timingSafeEqual } from 'node:crypto';
import { isTalkAt, TALK_SECRET_ENV, type ChildReady, type ChildRole } from './messages';

export function announceReady(role: ChildRole, about: { port?: number; id?: string } = {}): void {
  process.send?.({ t: 'meshstage:ready', role, ...about } satisfies ChildReady);
}

/** An edge takes the connections the front hands it (the edge itself listens on no port). */
export function takeConnections(io: Server): void {
  setupWorker(io);
}

/** The talk process stops with its front: a front killed outright closes this IPC channel. */
export function stopWithFront(stop: () => void): void {
  process.once('disconnect', stop);
}

/** Where the talk process listens, as the front last said (null until it has). */
export function followTalk(): () => string | null {
  let url: string | null = null;
  process.on('message', (m) => {
    if (isTalkAt(m)) url = m.url;
  });
  return () => url;
}

/** The audience export lives in the talk process (it holds the room's state): an edge forwards
 *  `/api/audience/export.*` there as it came, token and all, and sends the answer back. */
export function forwardExport(talkUrl: () => string | null): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!/^\/api\/audience\/export\.(json|csv)(\?|$)/.test(req.url ?? '')) return false;
    const base = talkUrl();
    if (!base) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The talk process is starting; try again in a moment.');
      return true;
    }
    const upstream = request(
      new URL(req.url!, base),
      // The talk process counts wrong tokens per address: it is told the phone's, not the edge's.
      {
        method: req.method,
        headers: {
          ...req.headers,
          'x-meshstage-address': req.socket.remoteAddress ?? 'unknown',
          'x-meshstage-edge': process.env[TALK_SECRET_ENV] ?? '',
        },
      },
      (answer) => {
        // The talk's headers but not its connection handling: every answer from an edge closes
        // (sticky sessions: the next request may belong to another edge).
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('The talk process did not answer.');
      else res.destroy();
    });
    req.pipe(upstream);
    return true;
  };
}

/** In the talk process (loopback only): the phone's address one of its edges forwarded — only
 *  with the front's secret; anything else on this machine is counted at its own address. */
export const forwardedAddress = (req: IncomingMessage): string => {
  const said = req.headers['x-meshstage-address'];
  const secret = process.env[TALK_SECRET_ENV] ?? '';
  const proof = req.headers['x-meshstage-edge'];
  const trusted = secret !== '' && typeof proof === 'string' && proof.length === secret.length && timingSafeEqual(Buffer.from(proof), Buffer.from(secret));
  return (trusted && typeof said === 'string' && said) || req.socket?.remoteAddress || 'unknown';
};
