// Rooms, roles, commands and broadcasts. Data flows backend → engine → hub → clients; commands
// flow back through here, validated and authorised.
import type { Server } from 'socket.io';
import type { z } from 'zod';
import type { AudienceCount, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SessionInfo, SocketData } from '../../lib/contract/events';
import {
  DeckGotoSchema,
  DeckStepSchema,
  LoadSetSchema,
  ModeSetSchema,
  PolicySchema,
  StateSyncSchema,
  TimerSetSchema,
} from '../../lib/contract/schemas';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';
import type { TelemetryStore } from '../engine/telemetry-store';
import { tokenMatches } from './presenter-token';
import { RateLimiter } from './rate-limiter';
import { registerCommand, type CommandSpec, type HubSocket } from './register-command';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface HubDeps {
  io: HubServer;
  deck: DeckController;
  demo: DemoEngine;
  telemetry: TelemetryStore;
  presenterToken: string;
  session: Omit<SessionInfo, 'role' | 'serverTime'>;
  log?: (message: string) => void;
  now?: () => number;
  /** Commands per second per connection, and the burst allowed. */
  rate?: { perSecond: number; burst: number };
}

const PRESENTERS = 'presenters';
const AUDIENCE_COUNT_INTERVAL_MS = 500;
const SCORES_INTERVAL_MS = 1000;

export function attachHub(deps: HubDeps): () => void {
  const { io, deck, demo } = deps;
  const log = deps.log ?? ((m: string) => console.error(m));
  const now = deps.now ?? Date.now;
  const rate = deps.rate ?? { perSecond: 10, burst: 30 };

  const offDeck = deck.changes.add((state) => io.emit('deck:state', state));
  const offDemo = demo.changes.add((state) => io.emit('demo:state', state));
  const offTelemetry = demo.telemetry.add((t) => {
    if (t.type === 'latency') io.volatile.emit('latency:window', t.window);
    else io.volatile.emit('hops:sample', t.sample);
  });

  // The scoreboard changes with every window; a room of phones needs it once a second at most.
  let scoresTimer: NodeJS.Timeout | null = null;
  const offScores = deps.telemetry.scoreChanges.add(() => {
    scoresTimer ??= setTimeout(() => {
      scoresTimer = null;
      io.volatile.emit('scores:state', deps.telemetry.scores());
    }, SCORES_INTERVAL_MS);
  });

  const audience = (): AudienceCount => {
    let presenters = 0;
    for (const socket of io.of('/').sockets.values()) if (socket.data.role === 'presenter') presenters++;
    return { attendees: io.of('/').sockets.size - presenters, presenters };
  };

  // Joins and leaves are coalesced: a room filling up must not trigger a broadcast per phone.
  let countTimer: NodeJS.Timeout | null = null;
  const scheduleAudienceCount = () => {
    countTimer ??= setTimeout(() => {
      countTimer = null;
      io.emit('audience:count', audience());
    }, AUDIENCE_COUNT_INTERVAL_MS);
  };

  io.on('connection', (socket: HubSocket) => {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    // On a recovered connection socket.data comes back from the session; recompute anyway.
    socket.data.role = tokenMatches(deps.presenterToken, token) ? 'presenter' : 'attendee';
    if (socket.data.role === 'presenter') void socket.join(PRESENTERS);

    socket.emit('session:hello', { ...deps.session, role: socket.data.role, serverTime: now() });
    if (!socket.recovered) {
      // Recovery replays missed events; without it the client needs the current state.
      socket.emit('deck:state', deck.state());
      socket.emit('demo:state', demo.state());
      socket.emit('audience:count', audience());
    }
    // Volatile measurements are not replayed by recovery: every connection gets the recent past.
    socket.emit('telemetry:history', deps.telemetry.history());
    socket.emit('scores:state', deps.telemetry.scores());
    scheduleAudienceCount();
    socket.on('disconnect', scheduleAudienceCount);

    const limiter = new RateLimiter(rate.perSecond, rate.burst, now);
    const register = <S extends z.ZodType, R>(event: keyof ClientToServerEvents, spec: CommandSpec<S, R>, log: (m: string) => void) =>
      registerCommand(socket, limiter, event, spec, log);
    register('deck:step', { schema: DeckStepSchema, presenterOnly: true, run: (i) => deck.step(i.direction) }, log);
    register('deck:goto', { schema: DeckGotoSchema, presenterOnly: true, run: (i) => deck.goto(i) }, log);
    register('timer:set', { schema: TimerSetSchema, presenterOnly: true, run: (i) => deck.timer(i.action) }, log);
    register('mode:set', { schema: ModeSetSchema, presenterOnly: true, run: (i) => demo.setMode(i.mode) }, log);
    register('policy:set', { schema: PolicySchema, presenterOnly: true, run: (i) => demo.setPolicy(i) }, log);
    register('load:set', { schema: LoadSetSchema, presenterOnly: true, run: (i) => demo.setLoad(i) }, log);
    register(
      'state:sync',
      { schema: StateSyncSchema, presenterOnly: false, run: () => ({ deck: deck.state(), demo: demo.state(), audience: audience() }) },
      log,
    );
  });

  return () => {
    offDeck();
    offDemo();
    offTelemetry();
    offScores();
    if (countTimer) clearTimeout(countTimer);
    if (scoresTimer) clearTimeout(scoresTimer);
  };
}
