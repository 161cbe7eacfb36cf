// Scale-out across processes with the socket.io Redis adapter. One **primary** runs the talk
// (deck, demo backend, audience state and log) and broadcasts through the adapter to every
// process's connections; **edge** processes only hold connections: they identify each browser,
// ask the primary for its snapshot, and forward its commands to the primary. Per-attendee rooms
// work across processes, so a vote cast on an edge is acknowledged and echoed to that attendee's
// other phones wherever they are connected.
// An edge asks the primary on a Redis channel of its own (PRIMARY_CHANNEL, answers on the edge's),
// not with socket.io's server-side emits: those go to every process and wait for every answer, so
// a command waited the whole timeout (and failed) while an edge that had just died was still
// counted, and every vote of a 10,000-phone room went to every edge.
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { fail, type Ack } from '../../lib/contract/ack';
import type { SessionInfo } from '../../lib/contract/events';
import type { DeckState } from '../../lib/deck/types';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import { withTimeout } from '../../lib/async/async-helpers';
import { COMMAND_EVENTS } from '../../lib/contract/commands';
import type { Sender } from './commands';
import { AddressLimits } from './address-limits';
import { admit, commandsOf, emitSnapshot, hello, identify, tokenGuard } from './connection';
import { dropSlowReaders } from './slow-readers';
import type { Hub } from './hub';
import type { HubServer, SnapshotEvent } from './hub-types';
import { RateLimiter } from '../../lib/async/rate-limiter';
import { dropper, limitFrames, registerCommand, type HubSocket } from './register-command';
import { DEFAULT_COMMAND_RATE, FRAME_RATE, SOCKET_SERVER_OPTIONS } from './socket-options';
import { TokenAttempts } from '../guards/token-attempts';

export type RedisAdapter = ReturnType<typeof createAdapter>;

/** Publish and subscribe on the scale-out's Redis, beside the adapter's own channels. */
export interface RedisLink {
  /** Resolves with how many subscribers received it (0: nobody listens on that channel). */
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
}

/** A process's way into a scale-out: socket.io's Redis adapter and a link for the edges' requests. */
export interface RedisScaleOut {
  adapter: RedisAdapter;
  link: RedisLink;
}

/** Connects the adapter's publish and subscribe clients; `close` disconnects both. */
export async function connectRedisAdapter(url: string): Promise<RedisScaleOut & { close: () => Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (e: Error) => console.error(`redis: ${e.message}`));
  sub.on('error', (e: Error) => console.error(`redis: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub),
    link: {
      publish: (channel, message) => pub.publish(channel, message),
      subscribe: async (channel, listener) => void (await sub.subscribe(channel, listener)),
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

/** Where the primary takes edges' requests; an edge hears its answers on `replyChannel(edge)`. */
export const PRIMARY_CHANNEL = 'meshstage#primary';
/** Every deck state the primary's deck takes, for the edges' pages (their first HTML is the
 *  current slide: server/current-slide.ts). */
export const DECK_CHANNEL = 'meshstage#deck';
export const replyChannel = (server: string) => `meshstage#reply#${server}`;

/** An edge's request to the primary, and the primary's answer (JSON on the channels). */
type PrimaryQuestion = { kind: 'command'; event: string; payload: unknown[]; who: Sender } | { kind: 'snapshot'; who: Sender } | { kind: 'deck' };

/** What the primary's deck offers its edges: its state now, and each change. */
export interface DeckSource {
  state(): DeckState;
  changes: { add(listener: (state: DeckState) => void): () => void };
}

/** The newer of two deck states: another epoch (the primary restarted) or a later revision. */
const newer = (held: DeckState | null, next: DeckState) => !held || held.epoch !== next.epoch || next.rev > held.rev;
type PrimaryRequest = PrimaryQuestion & { id: number; from: string };
interface PrimaryAnswer {
  id: number;
  data: unknown;
}

/** The primary answers edges: runs their commands, gives their connections a snapshot, and counts them. */
export async function servePrimary(io: HubServer, hub: Hub, link: RedisLink, deck: DeckSource): Promise<void> {
  deck.changes.add((state) => void link.publish(DECK_CHANNEL, JSON.stringify(state)).catch(() => {}));
  const answer = (request: PrimaryRequest, data: unknown) =>
    void link.publish(replyChannel(request.from), JSON.stringify({ id: request.id, data } satisfies PrimaryAnswer)).catch(() => {});
  await link.subscribe(PRIMARY_CHANNEL, (message) => {
    let request: PrimaryRequest;
    try {
      request = JSON.parse(message) as PrimaryRequest;
    } catch {
      return;
    }
    // Only edges publish here (Redis is the scale-out's own, on loopback or a private network):
    // the command itself is checked by the hub as any other (schema, role, limits).
    if (request.kind === 'snapshot') answer(request, hub.snapshot(request.who));
    else if (request.kind === 'deck') answer(request, deck.state());
    else if (request.kind === 'command')
      void hub.execute(request.event, request.payload, request.who).then(
        (ack) => answer(request, ack),
        () => answer(request, fail('failed', 'Internal error; nothing was changed.')),
      );
  });
  io.on('meshstage:count', (msg) => hub.setRemoteCount(msg.server, msg.count));
}

export interface EdgeDeps {
  scaleOut: RedisScaleOut;
  presenterToken: string;
  /** The moderator link's token (the primary's: kept beside the same AUDIENCE_LOG). */
  moderatorToken?: string | undefined;
  /** Wrong presenter tokens per address, shared with the /present gate (default: its own). */
  tokenAttempts?: TokenAttempts;
  /** Per-address allowances of this edge's connections (connections, and how long an identity
   *  has been connected here: ESTABLISHED_MS is per process, so a phone moved to another edge is
   *  a newcomer there for a minute). New identities and questions are counted by the primary,
   *  which runs every command. */
  addressLimits?: AddressLimits;
  identity: AttendeeIdentity;
  session: Omit<SessionInfo, 'role' | 'serverTime'>;
  rate?: { perSecond: number; burst: number };
  log?: (m: string) => void;
  now?: () => number;
  /** How long to wait for the primary's answer before telling the browser it is unavailable: a
   *  snapshot's, and a command's (longer: a data-plane switch is acknowledged when it is done). */
  primaryTimeoutMs?: { snapshot: number; command: number };
}

/** A switch takes up to 14 s on the lab (and its ack waits that long): a command gets more. */
export const PRIMARY_TIMEOUT_MS = { snapshot: 5_000, command: 30_000 };

const COUNT_INTERVAL_MS = 1000;

export interface EdgeApplication {
  io: HubServer;
  /** This edge's id (its phones' hello says it). */
  server: string;
  /** Resolves once it hears the primary's answers. */
  ready: Promise<void>;
  /** The primary's deck as this edge last heard it (null before the first). */
  deckState(): DeckState | null;
  close(): Promise<void>;
}

export function createEdgeApplication(httpServer: HttpServer, deps: EdgeDeps): EdgeApplication {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string) => console.error(m));
  const rate = deps.rate ?? DEFAULT_COMMAND_RATE;
  const timeouts = deps.primaryTimeoutMs ?? PRIMARY_TIMEOUT_MS;
  const server = `edge-${randomBytes(4).toString('hex')}`;
  const io: HubServer = new Server(httpServer, SOCKET_SERVER_OPTIONS);
  io.adapter(deps.scaleOut.adapter);
  const addresses = deps.addressLimits ?? new AddressLimits(now);
  io.use(tokenGuard({ presenter: deps.presenterToken, moderator: deps.moderatorToken }, deps.tokenAttempts ?? new TokenAttempts(now)));
  io.use(admit(addresses));
  // An edge's phones are sent the room's broadcasts too: one that stops reading is closed here.
  const slowReaders = dropSlowReaders(io, log, now);
  io.on('meshstage:count', () => {});

  // Requests to the primary, each answered on this edge's own channel.
  const waiting = new Map<number, (data: unknown) => void>();
  let nextId = 0;
  let deck: DeckState | null = null;
  const hear = (state: DeckState) => {
    if (newer(deck, state)) deck = state;
  };
  const ready = Promise.all([
    deps.scaleOut.link.subscribe(replyChannel(server), (message) => {
      try {
        const { id, data } = JSON.parse(message) as PrimaryAnswer;
        waiting.get(id)?.(data);
      } catch {
        // not an answer
      }
    }),
    deps.scaleOut.link.subscribe(DECK_CHANNEL, (message) => {
      try {
        hear(JSON.parse(message) as DeckState);
      } catch {
        // not a deck state
      }
    }),
  ]).then(() => {});
  /** The primary's answer, or null: nobody on the primary's channel, or no answer in time. */
  const ask = async <T>(request: PrimaryQuestion, timeoutMs: number): Promise<T | null> => {
    const id = nextId++;
    const answered = new Promise<T>((resolve) => waiting.set(id, (data) => resolve(data as T)));
    try {
      await ready;
      const heard = await deps.scaleOut.link.publish(PRIMARY_CHANNEL, JSON.stringify({ ...request, id, from: server }));
      if (heard === 0) return null; // no primary: say so at once
      return await withTimeout(answered, timeoutMs, 'timeout');
    } catch {
      return null;
    } finally {
      waiting.delete(id);
    }
  };

  // Where the deck stands when this edge starts (then each change on DECK_CHANNEL).
  void ready.then(async () => {
    const state = await ask<DeckState>({ kind: 'deck' }, timeouts.snapshot);
    if (state) hear(state);
  });

  const drop = dropper(log);
  io.on('connection', (socket: HubSocket) => {
    const { who, ...earned } = identify(socket, deps.identity, addresses);
    socket.emit('session:hello', hello({ ...deps.session, server }, who, now(), earned));
    void ask<SnapshotEvent[]>({ kind: 'snapshot', who }, timeouts.snapshot).then((events) => {
      if (events) emitSnapshot(socket, events);
      else log(`${server}: no snapshot from the primary`);
    });
    limitFrames(socket, new RateLimiter(FRAME_RATE.perSecond, FRAME_RATE.burst, now), drop);
    const limiter = new RateLimiter(rate.perSecond, rate.burst, now);
    const runs = commandsOf(
      socket,
      who,
      addresses,
      deps.identity,
      async (event, payload, sender) =>
        (await ask<Ack<unknown>>({ kind: 'command', event, payload, who: sender }, timeouts.command)) ??
        fail('unavailable', 'The primary server did not answer; nothing was changed.'),
    );
    for (const event of COMMAND_EVENTS) registerCommand(socket, limiter, event, (payload) => runs(event, payload), log, drop);
  });

  const report = () => {
    let presenters = 0;
    let moderators = 0;
    for (const s of io.of('/').sockets.values()) {
      if (s.data.role === 'presenter') presenters++;
      else if (s.data.role === 'moderator') moderators++;
    }
    io.serverSideEmit('meshstage:count', { server, count: { attendees: io.of('/').sockets.size - presenters - moderators, presenters } });
  };
  const timer = setInterval(report, COUNT_INTERVAL_MS);
  return {
    io,
    server,
    ready,
    deckState: () => deck,
    async close() {
      clearInterval(timer);
      slowReaders.stop();
      io.serverSideEmit('meshstage:count', { server, count: null });
      // Not disconnectSockets(): a server-sent disconnect tells socket.io clients not to come back
      // (every open screen froze across a restart); closing the server drops the transports, and
      // clients reconnect to the next start by themselves.
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
