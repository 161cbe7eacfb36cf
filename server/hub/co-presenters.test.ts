// Two presenters on one talk: a double press advances once, a retried command runs once, and the
// console sees who is connected and who last moved the deck or the demo.
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenterWindow } from '../../lib/contract/events';
import { command, commandWithId, nextEvent, startTestServer } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
afterEach(async () => server?.close());

const ana: PresenterWindow = { client: 'ana-console-1', name: 'Ana', kind: 'console' };
const ben: PresenterWindow = { client: 'ben-remote-01', name: 'Ben', kind: 'remote' };

describe('co-presenters', () => {
  it('two presenters pressing Next on the same slide advance it once; the later is told where the deck is', async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([server.presenter(ana), server.presenter(ben)]);
    const at = { epoch: server.app.deck.state().epoch, rev: server.app.deck.state().rev };
    const [first, second] = await Promise.all([command(a, 'deck:step', { direction: 'next', at }), command(b, 'deck:step', { direction: 'next', at })]);
    const answers = [first, second];
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    const refused = answers.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, error: { code: 'stale', deck: { slide: 1, fragment: -1, rev: 1 } } });
    expect(server.app.deck.state()).toMatchObject({ slide: 1, fragment: -1, rev: 1 });
  });

  it('a command sent again with its id (its answer lost) runs once and gets the first answer', async () => {
    server = await startTestServer();
    const a = await server.presenter(ana);
    const first = await commandWithId(a, 'deck:step', { direction: 'next' }, 'step-0001');
    // The page lost the answer, reconnected, and sends the same command with the same id.
    a.disconnect().connect();
    await nextEvent(a, 'deck:state');
    const again = await commandWithId(a, 'deck:step', { direction: 'next' }, 'step-0001');
    expect(again).toEqual(first);
    expect(server.app.deck.state()).toMatchObject({ slide: 1, rev: 1 });
    // A new id is a new press.
    expect(await commandWithId(a, 'deck:step', { direction: 'next' }, 'step-0002')).toMatchObject({ ok: true, data: { slide: 1, fragment: 0 } });
  });

  it("an id is its sender's: another presenter's same id is a command of its own", async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([server.presenter(ana), server.presenter(ben)]);
    await commandWithId(a, 'deck:step', { direction: 'next' }, 'same-id-01');
    await commandWithId(b, 'deck:step', { direction: 'next' }, 'same-id-01');
    expect(server.app.deck.state()).toMatchObject({ slide: 1, fragment: 0 });
  });

  it('refuses a malformed id and changes nothing', async () => {
    server = await startTestServer();
    const a = await server.presenter(ana);
    expect(await commandWithId(a, 'deck:step', { direction: 'next' }, 'no')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(server.app.deck.state().slide).toBe(0);
  });

  it('tells presenter windows who is connected and who last moved the deck and the demo — never the room', async () => {
    server = await startTestServer();
    let first!: ReturnType<typeof nextEvent<'presenters:state'>>;
    const a = await server.presenter(ana, (c) => (first = nextEvent(c, 'presenters:state')));
    expect((await first).windows).toEqual([ana]);
    const phone = await server.attendee();
    let roomGotIt = false;
    phone.on('presenters:state' as never, () => {
      roomGotIt = true;
    });
    const both = nextEvent(a, 'presenters:state', (s) => s.windows.length === 2);
    const b = await server.presenter(ben);
    expect((await both).windows).toEqual(expect.arrayContaining([ana, ben]));

    const moved = nextEvent(a, 'presenters:state', (s) => s.lastDeck !== null && s.lastDemo !== null);
    await command(b, 'deck:step', { direction: 'next' });
    await command(a, 'mode:set', { mode: 'sidecar' });
    const state = await moved;
    expect(state.lastDeck).toMatchObject({ name: 'Ben', kind: 'remote', command: 'deck:step' });
    expect(state.lastDemo).toMatchObject({ name: 'Ana', kind: 'console', command: 'mode:set' });

    const left = nextEvent(a, 'presenters:state', (s) => s.windows.length === 1);
    b.disconnect();
    expect((await left).windows).toEqual([ana]);
    expect(roomGotIt).toBe(false);
  });

  it('a window that introduces itself wrongly (markup too long, an unknown kind) is an unnamed console', async () => {
    server = await startTestServer();
    let first!: ReturnType<typeof nextEvent<'presenters:state'>>;
    await server.presenter({ client: 'x', name: 'Eve', kind: 'tv' } as never, (c) => (first = nextEvent(c, 'presenters:state')));
    expect((await first).windows).toEqual([expect.objectContaining({ name: 'Presenter', kind: 'console' })]);
  });

  it("the demo's controls handed to one window: the others' demo commands are refused with who has them, the deck still moves, and anyone may take them back", async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([server.presenter(ana), server.presenter(ben)]);
    expect(await command(a, 'demo:driver', { client: ben.client })).toMatchObject({ ok: true, data: { demoDriver: ben } });
    expect(await command(a, 'mode:set', { mode: 'ambient' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Ben (phone remote) has the demo controls; take them in Presenters to drive the demo from here.' },
    });
    expect(server.app.demo.state().mode).toBe('none');
    // A malformed one is still `invalid` (the schema first).
    expect(await command(a, 'mode:set', { mode: 'warp' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await command(a, 'deck:step', { direction: 'next' })).toMatchObject({ ok: true });
    expect(await command(b, 'mode:set', { mode: 'ambient' })).toMatchObject({ ok: true, data: { mode: 'ambient' } });
    // Ben's phone left on a table: Ana takes the controls back.
    expect(await command(a, 'demo:driver', { client: ana.client })).toMatchObject({ ok: true, data: { demoDriver: ana } });
    expect(await command(b, 'mode:set', { mode: 'sidecar' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(a, 'mode:set', { mode: 'sidecar' })).toMatchObject({ ok: true });
    expect(await command(a, 'demo:driver', { client: 'nobody-here-1' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('a step beaten by a co-presenter is refused naming who moved first', async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([server.presenter(ana), server.presenter(ben)]);
    const at = { epoch: server.app.deck.state().epoch, rev: 0 };
    expect(await command(b, 'deck:step', { direction: 'next', at })).toMatchObject({ ok: true });
    expect(await command(a, 'deck:step', { direction: 'next', at })).toMatchObject({ ok: false, error: { code: 'stale', by: ben, deck: { slide: 1 } } });
  });
});
