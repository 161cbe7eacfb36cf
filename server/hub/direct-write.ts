// A broadcast to a room of phones, written to each connection's WebSocket at once. socket.io
// encodes a broadcast once, then runs engine.io's per-packet machinery for every connection (a
// packet object, five events, a send callback); with 2,000 phones that cost as much CPU again as
// the writes themselves (bench:audience: 2.0–2.2 × a bare `ws` server sending the same frames),
// and a slide reached the last phone that much later. So the frame is built once per broadcast
// and sent with `ws.send` to each connection open on WebSocket that has nothing waiting in
// engine.io (else packets would change order) and little unsent. The rest — long-polling
// connections, and in a scale-out every other process's connections — get it the socket.io way,
// except those already written. A measurement (volatile) is dropped for a phone with too much
// unsent, as socket.io drops a volatile packet for a connection not ready to write; a state goes
// to it the socket.io way (queued). Nothing is replayed on reconnect (no connection state
// recovery: server/create-application.ts): a phone that reconnects gets the states in its snapshot.
import type { HubServer } from './hub-types';

/** Unsent bytes above which a phone is too slow to be written directly: a measurement is dropped
 *  (it gets the next one), a state queued the socket.io way. */
export const MAX_UNSENT_BYTES = 16 * 1024;

/** socket.io's encoding of an event without ack in the main namespace, inside an engine.io message
 *  packet: `4` (message) `2` (event) and the JSON array (its test holds it to socket.io-parser's). */
export const eventFrame = (event: string, payload: unknown): string => `42${JSON.stringify([event, payload])}`;

/** A text message as one unmasked WebSocket frame (RFC 6455 §5.2: FIN + text opcode, then the
 *  length in 7, 16 or 64 bits), built once per broadcast. */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 0xff]) : Buffer.alloc(10);
  if (n >= 65536) {
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

/** The `ws` WebSocket under an engine.io transport: its sender takes a ready frame in one write,
 *  as engine.io itself sends socket.io's pre-encoded frames (`_sender.sendFrame`); `send` frames
 *  the payload again per connection, with a second buffer (writev) — ~10 % of the fan-out. */
interface WsSocket {
  readyState: number;
  bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
  _sender?: { sendFrame?: (list: Buffer[], cb?: () => void) => void };
}

/** The parts of engine.io's connection this reads: its transport's WebSocket and its queue. */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: { name: string; socket?: WsSocket };
}

const WS_OPEN = 1;

export type RoomSend = (room: string, event: string, payload: unknown, frame: () => Buffer, volatile: boolean) => void;

/** Counts for tests and the bench: written directly; too slow (a measurement dropped, a state queued). */
export interface DirectCounts {
  direct: number;
  slow: number;
}

export function directToRoom(io: HubServer, counts: DirectCounts = { direct: 0, slow: 0 }): RoomSend {
  const nsp = io.of('/');
  return (room, event, payload, frame, volatile) => {
    const members = nsp.adapter.rooms.get(room);
    const written: string[] = [];
    if (members) {
      let data: Buffer | null = null;
      let framed: Buffer | null = null;
      for (const id of members) {
        const conn = nsp.sockets.get(id)?.conn as unknown as EngineConnection | undefined;
        const ws = conn?.transport.socket;
        if (!conn || conn.readyState !== 'open' || conn.transport.name !== 'websocket' || !ws || ws.readyState !== WS_OPEN || conn.writeBuffer.length > 0)
          continue;
        if (ws.bufferedAmount > MAX_UNSENT_BYTES) {
          counts.slow++;
          if (volatile) written.push(id); // dropped
          continue;
        }
        written.push(id);
        data ??= frame();
        if (typeof ws._sender?.sendFrame === 'function') ws._sender.sendFrame([(framed ??= textFrame(data))]);
        else ws.send(data, { binary: false });
        counts.direct++;
      }
    }
    // socket.io's typed emit cannot take an event name held in a variable.
    ((volatile ? io.volatile : io).to(room).except(written) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
  };
}
