import { describe, expect, it, vi } from 'vitest';
import type { DeckState } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import { latencyWindow } from '../testing/latency-window.fixture';
import { DEFAULT_POLICY } from '../mesh/policies';
import type { Scoreboard } from '../mesh/scoreboard';
import { packScoreboard } from '../contract/wire/scoreboard-wire';
import type { HopsSample } from '../mesh/telemetry';
import { INITIAL_CHANNEL_STATE, reduceChannel, type ChannelEvent, type ChannelState } from './channel-state';
import { createChannelStore } from './channel-store';
import * as select from './selectors';

const deck = (epoch: string, rev: number, slide: number): DeckState => ({
  epoch,
  rev,
  slide,
  fragment: -1,
  timer: { running: false, startedAt: null, accumulatedMs: 0 },
  blank: false,
  light: false,
  updatedAt: rev,
});

const demo = (epoch: string, rev: number, mode: DemoState['mode'] = 'none'): DemoState => ({
  epoch,
  rev,
  mode,
  policy: DEFAULT_POLICY,
  enforcement: [],
  load: { rps: 100, payloadBytes: 1024, errorPercent: 0 },
  backend: { name: 'memory', state: 'ready', detail: '', recorded: false, since: 0 },
  lastSwitch: null,
  switching: null,
  topology: null,
});

const hops = (mode: HopsSample['mode']): HopsSample => ({ mode, at: 1, hops: [], resources: [] });

const board = (rev: number, noneP50Us?: number): Scoreboard => ({
  rev,
  rows:
    noneP50Us === undefined
      ? []
      : [
          {
            mode: 'none',
            latency: { count: 100, p50Us: noneP50Us, p90Us: noneP50Us, p99Us: noneP50Us, maxUs: noneP50Us },
            condition: null,
            rps: 100,
            userSpaceHops: 0,
            cpuPercent: null,
            rssMb: null,
            cpuPer1000Rps: null,
            publishedCpuPer1000Rps: null,
            updatedAt: 1,
          },
        ],
});

const run = (...events: ChannelEvent[]): ChannelState => events.reduce(reduceChannel, INITIAL_CHANNEL_STATE);

describe('the newer revision wins', () => {
  it('keeps the held deck when an older revision of the same server arrives (a replay after a reconnect)', () => {
    const s = run({ type: 'deck:state', state: deck('a', 5, 3) });
    const held = s.deck;
    const after = reduceChannel(s, { type: 'deck:state', state: deck('a', 4, 1) });
    expect(after).toBe(s); // nothing changed: no listener wakes
    expect(after.deck).toBe(held);
  });

  it("takes a new epoch's state whatever its revision (a restarted server counts from 0 again)", () => {
    const s = run({ type: 'deck:state', state: deck('a', 50, 3) }, { type: 'deck:state', state: deck('b', 0, 0) });
    expect(s.deck).toMatchObject({ epoch: 'b', rev: 0, slide: 0 });
  });

  it('takes a later revision, and the same revision sent again', () => {
    const s = run({ type: 'demo:state', state: demo('a', 1) }, { type: 'demo:state', state: demo('a', 2, 'sidecar') });
    expect(s.demo?.mode).toBe('sidecar');
    const again = demo('a', 2, 'sidecar');
    expect(reduceChannel(s, { type: 'demo:state', state: again }).demo).toBe(again);
  });

  it('applies the rule to the demo as to the deck', () => {
    const s = run({ type: 'demo:state', state: demo('a', 7, 'ebpf') }, { type: 'demo:state', state: demo('a', 6, 'none') });
    expect(s.demo?.mode).toBe('ebpf');
  });

  it('takes every scoreboard in the order the socket delivers it, revision or not', () => {
    const s = run({ type: 'scores:state', packed: packScoreboard(board(9)) }, { type: 'scores:state', packed: packScoreboard(board(1)) });
    expect(s.scores.rev).toBe(1);
  });
});

describe('a latency window', () => {
  const before = run(
    { type: 'deck:state', state: deck('a', 1, 2) },
    { type: 'demo:state', state: demo('a', 1) },
    { type: 'scores:state', packed: packScoreboard(board(1, 900)) },
    { type: 'audience:public', view: { rev: 1, polls: [{ id: 'p', status: 'open', counts: {}, total: 0, answer: null }], questions: [] } },
  );
  const after = reduceChannel(before, { type: 'latency:windows', windows: [latencyWindow('none', { at: 1000, p50Us: 800 })] });

  it('changes the latest window and the chart minute', () => {
    expect(after.latency?.window.p50Us).toBe(800);
    expect(after.history.map((p) => p.at)).toEqual([1000]);
  });

  it('takes a pair (the room’s) as two points, the later one the latest, and nothing at all as no change', () => {
    const pair = reduceChannel(after, {
      type: 'latency:windows',
      windows: [latencyWindow('none', { at: 1250, p50Us: 700 }), latencyWindow('none', { at: 1500, p50Us: 600 })],
    });
    expect(pair.latency?.window.p50Us).toBe(600);
    expect(pair.history.map((p) => p.at)).toEqual([1000, 1250, 1500]);
    expect(reduceChannel(pair, { type: 'latency:windows', windows: [] })).toBe(pair);
  });

  it('leaves every other slice the object it was, so the views drawing them are not re-rendered', () => {
    for (const key of ['deck', 'demo', 'scores', 'audiencePublic', 'session', 'hops', 'audienceMine', 'reactions'] as const)
      expect(after[key]).toBe(before[key]);
    for (const selector of [select.selectDeck, select.selectTopology, select.selectScores, select.selectCurrentHops, select.selectPublicPoll('p')])
      expect(selector(after)).toBe(selector(before));
    expect(select.selectBaselineUs(after)).toBe(900);
  });

  it('joins the history the server sent, oldest first, and keeps it when the history is empty', () => {
    const withHistory = reduceChannel(after, { type: 'telemetry:history', points: [{ ...after.history[0]!, at: 500 }] });
    expect(withHistory.history.map((p) => p.at)).toEqual([500, 1000]);
    expect(reduceChannel(withHistory, { type: 'telemetry:history', points: [] })).toBe(withHistory);
  });
});

describe('the other events', () => {
  it('offsets the clock by the server time in the hello', () => {
    const s = run({
      type: 'session:hello',
      info: { role: 'attendee', joinUrl: 'http://x/live', joinQrSvg: '<svg/>', serverTime: 10_000 },
      receivedAt: 9_000,
    });
    expect(s.clockOffsetMs).toBe(1000);
    expect(select.selectRole(s)).toBe('attendee');
  });

  it('gives the hop sample to views only while it is of the mode the demo runs', () => {
    const s = run({ type: 'demo:state', state: demo('a', 1, 'sidecar') }, { type: 'hops:sample', sample: hops('none') });
    expect(select.selectCurrentHops(s)).toBeNull();
    const now = reduceChannel(s, { type: 'hops:sample', sample: hops('sidecar') });
    expect(select.selectCurrentHops(now)).toBe(now.hops);
  });

  it("is Live only once the server's deck state has arrived after a (re)connect", () => {
    const held = run({ type: 'deck:state', state: deck('a', 1, 2) }, { type: 'connection', state: 'reconnecting' }, { type: 'connection', state: 'syncing' });
    expect(held.connection).toBe('syncing');
    expect(reduceChannel(held, { type: 'audience:count', count: { attendees: 1, presenters: 1 } }).connection).toBe('syncing');
    const back = reduceChannel(held, { type: 'deck:state', state: deck('a', 3, 5) });
    expect(back.connection).toBe('connected');
    expect(back.deck).toMatchObject({ rev: 3 });
  });

  it('shows no window or hop sample while the demo says the recording has none for it as set now', () => {
    const unrecorded = { ...demo('a', 2, 'sidecar'), backend: { ...demo('a', 2).backend, recorded: true, unrecorded: 'No recording of Sidecar with …' } };
    const s = run(
      { type: 'demo:state', state: demo('a', 1, 'sidecar') },
      { type: 'latency:windows', windows: [latencyWindow('sidecar', { p50Us: 1100 })] },
      { type: 'hops:sample', sample: hops('sidecar') },
    );
    expect(select.selectLatency(s)).toBe(s.latency);
    // The window held was measured under the condition before: it stays held, but nothing draws it.
    const none = reduceChannel(s, { type: 'demo:state', state: unrecorded });
    expect([select.selectLatency(none), select.selectHops(none), select.selectCurrentHops(none)]).toEqual([null, null, null]);
  });

  it('keeps the state when a connection state repeats', () => {
    const s = run({ type: 'connection', state: 'connected' });
    expect(reduceChannel(s, { type: 'connection', state: 'connected' })).toBe(s);
  });

  it('forgets everything on a reset (a new connection)', () => {
    const s = run({ type: 'deck:state', state: deck('a', 1, 2) }, { type: 'connection', state: 'connected' }, { type: 'reset' });
    expect(s).toBe(INITIAL_CHANNEL_STATE);
  });

  it('sets what a replay frame draws, keeping the slices it repeats', () => {
    const d = demo('replay', 1);
    const frame = { demo: d, latency: null, hops: null, history: [], scores: board(1) };
    const s = run({ type: 'demo:frame', frame });
    expect(s.demo).toBe(d);
    expect(reduceChannel(s, { type: 'demo:frame', frame: { ...frame, history: s.history } })).toBe(s);
  });
});

describe('the store', () => {
  it('wakes its listeners when an event changed the state, and only then', () => {
    const store = createChannelStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'deck:state', state: deck('a', 2, 1) });
    expect(listener).toHaveBeenCalledTimes(1);
    store.dispatch({ type: 'deck:state', state: deck('a', 1, 0) }); // older: no change
    store.dispatch({ type: 'connection', state: 'connecting' }); // already so
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch({ type: 'deck:state', state: deck('a', 3, 2) });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().deck?.slide).toBe(2);
  });
});
