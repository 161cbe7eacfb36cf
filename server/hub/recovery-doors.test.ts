// A recovered socket.io session passes the same doors as a new connection: the token check, the
// address allowances, and the role the connection presents now — so a client that recovers a
// presenter's session without the token is an attendee, with no presenters' room and no moderation
// queue (pending and hidden questions).
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

/** Drops `socket`'s transport without a goodbye, so the server keeps its session for recovery.
 *  (socket.io recovers from the offset of a packet that went through its adapter: make sure one did.) */
async function drop(socket: TestClient): Promise<{ pid: string; offset: string }> {
  await vi.waitFor(() => expect(handle(socket)._lastOffset).toBeTruthy());
  const { _pid: pid, _lastOffset: offset } = handle(socket);
  socket.io.reconnection(false); // the original client must not take its session back first
  const gone = new Promise((r) => socket.once('disconnect', r));
  socket.io.engine.close();
  await gone;
  expect(pid && offset, 'the server offered recovery').toBeTruthy();
  return { pid: pid!, offset: offset! };
}

/** A raw client presenting a recovery handle it took from someone else, with `auth` besides. */
async function recover(s: Server, session: { pid: string; offset: string }, auth: Record<string, unknown> = {}) {
  const socket = connect(s.url, { auth, transports: ['websocket'], reconnection: false, autoConnect: false }) as TestClient;
  // As socket.io-client does on its own reconnect: it sends these with its CONNECT, and calls the
  // connection recovered when the server answers with the same session id.
  Object.assign(handle(socket), { _pid: session.pid, _lastOffset: session.offset });
  extra.push(socket);
  const events: string[] = [];
  socket.onAny((event) => events.push(event));
  socket.connect();
  const outcome = await new Promise<'connected' | Error>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (e) => resolve(e));
  });
  return { socket, events, outcome };
}

describe('recovered connections pass the same doors', () => {
  it('a presenter session recovered without the token is an attendee: no presenters room, no moderation queue, no presenter command', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    // A question waits for moderation: the presenters' room is told (through socket.io's adapter).
    const asker = await server.attendee();
    await command(asker, 'question:ask', { text: 'Is the waypoint per namespace?', name: null });
    const session = await drop(presenter);
    const thief = await recover(server, session);
    expect(thief.outcome).toBe('connected');
    expect(thief.socket.recovered, 'socket.io did restore the session').toBe(true);
    await vi.waitFor(() => expect(thief.events).toContain('deck:state'));
    // Another question: a real presenter is told of it (the moderation queue), the thief is not.
    const told: number[] = [];
    const watcher = await server.client('test-presenter-token', (s) => s.on('audience:presenter', (view) => told.push(view.waiting)));
    await command(asker, 'question:ask', { text: 'Does Cilium retry without a per-try timeout?', name: null });
    await vi.waitFor(() => expect(told).toContain(2));
    await command(watcher, 'deck:step', { direction: 'next' });
    await vi.waitFor(() => expect(thief.events.filter((e) => e === 'deck:state').length).toBeGreaterThan(1));
    expect(thief.events).not.toContain('audience:presenter');
    expect(await command(thief.socket, 'deck:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a recovered session with the right token is the presenter again', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(await server.attendee(), 'question:ask', { text: 'Is the waypoint per namespace?', name: null });
    const session = await drop(presenter);
    const back = await recover(server, session, { token: 'test-presenter-token' });
    expect(back.outcome).toBe('connected');
    expect(back.socket.recovered).toBe(true);
    expect(await command(back.socket, 'deck:step', { direction: 'next' })).toMatchObject({ ok: true });
  });

  it('recovery does not get past the address allowance: over it, a recovering client is refused like a new one', async () => {
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

  it('recovery does not skip the token count: a wrong token offered with a recovery handle counts and then waits', async () => {
    server = await startTestServer();
    const attendee = await server.attendee();
    const session = await drop(attendee);
    for (let i = 0; i < 5; i++) {
      const guess = await recover(server, session, { token: `guess-${i}-0123456789` });
      expect(guess.outcome).toBe('connected');
      guess.socket.disconnect();
    }
    const waiting = await recover(server, session, { token: 'guess-5-0123456789' });
    expect((waiting.outcome as Error).message).toMatch(/Too many wrong presenter tokens/);
  });
});
