// Scale-out across two processes' worth of socket.io servers over a real Redis (Debian's
// redis-server, started here on a free port): a primary running the talk and an edge holding
// connections. Presenter on the primary, attendees on the edge (and back).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { TestClient } from '../testing/start-test-server';
import { command, nextEvent, solved, startTestServer, TEST_IDENTITY_WORK, TEST_MODERATOR_TOKEN, TEST_TOKEN } from '../testing/start-test-server';
import { testDeckWithPolls } from '../../lib/testing/test-deck';
import type { InMemoryBackend } from '../../backends/mock/index';
import { AttendeeIdentity } from '../audience/attendee-identity';

import { connectRedisAdapter, createEdgeApplication } from './scale-out';
import { REMOTE_COUNT_STALE_MS } from './hub';
import { liveRoom } from './live-rooms';
import { shardOf } from './fan-out';

const redisBinary = spawnSync('sh', ['-c', 'command -v redis-server']).stdout.toString().trim();
if (!redisBinary) console.warn('Skipping the Redis scale-out test: redis-server is not installed (apt-get install redis-server; CI installs it).');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe.skipIf(!redisBinary)('scale-out over Redis', () => {
  let redis: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => redis.stdout!.on('data', (d) => String(d).includes('Ready to accept') && resolve()));
    url = `redis://127.0.0.1:${port}`;
  });
  afterAll(() => {
    redis?.kill('SIGTERM');
  });

  it('attendees on an edge follow the primary’s presenter, vote through it, and keep their votes; one whose page is hidden is sent the states only', async () => {
    const secret = Buffer.alloc(32, 7);
    const primaryRedis = await connectRedisAdapter(url);
    const edgeRedis = await connectRedisAdapter(url);
    const primary = await startTestServer({ deck: testDeckWithPolls(), scaleOut: primaryRedis, identitySecret: secret });
    const http = createServer();
    const edge = createEdgeApplication(http, {
      scaleOut: edgeRedis,
      presenterToken: TEST_TOKEN,
      moderatorToken: TEST_MODERATOR_TOKEN,
      identity: new AttendeeIdentity(secret, TEST_IDENTITY_WORK),
      session: { joinUrl: 'http://example.test/live', joinQrSvg: '<svg></svg>' },
    });
    await Promise.all([primary.app.primaryReady, edge.ready]);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const edgeUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const onEdge = async (auth: Record<string, string> = {}): Promise<{ socket: TestClient; token: string; deck: number }> => {
      const socket = connect(edgeUrl, { auth, transports: ['websocket'], reconnection: false }) as TestClient;
      const greeted = nextEvent(socket, 'session:hello');
      const deck = nextEvent(socket, 'deck:state');
      const info = await greeted;
      // A new phone earns its identity: the edge issued the challenge, the primary checks the answer.
      const claimed = info.identityChallenge ? await command(socket, 'identity:claim', await solved(info.identityChallenge)) : null;
      const token = info.attendeeToken ?? (claimed?.ok ? claimed.data.attendeeToken : '');
      return { socket, token, deck: (await deck).slide };
    };
    try {
      const presenter = await primary.presenter();
      const a = await onEdge();
      // The snapshot came from the primary through Redis.
      expect(a.deck).toBe(0);
      // A presenter step on the primary reaches the edge's attendee, and the edge's own idea of
      // the deck (its pages' first HTML).
      await vi.waitFor(() => expect(edge.deckState()).toMatchObject({ slide: 0 }));
      const moved = nextEvent(a.socket, 'deck:state', (d) => d.slide === 1);
      await command(presenter, 'deck:step', { direction: 'next' });
      expect((await moved).slide).toBe(1);
      await vi.waitFor(() => expect(edge.deckState()).toMatchObject({ slide: 1, epoch: primary.app.deck.state().epoch }));
      // Attendee commands on the edge run on the primary; presenter-only ones are refused there too.
      expect(await command(a.socket, 'poll:set', { pollId: 'in-prod', status: 'open' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' });
      const publicOnEdge = nextEvent(a.socket, 'audience:public', (v) => v.polls.some((p) => p.id === 'in-prod' && p.total === 1));
      expect(await command(a.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' })).toMatchObject({ ok: true, data: { votes: { 'in-prod': 'yes' } } });
      await publicOnEdge;
      expect(primary.app.audience.state.poll('in-prod')).toMatchObject({ total: 1, counts: { yes: 1 } });
      // The same phone moving to the primary (same signed id) still has its vote, counted once.
      let mine: unknown = null;
      const moved2 = await primary.client(undefined, (c) => c.on('audience:mine', (m) => (mine = m)), a.token);
      await vi.waitFor(() => expect(mine).toMatchObject({ votes: { 'in-prod': 'yes' } }));
      await command(moved2, 'poll:vote', { pollId: 'in-prod', option: 'no' });
      expect(primary.app.audience.state.poll('in-prod')).toMatchObject({ total: 1, counts: { no: 1 } });
      // A question asked on the edge, approved on the primary, reaches everyone on the edge.
      const b = await onEdge();
      const asked = await command(a.socket, 'question:ask', { text: 'Scale-out?', name: null });
      const seen = nextEvent(b.socket, 'audience:public', (v) => v.questions.some((q) => q.text === 'Scale-out?'));
      await command(presenter, 'question:moderate', { id: (asked as { data: { id: string } }).data.id, status: 'approved' });
      await seen;
      // A moderator on the edge: its role is carried to the primary, which sends it the desk and
      // runs its moderation, and refuses it the slides.
      const mod = connect(edgeUrl, { auth: { token: TEST_MODERATOR_TOKEN }, transports: ['websocket'], reconnection: false }) as TestClient;
      const modHello = nextEvent(mod, 'session:hello');
      const modDesk = nextEvent(mod, 'audience:presenter');
      expect((await modHello).role).toBe('moderator');
      expect((await modDesk).questions.some((q) => q.text === 'Scale-out?')).toBe(true);
      expect(await command(mod, 'deck:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const hiddenOnEdge = nextEvent(b.socket, 'audience:public', (v) => !v.questions.some((q) => q.text === 'Scale-out?'));
      expect(await command(mod, 'question:moderate', { id: (asked as { data: { id: string } }).data.id, status: 'hidden' })).toMatchObject({
        ok: true,
        data: { hidden: 1 },
      });
      await hiddenOnEdge;
      expect(primary.app.deck.state().slide).toBe(1);
      // A measurement reaches phones on both: written directly on the primary, through Redis to the edge.
      const here = await primary.client();
      const windowOn = (c: TestClient) => nextEvent(c, 'latency:windows', (ws) => ws.some((w) => w[1] === 4242));
      const arrived = Promise.all([windowOn(here), windowOn(b.socket)]);
      const summary = { count: 10, p50Us: 900, p90Us: 1200, p99Us: 2000, maxUs: 2500 };
      const window = { mode: 'none', at: 4242, windowMs: 250, window: summary, cumulative: summary, rps: 40, errors: 0, retries: 0, targetRps: 40 } as const;
      (primary.backend as InMemoryBackend).emit({ type: 'latency', window });
      await arrived;
      // A phone on the edge whose page is hidden: the primary runs its view:set and moves the edge's
      // connection out of its live room through Redis; it gets the states, not the measurements.
      const live = liveRoom(shardOf(b.socket.id!));
      const inLive = () => edge.io.of('/').adapter.rooms.get(live)?.has(b.socket.id!) ?? false;
      expect(inLive()).toBe(true);
      expect(await command(b.socket, 'view:set', { hidden: true })).toEqual({ ok: true, data: null });
      await vi.waitFor(() => expect(inLive()).toBe(false));
      const measured: number[] = [];
      b.socket.on('latency:windows', (ws) => measured.push(...ws.map((w) => w[1])));
      const toA = nextEvent(a.socket, 'latency:windows', (ws) => ws.some((w) => w[1] === 5151));
      (primary.backend as InMemoryBackend).emit({ type: 'latency', window: { ...window, at: 5151 } });
      await toA;
      const stepped = nextEvent(b.socket, 'deck:state', (d) => d.slide === 0);
      expect(await command(presenter, 'deck:goto', { slide: 0, fragment: -1 })).toMatchObject({ ok: true });
      await stepped; // a state behind the window it was not sent
      expect(measured).toEqual([]);
      expect(await command(b.socket, 'view:set', { hidden: false })).toEqual({ ok: true, data: null });
      await vi.waitFor(() => expect(inLive()).toBe(true));
      const back = nextEvent(b.socket, 'latency:windows', (ws) => ws.some((w) => w[1] === 6161));
      (primary.backend as InMemoryBackend).emit({ type: 'latency', window: { ...window, at: 6161 } });
      await back;
      const hereId = here.id!;
      here.disconnect();
      // The primary counts the edge's connections, as the edge reports them. Once the primary has
      // let `here` go, 3 attendees can only be its own one and both of the edge's.
      await vi.waitFor(() => expect(primary.app.io.of('/').sockets.has(hereId)).toBe(false));
      await vi.waitFor(
        async () =>
          expect((await command(presenter, 'state:sync', {})) as unknown).toMatchObject({ ok: true, data: { audience: { attendees: 3, presenters: 1 } } }),
        { timeout: 5_000, interval: 100 },
      );
      a.socket.disconnect();
      b.socket.disconnect();
      mod.disconnect();
    } finally {
      await edge.close();
      await primary.close();
      await Promise.all([primaryRedis.close(), edgeRedis.close()]);
    }
  }, 30_000);

  it('an edge with no primary on Redis says so at once: nothing waits for an answer that cannot come', async () => {
    const edgeRedis = await connectRedisAdapter(url);
    const http = createServer();
    // Timeouts far beyond the test's: an answer here can only be the immediate one.
    const edge = createEdgeApplication(http, {
      scaleOut: edgeRedis,
      presenterToken: TEST_TOKEN,
      identity: new AttendeeIdentity(Buffer.alloc(32, 9), TEST_IDENTITY_WORK),
      session: { joinUrl: 'http://example.test/live', joinQrSvg: '<svg></svg>' },
      primaryTimeoutMs: { snapshot: 60_000, command: 60_000 },
      log: () => {},
    });
    await edge.ready;
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const presenter = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
        auth: { token: TEST_TOKEN },
        transports: ['websocket'],
        reconnection: false,
      }) as TestClient;
      const hello = await nextEvent(presenter, 'session:hello');
      expect(hello.server).toBe(edge.server);
      expect(await command(presenter, 'deck:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      presenter.disconnect();
    } finally {
      await edge.close();
      await edgeRedis.close();
    }
  }, 10_000);

  it(
    'an edge that stops reporting (killed outright: no goodbye) drops out of the head count',
    async () => {
      const primary = await startTestServer({ deck: testDeckWithPolls() });
      try {
        const presenter = await primary.presenter();
        const attendees = async () => ((await command(presenter, 'state:sync', {})) as { data: { audience: { attendees: number } } }).data.audience.attendees;
        const before = await attendees();
        primary.app.hub.setRemoteCount('edge-gone', { attendees: 7, presenters: 0 });
        expect(await attendees()).toBe(before + 7);
        await vi.waitFor(async () => expect(await attendees()).toBe(before), { timeout: REMOTE_COUNT_STALE_MS + 3_000, interval: 250 });
      } finally {
        await primary.close();
      }
    },
    REMOTE_COUNT_STALE_MS + 10_000,
  );
});
