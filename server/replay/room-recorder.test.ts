import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeckController } from '../engine/deck-controller';
import { DemoEngine } from '../engine/demo-engine';
import { AudienceService } from '../audience/audience-service';
import { InMemoryBackend } from '../../backends/mock/index';
import { testDeckWithNumericPoll, testDeckWithPolls } from '../../lib/testing/test-deck';
import { EMPTY_SCOREBOARD } from '../../lib/mesh/scoreboard';
import { frameAt, roomAt } from '../../lib/replay/replay-state';
import type { Recording, RecordingMeta } from '../../lib/replay/recording';
import { Recorder } from './recorder';
import { ROOM_SNAPSHOT_MS } from './room-recorder';

const META: Omit<RecordingMeta, 'durationMs' | 'recordedAt'> = {
  format: 'meshstage-recording/1',
  title: 't',
  backend: { name: 'memory', detail: 'x' },
  machine: { os: 'linux', kernel: 'k', cpus: 2, cpuModel: 'c', memoryGb: 1, node: 'v20' },
  versions: {},
  source: 'live',
};

/** A talk with the room recorded, on fake timers (the recorder's coalescing runs on them). */
function talk(slides = testDeckWithPolls()) {
  let now = 1_000_000;
  const clock = () => now;
  const deck = new DeckController(slides, clock);
  const audience = new AudienceService(deck.deck.polls, null, () => EMPTY_SCOREBOARD, clock);
  const recorder = new Recorder(deck, new DemoEngine(new InMemoryBackend(), clock), clock, audience);
  const pass = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { deck, audience, recorder, pass, finish: (): Recording => recorder.finish(META) };
}

/** The opinion poll's slide. */
const YOU = testDeckWithPolls().slides[1]!.id;

const kinds = (rec: Recording) => rec.events.map((e) => e.k);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the room in a live recording', () => {
  it('keeps a poll as votes arrive, a few snapshots a second however fast they come, with the slide it was on', () => {
    const { deck, audience, pass, finish } = talk();
    deck.goto({ slide: 1, fragment: -1 });
    audience.setPoll('in-prod', 'open');
    for (let i = 0; i < 20; i++) audience.vote(`attendee-${i}`, 'in-prod', i % 4 === 0 ? 'no' : 'yes');
    pass(ROOM_SNAPSHOT_MS);
    audience.vote('attendee-late', 'in-prod', 'no');
    pass(ROOM_SNAPSHOT_MS);
    audience.setPoll('in-prod', 'closed');
    const rec = finish();

    const polls = rec.events.flatMap((e) => (e.k === 'poll' ? [e] : []));
    // Opened and 20 votes in one snapshot, one late vote, closed: three records, not 23.
    expect(polls.map((e) => [e.poll.status, e.poll.total, e.poll.counts, e.slideId])).toEqual([
      ['open', 20, { yes: 15, no: 5 }, YOU],
      ['open', 21, { yes: 15, no: 6 }, YOU],
      ['closed', 21, { yes: 15, no: 6 }, YOU],
    ]);
    expect(rec.events[2]).toMatchObject({ k: 'room', polls: [{ id: 'lowest-p99' }, { id: 'in-prod', question: 'Mesh in production?' }] });
    // The replay shows the poll as it stood at each time.
    expect(roomAt(rec, polls[0]!.t)?.polls).toEqual([{ id: 'in-prod', status: 'open', counts: { yes: 15, no: 5 }, total: 20, answer: null }]);
    expect(frameAt(rec, rec.meta.durationMs).room?.polls[0]).toMatchObject({ status: 'closed', total: 21 });
  });

  it('records what is pending when the slide changes, on the slide it happened on, before the move', () => {
    const { deck, audience, finish } = talk();
    deck.goto({ slide: 1, fragment: -1 });
    audience.setPoll('in-prod', 'open');
    audience.vote('a', 'in-prod', 'yes');
    deck.goto({ slide: 0, fragment: -1 });
    const rec = finish();
    const moved = rec.events.findLastIndex((e) => e.k === 'deck');
    expect(rec.events[moved - 1]).toMatchObject({ k: 'poll', poll: { total: 1 }, slideId: YOU, t: rec.events[moved]!.t });
    expect(roomAt(rec, rec.events[moved]!.t)?.polls[0]?.total).toBe(1);
  });

  it("keeps a prediction's counts out until the reveal, as the room saw it, and the reveal's answer", () => {
    const { audience, pass, finish } = talk();
    audience.setPoll('lowest-p99', 'open');
    audience.vote('a', 'lowest-p99', 'ebpf');
    audience.vote('b', 'lowest-p99', 'ambient');
    pass(ROOM_SNAPSHOT_MS);
    audience.setPoll('lowest-p99', 'revealed');
    const rec = finish();
    const polls = rec.events.flatMap((e) => (e.k === 'poll' ? [e.poll] : []));
    expect(polls[0]).toMatchObject({ status: 'open', total: 2, counts: {} });
    expect(polls[1]).toMatchObject({ status: 'revealed', total: 2, counts: { ebpf: 1, ambient: 1, sidecar: 0 }, answer: { option: null } });
    expect(polls[1]!.answer!.detail).not.toBe('');
  });

  it("keeps a numeric poll's distribution as the room saw it live (never the numbers), and its reveal", () => {
    const { audience, pass, finish } = talk(testDeckWithNumericPoll());
    audience.setPoll('sidecar-p99', 'open');
    for (const [who, v] of [
      ['a', 1.25],
      ['b', 3.5],
      ['c', 12.75],
    ] as const)
      audience.estimate(who, 'sidecar-p99', v);
    pass(ROOM_SNAPSHOT_MS);
    audience.estimate('d', 'sidecar-p99', 6.5);
    pass(ROOM_SNAPSHOT_MS);
    audience.setPoll('sidecar-p99', 'closed');
    audience.setPoll('sidecar-p99', 'revealed');
    const rec = finish();
    const polls = rec.events.flatMap((e) => (e.k === 'poll' ? [e.poll] : []));
    expect(polls.map((p) => [p.status, p.estimates?.n, p.estimates?.median])).toEqual([
      ['open', 3, 3.5],
      ['open', 4, 5],
      ['revealed', 4, 5],
    ]);
    // Nothing measured in this talk: the reveal says so, with no number.
    expect(polls[2]!.answer).toMatchObject({ value: null, unit: 'ms', detail: expect.stringMatching(/not been measured/) });
    const json = JSON.stringify(rec);
    for (const raw of ['1.25', '12.75', '6.5']) expect(json).not.toContain(raw);
    expect(roomAt(rec, rec.meta.durationMs)?.polls[0]).toMatchObject({ status: 'revealed', estimates: { n: 4, q1: 2.9375, q3: 8.0625 } });
  });

  it('keeps public questions with their votes and status, never a pending one, and nothing of one taken down', () => {
    const { audience, pass, finish } = talk();
    // Moderation first (the desk's switch off): a question waits until approved.
    audience.setPublishing(false);
    const kept = audience.ask('asker-1', 'Does ambient need a waypoint for retries?', 'Ana');
    const dropped = audience.ask('asker-2', 'A question approved, then hidden', null);
    audience.ask('asker-3', 'Still pending when the talk ended', null);
    audience.moderate(kept.id, 'approved');
    audience.moderate(dropped.id, 'approved');
    pass(ROOM_SNAPSHOT_MS);
    audience.upvote('voter-1', kept.id);
    audience.upvote('voter-2', kept.id);
    audience.upvote('voter-1', dropped.id);
    pass(ROOM_SNAPSHOT_MS);
    audience.moderate(dropped.id, 'hidden');
    pass(ROOM_SNAPSHOT_MS);
    audience.moderate(kept.id, 'answered');
    const rec = finish();
    const json = JSON.stringify(rec);

    expect(json).not.toContain('Still pending');
    expect(json).not.toContain('approved, then hidden');
    expect(json).not.toContain(dropped.id);
    expect(kinds(rec).filter((k) => k.startsWith('question'))).toEqual(['question', 'question-votes', 'question']);
    expect(roomAt(rec, rec.meta.durationMs)?.questions).toEqual([
      { id: kept.id, text: 'Does ambient need a waypoint for retries?', name: 'Ana', at: kept.at, votes: 2, status: 'answered' },
    ]);
  });

  it('keeps reactions counted per second, on the slide they came on', () => {
    const { deck, audience, pass, finish } = talk();
    deck.goto({ slide: 1, fragment: -1 });
    for (const who of ['a', 'b', 'c']) audience.react(who, '👏');
    audience.react('a', '🔥');
    pass(600); // the service's half-second burst
    audience.react('b', '👏');
    pass(600);
    const rec = finish();
    const reactions = rec.events.flatMap((e) => (e.k === 'reactions' ? [e] : []));
    expect(reactions.map((e) => [e.counts, e.slideId])).toEqual([[{ '👏': 4, '🔥': 1 }, YOU]]);
    expect(roomAt(rec, reactions[0]!.t)?.reactions).toEqual({ '👏': 4, '🔥': 1 });
    expect(roomAt(rec, reactions[0]!.t + 1_000)?.reactions).toEqual({});
  });

  it('keeps no attendee id: only what everyone saw and counts', () => {
    const { audience, pass, finish } = talk();
    const ids = ['attendee-id-one', 'attendee-id-two', 'attendee-id-three'];
    audience.setPoll('in-prod', 'open');
    for (const id of ids) audience.vote(id, 'in-prod', 'yes');
    const q = audience.ask(ids[0]!, 'Who pays for the sidecar CPU?', null);
    audience.moderate(q.id, 'approved');
    audience.upvote(ids[1]!, q.id);
    audience.react(ids[2]!, '🤯');
    pass(1_000);
    const json = JSON.stringify(finish());
    expect(json).toContain('Who pays for the sidecar CPU?');
    for (const id of ids) expect(json).not.toContain(id);
    expect(json).not.toMatch(/attendee|upvoter|"mine"/);
  });
});

describe('recordings without the room', () => {
  it('have no room in their frames (the scripted tour), and the demo is read as before', () => {
    const rec: Recording = {
      meta: { ...META, source: 'scripted', recordedAt: '2026-01-01T00:00:00.000Z', durationMs: 10 },
      events: [{ t: 0, k: 'deck', position: { slide: 0, fragment: -1 } }],
    };
    expect(frameAt(rec, 10)).toMatchObject({ room: null, deck: { slide: 0 } });
    expect(roomAt(rec, 10)).toBeNull();
  });

  it('skip a kind they do not know rather than taking it for a hop sample', () => {
    const rec = {
      meta: { ...META, recordedAt: '2026-01-01T00:00:00.000Z', durationMs: 10 },
      events: [
        { t: 0, k: 'deck', position: { slide: 1, fragment: -1 } },
        { t: 5, k: 'from-a-newer-recorder', anything: 1 },
      ],
    } as unknown as Recording;
    expect(frameAt(rec, 10)).toMatchObject({ hops: null, deck: { slide: 1 } });
  });
});
