// Polls, questions and reactions through the real socket.io hub with real typed clients.
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AudienceLog } from '../audience/audience-log';
import { testDeckWithNumericPoll, testDeckWithPolls } from '../../lib/testing/test-deck';
import { command, nextEvent, startTestServer, TEST_TOKEN, type TestClient } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function hello(s: Server, attendee?: string): Promise<{ socket: TestClient; token: string }> {
  const { socket, token } = await s.phone(attendee);
  return { socket, token: token ?? '' };
}

describe('polls', () => {
  it('the presenter opens a poll, attendees vote once each, everyone sees the counts', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    const a = await hello(server);
    const b = await hello(server);
    expect((await command(a.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' })) as unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: 'This poll is not open.' },
    });
    expect(await command(a.socket, 'poll:set', { pollId: 'in-prod', status: 'open' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' })).toMatchObject({ ok: true });
    const seen = nextEvent(b.socket, 'audience:public', (v) => v.polls.some((p) => p.id === 'in-prod' && p.total === 2));
    expect(await command(a.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' })).toMatchObject({ ok: true, data: { votes: { 'in-prod': 'yes' } } });
    await command(b.socket, 'poll:vote', { pollId: 'in-prod', option: 'no' });
    await command(a.socket, 'poll:vote', { pollId: 'in-prod', option: 'no' }); // changes a's vote, still one
    const view = await seen;
    expect(view.polls.find((p) => p.id === 'in-prod')).toMatchObject({ status: 'open', total: 2 });
    expect(server.app.audience.state.poll('in-prod')).toMatchObject({ total: 2, counts: { yes: 0, no: 2 } });
    expect(await command(presenter, 'poll:vote', { pollId: 'in-prod', option: 'yes' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a phone that reconnects with its token keeps its vote; a forged token gets a fresh identity', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' });
    const first = await hello(server);
    expect(first.token).toMatch(/^a-[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}$/);
    await command(first.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' });
    first.socket.disconnect();
    let mine: unknown = null;
    const again = await server.client(undefined, (c) => c.on('audience:mine', (m) => (mine = m)), first.token);
    await vi.waitFor(() => expect(mine).toMatchObject({ votes: { 'in-prod': 'yes' } }));
    await command(again, 'poll:vote', { pollId: 'in-prod', option: 'no' });
    expect(server.app.audience.state.poll('in-prod')!.total).toBe(1);
    const [id] = first.token.split('.');
    const forged = await hello(server, `${id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.token.startsWith(`${id}.`)).toBe(false);
    await command(forged.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' });
    expect(server.app.audience.state.poll('in-prod')!.total).toBe(2);
  });

  it('a prediction poll is revealed against what the demo measured', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    await server.app.demo.setMode('ambient'); // a mode's windows count while it runs
    (server.backend as unknown as { emit(e: unknown): void }).emit({
      type: 'latency',
      window: {
        mode: 'ambient',
        at: Date.now(),
        windowMs: 250,
        rps: 100,
        errors: 0,
        retries: 0,
        targetRps: 100,
        window: { count: 25, p50Us: 2000, p90Us: 3000, p99Us: 6000, maxUs: 7000 },
        cumulative: { count: 100, p50Us: 2000, p90Us: 3000, p99Us: 6000, maxUs: 7000 },
      },
    });
    await command(presenter, 'poll:set', { pollId: 'lowest-p99', status: 'open' });
    await command(presenter, 'poll:set', { pollId: 'lowest-p99', status: 'closed' });
    const revealed = await command(presenter, 'poll:set', { pollId: 'lowest-p99', status: 'revealed' });
    expect(revealed).toMatchObject({ ok: true });
    expect(server.app.audience.state.poll('lowest-p99')!.answer).toEqual({
      option: 'ambient',
      detail: 'Measured live: Ambient, p99 6.00 ms (2 options not measured).',
    });
  });
});

describe('questions', () => {
  it('with publishing at once off: asked, moderated by the presenter, upvoted once per attendee; attendees see only approved ones', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    expect(await command(presenter, 'questions:publishing', { atOnce: false })).toMatchObject({ ok: true, data: { publishAtOnce: false } });
    const a = await hello(server);
    const b = await hello(server);
    const asked = await command(a.socket, 'question:ask', { text: '  <b>Does eBPF replace Envoy?</b>\u0007 ', name: 'Ana\u202e' });
    // Bidi controls are stripped (an override in a name reversed the desk's own labels after it).
    expect(asked).toMatchObject({ ok: true, data: { text: '<b>Does eBPF replace Envoy?</b>', name: 'Ana', status: 'pending', mine: true } });
    const id = (asked as { data: { id: string } }).data.id;
    expect(await command(b.socket, 'question:upvote', { id })).toMatchObject({ ok: false, error: { message: 'This question is not public yet.' } });
    expect(server.app.audience.state.publicView().questions).toEqual([]);
    expect(await command(b.socket, 'question:moderate', { id, status: 'approved' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const publicSeen = nextEvent(b.socket, 'audience:public', (v) => v.questions.length === 1);
    const askerTold = nextEvent(a.socket, 'audience:mine', (m) => m.questions[0]?.status === 'approved');
    await command(presenter, 'question:moderate', { id, status: 'approved' });
    expect((await publicSeen).questions[0]).toMatchObject({ id, votes: 0 });
    await askerTold;
    expect(await command(a.socket, 'question:upvote', { id })).toMatchObject({ ok: false, error: { message: 'You cannot upvote your own question.' } });
    expect(await command(b.socket, 'question:upvote', { id })).toMatchObject({ ok: true, data: { upvoted: [id] } });
    expect(await command(b.socket, 'question:upvote', { id })).toMatchObject({ ok: false, error: { message: 'You already upvoted this question.' } });
    expect(await command(a.socket, 'question:ask', { text: 'x'.repeat(281), name: null })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await command(a.socket, 'question:ask', { text: '   ', name: null })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('published at once (the default): public the moment it is asked, upvoted by another phone before any moderation; hidden, gone from every screen', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.presenter();
    const a = await hello(server);
    const b = await hello(server);
    const seen = nextEvent(b.socket, 'audience:public', (v) => v.questions.some((q) => q.text === 'Is ambient ready?'));
    const asked = await command(a.socket, 'question:ask', { text: 'Is ambient ready?', name: null });
    expect(asked).toMatchObject({ ok: true, data: { status: 'approved', mine: true } });
    const id = (asked as { data: { id: string } }).data.id;
    await seen;
    expect(await command(b.socket, 'question:upvote', { id })).toMatchObject({ ok: true, data: { upvoted: [id] } });
    expect(server.app.audience.state.publicView().questions).toMatchObject([{ id, votes: 1, status: 'approved' }]);
    // The presenter hides it: the room's next view no longer carries it, and it takes no upvote.
    const gone = nextEvent(b.socket, 'audience:public', (v) => !v.questions.some((q) => q.id === id));
    expect(await command(presenter, 'question:moderate', { id, status: 'hidden' })).toMatchObject({ ok: true });
    await gone;
    const c = await hello(server);
    expect(await command(c.socket, 'question:upvote', { id })).toMatchObject({ ok: false, error: { message: 'No such question.' } });
    // An attendee cannot turn moderation on or off.
    expect(await command(a.socket, 'questions:publishing', { atOnce: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter or a moderator can choose how questions are published.' },
    });
    expect(server.app.audience.state.publishAtOnce).toBe(true);
  });

  it('per-attendee limits hold across that attendee’s connections', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const a = await hello(server);
    const second = await server.client(undefined, undefined, a.token);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await command(i % 2 ? second : a.socket, 'question:ask', { text: `q${i}`, name: null }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ error: { code: 'rate-limited' } });
  });
});

describe('reactions', () => {
  it('are counted into bursts for every screen, and limited per attendee', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const presenter = await server.client(TEST_TOKEN);
    const a = await hello(server);
    const burst = nextEvent(presenter, 'reactions:burst');
    const acks = [];
    for (let i = 0; i < 8; i++) acks.push(await command(a.socket, 'reaction:send', { emoji: '🔥' }));
    expect(acks.filter((r) => r.ok)).toHaveLength(6);
    expect(await burst).toMatchObject({ counts: { '🔥': 6 } });
    expect(await command(a.socket, 'reaction:send', { emoji: '💩' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('persistence', () => {
  const freshLogFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-audience-')), 'audience.jsonl');
  /** The presenter opens the poll and one phone votes yes; returns that phone. */
  async function votedYes(s: Server) {
    await command(await s.presenter(), 'poll:set', { pollId: 'in-prod', status: 'open' });
    const a = await hello(s);
    await command(a.socket, 'poll:vote', { pollId: 'in-prod', option: 'yes' });
    return a;
  }

  it('polls, votes and questions survive a restart; the export has them', async () => {
    const file = freshLogFile();
    const a = await votedYes((server = await startTestServer({ deck: testDeckWithPolls(), audienceLog: new AudienceLog(file) })));
    await command(a.socket, 'question:ask', { text: 'What about HTTP/2?', name: null });
    // Moderation turned on: the switch is logged, and so is the status each question started with.
    await command(await server.presenter(), 'questions:publishing', { atOnce: false });
    await command(a.socket, 'question:ask', { text: 'And gRPC?', name: null });
    await server.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(5);

    server = await startTestServer({ deck: testDeckWithPolls(), audienceLog: new AudienceLog(file) });
    expect(server.app.audience.state.poll('in-prod')).toMatchObject({ status: 'open', total: 1, counts: { yes: 1 } });
    expect(server.app.audience.state.publishAtOnce).toBe(false);
    const questions = server.app.audience.state.presenterView().questions;
    expect(questions.find((q) => q.text === 'What about HTTP/2?')).toMatchObject({ status: 'approved' });
    expect(questions.find((q) => q.text === 'And gRPC?')).toMatchObject({ status: 'pending' });
    // The same phone, after the restart: still its vote (the signing secret is kept with the log).
    let mine: unknown = null;
    await server.client(undefined, (c) => c.on('audience:mine', (m) => (mine = m)), a.token);
    await vi.waitFor(() => expect(mine).toMatchObject({ votes: { 'in-prod': 'yes' } }));
  });

  it('a torn last line (a power cut mid-write) is cut off into .torn before the next vote is appended, and that vote survives', async () => {
    const file = freshLogFile();
    await votedYes((server = await startTestServer({ deck: testDeckWithPolls(), audienceLog: new AudienceLog(file) })));
    await server.close();
    appendFileSync(file, '{"t":"vote","poll'); // the write the power cut interrupted

    const warnings: string[] = [];
    server = await startTestServer({ deck: testDeckWithPolls(), audienceLog: new AudienceLog(file, (m) => warnings.push(m)) });
    expect(warnings).toEqual([expect.stringMatching(/torn last line \(17 bytes, no newline\) was cut off and kept in .*audience\.jsonl\.torn/)]);
    expect(readFileSync(`${file}.torn`, 'utf8')).toBe('{"t":"vote","poll\n');
    const b = await hello(server);
    expect(await command(b.socket, 'poll:vote', { pollId: 'in-prod', option: 'no' })).toMatchObject({ ok: true });
    await server.close();

    // The acknowledged vote is on a line of its own: the next start counts both votes.
    server = await startTestServer({ deck: testDeckWithPolls(), audienceLog: new AudienceLog(file, (m) => warnings.push(m)) });
    expect(server.app.audience.state.poll('in-prod')).toMatchObject({ total: 2, counts: { yes: 1, no: 1 } });
    expect(warnings).toHaveLength(1);
  });
});

describe('a numeric poll', () => {
  const freshLogFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-audience-')), 'audience.jsonl');
  const latency = (mode: string, p99Us: number, count: number) => ({
    type: 'latency',
    window: {
      mode,
      at: Date.now(),
      windowMs: 250,
      rps: 100,
      errors: 0,
      retries: 0,
      targetRps: 100,
      window: { count: 25, p50Us: 1000, p90Us: 2000, p99Us, maxUs: p99Us },
      cumulative: { count, p50Us: 1000, p90Us: 2000, p99Us, maxUs: p99Us },
    },
  });

  it('phones answer with numbers in range (validated at the edge and by the poll); the room sees the summary live; the reveal lands on the measured added p99; a restart folds the log, old lines included', async () => {
    const file = freshLogFile();
    // A log from before numeric polls: a choice poll opened and voted in.
    appendFileSync(file, '{"t":"poll","pollId":"in-prod","status":"open","at":1}\n{"t":"vote","pollId":"in-prod","attendee":"a-old","option":"yes","at":2}\n');
    server = await startTestServer({ deck: testDeckWithNumericPoll(), audienceLog: new AudienceLog(file) });
    expect(server.app.audience.state.poll('in-prod')).toMatchObject({ total: 1, counts: { yes: 1 } });
    const presenter = await server.presenter();
    await command(presenter, 'poll:set', { pollId: 'sidecar-p99', status: 'open' });
    const a = await hello(server);
    const b = await hello(server);
    expect(await command(a.socket, 'poll:estimate', { pollId: 'sidecar-p99', value: 500 })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: 'Answer between 0.1 and 100 ms.' },
    });
    expect(await command(a.socket, 'poll:estimate', { pollId: 'sidecar-p99', value: '3' } as never)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await command(a.socket, 'poll:estimate', { pollId: 'sidecar-p99', value: 3, extra: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await command(a.socket, 'poll:vote', { pollId: 'sidecar-p99', option: 'yes' })).toMatchObject({
      ok: false,
      error: { message: 'This poll asks for a number.' },
    });
    const seen = nextEvent(b.socket, 'audience:public', (v) => v.polls.some((p) => p.id === 'sidecar-p99' && p.estimates?.n === 2));
    expect(await command(a.socket, 'poll:estimate', { pollId: 'sidecar-p99', value: 2 })).toMatchObject({
      ok: true,
      data: { estimates: { 'sidecar-p99': 2 } },
    });
    await command(b.socket, 'poll:estimate', { pollId: 'sidecar-p99', value: 8 });
    const room = (await seen).polls.find((p) => p.id === 'sidecar-p99')!;
    expect(room).toMatchObject({ status: 'open', total: 2, estimates: { n: 2, q1: 3.5, median: 5, q3: 6.5 } });
    expect(await command(presenter, 'poll:estimate', { pollId: 'sidecar-p99', value: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The demo measures No mesh, then Sidecar; the reveal takes the comparison table's added p99.
    const backend = server.backend as unknown as { emit(e: unknown): void };
    await server.app.demo.setMode('none');
    backend.emit(latency('none', 2_000, 4_000));
    await server.app.demo.setMode('sidecar');
    backend.emit(latency('sidecar', 6_500, 3_000));
    await command(presenter, 'poll:set', { pollId: 'sidecar-p99', status: 'closed' });
    const shown = nextEvent(b.socket, 'audience:public', (v) => v.polls.some((p) => p.id === 'sidecar-p99' && p.status === 'revealed'));
    expect(await command(presenter, 'poll:set', { pollId: 'sidecar-p99', status: 'revealed' })).toMatchObject({ ok: true });
    expect((await shown).polls.find((p) => p.id === 'sidecar-p99')!.answer).toMatchObject({
      value: 4.5,
      unit: 'ms',
      measurement: { figure: 'Sidecar, added p99 over No mesh', source: 'Measured live' },
    });
    await server.close();

    server = await startTestServer({ deck: testDeckWithNumericPoll(), audienceLog: new AudienceLog(file) });
    expect(server.app.audience.state.poll('sidecar-p99')).toMatchObject({ status: 'revealed', total: 2, estimates: { median: 5 }, answer: { value: 4.5 } });
    expect(server.app.audience.state.poll('in-prod')).toMatchObject({ total: 1, counts: { yes: 1 } });
    let mine: unknown = null;
    await server.client(undefined, (c) => c.on('audience:mine', (m) => (mine = m)), a.token);
    await vi.waitFor(() => expect(mine).toMatchObject({ estimates: { 'sidecar-p99': 2 } }));
  });
});
