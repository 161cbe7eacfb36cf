// The moderator link over the real hub: its token moderates questions (and switches publishing
// at once) and does nothing else of the presenter's; it is sent the questions desk, not the
// presenter's measurements or prediction counts, and is not counted in the audience.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, MODERATOR_COMMANDS, PRESENTER_COMMANDS, presenterOnlyMessage } from '../../lib/contract/commands';
import type { SessionInfo } from '../../lib/contract/events';
import type { PresenterAudience } from '../../lib/audience/types';
import { testDeckWithPolls } from '../../lib/testing/test-deck';
import type { InMemoryBackend } from '../../backends/mock/index';
import { command, nextEvent, startTestServer, TEST_MODERATOR_TOKEN, type TestClient } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A moderator's connection with its hello and the desk it is sent on connect. */
async function moderator(s: Server): Promise<{ socket: TestClient; hello: Promise<SessionInfo>; desk: Promise<PresenterAudience> }> {
  let hello!: Promise<SessionInfo>;
  let desk!: Promise<PresenterAudience>;
  const socket = await s.client(TEST_MODERATOR_TOKEN, (c) => {
    hello = nextEvent(c, 'session:hello');
    desk = nextEvent(c, 'audience:presenter');
  });
  return { socket, hello, desk };
}

describe('the moderator token', () => {
  it('gets `forbidden` for every presenter-only command, before its payload is looked at, and nothing changes', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const m = await moderator(server);
    expect((await m.hello).role).toBe('moderator');
    const before = { deck: server.app.deck.state(), demo: server.app.demo.state(), audience: server.app.audience.state.presenterView() };
    expect(await command(m.socket, 'deck:step', { direction: 'next' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter can change slides.' },
    });
    expect(await command(m.socket, 'mode:set', { mode: 'sidecar' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter can switch the data plane.' },
    });
    for (const event of PRESENTER_COMMANDS) {
      for (const payload of [{ junk: true }, 42]) {
        expect(await command(m.socket, event, payload), event).toEqual({
          ok: false,
          error: { code: 'forbidden', message: presenterOnlyMessage(COMMANDS[event]) },
        });
      }
    }
    expect(server.app.deck.state()).toBe(before.deck);
    expect(server.app.demo.state()).toBe(before.demo);
    expect(server.app.audience.state.presenterView()).toEqual(before.audience);
    expect((server.backend as InMemoryBackend).calls).toEqual([]);
  });

  it('hides, un-hides and approves questions and switches publishing at once; its acks are its desk', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    expect(MODERATOR_COMMANDS.sort()).toEqual(['question:moderate', 'questions:publishing']);
    const m = await moderator(server);
    const a = await server.phone();
    const b = await server.phone();
    const asked = await command(a.socket, 'question:ask', { text: 'Spam spam spam', name: null });
    const id = asked.ok ? asked.data.id : '';
    expect(asked).toMatchObject({ ok: true, data: { status: 'approved' } });

    const gone = nextEvent(b.socket, 'audience:public', (v) => !v.questions.some((q) => q.id === id));
    const hidden = await command(m.socket, 'question:moderate', { id, status: 'hidden' });
    expect(hidden).toMatchObject({ ok: true, data: { hidden: 1, publishAtOnce: true } });
    await gone;
    expect(await command(m.socket, 'question:moderate', { id, status: 'approved' })).toMatchObject({ ok: true, data: { hidden: 0 } });

    // Moderation on: the next question waits for the desk.
    expect(await command(m.socket, 'questions:publishing', { atOnce: false })).toMatchObject({ ok: true, data: { publishAtOnce: false } });
    expect(await command(a.socket, 'question:ask', { text: 'Waits', name: null })).toMatchObject({ ok: true, data: { status: 'pending' } });
    expect(server.app.audience.state.presenterView()).toMatchObject({ waiting: 1, publishAtOnce: false });

    // A moderator is not an attendee: it asks and votes nothing.
    expect(await command(m.socket, 'question:ask', { text: 'Mine', name: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(m.socket, 'question:upvote', { id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is sent the questions desk with the polls as the room sees them, none of the presenter’s measurements, and is not counted in the audience', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    await command(presenter, 'poll:set', { pollId: 'lowest-p99', status: 'open' });
    const voter = await server.phone();
    await command(voter.socket, 'poll:vote', { pollId: 'lowest-p99', option: 'ebpf' });
    const m = await moderator(server);
    const desk = await m.desk;
    expect(desk.publishAtOnce).toBe(true);
    // The prediction's counts are the presenter's until the reveal.
    expect(desk.polls.find((p) => p.id === 'lowest-p99')).toMatchObject({ total: 1 });
    expect(desk.polls.find((p) => p.id === 'lowest-p99')!.counts.ebpf ?? 0).toBe(0);
    expect(server.app.audience.state.presenterView().polls.find((p) => p.id === 'lowest-p99')!.counts.ebpf).toBe(1);

    // Updates to the desk reach it (coalesced), as the moderator's view.
    const updated = nextEvent(m.socket, 'audience:presenter', (v) => v.questions.some((q) => q.text === 'Seen?'));
    await command(voter.socket, 'question:ask', { text: 'Seen?', name: null });
    expect((await updated).polls).toEqual(server.app.audience.state.publicView().polls);

    // Not in the presenters' room: no presenter-only hop samples.
    let hops = 0;
    m.socket.on('hops:sample', () => hops++);
    const presenterGot = nextEvent(presenter, 'hops:sample');
    (server.backend as InMemoryBackend).emit({ type: 'hops', sample: { mode: 'none', at: 1, hops: [], resources: [] } });
    await presenterGot;
    await command(m.socket, 'state:sync', {}); // anything it was sent has arrived
    expect(hops).toBe(0);

    expect(await command(presenter, 'state:sync', {})).toMatchObject({ ok: true, data: { audience: { attendees: 1, presenters: 1 } } });
  });

  it('a moderator token is no presenter token: a presenter-only command from it is refused on every connection', async () => {
    server = await startTestServer();
    const m = await moderator(server);
    expect(await command(m.socket, 'deck:goto', { slide: 1, fragment: -1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(m.socket, 'calc:set', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(m.socket, 'poll:set', { pollId: 'x', status: 'open' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
