import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_EVENTS, COMMANDS, mayRun, PRESENTER_COMMANDS, presenterOnlyMessage } from '../../lib/contract/commands';
import { until } from '../../lib/testing/until';
import { unpackHistory } from '../../lib/contract/wire/history-wire';
import { applyScoreboard, packScoreboard, unpackScoreboard } from '../../lib/contract/wire/scoreboard-wire';
import { EMPTY_SCOREBOARD, type Scoreboard } from '../../lib/mesh/scoreboard';
import { unpackHops } from '../../lib/contract/wire/hops-wire';
import { latencyWindow } from '../../lib/testing/latency-window.fixture';
import { InMemoryBackend } from '../../backends/mock/index';
import { command, nextEvent, startTestServer, TEST_TOKEN, type TestClient } from '../testing/start-test-server';
import { ROOM_HOPS_EVERY, ROOM_WINDOWS_PER_FRAME, ROOM_WINDOWS_WAIT_MS, SCORES_WHOLE_EVERY } from './hub';
import { buildDeck } from '../../lib/deck/build-deck';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
afterEach(async () => server?.close());

describe('roles', () => {
  it('the token makes a presenter; no token or a wrong one makes an attendee', async () => {
    server = await startTestServer();
    const roles = await Promise.all(
      [TEST_TOKEN, undefined, 'not-the-token', ''].map(async (token) => {
        let hello: Promise<string> | null = null;
        await server.client(token, (c) => (hello = new Promise((resolve) => c.once('session:hello', (h) => resolve(h.role)))));
        return hello!;
      }),
    );
    expect(roles).toEqual(['presenter', 'attendee', 'attendee', 'attendee']);
  });
});

describe('slides', () => {
  it("broadcasts the presenter's steps to every attendee and to other presenter windows", async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const second = await server.presenter();
    const phones = await Promise.all([server.attendee(), server.attendee()]);
    const seen = [second, ...phones].map((c) => nextEvent(c, 'deck:state'));
    const result = await command(presenter, 'deck:step', { direction: 'next' });
    expect(result).toMatchObject({ ok: true, data: { slide: 1, fragment: -1 } });
    for (const state of await Promise.all(seen)) expect(state).toMatchObject({ slide: 1, fragment: -1, rev: 1 });
  });

  it('blacks out the projector for everyone and back, only from the presenter, keeping the slide', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const screen = await server.attendee();
    await command(presenter, 'deck:step', { direction: 'next' });
    const out = nextEvent(screen, 'deck:state', (d) => d.blank);
    expect(await command(presenter, 'deck:blank', { blank: true })).toMatchObject({ ok: true, data: { blank: true, slide: 1 } });
    expect(await out).toMatchObject({ blank: true, slide: 1 });
    expect(await command(screen, 'deck:blank', { blank: false })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter can black out the screen.' },
    });
    expect(await command(presenter, 'deck:blank', { blank: false })).toMatchObject({ ok: true, data: { blank: false, slide: 1 } });
  });

  it("rejects an attendee's slide and demo changes with a clear error and changes nothing", async () => {
    server = await startTestServer();
    const attendee = await server.attendee();
    const before = server.app.deck.state();
    const step = await command(attendee, 'deck:step', { direction: 'next' });
    const goto = await command(attendee, 'deck:goto', { slide: 2, fragment: -1 });
    const mode = await command(attendee, 'mode:set', { mode: 'sidecar' });
    expect(step).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only the presenter can change slides.' } });
    expect(goto).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(mode).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only the presenter can switch the data plane.' } });
    expect(server.app.deck.state()).toBe(before);
    expect(server.app.demo.state().mode).toBe('none');
    expect((server.backend as InMemoryBackend).calls).toEqual([]);
  });

  it('refuses every presenter command from an attendee with its own message, before looking at the payload', async () => {
    server = await startTestServer();
    const attendee = await server.attendee();
    const before = { deck: server.app.deck.state(), demo: server.app.demo.state() };
    expect(PRESENTER_COMMANDS.length).toBeGreaterThan(0);
    // The presenter's and the moderator's (moderation) alike.
    const notAttendees = COMMAND_EVENTS.filter((e) => !mayRun(COMMANDS[e], 'attendee'));
    expect(notAttendees).toEqual(expect.arrayContaining([...PRESENTER_COMMANDS, 'question:moderate', 'questions:publishing']));
    for (const event of notAttendees) {
      const refusal = presenterOnlyMessage(COMMANDS[event]);
      expect(await command(attendee, event, { junk: true }), event).toEqual({ ok: false, error: { code: 'forbidden', message: refusal } });
    }
    // The rest are anyone's: an attendee's junk payload is invalid, not forbidden.
    for (const event of COMMAND_EVENTS.filter((e) => !notAttendees.includes(e))) {
      expect(await command(attendee, event, 42), event).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(server.app.deck.state()).toBe(before.deck);
    expect(server.app.demo.state()).toBe(before.demo);
    expect((server.backend as InMemoryBackend).calls).toEqual([]);
  });

  it('validates goto against the deck', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    expect(await command(presenter, 'deck:goto', { slide: 1, fragment: 1 })).toMatchObject({ ok: true, data: { slide: 1, fragment: 1 } });
    const bad = await command(presenter, 'deck:goto', { slide: 1, fragment: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(server.app.deck.state()).toMatchObject({ slide: 1, fragment: 1 });
  });

  it('starts the pacing timer on the first slide change and lets the presenter pause it', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(presenter, 'deck:step', { direction: 'next' });
    expect(server.app.deck.state().timer.running).toBe(true);
    const paused = await command(presenter, 'timer:set', { action: 'pause' });
    expect(paused).toMatchObject({ ok: true, data: { timer: { running: false } } });
  });
});

describe('malformed input', () => {
  it('answers every malformed payload with an error and keeps serving', async () => {
    server = await startTestServer({ rate: { perSecond: 1000, burst: 1000 } });
    const presenter = await server.presenter();
    const cases: [string, unknown][] = [
      ['deck:step', { direction: 'sideways' }],
      ['deck:step', { direction: 'next', extra: 1 }],
      ['deck:step', 'next'],
      ['deck:step', null],
      ['deck:goto', { slide: '1', fragment: 0 }],
      ['deck:goto', { slide: 1e9, fragment: 0 }],
      ['mode:set', { mode: 'istio' }],
      ['mode:set', { mode: { $gt: '' } }],
      ['load:set', { rps: -5, payloadBytes: 10, errorPercent: 0 }],
      ['load:set', { rps: 1e9, payloadBytes: 10, errorPercent: 0 }],
      ['load:set', { rps: 100, payloadBytes: 10, errorPercent: 101 }],
      ['policy:set', { mtls: true }],
      ['timer:set', {}],
    ];
    for (const [event, payload] of cases) {
      const result = await command(presenter, event as 'deck:step', payload);
      expect(result, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(result.ok === false && result.error.message).toMatch(/^Invalid /);
    }
    // No ack callback, extra arguments, unknown events: ignored or answered, never a crash.
    (presenter as unknown as { emit(...a: unknown[]): void }).emit('deck:step', { direction: 'next' });
    (presenter as unknown as { emit(...a: unknown[]): void }).emit('no:such-event', { x: 1 });
    const twoArgs = await new Promise((resolve) => (presenter as unknown as { emit(...a: unknown[]): void }).emit('deck:step', {}, {}, resolve));
    expect(twoArgs).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(server.app.deck.state().slide).toBe(1);
    expect(await command(presenter, 'state:sync', {})).toMatchObject({ ok: true, data: { deck: { slide: 1 } } });
    expect(server.logs).toEqual([]);
  });

  it('drops a connection that sends an oversized message; others are unaffected', async () => {
    server = await startTestServer();
    const attacker = await server.attendee();
    const bystander = await server.attendee();
    const closed = new Promise<string>((resolve) => attacker.once('disconnect', resolve));
    attacker.emit('state:sync', { pad: 'x'.repeat(100_000) } as never, () => {});
    expect(await closed).toMatch(/transport (close|error)/);
    expect(await command(bystander, 'state:sync', {})).toMatchObject({ ok: true });
  });

  it('rate-limits a flood of commands from one connection', async () => {
    server = await startTestServer({ rate: { perSecond: 5, burst: 5 } });
    const attendee = await server.follower();
    const results = await Promise.all(Array.from({ length: 12 }, () => command(attendee, 'state:sync', {})));
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate-limited');
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(limited.length).toBe(7);
  });

  it('drops a connection after 100 refused commands in a row (junk, over the rate); an accepted one resets the count', async () => {
    server = await startTestServer({ rate: { perSecond: 1000, burst: 1000 }, frames: { perSecond: 1000, burst: 1000 } });
    const junk = (socket: TestClient, n: number) =>
      Promise.all(
        Array.from(
          { length: n },
          () => new Promise((resolve) => (socket as unknown as { emit(...a: unknown[]): void }).emit('deck:goto', { x: 'junk' }, resolve)),
        ),
      );
    const careless = await server.attendee();
    await junk(careless, 99);
    expect(await command(careless, 'state:sync', {})).toMatchObject({ ok: true }); // the 100th answer is a success
    await junk(careless, 99);
    expect(careless.connected).toBe(true);

    const attacker = await server.attendee();
    const dropped = new Promise<string>((resolve) => attacker.once('disconnect', resolve));
    void junk(attacker, 150);
    expect(await dropped).toBe('io server disconnect');
    expect(server.logs.some((l) => /dropped a connection \(the last from .*: 100 refused commands in a row\)/.test(l))).toBe(true);
    expect(await command(careless, 'state:sync', {})).toMatchObject({ ok: true });
  });
});

describe('demo commands', () => {
  it('refuses mode, policy and load changes while the backend is unavailable, saying why', async () => {
    const backend = new InMemoryBackend();
    backend.setStatus({ state: 'unavailable', detail: 'The lab is not built.' });
    server = await startTestServer({ backend });
    const presenter = await server.presenter();
    const before = server.app.demo.state();
    const result = await command(presenter, 'mode:set', { mode: 'sidecar' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(result.ok === false && result.error.message).toBe('Backend "memory" is unavailable: The lab is not built. Nothing was changed.');
    expect(await command(presenter, 'load:set', { rps: 500, payloadBytes: 1024, errorPercent: 0 })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(backend.calls).toEqual([]);
    expect(server.app.demo.state()).toBe(before);
  });

  it('switches mode on a ready backend, marks the switch, and reports enforcement for the new mode', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const attendee = await server.attendee();
    const policy = { ...server.app.demo.state().policy, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 200 } };
    await command(presenter, 'policy:set', policy);
    const broadcast = nextEvent(attendee, 'demo:state', (s) => s.mode === 'ambient');
    const result = await command(presenter, 'mode:set', { mode: 'ambient' });
    expect(result.ok).toBe(true);
    const state = await broadcast;
    expect(state.mode).toBe('ambient');
    expect(state.lastSwitch).toMatchObject({ from: 'none', to: 'ambient' });
    expect(state.enforcement).toContainEqual(expect.objectContaining({ key: 'retries', enforced: false }));
    expect(state.enforcement).toContainEqual({ key: 'mtls', enforced: true });
    expect((server.backend as InMemoryBackend).calls).toEqual(['policy', 'mode:ambient']);
  });

  it('passes backend status changes to every client', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend });
    const attendee = await server.attendee();
    const next = nextEvent(attendee, 'demo:state');
    backend.setStatus({ state: 'degraded', detail: 'load generator restarting' });
    expect((await next).backend).toMatchObject({ state: 'degraded', detail: 'load generator restarting' });
  });
});

describe('reconnect and audience', () => {
  it('an attendee that drops and comes back sees the current slide', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const attendee = await server.attendee();
    const dropped = new Promise((r) => attendee.once('disconnect', r));
    attendee.io.engine.close();
    await dropped;
    await command(presenter, 'deck:step', { direction: 'next' });
    await command(presenter, 'deck:step', { direction: 'next' });
    const state = await nextEvent(attendee, 'deck:state', (s) => s.rev === 2);
    expect(state).toMatchObject({ slide: 1, fragment: 0 });
    expect(attendee.recovered).not.toBe(true); // nothing is recovered: the snapshot brings it up to date
  });

  it('a phone whose transport dropped reconnects and gets the current deck and demo states, with the presenter idle', async () => {
    // States to the room are written to the WebSocket directly, and nothing is replayed
    // (server/create-application.ts: no connection state recovery): a phone that lost them on a
    // dead Wi-Fi link is given them on reconnect.
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(presenter, 'deck:goto', { slide: 2, fragment: -1 });
    const attendee = await server.attendee();
    const dropped = new Promise((r) => attendee.once('disconnect', r));
    attendee.io.engine.close();
    await dropped;
    const [deckAgain, demoAgain] = await Promise.all([nextEvent(attendee, 'deck:state'), nextEvent(attendee, 'demo:state')]);
    expect(attendee.recovered).not.toBe(true); // nothing is recovered: the snapshot brings it up to date
    expect(deckAgain).toMatchObject({ slide: 2, fragment: -1 });
    expect(demoAgain).toMatchObject({ mode: 'none' });
  });

  it('a fresh client gets a full snapshot on connect', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await command(presenter, 'deck:goto', { slide: 2, fragment: -1 });
    let deckOnConnect: unknown, demoOnConnect: unknown;
    const socket = await server.client(undefined, (c) => {
      c.on('deck:state', (s) => (deckOnConnect ??= s));
      c.on('demo:state', (s) => (demoOnConnect ??= s));
    });
    expect(socket.recovered).not.toBe(true);
    await command(socket, 'state:sync', {});
    expect(deckOnConnect).toMatchObject({ slide: 2, fragment: -1 });
    expect(demoOnConnect).toMatchObject({ mode: 'none', backend: { state: 'ready' } });
  });

  it('counts attendees and presenters for the presenter view', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    await Promise.all([server.attendee(), server.attendee(), server.attendee()]);
    const count = await nextEvent(presenter, 'audience:count', (c) => c.attendees === 3);
    expect(count).toEqual({ attendees: 3, presenters: 1 });
  });
});

const packedNow = (s: Server) => packScoreboard(s.app.telemetry.scores());
/** A deck whose slides draw the scoreboard or not: `compare` first unless `wordsFirst`. */
const scoresDeck = (wordsFirst = false) => {
  const slides = ['<!-- .slide: data-demo="compare" -->\n## Compare', '## Words'];
  return buildDeck({ title: 'T', minutes: 1, sections: [{ file: 'a.md', title: 'A', minutes: 1 }] }, () =>
    (wordsFirst ? slides.reverse() : slides).join('\n\n---\n\n'),
  );
};

describe('measurements', () => {
  const win = (at: number, mode: 'none' | 'sidecar', p50Us: number) => latencyWindow(mode, { at, p50Us, p90Us: p50Us * 2, p99Us: p50Us * 3, maxUs: p50Us * 4 });

  it('a phone joining mid-demo gets the last minute of windows and the scoreboard at once', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend });
    const t0 = Date.now();
    backend.emit({ type: 'latency', window: win(t0 - 70_000, 'none', 1000) }); // older than a minute: dropped
    backend.emit({ type: 'latency', window: win(t0 - 1000, 'none', 1400) });
    await server.app.demo.setMode('sidecar'); // a mode's windows count while it runs
    backend.emit({ type: 'latency', window: win(t0, 'sidecar', 5000) });
    let history: unknown[] = [];
    let scores: { rows: { mode: string; latency: { p50Us: number } | null }[] } | null = null;
    await server.client(undefined, (s) => {
      s.on('telemetry:history', (h) => (history = unpackHistory(h)));
      s.on('scores:state', (b) => (scores = unpackScoreboard(b)));
    });
    await until(() => history.length > 0 && scores !== null);
    expect(history).toEqual([
      { at: t0 - 1000, mode: 'none', p50Us: 1400, p90Us: 2800, p99Us: 4200, rps: 100, errors: 0, retries: 0 },
      { at: t0, mode: 'sidecar', p50Us: 5000, p90Us: 10000, p99Us: 15000, rps: 100, errors: 0, retries: 0 },
    ]);
    expect(scores!.rows.map((r) => [r.mode, r.latency?.p50Us])).toEqual([
      ['none', 1400],
      ['sidecar', 5000],
    ]);
  });

  it('broadcasts the scoreboard once for a burst of windows, as it stands after the last one', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: scoresDeck() });
    const received: (number | null)[] = [];
    const attendee = await server.client(undefined, (c) => c.on('scores:state', (b) => received.push(unpackScoreboard(b).rows[0]?.latency?.p50Us ?? null)));
    await until(() => received.length === 1);
    received.length = 0; // the one sent on connect
    for (let i = 0; i < 20; i++) backend.emit({ type: 'latency', window: win(Date.now(), 'none', 1000 + i) });
    await until(() => received.length > 0, 3000);
    // A round trip after it: anything else the server had sent for these windows has arrived by now.
    await command(attendee, 'state:sync', {});
    // One board, and the latest: a board per window would have delivered the first (1000) and
    // dropped the rest (the event is volatile).
    expect(received).toEqual([1019]);
  });

  it('sends the presenter each latency window at once and the room ROOM_WINDOWS_PER_FRAME at a time, a lone one after a wait', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend });
    const got = { presenter: [] as number[][], attendee: [] as number[][] };
    const presenter = await server.client(TEST_TOKEN, (c) => c.on('latency:windows', (ws) => got.presenter.push(ws.map((w) => w[1]))));
    const attendee = await server.client(undefined, (c) => c.on('latency:windows', (ws) => got.attendee.push(ws.map((w) => w[1]))));
    await Promise.all([command(presenter, 'state:sync', {}), command(attendee, 'state:sync', {})]);
    const t0 = Date.now();
    for (let i = 0; i < 2 * ROOM_WINDOWS_PER_FRAME + 1; i++) {
      backend.emit({ type: 'latency', window: win(t0 + i, 'none', 1000) });
      await until(() => got.presenter.length === i + 1, 3000); // one at a time, as the lab sends them
    }
    await command(attendee, 'state:sync', {});
    const pairs = Array.from({ length: 2 }, (_, k) => Array.from({ length: ROOM_WINDOWS_PER_FRAME }, (_, j) => t0 + k * ROOM_WINDOWS_PER_FRAME + j));
    expect(got.attendee).toEqual(pairs);
    expect(got.presenter).toEqual(Array.from({ length: 2 * ROOM_WINDOWS_PER_FRAME + 1 }, (_, i) => [t0 + i]));
    // The last one has no pair coming: it goes after ROOM_WINDOWS_WAIT_MS.
    await until(() => got.attendee.length === 3, ROOM_WINDOWS_WAIT_MS + 2000);
    expect(got.attendee[2]).toEqual([t0 + 2 * ROOM_WINDOWS_PER_FRAME]);
  });

  it('sends the scoreboard as the rows that changed, whole every SCORES_WHOLE_EVERY, and a phone holds the server’s board', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: scoresDeck() });
    let held: Scoreboard = EMPTY_SCOREBOARD;
    const kinds: string[] = [];
    const attendee = await server.client(undefined, (c) =>
      c.on('scores:state', (b) => {
        held = applyScoreboard(held, b);
        kinds.push(b.delta ? b.rows.map((r) => r[0]).join('+') : 'whole');
      }),
    );
    await until(() => kinds.length === 1); // on connect: whole
    backend.emit({ type: 'latency', window: win(Date.now(), 'none', 1000) });
    await until(() => kinds.length === 2, 3000);
    await server.app.demo.setMode('sidecar');
    for (let i = 0; kinds.length < SCORES_WHOLE_EVERY + 2; i++) {
      const had = kinds.length;
      backend.emit({ type: 'latency', window: win(Date.now(), 'sidecar', 2000 + i) });
      await until(() => kinds.length > had, 3000);
    }
    await command(attendee, 'state:sync', {});
    // Broadcast 0 and SCORES_WHOLE_EVERY whole; between them only the sidecar's row (none's is frozen).
    const broadcasts = kinds.slice(1);
    expect(broadcasts.map((k, i) => (k === 'whole' ? i : -1)).filter((i) => i >= 0)).toEqual([0, SCORES_WHOLE_EVERY]);
    expect(broadcasts.slice(1, SCORES_WHOLE_EVERY).every((k) => k === 'sidecar')).toBe(true);
    expect(held).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packedNow(server)))));
  }, 20_000);

  it('sends the room no scoreboard on a slide that does not draw it, and a whole one right behind the slide that does', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: scoresDeck(true) });
    const got = { presenter: [] as string[], attendee: [] as string[] };
    let held: Scoreboard = EMPTY_SCOREBOARD;
    const kind = (b: { delta?: 1; rows: unknown[][] }) => (b.delta ? `delta:${b.rows.map((r) => r[0]).join('+')}` : 'whole');
    const presenter = await server.client(TEST_TOKEN, (c) => c.on('scores:state', (b) => got.presenter.push(kind(b))));
    const attendee = await server.client(undefined, (c) => {
      c.on('scores:state', (b) => {
        held = applyScoreboard(held, b);
        got.attendee.push(kind(b));
      });
      c.on('deck:state', (d) => got.attendee.push(`slide:${d.slide}`));
    });
    await Promise.all([command(presenter, 'state:sync', {}), command(attendee, 'state:sync', {})]);
    got.attendee.length = 0;
    got.presenter.length = 0; // the snapshots
    for (const p50 of [1000, 1100]) {
      const had = got.presenter.length;
      backend.emit({ type: 'latency', window: win(Date.now(), 'none', p50) });
      await until(() => got.presenter.length > had, 3000);
    }
    await command(attendee, 'state:sync', {});
    expect(got.attendee).toEqual([]); // on a slide of words: none
    expect(got.presenter).toEqual(['whole', 'delta:none']);
    expect((await command(presenter, 'deck:goto', { slide: 1, fragment: -1 })).ok).toBe(true);
    await until(() => got.attendee.length === 2, 3000);
    expect(got.attendee).toEqual(['slide:1', 'whole']);
    expect(held).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packedNow(server)))));
    backend.emit({ type: 'latency', window: win(Date.now(), 'none', 1200) });
    await until(() => got.attendee.length === 3, 3000);
    expect(got.attendee[2]).toBe('delta:none'); // and the deltas again, to both
    expect(held).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packedNow(server)))));
  });

  it('sends the room hop samples only on a slide that draws them (the waterfall, the topology’s links; not the panel), one in ROOM_HOPS_EVERY; the presenter every one', async () => {
    const backend = new InMemoryBackend();
    const deck = buildDeck({ title: 'T', minutes: 1, sections: [{ file: 'a.md', title: 'A', minutes: 1 }] }, () =>
      [
        '## Words',
        '<!-- .slide: data-demo="waterfall" -->\n## Where the time goes',
        '<!-- .slide: data-demo="topology" -->\n## Where the proxies sit',
        '<!-- .slide: data-demo="panel" -->\n## The baseline',
        '<!-- .slide: data-demo="latency" -->\n## Latency',
      ].join('\n\n---\n\n'),
    );
    server = await startTestServer({ backend, deck });
    const got = { presenter: [] as number[], attendee: [] as number[] };
    const presenter = await server.client(TEST_TOKEN, (c) => c.on('hops:sample', (s) => got.presenter.push(unpackHops(s).at)));
    const attendee = await server.client(undefined, (c) => c.on('hops:sample', (s) => got.attendee.push(unpackHops(s).at)));
    await Promise.all([command(presenter, 'state:sync', {}), command(attendee, 'state:sync', {})]); // both in their rooms
    // One at a time, as the lab sends them (a volatile packet is dropped while a socket is busy).
    const feed = async (from: number) => {
      for (let i = from; i < from + 2 * ROOM_HOPS_EVERY; i++) {
        backend.emit({ type: 'hops', sample: { mode: 'none', at: i, hops: [], resources: [] } });
        await until(() => got.presenter.includes(i), 3000);
      }
      await command(attendee, 'state:sync', {}); // anything the room was sent has arrived
    };
    await feed(0); // on a slide of words: nothing for the room
    expect(got.attendee).toEqual([]);
    expect((await command(presenter, 'deck:goto', { slide: 1, fragment: -1 })).ok).toBe(true);
    await feed(100); // on the waterfall: one in ROOM_HOPS_EVERY
    expect(got.attendee).toEqual([100, 100 + ROOM_HOPS_EVERY]);
    // The topology draws each call's figure from them: the same rate.
    expect((await command(presenter, 'deck:goto', { slide: 2, fragment: -1 })).ok).toBe(true);
    await feed(200);
    expect(got.attendee.filter((at) => at >= 200)).toEqual([200, 200 + ROOM_HOPS_EVERY]);
    // The panel (its topology without figures) and the latency charts draw none: nothing for the room.
    for (const [slide, from] of [
      [3, 300],
      [4, 400],
    ] as const) {
      expect((await command(presenter, 'deck:goto', { slide, fragment: -1 })).ok).toBe(true);
      await feed(from);
      expect(got.attendee.filter((at) => at >= from)).toEqual([]);
    }
    expect(got.presenter).toHaveLength(10 * ROOM_HOPS_EVERY);
  });
});
