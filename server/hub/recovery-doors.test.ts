// The server keeps no socket.io connection state to recover (server/create-application.ts): socket.io
// replays a recovered session's missed packets before any middleware runs, so a client that
// recovered a presenter's session without the token was written the moderation queue. A
// reconnecting client — whatever recovery handle it presents — is a new connection: the token
// check, the address allowances and its role from what it presents now; its states come in the
// snapshot.
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS_LIMITS, AddressLimits } from './address-limits';
import { command, startTestServer, type TestClient } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
const extra: TestClient[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) c.disconnect();
  await server?.close();
  server = null;
});

/** The recovery handle socket.io-client keeps for a connection (its session id and last offset). */
const handle = (s: TestClient) => s as unknown as { _pid?: string; _lastOffset?: string };

/** Drops `socket`'s transport without a goodbye (its client must not come back by itself); returns
 *  the recovery handle a thief would present — the session's id, as socket.io would have offered it. */
async function drop(socket: TestClient): Promise<{ pid: string; offset: string }> {
  const pid = handle(socket)._pid ?? socket.id!;
  socket.io.reconnection(false);
  const gone = new Promise((r) => socket.once('disconnect', r));
  socket.io.engine.close();
  await gone;
  return { pid, offset: handle(socket)._lastOffset ?? '0' };
}

/** A raw client presenting a recovery handle, with `auth` besides. */
async function recover(s: Server, session: { pid: string; offset: string }, auth: Record<string, unknown> = {}) {
  const socket = connect(s.url, { auth, transports: ['websocket'], reconnection: false, autoConnect: false }) as TestClient;
  // As socket.io-client does on its own reconnect: it sends these with its CONNECT.
  Object.assign(handle(socket), { _pid: session.pid, _lastOffset: session.offset });
  extra.push(socket);
  const events: string[] = [];
  socket.onAny((event) => events.push(event));
  // Every event packet on the wire, before the CONNECT answer too (the client drops those it gets
  // before a refusal, so `events` alone would not see what a refused connection was written).
  const wire: string[] = [];
  socket.io.on('packet', (p: { type: number; data?: unknown[] }) => void (p.type === 2 && wire.push(String(p.data?.[0]))));
  socket.connect();
  const outcome = await new Promise<'connected' | Error>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (e) => resolve(e));
  });
  return { socket, events, wire, outcome };
}

describe('a reconnect presenting a recovery handle is a new connection', () => {
  it('a presenter’s handle without the token: an attendee, sent nothing of the moderation queue — not what changed while it was away, not after', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(presenter, 'questions:publishing', { atOnce: false }); // a queue to watch
    const asker = await server.attendee();
    await command(asker, 'question:ask', { text: 'Is the waypoint per namespace?', name: null });
    const told: number[] = [];
    const watcher = await server.client('test-presenter-token', (s) => s.on('audience:presenter', (view) => told.push(view.waiting)));
    const session = await drop(presenter);
    // While it is away, the queue changes (the presenters' room is told).
    await command(asker, 'question:ask', { text: 'Can eBPF and a sidecar share a pod?', name: null });
    await vi.waitFor(() => expect(told).toContain(2));
    const thief = await recover(server, session);
    expect(thief.outcome).toBe('connected');
    expect(thief.socket.recovered).not.toBe(true);
    await vi.waitFor(() => expect(thief.events).toContain('deck:state'));
    // And after: another question, a slide step.
    await command(asker, 'question:ask', { text: 'Does Cilium retry without a per-try timeout?', name: null });
    await vi.waitFor(() => expect(told).toContain(3));
    await command(watcher, 'deck:step', { direction: 'next' });
    await vi.waitFor(() => expect(thief.events.filter((e) => e === 'deck:state').length).toBeGreaterThan(1));
    expect(thief.wire).not.toContain('audience:presenter');
    expect(await command(thief.socket, 'deck:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an attendee’s handle without its identity token: none of that attendee’s own part', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const asker = await server.attendee();
    const asked = await command(asker, 'question:ask', { text: 'Who holds the SPIFFE keys in ambient?', name: null });
    const session = await drop(asker);
    // Its question approved while it is away: its own room is sent its part.
    expect(await command(presenter, 'question:moderate', { id: asked.ok ? asked.data.id : '', status: 'approved' })).toMatchObject({ ok: true });
    const other = await recover(server, session);
    await vi.waitFor(() => expect(other.events).toContain('deck:state'));
    expect(other.wire).not.toContain('audience:mine');
  });

  it('with the right token it is the presenter, and gets the moderation queue in its snapshot', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(await server.attendee(), 'question:ask', { text: 'Is the waypoint per namespace?', name: null });
    const session = await drop(presenter);
    const back = await recover(server, session, { token: 'test-presenter-token' });
    expect(back.outcome).toBe('connected');
    await vi.waitFor(() => expect(back.events).toContain('audience:presenter'));
    expect(await command(back.socket, 'deck:step', { direction: 'next' })).toMatchObject({ ok: true });
  });

  it('over the address allowance, a reconnecting client is refused like any', async () => {
    const addressLimits = new AddressLimits(Date.now, { ...ADDRESS_LIMITS, open: 1 });
    server = await startTestServer({ addressLimits });
    const first = await server.attendee();
    const session = await drop(first);
    await vi.waitFor(() => expect(addressLimits.open('127.0.0.1')).toBe(0));
    await server.attendee(); // the network's one open connection
    const again = await recover(server, session);
    expect(again.outcome).toBeInstanceOf(Error);
    expect((again.outcome as Error).message).toMatch(/Too many connections from this network/);
  });

  it('a wrong token offered with a recovery handle counts and then waits, and the refused connection was written nothing', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const session = await drop(presenter);
    for (let i = 0; i < 5; i++) {
      const guess = await recover(server, session, { token: `guess-${i}-0123456789` });
      expect(guess.outcome).toBe('connected');
      guess.socket.disconnect();
    }
    const waiting = await recover(server, session, { token: 'guess-5-0123456789' });
    expect((waiting.outcome as Error).message).toMatch(/Too many wrong presenter tokens/);
    expect(waiting.wire).toEqual([]);
  });
});
