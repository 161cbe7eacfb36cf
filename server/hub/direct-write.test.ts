// The direct writer against a real socket.io server and real clients: what a phone receives must be
// what socket.io would have sent, once, on WebSocket and on long-polling alike.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Encoder, PacketType } from 'socket.io-parser';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { directToRoom, eventFrame, MAX_UNSENT_BYTES, textFrame, type DirectCounts } from './direct-write';
import WebSocket from 'ws';
import type { HubServer } from './hub-types';

let io: Server | null = null;
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await new Promise((r) => (io ? io.close(r) : r(null)));
  io = null;
});

async function start() {
  const http = createServer();
  io = new Server(http, { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } });
  io.on('connection', (s) => void s.join('room'));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const join = async (transports: ('websocket' | 'polling')[]) => {
    const c = connect(url, { transports, forceNew: true });
    clients.push(c);
    await new Promise((r) => c.once('connect', () => r(null)));
    // In the room, and its transport ready for a packet (a long-polling phone's next poll is in):
    // a volatile packet is sent then, not dropped.
    await vi.waitFor(() => {
      const socket = io!.of('/').sockets.get(c.id!);
      expect(socket?.rooms.has('room')).toBe(true);
      expect(socket?.conn.transport.writable).toBe(true);
    });
    return c;
  };
  /** Resolves once every one of `clients` has what the room was sent before this call: a marker
   *  sent after it, the socket.io way, comes after anything sent before it on each connection. */
  const flushed = async (...clients: Socket[]) => {
    const marked = clients.map((c) => new Promise((r) => c.once('flushed', r)));
    io!.to('room').emit('flushed');
    await Promise.all(marked);
  };
  return { io: io as unknown as HubServer, join, flushed };
}

const received = (c: Socket, event: string) => {
  const got: unknown[] = [];
  c.on(event, (p) => got.push(p));
  return got;
};

describe('a broadcast written to the phones’ WebSockets directly', () => {
  it('encodes an event exactly as socket.io does, inside an engine.io message', () => {
    const payload = ['sidecar', 1733140000000, 250, [12, 1213, 1800, 4100.5, 9000], null, 'é"\\'];
    const [encoded] = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['latency:window', payload] });
    expect(eventFrame('latency:window', payload)).toBe(`4${encoded as string}`);
  });

  it('frames a text message as ws does, at every length form', () => {
    for (const n of [0, 125, 126, 65535, 65536]) {
      const payload = Buffer.alloc(n, 'a');
      // ws's own framing (its Sender is exported at run time, not in its types).
      const list = (WebSocket as unknown as { Sender: { frame(d: Buffer, o: object): Buffer[] } }).Sender.frame(payload, {
        fin: true,
        rsv1: false,
        opcode: 1,
        mask: false,
        readOnly: false,
      });
      expect(textFrame(payload).equals(Buffer.concat(list))).toBe(true);
    }
  });

  it('reaches a WebSocket phone directly and a long-polling phone the socket.io way, each once', async () => {
    const s = await start();
    const ws = await s.join(['websocket']);
    const polling = await s.join(['polling']);
    const a = received(ws, 'latency:window');
    const b = received(polling, 'latency:window');
    const counts: DirectCounts = { direct: 0, slow: 0 };
    const send = directToRoom(s.io, counts);
    const payload = { mode: 'sidecar', p50: 1213 };
    send('room', 'latency:window', payload, () => Buffer.from(eventFrame('latency:window', payload)), true);
    await s.flushed(ws, polling);
    expect(a).toEqual([payload]);
    expect(b).toEqual([payload]);
    expect(counts).toEqual({ direct: 1, slow: 0 });
  });

  it('drops it for a phone with too much unsent (a slow phone), as socket.io drops a volatile packet', async () => {
    const s = await start();
    const slow = await s.join(['websocket']);
    const fine = await s.join(['websocket']);
    const a = received(slow, 'hops:sample');
    const b = received(fine, 'hops:sample');
    const conn = [...s.io.of('/').sockets.values()].find((x) => x.id === slow.id)!.conn as unknown as { transport: { socket: object } };
    Object.defineProperty(conn.transport.socket, 'bufferedAmount', { get: () => MAX_UNSENT_BYTES + 1 });
    const counts: DirectCounts = { direct: 0, slow: 0 };
    directToRoom(s.io, counts)('room', 'hops:sample', [1], () => Buffer.from(eventFrame('hops:sample', [1])), true);
    await s.flushed(slow, fine);
    expect(a).toEqual([]);
    expect(b).toEqual([[1]]);
    expect(counts).toEqual({ direct: 1, slow: 1 });
  });

  it('queues a state for a slow phone the socket.io way, and sends it to a long-polling phone', async () => {
    const s = await start();
    const slow = await s.join(['websocket']);
    const polling = await s.join(['polling']);
    const a = received(slow, 'deck:state');
    const b = received(polling, 'deck:state');
    const conn = [...s.io.of('/').sockets.values()].find((x) => x.id === slow.id)!.conn as unknown as { transport: { socket: object } };
    Object.defineProperty(conn.transport.socket, 'bufferedAmount', { get: () => MAX_UNSENT_BYTES + 1 });
    const counts: DirectCounts = { direct: 0, slow: 0 };
    const state = { rev: 9, slide: 3 };
    directToRoom(s.io, counts)('room', 'deck:state', state, () => Buffer.from(eventFrame('deck:state', state)), false);
    await s.flushed(slow, polling);
    expect(a).toEqual([state]);
    expect(b).toEqual([state]);
    expect(counts).toEqual({ direct: 0, slow: 1 });
  });

  it('never goes ahead of packets engine.io still holds for a connection', async () => {
    const s = await start();
    const c = await s.join(['websocket']);
    const order: string[] = [];
    c.onAny((event) => order.push(event));
    const sock = [...s.io.of('/').sockets.values()][0] as unknown as { emit(event: string, payload: unknown): void };
    // Two packets in one turn: the second waits in engine.io's queue until the first is written.
    sock.emit('deck:state', 1);
    sock.emit('demo:state', 2);
    const counts: DirectCounts = { direct: 0, slow: 0 };
    directToRoom(s.io, counts)('room', 'latency:window', 3, () => Buffer.from(eventFrame('latency:window', 3)), true);
    await s.flushed(c);
    // Not written directly, so never ahead of them: socket.io sends it after them or, the
    // connection being busy, drops it like any volatile packet.
    expect(counts.direct).toBe(0);
    expect(order.slice(0, 2)).toEqual(['deck:state', 'demo:state']);
    expect(order.at(-1)).toBe('flushed');
    expect(order.slice(2, -1).every((e) => e === 'latency:window')).toBe(true);
  });
});
