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
  PollSetSchema,
  PollVoteSchema,
  QuestionAskSchema,
  QuestionIdSchema,
  QuestionModerateSchema,
  ReactionSchema,
  StateSyncSchema,
  TimerSetSchema,
} from '../../lib/contract/schemas';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { AudienceService } from '../audience/audience-service';
import { CommandFailure } from '../engine/command-failure';
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
  audience: AudienceService;
  identity: AttendeeIdentity;
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
const AUDIENCE_INTERVAL_MS = 250;
const attendeeRoom = (id: string) => `a:${id}`;

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

  // Polls and questions: one public broadcast and one presenter update per quarter second at
  // most, however many votes arrive; an attendee's own part goes to their connections at once.
  let publicTimer: NodeJS.Timeout | null = null;
  const offAudience = deps.audience.changes.add((change) => {
    for (const id of change.attendees) io.to(attendeeRoom(id)).emit('audience:mine', deps.audience.state.mine(id));
    publicTimer ??= setTimeout(() => {
      publicTimer = null;
      io.emit('audience:public', deps.audience.state.publicView());
      io.to(PRESENTERS).emit('audience:presenter', deps.audience.state.presenterView());
    }, AUDIENCE_INTERVAL_MS);
  });
  const offReactions = deps.audience.reactions.add((burst) => io.volatile.emit('reactions:burst', burst));

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
    // An attendee keeps the id it was given (if this server signed it), or gets a new one.
    let attendeeToken: string | undefined;
    if (socket.data.role === 'attendee') {
      const presented = (socket.handshake.auth as Record<string, unknown> | undefined)?.attendee;
      const known = deps.identity.verify(presented);
      const issued = known ? null : deps.identity.issue();
      socket.data.attendee = known ?? issued!.id;
      attendeeToken = known ? (presented as string) : issued!.token;
      void socket.join(attendeeRoom(socket.data.attendee));
    } else delete socket.data.attendee;

    socket.emit('session:hello', { ...deps.session, role: socket.data.role, serverTime: now(), ...(attendeeToken ? { attendeeToken } : {}) });
    if (!socket.recovered) {
      // Recovery replays missed events; without it the client needs the current state.
      socket.emit('deck:state', deck.state());
      socket.emit('demo:state', demo.state());
      socket.emit('audience:count', audience());
    }
    // Volatile measurements are not replayed by recovery: every connection gets the recent past.
    socket.emit('telemetry:history', deps.telemetry.history());
    socket.emit('scores:state', deps.telemetry.scores());
    socket.emit('audience:public', deps.audience.state.publicView());
    if (socket.data.attendee) socket.emit('audience:mine', deps.audience.state.mine(socket.data.attendee));
    if (socket.data.role === 'presenter') socket.emit('audience:presenter', deps.audience.state.presenterView());
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
    const attendee = (): string => {
      if (!socket.data.attendee) throw new CommandFailure('forbidden', 'Votes, questions and reactions come from attendees (open the audience link).');
      return socket.data.attendee;
    };
    const svc = deps.audience;
    register('poll:vote', { schema: PollVoteSchema, presenterOnly: false, run: (i) => svc.vote(attendee(), i.pollId, i.option) }, log);
    register('question:ask', { schema: QuestionAskSchema, presenterOnly: false, run: (i) => svc.ask(attendee(), i.text, i.name) }, log);
    register('question:upvote', { schema: QuestionIdSchema, presenterOnly: false, run: (i) => svc.upvote(attendee(), i.id) }, log);
    register('reaction:send', { schema: ReactionSchema, presenterOnly: false, run: (i) => (svc.react(attendee(), i.emoji), null) }, log);
    register('poll:set', { schema: PollSetSchema, presenterOnly: true, run: (i) => (svc.setPoll(i.pollId, i.status), svc.state.presenterView()) }, log);
    register('question:moderate', { schema: QuestionModerateSchema, presenterOnly: true, run: (i) => (svc.moderate(i.id, i.status), svc.state.presenterView()) }, log);
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
    offAudience();
    offReactions();
    if (publicTimer) clearTimeout(publicTimer);
    if (countTimer) clearTimeout(countTimer);
    if (scoresTimer) clearTimeout(scoresTimer);
  };
}
