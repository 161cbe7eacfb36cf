// What goes on the air to phones (server/hub/README.md has the table): a hidden page gets states
// only and comes back exact; the light room sends phones no measurement while the presenters'
// windows (the projector's among them) get every one; no phone is sent what it does not draw.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../lib/testing/until';
import { applyScoreboard, packScoreboard, unpackScoreboard } from '../../lib/contract/wire/scoreboard-wire';
import { EMPTY_SCOREBOARD, type Scoreboard } from '../../lib/mesh/scoreboard';
import { latencyWindow } from '../../lib/testing/latency-window.fixture';
import { InMemoryBackend } from '../../backends/mock/index';
import { buildDeck } from '../../lib/deck/build-deck';
import { command, nextEvent, startTestServer, TEST_MODERATOR_TOKEN, TEST_TOKEN, type TestClient } from '../testing/start-test-server';
import { ROOM_HOPS_EVERY } from './hub';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
afterEach(async () => server?.close());

/** The waterfall (draws hop samples and the scoreboard) first, then a slide of words. */
const demoDeck = () =>
  buildDeck({ title: 'T', minutes: 1, sections: [{ file: 'a.md', title: 'A', minutes: 1 }] }, () =>
    ['<!-- .slide: data-demo="waterfall" -->\n## Where the time goes', '## Words'].join('\n\n---\n\n'),
  );

/** Everything a connection is sent, by event, and the scoreboard it holds. */
function record(c: TestClient) {
  const got: Record<string, number> = {};
  const seen = { got, board: EMPTY_SCOREBOARD as Scoreboard, wholeBoards: 0 };
  c.onAny((event: string) => (got[event] = (got[event] ?? 0) + 1));
  c.on('scores:state', (b) => {
    seen.board = applyScoreboard(seen.board, b);
    if (!b.delta) seen.wholeBoards++;
  });
  return seen;
}

/** A few seconds of the lab: windows, hop samples and the scoreboard they move, one at a time as the
 *  lab sends them (a volatile packet is dropped while a socket is busy), each seen by `by` (a
 *  presenter window) before the next; then until `by` has had a scoreboard. */
const lab =
  (backend: InMemoryBackend, by: ReturnType<typeof record>, mode: () => 'none' | 'sidecar' = () => 'none') =>
  async (from: number): Promise<void> => {
    const boards = by.got['scores:state'] ?? 0;
    const step = async (event: string, emit: () => void) => {
      const had = by.got[event] ?? 0;
      emit();
      await until(() => (by.got[event] ?? 0) > had, 3000);
    };
    for (let i = from; i < from + 2 * ROOM_HOPS_EVERY; i++) {
      await step('latency:windows', () => backend.emit({ type: 'latency', window: latencyWindow(mode(), { at: Date.now(), p50Us: 1000 + i }) }));
      await step('hops:sample', () => backend.emit({ type: 'hops', sample: { mode: mode(), at: i, hops: [], resources: [] } }));
    }
    await until(() => (by.got['scores:state'] ?? 0) > boards, 3000);
  };

const measurements = (got: Record<string, number>) => ['latency:windows', 'hops:sample', 'scores:state'].map((e) => got[e] ?? 0);

describe('a phone whose page is hidden', () => {
  it('gets the states but no measurement, and back in view the whole scoreboard, then the measurements again', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: demoDeck() });
    const presenter = await server.presenter();
    const p = record(presenter);
    const visible = record(await server.follower());
    const hiddenPhone = await server.follower();
    const hidden = record(hiddenPhone);
    expect(await command(hiddenPhone, 'view:set', { hidden: true })).toEqual({ ok: true, data: null });
    for (const c of [hidden, visible]) for (const e of Object.keys(c.got)) c.got[e] = 0; // the snapshots

    // A few seconds of the lab: windows, hop samples, and the scoreboard they move.
    const feed = lab(backend, p);
    await feed(0);
    const slide = nextEvent(hiddenPhone, 'deck:state', (d) => d.slide === 1);
    expect((await command(presenter, 'deck:goto', { slide: 1, fragment: -1 })).ok).toBe(true);
    expect(await slide).toMatchObject({ slide: 1 }); // states: yes
    await command(hiddenPhone, 'state:sync', {}); // a round trip behind anything it was sent
    expect(measurements(visible.got).every((n) => n > 0)).toBe(true);
    expect(measurements(hidden.got)).toEqual([0, 0, 0]);

    // Back on the waterfall while it is still hidden, then in view: the board it missed, whole.
    expect((await command(presenter, 'deck:goto', { slide: 0, fragment: -1 })).ok).toBe(true);
    await feed(100);
    expect(measurements(hidden.got)).toEqual([0, 0, 0]);
    expect(await command(hiddenPhone, 'view:set', { hidden: false })).toEqual({ ok: true, data: null });
    await until(() => hidden.wholeBoards === 1, 3000);
    expect(hidden.board).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packScoreboard(server.app.telemetry.scores())))));
    await feed(200); // and the measurements with the next sample
    await command(hiddenPhone, 'state:sync', {});
    expect(measurements(hidden.got).every((n) => n > 0)).toBe(true);
    expect(hidden.board).toEqual(visible.board);
  });

  it('back in view on a slide that draws no scoreboard, holds the board the room will be sent deltas of', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: demoDeck() });
    const presenter = await server.presenter();
    const p = record(presenter);
    const hiddenPhone = await server.follower();
    const hidden = record(hiddenPhone);
    const feed = lab(backend, p);
    await feed(0);
    expect(await command(hiddenPhone, 'view:set', { hidden: true })).toMatchObject({ ok: true });
    await feed(100); // deltas it misses
    expect((await command(presenter, 'deck:goto', { slide: 1, fragment: -1 })).ok).toBe(true); // words: no broadcast to the room since
    const wholeBefore = hidden.wholeBoards;
    expect(await command(hiddenPhone, 'view:set', { hidden: false })).toMatchObject({ ok: true });
    await until(() => hidden.wholeBoards === wholeBefore + 1, 3000);
    expect((await command(presenter, 'deck:goto', { slide: 0, fragment: -1 })).ok).toBe(true);
    await feed(200); // deltas again, of the board it now holds
    await command(hiddenPhone, 'state:sync', {});
    expect(hidden.board).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packScoreboard(server.app.telemetry.scores())))));
  });

  it('is for a page of any role but the presenter: a presenter window saying it is hidden still gets everything', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: demoDeck() });
    const presenter = await server.presenter();
    const p = record(presenter);
    expect(await command(presenter, 'view:set', { hidden: true })).toEqual({ ok: true, data: null });
    backend.emit({ type: 'hops', sample: { mode: 'none', at: 1, hops: [], resources: [] } });
    await until(() => (p.got['hops:sample'] ?? 0) === 1, 3000);
  });

  it('says so in a strict, validated message', async () => {
    server = await startTestServer();
    const phone = await server.follower();
    for (const bad of [{}, { hidden: 'yes' }, { hidden: true, extra: 1 }, { hidden: true, reactions: 'no' }]) {
      expect(await command(phone, 'view:set', bad)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });
});

describe('the light room', () => {
  it('sends the phones no measurement, the presenter and the projector every one; the phones still get the states; off again, they resume', async () => {
    const backend = new InMemoryBackend();
    server = await startTestServer({ backend, deck: demoDeck() });
    const presenter = await server.presenter();
    const p = record(presenter);
    const screen = record(await server.presenter({ client: 'projector-1', name: 'Ada', kind: 'screen' }));
    const phoneSocket = await server.follower();
    const phone = record(phoneSocket);
    const lightOn = nextEvent(phoneSocket, 'deck:state', (d) => d.light);
    expect(await command(presenter, 'deck:light', { light: true })).toMatchObject({ ok: true, data: { light: true, slide: 0 } });
    expect(await lightOn).toMatchObject({ light: true, slide: 0 });
    await command(phoneSocket, 'state:sync', {});
    for (const c of [phone, p, screen]) for (const e of Object.keys(c.got)) c.got[e] = 0;

    // (A mode's windows move the scoreboard while it runs.)
    const feed = lab(backend, screen, () => (server.app.demo.state().mode === 'sidecar' ? 'sidecar' : 'none'));
    await feed(0);
    const demo = nextEvent(phoneSocket, 'demo:state', (d) => d.mode === 'sidecar');
    await server.app.demo.setMode('sidecar');
    expect(await demo).toMatchObject({ mode: 'sidecar' }); // the demo's state: yes
    await command(phoneSocket, 'state:sync', {});
    expect(measurements(p.got).every((n) => n > 0)).toBe(true);
    expect(measurements(screen.got).every((n) => n > 0)).toBe(true);
    expect(measurements(phone.got)).toEqual([0, 0, 0]);

    // Off: right behind the deck's state the whole board, then the measurements with the next sample.
    const lightOff = nextEvent(phoneSocket, 'deck:state', (d) => !d.light);
    expect(await command(presenter, 'deck:light', { light: false })).toMatchObject({ ok: true, data: { light: false } });
    await lightOff;
    await until(() => phone.wholeBoards === 1, 3000);
    expect(phone.board).toEqual(unpackScoreboard(JSON.parse(JSON.stringify(packScoreboard(server.app.telemetry.scores())))));
    await feed(100);
    await command(phoneSocket, 'state:sync', {});
    expect(measurements(phone.got).every((n) => n > 0)).toBe(true);
  });

  it('is the presenter’s alone (not an attendee’s, not a moderator’s) and validated; the demo controls’ hand-off does not hold it', async () => {
    server = await startTestServer();
    const presenter = await server.presenter({ client: 'console-1', name: 'Ada', kind: 'console' });
    const remote = await server.presenter({ client: 'remote-1', name: 'Bo', kind: 'remote' });
    const moderator = await server.client(TEST_MODERATOR_TOKEN);
    const phone = await server.attendee();
    const refused = { ok: false, error: { code: 'forbidden', message: 'Only the presenter can choose a light room.' } };
    expect(await command(phone, 'deck:light', { light: true })).toEqual(refused);
    expect(await command(moderator, 'deck:light', { light: true })).toEqual(refused);
    for (const bad of [{}, { light: 'yes' }, { light: true, extra: 1 }]) {
      expect(await command(presenter, 'deck:light', bad)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(server.app.deck.state().light).toBe(false);
    // The demo's controls handed to the console: the remote's demo commands wait, its light room does not.
    expect((await command(presenter, 'demo:driver', { client: 'console-1' })).ok).toBe(true);
    expect(await command(remote, 'load:set', { rps: 10, payloadBytes: 0, errorPercent: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(remote, 'deck:light', { light: true })).toMatchObject({ ok: true, data: { light: true } });
  });

  it('is in the snapshot: a presenter window that reconnects shows it, and a step pressed across it still goes', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const at = server.app.deck.state();
    expect((await command(presenter, 'deck:light', { light: true })).ok).toBe(true);
    expect(await command(presenter, 'deck:step', { direction: 'next', at: { epoch: at.epoch, rev: at.rev } })).toMatchObject({
      ok: true,
      data: { slide: 1, light: true },
    });
    let snapshot: Promise<unknown> = Promise.resolve(null);
    await server.client(TEST_TOKEN, (c) => (snapshot = nextEvent(c, 'deck:state')));
    expect(await snapshot).toMatchObject({ light: true, slide: 1 });
    const sync = await command(presenter, 'state:sync', {});
    expect(sync).toMatchObject({ ok: true, data: { deck: { light: true } } });
  });
});

describe('what a phone does not draw, it is not sent', () => {
  it('reactions go to the presenters and a projector that draws them, the head count to the presenters; a phone gets neither', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const projectorSocket = await server.follower(); // /screen opened without the token
    expect(await command(projectorSocket, 'view:set', { hidden: false, reactions: true })).toEqual({ ok: true, data: null });
    const phoneSocket = await server.attendee();
    const phone = record(phoneSocket);
    const count = nextEvent(presenter, 'audience:count', (c) => c.attendees === 2);
    const toPresenter = nextEvent(presenter, 'reactions:burst');
    const toProjector = nextEvent(projectorSocket, 'reactions:burst');
    expect((await command(phoneSocket, 'reaction:send', { emoji: '🔥' })).ok).toBe(true);
    expect(await toPresenter).toMatchObject({ counts: { '🔥': 1 } });
    expect(await toProjector).toMatchObject({ counts: { '🔥': 1 } });
    await count;
    await command(phoneSocket, 'state:sync', {});
    expect(phone.got['reactions:burst']).toBeUndefined();
    expect(phone.got['audience:count']).toBeUndefined();
  });
});
