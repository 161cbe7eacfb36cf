import { describe, expect, it } from 'vitest';
import { kernelSendQueues, parseSendQueues, SlowReaderTracker, tcpKey } from './slow-readers';

describe('slow readers', () => {
  it('closes a connection only once it has been over the bound for the whole grace period; one that catches up starts again', () => {
    const tracker = new SlowReaderTracker({ maxUnsentBytes: 1000, graceMs: 5000 });
    const at = (t: number, unsent: Record<string, number>) => tracker.sweep(new Map(Object.entries(unsent)), t);
    expect(at(0, { stuck: 5000, fine: 10, blip: 5000 })).toEqual([]);
    expect(at(3000, { stuck: 6000, fine: 10, blip: 10 })).toEqual([]); // blip caught up
    expect(at(4000, { stuck: 7000, fine: 10, blip: 5000 })).toEqual([]);
    expect(at(5000, { stuck: 7000, fine: 10, blip: 5000 })).toEqual(['stuck']);
    expect(at(8000, { fine: 10, blip: 5000 })).toEqual([]); // 4 s over since it fell behind again
    expect(at(9000, { fine: 10, blip: 5000 })).toEqual(['blip']);
    expect(at(9000, { fine: 1000 })).toEqual([]); // at the bound is not over it
  });

  it('reads the kernel send queue of each TCP connection from /proc/net/tcp and tcp6, keyed as a socket names itself', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0BB8 0100007F:D92A 01 0003E800:00000000 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1',
      '   1: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
    ].join('\n');
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue',
      '   0: 0000000000000000FFFF00000100007F:0BB8 0000000000000000FFFF00000A00000A:C350 01 00000010:00000000 00:00000000 00000000 0 0 3',
      '   1: 00000000000000000000000001000000:0BB8 B80D0120000000000000000001000000:C351 01 00000020:00000000 00:00000000 00000000 0 0 4',
    ].join('\n');
    const queues = parseSendQueues([tcp, tcp6]);
    expect(queues.get(tcpKey(3000, '127.0.0.1', 55594))).toBe(0x3e800);
    expect(queues.get(tcpKey(3000, '::ffff:10.0.0.10', 50000))).toBe(0x10);
    expect(queues.get(tcpKey(3000, '2001:db8::1', 50001))).toBe(0x20);
    expect(parseSendQueues([null, null]).size).toBe(0); // not Linux: no files
  });

  it.skipIf(process.platform !== 'linux')('reads this machine’s own queues (Linux: /proc/net/tcp): a connection appears, nothing unsent', async () => {
    const { createServer, connect } = await import('node:net');
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const client = connect(port, '127.0.0.1');
    await new Promise((r) => client.once('connect', r));
    try {
      const queues = await kernelSendQueues();
      expect(queues.get(tcpKey(port, '127.0.0.1', client.localPort!))).toBe(0);
    } finally {
      client.destroy();
      server.close();
    }
  });
});

describe('a client that stops reading, on a real server', () => {
  it(
    'is closed once its unsent bytes stay over the bound, whatever its heartbeat; a reading client on the same broadcasts stays',
    { timeout: 30_000 },
    async () => {
      const { startTestServer } = await import('../testing/start-test-server');
      const { vi } = await import('vitest');
      const server = await startTestServer({ slowReaders: { maxUnsentBytes: 256 * 1024, graceMs: 300, sweepMs: 100 } });
      const reader = await server.attendee();
      const stuck = await server.attendee();
      try {
        // Stop reading: the client's process no longer takes bytes from its socket.
        const transport = (stuck.io.engine as unknown as { transport: { ws: { _socket: { pause(): void; destroy(): void } } } }).transport;
        transport.ws._socket.pause();
        const stuckId = stuck.id!; // a client's socket id is the server's
        // The talk's broadcasts, much sped up: 64 KB states to every connection until one is closed.
        const big = { rev: 0, padding: 'x'.repeat(64 * 1024) };
        let sent = 0;
        await vi.waitFor(
          () => {
            for (let i = 0; i < 4; i++) (server.app.io as unknown as { emit(e: string, p: unknown): void }).emit('calc:state', { ...big, rev: ++sent });
            expect(server.app.io.of('/').sockets.has(stuckId)).toBe(false);
          },
          { timeout: 20_000, interval: 50 },
        );
        expect(server.logs.some((l) => /closed 1 connection\(s\) that stopped reading/.test(l))).toBe(true);
        expect(reader.connected).toBe(true);
      } finally {
        (stuck.io.engine as unknown as { transport: { ws?: { _socket?: { destroy(): void } } } }).transport.ws?._socket?.destroy();
        await server.close();
      }
    },
  );
});
