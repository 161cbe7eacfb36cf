// Rooms, roles, commands and broadcasts. Data flows backend → engine → hub → clients; commands
// flow back through here, validated and authorised.
import type { AudienceCount, SessionInfo } from '../../lib/contract/events';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { AudienceService } from '../audience/audience-service';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';
import type { SceneRunner } from '../engine/scene-runner';
import type { Calculator } from '../engine/calculator';
import type { TelemetryStore } from '../engine/telemetry-store';
import { coalesce } from '../../lib/async/async-helpers';
import { packHistory } from '../../lib/contract/wire/history-wire';
import { COMMAND_EVENTS } from '../../lib/contract/commands';
import { buildCommands, type Sender } from './commands';
import type { AddressLimits } from './address-limits';
import { admit, attendeeRoom, commandsOf, emitSnapshot, hello, identify, MODERATORS, PRESENTERS } from './connection';
import { fanOut, type FanOut } from './fan-out';
import type { HubServer, SnapshotEvent } from './hub-types';
import { RateLimiter } from '../../lib/async/rate-limiter';
import { DEFAULT_COMMAND_RATE, FRAME_RATE } from './socket-options';
import { dropSlowReaders } from './slow-readers';
import { commandId, dropper, execute, limitFrames, registerCommand, type HubSocket } from './register-command';
import { CommandReplay } from './command-replay';
import { trackPresenters, type Presenters } from './presenters';
import { packWindow, type PackedWindow } from '../../lib/contract/wire/window-wire';
import { packScoreboard, scoreboardDelta, type PackedScoreboard } from '../../lib/contract/wire/scoreboard-wire';
import { packHops } from '../../lib/contract/wire/hops-wire';
import { drawsHops, drawsScores } from '../../lib/viz/demo-views';
import { liveRoom, moveConnection, REACTION_ROOM } from './live-rooms';
import { shardOf } from './fan-out';
import type { CommandPayload } from '../../lib/contract/commands';

/** The socket.io server the hub attaches to (server/hub/hub-types.ts). */
export type { HubServer } from './hub-types';

export interface HubDeps {
  io: HubServer;
  deck: DeckController;
  demo: DemoEngine;
  scenes: SceneRunner;
  calculator: Calculator;
  telemetry: TelemetryStore;
  audience: AudienceService;
  identity: AttendeeIdentity;
  /** Per-address allowances, shared with the connection middleware (admit). */
  addresses: AddressLimits;
  presenterToken: string;
  session: Omit<SessionInfo, 'role' | 'serverTime'>;
  log?: (message: string) => void;
  now?: () => number;
  /** Commands per second per connection, and the burst allowed. */
  rate?: { perSecond: number; burst: number };
  /** Inbound frames per second per connection, and the burst. */
  frames?: { perSecond: number; burst: number };
  /** When a connection that stopped reading is closed (server/hub/slow-readers.ts). */
  slowReaders?: { maxUnsentBytes: number; graceMs: number; sweepMs?: number };
}

const AUDIENCE_COUNT_INTERVAL_MS = 500;
const SCORES_INTERVAL_MS = 1000;
/** The room gets one hop sample in this many (1 Hz of the lab's 4), and only while the slide shows
 *  a view that draws them (`drawsHops`: the topology's links, the waterfall, the proxies' cost), and in
 *  sidecar mode samples were 80 % of every phone's bytes (4.4 KB/s of 5.3). The presenter's console
 *  keeps every one. */
export const ROOM_HOPS_EVERY = 4;
const AUDIENCE_INTERVAL_MS = 250;
/** The room gets the lab's 4 latency windows a second two at a time: half the frames to every
 *  phone (at 2,000 phones, 4,000 fewer writes a second), its numbers and chart moving twice a
 *  second. The presenter gets each window at once. */
export const ROOM_WINDOWS_PER_FRAME = 2;
/** A window waits no longer than this for its pair (the lab pausing during a switch). */
export const ROOM_WINDOWS_WAIT_MS = 400;
/** Every this many scoreboard broadcasts the room gets the whole board, not the changed rows:
 *  a phone that missed a delta (a volatile packet dropped for a slow connection) is right again. */
export const SCORES_WHOLE_EVERY = 10;

export interface Hub {
  detach(): void;
  /** Runs a command for a sender held by this process or, in a scale-out, by an edge. */
  execute(event: string, payload: unknown[], who: Sender): ReturnType<typeof execute>;
  /** What a connection needs to start, on every (re)connect: the deck's and demo's states too. */
  snapshot(who: Sender): SnapshotEvent[];
  /** Connections held by edge processes, reported by them (scale-out only). */
  setRemoteCount(server: string, count: AudienceCount | null): void;
}

/** The hub on a socket.io server: the talk's broadcasts, the commands, the connections; `detach` stops the broadcasts. */
export function attachHub(deps: HubDeps): Hub {
  const { io } = deps;
  const log = deps.log ?? ((m: string) => console.error(m));
  const now = deps.now ?? Date.now;

  // Presenters at once, the room in turn (server/hub/fan-out.ts); a phone's admission waits its turn too.
  const fan = fanOut(io, PRESENTERS);
  io.use(admit(deps.addresses, fan.later));
  const slowReaders = dropSlowReaders(io, log, now, deps.slowReaders);
  // The view the room's phones draw: none in a light room (deck:light), where the room is sent no
  // measurement at all and the presenters' windows (the projector among them) get every one.
  const slideView = () => {
    const state = deps.deck.state();
    return state.light ? undefined : deps.deck.deck.slides[state.slide]?.demo;
  };
  const light = () => deps.deck.state().light;

  const scoreboard = broadcastScoreboard(deps.telemetry, fan, slideView);
  const stops = [
    () => slowReaders.stop(),
    broadcastStates(deps, fan, scoreboard),
    broadcastMeasurements(deps.demo, fan, slideView, light),
    broadcastAudience(io, deps.audience, fan),
    scoreboard.stop,
  ];
  const presence = trackPresence(io, fan, now);
  const presenters = trackPresenters(io, PRESENTERS, now);
  const view = (input: CommandPayload<'view:set'>, who: Sender): null => {
    // A presenter window gets everything whatever it draws; a connection unknown here has no room to move.
    if (who.role === 'presenter' || who.socket === undefined) return null;
    moveConnection(io, who.socket, liveRoom(shardOf(who.socket)), input);
    // Back in view while the room holds the scoreboard: the whole board first (the rows that
    // changed while it was hidden); the rest of what it draws comes with the next sample.
    if (!input.hidden && scoreboard.roomHolds()) io.to(who.socket).emit('scores:state', packScoreboard(deps.telemetry.scores()));
    return null;
  };
  const run = routeCommands(deps, presence.count, presenters, now, view);
  const snapshot = snapshotOf(deps, presence.count, presenters);
  // The presenters' list is re-sent for a presenter window only, not for every phone joining.
  const presenceChanged = (role: string) => {
    presence.changed();
    if (role === 'presenter') presenters.changed();
  };
  acceptConnections(deps, { log, now, snapshot, run, presenceChanged });

  return {
    detach() {
      for (const stop of stops) stop();
      fan.cancel();
      presence.stop();
      presenters.stop();
    },
    execute: run,
    snapshot,
    setRemoteCount: presence.setRemote,
  };
}

type SlideView = () => string | undefined;

/** The scoreboard's broadcasts, and what a slide change does to them (the deck's states say when). */
interface Scoreboard {
  /** A slide that draws the scoreboard after slides that did not: the room is sent the whole board. */
  slideChanged(): void;
  /** Whether the room holds the last board broadcast, so deltas of it may come (a phone back in
   *  view, which missed some, needs it whole); else the room is sent a whole one when it draws it. */
  roomHolds(): boolean;
  stop(): void;
}

/** The scoreboard: every change to the presenters, to the room at most once a second and only on a slide that draws it. */
function broadcastScoreboard(telemetry: TelemetryStore, fan: FanOut, slideView: SlideView): Scoreboard {
  // It changes with every window; a room of phones needs it once a second at most, only its rows
  // that changed (a frozen mode's row does not), whole every SCORES_WHOLE_EVERY — and only on a
  // slide that draws it (`drawsScores`); the presenter's console gets every one.
  /** Whether the room holds the last scoreboard broadcast (else it is sent a whole one next). */
  let roomHasScores = true;
  let lastScores: PackedScoreboard | null = null;
  let scoreBroadcasts = 0;
  const scores = coalesce(() => {
    const board = packScoreboard(telemetry.scores());
    const whole = scoreBroadcasts++ % SCORES_WHOLE_EVERY === 0 || lastScores === null;
    const delta = whole ? board : scoreboardDelta(board, lastScores!);
    lastScores = board;
    // The room takes the delta only if it holds the board it is a delta of; back on a slide that
    // draws the board after a broadcast it was not sent, it gets the whole one.
    const roomSees = drawsScores(slideView());
    const roomTakesDelta = roomSees && roomHasScores;
    if (!delta.delta || delta.rows.length > 0) fan.emit('scores:state', delta, { volatile: true, ...(roomTakesDelta ? {} : { only: 'presenters' as const }) });
    if (roomSees && !roomHasScores) fan.emit('scores:state', board, { volatile: true, only: 'room' });
    roomHasScores = roomSees;
  }, SCORES_INTERVAL_MS);
  const offScores = telemetry.scoreChanges.add(() => scores.schedule());
  return {
    // (Whatever the slide: a room that holds the board gets deltas of it on the next slide that draws it.)
    roomHolds: () => roomHasScores,
    slideChanged() {
      // The room's board is whole again at once (it was sent none meanwhile), right behind the slide.
      if (roomHasScores || !drawsScores(slideView())) return;
      roomHasScores = true;
      fan.emit('scores:state', packScoreboard(telemetry.scores()), { volatile: true, only: 'room' });
    },
    stop() {
      offScores();
      scores.cancel();
    },
  };
}

/** The talk's states (slide, demo, calculator) to every connection, whole, as they change. */
function broadcastStates(deps: Pick<HubDeps, 'deck' | 'demo' | 'calculator'>, fan: FanOut, scoreboard: Scoreboard): () => void {
  const offDeck = deps.deck.changes.add((state) => {
    fan.emit('deck:state', state);
    scoreboard.slideChanged();
  });
  const offDemo = deps.demo.changes.add((state) => fan.emit('demo:state', state));
  const offCalculator = deps.calculator.changes.add((state) => fan.emit('calc:state', state));
  return () => {
    offDeck();
    offDemo();
    offCalculator();
  };
}

/** The lab's latency windows and hop samples, packed once: each one to the presenters, fewer to the
 *  room, none to it in a light room. */
function broadcastMeasurements(demo: DemoEngine, fan: FanOut, slideView: SlideView, light: () => boolean): () => void {
  let hopSamples = 0;
  // The room's latency windows, sent ROOM_WINDOWS_PER_FRAME at a time (or when one has waited).
  let roomWindows: PackedWindow[] = [];
  const sendRoomWindows = () => {
    roomWindowsWait.cancel();
    if (roomWindows.length > 0) fan.emit('latency:windows', roomWindows, { volatile: true, only: 'room' });
    roomWindows = [];
  };
  const roomWindowsWait = coalesce(sendRoomWindows, ROOM_WINDOWS_WAIT_MS);
  const offTelemetry = demo.telemetry.add((t) => {
    // Packed once here, for every connection (lib/contract/wire/window-wire.ts, hops-wire.ts).
    if (t.type === 'latency') {
      const packed = packWindow(t.window);
      fan.emit('latency:windows', [packed], { volatile: true, only: 'presenters' });
      // (A window that waits for its pair when the light room begins is sent: one frame.)
      if (light()) return;
      roomWindows.push(packed);
      if (roomWindows.length >= ROOM_WINDOWS_PER_FRAME) sendRoomWindows();
      else roomWindowsWait.schedule();
    } else {
      const roomSees = drawsHops(slideView()) && hopSamples++ % ROOM_HOPS_EVERY === 0;
      fan.emit('hops:sample', packHops(t.sample), { volatile: true, ...(roomSees ? {} : { only: 'presenters' as const }) });
    }
  });
  return () => {
    offTelemetry();
    roomWindowsWait.cancel();
  };
}

/** Polls, questions and reactions: the views coalesced, however many votes arrive; an attendee's own
 *  part at once. Reactions to the presenters' windows and the projector only: a phone draws none. */
function broadcastAudience(io: HubServer, audience: AudienceService, fan: FanOut): () => void {
  // One public broadcast and one presenter update per quarter second at most; an attendee's own
  // part goes to their connections at once.
  const audienceViews = coalesce(() => {
    io.to(PRESENTERS).emit('audience:presenter', audience.state.presenterView());
    io.to(MODERATORS).emit('audience:presenter', audience.state.moderatorView());
    fan.emit('audience:public', audience.state.publicView());
  }, AUDIENCE_INTERVAL_MS);
  const offAudience = audience.changes.add((change) => {
    for (const id of change.attendees) io.to(attendeeRoom(id)).emit('audience:mine', audience.state.mine(id));
    audienceViews.schedule();
  });
  const offReactions = audience.reactions.add((burst) => {
    fan.emit('reactions:burst', burst, { volatile: true, only: 'presenters' });
    io.to(REACTION_ROOM).volatile.emit('reactions:burst', burst);
  });
  return () => {
    offAudience();
    offReactions();
    audienceViews.cancel();
  };
}

/** Who is connected, here and (in a scale-out) on the edges. */
interface Presence {
  count(): AudienceCount;
  /** A join or a leave: the count is broadcast, coalesced. */
  changed(): void;
  setRemote(server: string, count: AudienceCount | null): void;
  stop(): void;
}

/** An edge's count not renewed this long is left out: edges report every second, and one killed
 *  outright never says goodbye (its phones, reconnected elsewhere, would be counted twice). */
export const REMOTE_COUNT_STALE_MS = 5_000;

/** The head count, here and on a scale-out's edges, broadcast coalesced: a room filling up is not a broadcast per phone. */
function trackPresence(io: HubServer, fan: FanOut, now: () => number): Presence {
  // Connections held by edge processes in a scale-out, as each last reported them.
  const remoteCounts = new Map<string, AudienceCount & { at: number }>();
  const count = (): AudienceCount => {
    let presenters = 0;
    let moderators = 0;
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.role === 'presenter') presenters++;
      else if (socket.data.role === 'moderator') moderators++;
    }
    // A moderator's phone is not one of the audience.
    let attendees = io.of('/').sockets.size - presenters - moderators;
    for (const [server, c] of remoteCounts) {
      if (now() - c.at > REMOTE_COUNT_STALE_MS) {
        remoteCounts.delete(server);
        continue;
      }
      attendees += c.attendees;
      presenters += c.presenters;
    }
    return { attendees, presenters };
  };
  // To the presenters' windows only: no phone draws the head count (at 10,000 phones, each joining
  // or leaving was a frame to every one, twice a second).
  const broadcast = coalesce(() => fan.emit('audience:count', count(), { only: 'presenters' }), AUDIENCE_COUNT_INTERVAL_MS);
  const changed = () => broadcast.schedule();
  return {
    count,
    changed,
    setRemote(server, remote) {
      if (remote) remoteCounts.set(server, { ...remote, at: now() });
      else remoteCounts.delete(server);
      changed();
    },
    stop: () => broadcast.cancel(),
  };
}

/** Every command through one door that validates and authorises it (execute), from this process's
 *  connections or an edge's; one sent again with its id (a retry after a lost answer) gets the
 *  first run's answer (command-replay.ts), and a presenter's move is noted (presenters.ts). */
function routeCommands(
  deps: HubDeps,
  audienceCount: () => AudienceCount,
  presenters: Presenters,
  now: () => number,
  view: (input: CommandPayload<'view:set'>, who: Sender) => null,
): (event: string, payload: unknown[], who: Sender) => ReturnType<typeof execute> {
  const commands = buildCommands({
    deck: deps.deck,
    demo: deps.demo,
    scenes: deps.scenes,
    calculator: deps.calculator,
    audience: deps.audience,
    audienceCount,
    addresses: deps.addresses,
    identity: deps.identity,
    demoDriver: presenters.setDriver,
    view,
  });
  // The presenters' retries apart from the room's: a room sending many ids cannot push theirs out.
  const replays = { stage: new CommandReplay(now), room: new CommandReplay(now) };
  const runOnce = async (event: string, payload: unknown[], who: Sender) => {
    // The demo's controls handed to another window: its commands only (after the access check and the schema).
    const ack = await execute(event, commands, payload, who, presenters.demoRefusal);
    if (ack.ok) presenters.ran(event, who);
    // A step a co-presenter's move beat: the refusal names who moved (their move was noted when it ran).
    else if (ack.error.code === 'stale') {
      const by = presenters.state().lastDeck;
      if (by) return { ok: false as const, error: { ...ack.error, by: { client: by.client, name: by.name, kind: by.kind } } };
    }
    return ack;
  };
  return (event, payload, who) => {
    const id = commandId(payload);
    // Keyed by who sent it: an id is only ever the sender's own (an attendee's by its identity;
    // one without an identity yet sends nothing that changes the talk).
    const sender = who.presenter?.client ?? who.attendee;
    if (id === null || sender === undefined) return runOnce(event, payload, who);
    const replay = who.role === 'attendee' ? replays.room : replays.stage;
    return replay.run(`${who.role}:${sender}:${event}:${id}`, () => runOnce(event, payload, who));
  };
}

/** What a connection needs to start, on every (re)connect: the states, the recent measurements, its part of the audience. */
function snapshotOf(deps: HubDeps, audienceCount: () => AudienceCount, presenters: Presenters): (who: Sender) => SnapshotEvent[] {
  const { deck, demo, audience, telemetry } = deps;
  return (who) => {
    // The states on every connect: nothing is replayed (no connection state recovery:
    // create-application.ts), and states to the room are written to the WebSocket directly
    // (direct-write.ts) — a phone whose Wi-Fi died before the server noticed was "written" a
    // slide it never got. The revision rule keeps whichever is newer.
    const out: SnapshotEvent[] = [
      ['deck:state', deck.state()],
      ['demo:state', demo.state()],
      ['calc:state', deps.calculator.state()],
    ];
    // The head count is drawn by the presenters' windows alone.
    if (who.role === 'presenter') out.push(['audience:count', audienceCount()]);
    // Measurements (volatile) too: every connection gets the recent past.
    out.push(
      ['telemetry:history', packHistory(telemetry.history())],
      ['scores:state', packScoreboard(telemetry.scores())],
      ['audience:public', audience.state.publicView()],
    );
    if (who.attendee) out.push(['audience:mine', audience.state.mine(who.attendee)]);
    if (who.role === 'presenter') out.push(['audience:presenter', audience.state.presenterView()], ['presenters:state', presenters.state()]);
    if (who.role === 'moderator') out.push(['audience:presenter', audience.state.moderatorView()]);
    return out;
  };
}

/** A new connection: who it is (its role from tokenGuard, its identity), the talk as it is now, then its commands within their limits. */
function acceptConnections(
  deps: HubDeps,
  hub: {
    log: (message: string) => void;
    now: () => number;
    snapshot: (who: Sender) => SnapshotEvent[];
    run: (event: string, payload: unknown[], who: Sender) => ReturnType<typeof execute>;
    presenceChanged: (role: string) => void;
  },
): void {
  const rate = deps.rate ?? DEFAULT_COMMAND_RATE;
  const frames = deps.frames ?? FRAME_RATE;
  const drop = dropper(hub.log);
  deps.io.on('connection', (socket: HubSocket) => {
    const { who, ...earned } = identify(socket, deps.identity, deps.addresses);
    socket.emit('session:hello', hello(deps.session, who, hub.now(), earned));
    // (A phone's connection got here in its turn, after the state broadcasts queued before it:
    // see admit.)
    emitSnapshot(socket, hub.snapshot(who));
    const role = socket.data.role;
    hub.presenceChanged(role);
    socket.on('disconnect', () => hub.presenceChanged(role));

    limitFrames(socket, new RateLimiter(frames.perSecond, frames.burst, hub.now), drop);
    const limiter = new RateLimiter(rate.perSecond, rate.burst, hub.now);
    const runs = commandsOf(socket, who, deps.addresses, deps.identity, hub.run);
    for (const event of COMMAND_EVENTS) registerCommand(socket, limiter, event, (payload) => runs(event, payload), hub.log, drop);
  });
}
