// What one address and one connection may cost, through the real socket.io hub with real
// clients (all from 127.0.0.1: one network, as a venue's NAT).
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { testDeckWithPolls } from '../../lib/testing/test-deck';
import { ADDRESS_LIMITS, AddressLimits, ESTABLISHED_MS } from './address-limits';
import { command, nextEvent, solved, startTestServer, type TestClient } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const clock = () => {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
};

const phone = (s: Server, attendee?: string) => s.phone(attendee);
const claimOf = (p: Awaited<ReturnType<typeof phone>>) => p.claim!;

const connectError = (s: Server) =>
  s.client().then(
    () => 'connected',
    (error: Error) => error.message,
  );

describe('identities per network', () => {
  it('a phone beyond its network’s new identities follows the talk without one, is told why it cannot vote, and gets one later', async () => {
    const c = clock();
    const addressLimits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, identities: { perSecond: 0.1, burst: 1 } });
    server = await startTestServer({ deck: testDeckWithPolls(), addressLimits });
    const presenter = await server.presenter();
    expect(await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' })).toMatchObject({ ok: true });

    const first = await phone(server);
    const second = await phone(server);
    expect(first.token).toMatch(/^a-/);
    // Its work done, the second phone's claim waits for the network's allowance.
    expect(second.token).toBeUndefined();
    expect(second.refused).toMatchObject({ code: 'rate-limited', message: expect.stringMatching(/Many new phones joined from this network just now/) });
    // It follows the slides like everyone…
    const seen = nextEvent(second.socket, 'deck:state', (d) => d.slide === 1);
    await command(presenter, 'deck:step', { direction: 'next' });
    await seen;
    // …but cannot vote, ask or react, and says why.
    const vote = await command(second.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' });
    expect(vote).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringMatching(/no audience identity yet/) },
    });
    const votes = () => server!.app.audience.state.publicView().polls.find((p) => p.id === 'in-prod')!.total;
    expect(votes()).toBe(0);
    // A phone that kept its identity is who it was, whatever the allowance.
    const back = await phone(server, first.token);
    expect(back.token).toBe(first.token);
    expect(await command(back.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' })).toMatchObject({ ok: true });
    expect(votes()).toBe(1);
    // Ten seconds later the network may have another: the refused claim spent nothing, so the
    // second phone presents the same answer on the same connection, and votes.
    c.t += 10_000;
    const again = await command(second.socket, 'identity:claim', claimOf(second));
    expect(again).toMatchObject({ ok: true, data: { attendeeToken: expect.stringMatching(/^a-/) } });
    expect(await command(second.socket, 'poll:vote', { pollId: 'in-prod', option: 'no' })).toMatchObject({ ok: true });
    expect(votes()).toBe(2);
    // The same answer again (a reply lost on the way) gets the same identity back; another answer
    // gets nothing more on this connection: one identity per connection.
    expect(await command(second.socket, 'identity:claim', claimOf(second))).toMatchObject({
      ok: true,
      data: { attendeeToken: again.ok && again.data.attendeeToken },
    });
    expect(await command(second.socket, 'identity:claim', claimOf(first))).toMatchObject({ ok: false, error: { message: /has an audience identity already/ } });
  });
});

describe('connections per network', () => {
  it('refuses connections over the open cap with a reason, and admits one again when another closes', async () => {
    const addressLimits = new AddressLimits(Date.now, { ...ADDRESS_LIMITS, open: 2 });
    server = await startTestServer({ addressLimits });
    const a = await server.attendee();
    await server.attendee();
    expect(await connectError(server)).toMatch(/Too many connections from this network \(2 open\)/);
    expect(addressLimits.open('127.0.0.1')).toBe(2);
    a.disconnect();
    // Its slot is free once the server has seen its transport close.
    await vi.waitFor(() => expect(addressLimits.open('127.0.0.1')).toBe(1));
    expect(await connectError(server)).toBe('connected');
  });

  it('refuses a burst of new connections beyond the allowance; the presenter is admitted before it, a wrong token is not', async () => {
    const c = clock();
    const addressLimits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, connections: { perSecond: 1, burst: 2 } });
    server = await startTestServer({ addressLimits });
    await server.attendee();
    await server.attendee();
    expect(await connectError(server)).toMatch(/Too many new connections from this network/);
    // Its network used up by others, the presenter still gets in (and uses none of the allowance).
    expect((await server.presenter()).connected).toBe(true);
    await expect(server.client('not-the-presenter-token')).rejects.toThrow(/Too many new connections from this network/);
    c.t += 1000;
    expect(await connectError(server)).toBe('connected');
  });
});

describe('questions per network', () => {
  it('an identity’s first question is its own; the ones after it share the network’s allowance, whoever asks them, saying so', async () => {
    const addressLimits = new AddressLimits(Date.now, { ...ADDRESS_LIMITS, questions: { perSecond: 0.001, burst: 2 } });
    server = await startTestServer({ addressLimits });
    const phones = await Promise.all([phone(server), phone(server), phone(server)]);
    const ask = (p: { socket: TestClient }) => command(p.socket, 'question:ask', { text: 'Does ambient need a waypoint for retries?', name: null });
    for (const p of phones) expect(await ask(p)).toMatchObject({ ok: true });
    expect((await ask(phones[0]!)).ok).toBe(true);
    expect((await ask(phones[1]!)).ok).toBe(true);
    expect(await ask(phones[2]!)).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringMatching(/Many questions came from this network/) },
    });
    expect(server.app.audience.state.publicView().questions).toHaveLength(5); // published at once
  });
});

describe('questions over an identity’s own allowance', () => {
  it('do not spend what its network shares', async () => {
    const addressLimits = new AddressLimits(Date.now, { ...ADDRESS_LIMITS, questions: { perSecond: 0.001, burst: 3 } });
    server = await startTestServer({ addressLimits });
    const [a, b] = await Promise.all([phone(server), phone(server)]);
    const ask = (p: { socket: TestClient }) => command(p.socket, 'question:ask', { text: 'Is ambient mTLS on by default?', name: null });
    // a: its first (its own), two more (the network's 3 → 1), then over its own allowance (3 at once), again and again.
    for (let i = 0; i < 3; i++) expect(await ask(a)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++)
      expect(await ask(a)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/You can ask again in a little while/) } });
    // b's second question still finds the network's last one.
    expect(await ask(b)).toMatchObject({ ok: true });
    expect(await ask(b)).toMatchObject({ ok: true });
  });
});

describe('claims on one connection', () => {
  it('one at a time: a second claim while the first is on its way is refused', async () => {
    server = await startTestServer();
    let greeted!: Promise<{ identityChallenge?: unknown }>;
    const socket = await server.client(undefined, (c) => (greeted = nextEvent(c, 'session:hello')));
    const claim = await solved((await greeted).identityChallenge as never);
    const [x, y] = await Promise.all([command(socket, 'identity:claim', claim), command(socket, 'identity:claim', claim)]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([x, y].find((r) => !r.ok)).toMatchObject({ error: { message: /on its way/ } });
  });

  it('one socket per transport: CONNECTs sent before the first is admitted open one socket, not one each', async () => {
    server = await startTestServer();
    // socket.io 4.8 closes a transport that sends CONNECT for a namespace it already joined, but
    // not while the first is still in the doors (admission waits its turn: fan-out.ts).
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(String(d)));
    await new Promise((r) => ws.once('open', r));
    ws.send('40');
    ws.send('40');
    ws.send('40');
    await vi.waitFor(() => expect(frames.filter((f) => f.startsWith('40') || f.startsWith('44'))).toHaveLength(3));
    expect(frames.filter((f) => f.startsWith('40{'))).toHaveLength(1);
    expect(frames.filter((f) => f.startsWith('44')).every((f) => /One audience connection per transport/.test(f))).toBe(true);
    ws.close();
  });
});

describe('questions of established identities', () => {
  it('an identity connected from its network for a minute asks at its own rate, while fresh identities drain what newcomers share', async () => {
    const c = clock();
    const addressLimits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, questions: { perSecond: 0.001, burst: 2 } });
    server = await startTestServer({ addressLimits });
    const ask = (p: { socket: TestClient }) => command(p.socket, 'question:ask', { text: 'Where should the L7 proxy sit?', name: null });
    const honest = await Promise.all([phone(server), phone(server), phone(server)]);
    // Not yet a minute: newcomers all, their questions after the first sharing the network's allowance.
    for (const p of honest) expect(await ask(p)).toMatchObject({ ok: true });
    c.t += ESTABLISHED_MS - 1;
    const fresh = await Promise.all([phone(server), phone(server), phone(server)]);
    c.t += 1;
    const flood = [];
    for (const p of fresh) flood.push((await ask(p)).ok, (await ask(p)).ok);
    expect(flood).toEqual([true, true, true, true, true, false]);
    // The network's allowance gone, the phones here for a minute still ask — each within its own (3).
    for (const p of honest) expect(await ask(p)).toMatchObject({ ok: true });
    expect(await ask(honest[0]!)).toMatchObject({ ok: true });
    expect(await ask(honest[0])).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringMatching(/You can ask again in a little while/) },
    });
    // A phone that left is a newcomer again while it has no connection here.
    const gone = honest[1]!;
    const closed = new Promise((r) => gone.socket.once('disconnect', r));
    gone.socket.disconnect();
    await closed;
    await vi.waitFor(() => expect(addressLimits.established('127.0.0.1', gone.token!.split('.')[0]!)).toBe(false));
  });

  it('identities aged for an attack ask at one person’s rate each, and drain nothing the phones already there need', async () => {
    const c = clock();
    const addressLimits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, questions: { perSecond: 0.001, burst: 1 } });
    server = await startTestServer({ addressLimits });
    const ask = (p: { socket: TestClient }) => command(p.socket, 'question:ask', { text: 'Is the waypoint per namespace?', name: null });
    const [honest, ...aged] = await Promise.all([phone(server), phone(server), phone(server), phone(server)]);
    c.t += ESTABLISHED_MS;
    // Each aged identity: its own allowance (3 at once), then refused by it — not by the network's.
    for (const p of aged) {
      for (let i = 0; i < 3; i++) expect(await ask(p!)).toMatchObject({ ok: true });
      expect(await ask(p!)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/You can ask again in a little while/) } });
    }
    for (let i = 0; i < 3; i++) expect(await ask(honest!)).toMatchObject({ ok: true });
  });
});

describe('frames per connection', () => {
  it('drops a connection that floods frames (unknown events included, which are never answered) and keeps one within the rate', async () => {
    server = await startTestServer({ frames: { perSecond: 5, burst: 20 } });
    const calm = await server.attendee();
    const flood = await server.attendee();
    const dropped = new Promise<string>((resolve) => flood.once('disconnect', resolve));
    for (let i = 0; i < 30; i++) (flood as unknown as { emit(e: string, p: unknown): void }).emit('no:such-event', { i });
    expect(await dropped).toBe('io server disconnect');
    expect(server.logs.some((l) => /dropped a connection \(the last from .*: over the frame rate\)/.test(l))).toBe(true);
    for (let i = 0; i < 10; i++) expect(await command(calm, 'state:sync', {})).toMatchObject({ ok: true });
    expect(calm.connected).toBe(true);
  });

  it('closes a connection at the transport for a frame over 4 KB, while the longest real question (all emoji) fits', async () => {
    server = await startTestServer();
    const asker = await phone(server);
    const longest = { text: '🛰️'.repeat(140), name: '🙂'.repeat(40) };
    expect(await command(asker.socket, 'question:ask', longest)).toMatchObject({ ok: true });
    const junk = await server.attendee();
    const closed = new Promise<string>((resolve) => junk.once('disconnect', resolve));
    (junk as unknown as { emit(e: string, p: unknown): void }).emit('question:ask', { text: 'x'.repeat(5_000), name: null });
    expect(await closed).toMatch(/transport (close|error)/);
    expect(asker.socket.connected).toBe(true);
  });
});
