// What a browser holds of the talk, and how each server event changes it (pure). One object per
// connection, replaced — never mutated — by `reduceChannel`: a slice an event does not touch keeps
// its reference, so a view that draws only that slice is not re-rendered (a latency window four
// times a second must not re-render the deck, the controls or the audience panels). Events arrive
// unpacked: the wire formats (lib/mesh/*-wire.ts) are undone once, where the socket delivers them.
import type { AudienceCount, PresentersState, SessionInfo } from '../contract/events';
import type { DeckState } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { MyAudience, PresenterAudience, PublicAudience, ReactionBurst } from '../audience/types';
import type { Scoreboard } from '../mesh/scoreboard';
import { toPoint, type HopsSample, type LatencyPoint, type LatencyWindow } from '../mesh/telemetry';
import { mergePoints } from '../viz/latency-series';
import { applyScoreboard, type PackedScoreboard } from '../contract/wire/scoreboard-wire';
import type { CalculatorState } from '../talk/calculator-state';

/** `syncing`: the socket is (re)connected but the server's deck state has not arrived yet — a
 *  phone back from a Wi-Fi drop is "Connected" only once it shows the slide the room is on. */
export type ConnectionState = 'connecting' | 'syncing' | 'connected' | 'reconnecting';

export interface ChannelState {
  connection: ConnectionState;
  session: SessionInfo | null;
  /** Server clock minus local clock, so timers agree across devices. */
  clockOffsetMs: number;
  deck: DeckState | null;
  demo: DemoState | null;
  /** The console's placement-calculator inputs (the projector draws them). */
  calc: CalculatorState | null;
  audience: AudienceCount | null;
  /** The latest measurement window and per-hop sample (volatile: may skip). */
  latency: LatencyWindow | null;
  hops: HopsSample | null;
  /** The last minute of latency windows (the server's history, then live ones). */
  history: LatencyPoint[];
  scores: Scoreboard;
  /** Polls and questions everyone sees; this attendee's own part; the presenter's full view. */
  audiencePublic: PublicAudience | null;
  audienceMine: MyAudience | null;
  audiencePresenter: PresenterAudience | null;
  /** The latest reaction burst (volatile). */
  reactions: ReactionBurst | null;
  /** Presenter windows only: who is presenting, who last moved the deck or the demo. */
  presenters: PresentersState | null;
}

/** Nothing measured yet (lib/mesh/scoreboard's EMPTY_SCOREBOARD, without bringing its reducers
 *  and published figures into every page's first load). */
const NO_SCORES: Scoreboard = { rev: 0, rows: [] };

export const INITIAL_CHANNEL_STATE: ChannelState = {
  connection: 'connecting',
  session: null,
  clockOffsetMs: 0,
  deck: null,
  demo: null,
  calc: null,
  audience: null,
  latency: null,
  hops: null,
  history: [],
  scores: NO_SCORES,
  audiencePublic: null,
  audienceMine: null,
  audiencePresenter: null,
  reactions: null,
  presenters: null,
};

/** What the demo's views draw, as a recording replays it (lib/replay/replay-state.ts's frame). */
interface DemoFrame {
  demo: DemoState | null;
  latency: LatencyWindow | null;
  hops: HopsSample | null;
  history: LatencyPoint[];
  scores: Scoreboard;
}

export type ChannelEvent =
  /** A new connection (another token): nothing of the last one's state carries over. */
  | { type: 'reset' }
  | { type: 'connection'; state: ConnectionState }
  /** `receivedAt`: the local clock when the hello arrived, for the clock offset. */
  | { type: 'session:hello'; info: SessionInfo; receivedAt: number }
  | { type: 'deck:state'; state: DeckState }
  | { type: 'demo:state'; state: DemoState }
  | { type: 'calc:state'; state: CalculatorState }
  | { type: 'audience:count'; count: AudienceCount }
  /** Oldest first (the room gets them two at a time). */
  | { type: 'latency:windows'; windows: LatencyWindow[] }
  | { type: 'hops:sample'; sample: HopsSample }
  | { type: 'telemetry:history'; points: LatencyPoint[] }
  /** Still packed: a delta (the rows that changed) is applied to the board held, so it is undone
   *  here rather than at the socket's edge (lib/contract/wire/scoreboard-wire.ts). */
  | { type: 'scores:state'; packed: PackedScoreboard }
  | { type: 'audience:public'; view: PublicAudience }
  | { type: 'audience:mine'; mine: MyAudience }
  | { type: 'audience:presenter'; view: PresenterAudience }
  | { type: 'reactions:burst'; burst: ReactionBurst }
  | { type: 'presenters:state'; state: PresentersState }
  /** The replay's recorded demo at its playhead (no socket). */
  | { type: 'demo:frame'; frame: DemoFrame };

/** The later of two states: by revision within one server epoch; a new epoch's (a restarted
 *  server, whose revisions start again at 0) at once. An older one (a replay after a reconnect)
 *  never overwrites a newer one, and keeps the held object. */
export function newer<T extends { epoch: string; rev: number }>(current: T | null, incoming: T): T {
  return current && current.epoch === incoming.epoch && current.rev > incoming.rev ? current : incoming;
}

/** `state` with `key` set, or `state` itself when the value is the one held (no listener wakes). */
function put<K extends keyof ChannelState>(state: ChannelState, key: K, value: ChannelState[K]): ChannelState {
  return Object.is(state[key], value) ? state : { ...state, [key]: value };
}

export function reduceChannel(state: ChannelState, event: ChannelEvent): ChannelState {
  switch (event.type) {
    case 'reset':
      return INITIAL_CHANNEL_STATE;
    case 'connection':
      return put(state, 'connection', event.state);
    case 'session:hello': {
      const next = put(state, 'session', event.info);
      return put(next, 'clockOffsetMs', event.info.serverTime - event.receivedAt);
    }
    case 'deck:state': {
      const next = put(state, 'deck', newer(state.deck, event.state));
      return next.connection === 'syncing' ? put(next, 'connection', 'connected') : next;
    }
    case 'demo:state':
      return put(state, 'demo', newer(state.demo, event.state));
    case 'calc:state':
      return put(state, 'calc', newer(state.calc, event.state));
    case 'audience:count':
      return put(state, 'audience', event.count);
    case 'latency:windows': {
      const last = event.windows[event.windows.length - 1];
      if (!last) return state;
      // One change, one notification: the window and the chart's minute move together.
      return { ...state, latency: last, history: mergePoints(state.history, event.windows.map(toPoint)) };
    }
    case 'hops:sample':
      return put(state, 'hops', event.sample);
    case 'telemetry:history':
      return put(state, 'history', mergePoints(state.history, event.points));
    case 'scores:state':
      // One socket delivers in order, and a restarted server starts its revisions again: take each
      // (a whole board replaces, a delta replaces the rows it carries).
      return put(state, 'scores', applyScoreboard(state.scores, event.packed));
    case 'audience:public':
      return put(state, 'audiencePublic', event.view);
    case 'audience:mine':
      return put(state, 'audienceMine', event.mine);
    case 'audience:presenter':
      return put(state, 'audiencePresenter', event.view);
    case 'reactions:burst':
      return put(state, 'reactions', event.burst);
    case 'presenters:state':
      return put(state, 'presenters', event.state);
    case 'demo:frame': {
      const { demo, latency, hops, history, scores } = event.frame;
      let next = put(state, 'demo', demo);
      next = put(next, 'latency', latency);
      next = put(next, 'hops', hops);
      next = put(next, 'history', history);
      return put(next, 'scores', scores);
    }
  }
}
