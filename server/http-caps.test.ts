import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capConnections, ConnectionLedger, globalCap } from './http-caps';

describe('the connection ledger', () => {
  it('refuses an address past its share; past the global cap sheds the longest-idle connections, never one that sent a request, never the newcomer', () => {
    const ledger = new ConnectionLedger<string>({ perAddress: 3, global: 5 });
    expect(['a1', 'a2', 'a3'].map((id) => ledger.open(id, 'A').admitted)).toEqual([true, true, true]);
    expect(ledger.open('a4', 'A')).toEqual({ admitted: false, shed: [] });
    ledger.busy('a1'); // sent its request
    expect(ledger.open('b1', 'B')).toEqual({ admitted: true, shed: [] });
    expect(ledger.open('b2', 'B')).toEqual({ admitted: true, shed: [] }); // 5 open: at the cap
    expect(ledger.open('c1', 'C')).toEqual({ admitted: true, shed: ['a2'] }); // a1 busy: a2 is the longest idle
    ledger.close('a2');
    ledger.close('a3');
    expect(ledger.open('a5', 'A').admitted).toBe(true); // A holds two again
    expect(ledger.size).toBe(5);
  });

  it('takes 90 % of the soft descriptor limit', () => {
    expect(
      globalCap(
        () =>
          'Limit                     Soft Limit           Hard Limit           Units\nMax open files            20000                20000                files\n',
      ),
    ).toBe(18_000);
    expect(
      globalCap(() => {
        throw new Error('no /proc');
      }, 900),
    ).toBe(900);
  });
});

describe('caps on a real HTTP server', () => {
  const open: Socket[] = [];
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    for (const s of open.splice(0)) s.destroy();
    await close?.();
    close = null;
  });

  async function serve(caps: { perAddress: number; global: number; headersTimeoutMs: number }) {
    const server = createServer((_, res) => res.end('ok'));
    const ledger = capConnections(server, caps);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => new Promise((r) => server.close(() => r()));
    const port = (server.address() as { port: number }).port;
    /** A raw connection from `from` (any 127/8 address is this machine on Linux). */
    const dial = async (from: string) => {
      const s = connect({ host: '127.0.0.1', port, localAddress: from });
      open.push(s);
      const closed = new Promise<void>((r) => s.once('close', () => r()));
      s.on('error', () => {});
      await new Promise<void>((r) => s.once('connect', () => r()));
      return { socket: s, closed };
    };
    return { ledger, dial, port };
  }

  it('an address past its share is cut off at once; another address is not', async () => {
    const { dial, ledger } = await serve({ perAddress: 3, global: 100, headersTimeoutMs: 10_000 });
    for (let i = 0; i < 3; i++) await dial('127.0.0.2');
    await vi.waitFor(() => expect(ledger.size).toBe(3));
    const fourth = await dial('127.0.0.2');
    await fourth.closed;
    expect(ledger.size).toBe(3);
    await dial('127.0.0.3');
    await vi.waitFor(() => expect(ledger.size).toBe(4));
  });

  it('slow clients filling the global cap are shed, oldest first, and a real request still gets its answer', async () => {
    const { dial, port } = await serve({ perAddress: 100, global: 4, headersTimeoutMs: 10_000 });
    const slow = [];
    for (let i = 0; i < 4; i++) {
      const c = await dial(`127.0.0.${10 + i}`);
      c.socket.write('GET / HTTP/1.1\r\nHost: x\r\n'); // headers begun, never finished
      slow.push(c);
    }
    const answer = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    expect(answer).toBe('ok');
    await slow[0]!.closed; // the longest-idle one made room
  });

  it('a client that never finishes its headers is cut off at the headers timeout (checked every second, not Node’s 30 s)', async () => {
    const { dial, ledger } = await serve({ perAddress: 100, global: 100, headersTimeoutMs: 500 });
    const slow = await dial('127.0.0.20');
    slow.socket.resume(); // read what the server sends (its 408), so the close is seen
    slow.socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    await slow.closed; // within the test's timeout: Node's own check would take up to 30 s
    await vi.waitFor(() => expect(ledger.size).toBe(0));
  });
});
