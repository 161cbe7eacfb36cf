// Scale-out across processes with the socket.io Redis adapter. One **primary** runs the talk
// (deck, demo backend, audience state and log) and broadcasts through the adapter to every
// process's connections; **edge** processes only hold connections: they identify each browser,
// ask the primary for its snapshot, and forward its commands to the primary (server-side emits
// with acks over Redis). Per-attendee rooms work across processes, so a vote cast on an edge is
// acknowledged and echoed to that attendee's other phones wherever they are connected.
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { fail, type Ack } from '../../lib/contract/ack';
import type { SessionInfo } from '../../lib/contract/events';
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

/** Connects the adapter's publish and subscribe clients; `close` disconnects both. */
export async function connectRedisAdapter(url: string): Promise<{ adapter: RedisAdapter; close: () => Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (e: Error) => console.error(`redis: ${e.message}`));
  sub.on('error', (e: Error) => console.error(`redis: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

/** The primary answers edges: runs their commands, gives their connections a snapshot, and counts them. */
export function servePrimary(io: HubServer, hub: Hub): void {
  io.on(
    'meshstage:command',
    (msg, ack) => void hub.execute(msg.event, msg.payload, msg.who as Sender).then(ack, () => ack(fail('failed', 'Internal error; nothing was changed.'))),
  );
  io.on('meshstage:snapshot', (msg, ack) => ack(hub.snapshot(msg.who as Sender)));
  io.on('meshstage:count', (msg) => hub.setRemoteCount(msg.server, msg.count));
}

export interface EdgeDeps {
  adapter: RedisAdapter;
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
  /** How long to wait for the primary before telling the browser it is unavailable. */
  primaryTimeoutMs?: number;
}

const COUNT_INTERVAL_MS = 1000;

export function createEdgeApplication(httpServer: HttpServer, deps: EdgeDeps): { io: HubServer; close(): Promise<void> } {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string) => console.error(m));
  const rate = deps.rate ?? DEFAULT_COMMAND_RATE;
  const timeout = deps.primaryTimeoutMs ?? 5000;
  const server = `edge-${randomBytes(4).toString('hex')}`;
  const io: HubServer = new Server(httpServer, SOCKET_SERVER_OPTIONS);
  io.adapter(deps.adapter);
  const addresses = deps.addressLimits ?? new AddressLimits(now);
  io.use(tokenGuard({ presenter: deps.presenterToken, moderator: deps.moderatorToken }, deps.tokenAttempts ?? new TokenAttempts(now)));
  io.use(admit(addresses));
  // An edge's phones are sent the room's broadcasts too: one that stops reading is closed here.
  const slowReaders = dropSlowReaders(io, log, now);
  // Every process answers every server-side ack; an edge's answer is null.
  io.on('meshstage:command', (_msg, ack) => ack(null));
  io.on('meshstage:snapshot', (_msg, ack) => ack(null));
  io.on('meshstage:count', () => {});

  /** Asks every other process; the primary's is the one non-null answer (null on timeout). */
  const ask = async <T>(event: 'meshstage:command' | 'meshstage:snapshot', msg: unknown): Promise<T | null> => {
    try {
      const emit = (io as unknown as { serverSideEmitWithAck(e: string, m: unknown): Promise<unknown[]> }).serverSideEmitWithAck(event, msg);
      const responses = await withTimeout(emit, timeout, 'timeout');
      return (responses.find((r) => r !== null && r !== undefined) as T | undefined) ?? null;
    } catch {
      return null;
    }
  };

  const drop = dropper(log);
  io.on('connection', (socket: HubSocket) => {
    const { who, ...earned } = identify(socket, deps.identity, addresses);
    socket.emit('session:hello', hello(deps.session, who, now(), earned));
    void ask<SnapshotEvent[]>('meshstage:snapshot', { who }).then((events) => {
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
        (await ask<Ack<unknown>>('meshstage:command', { event, payload, who: sender })) ??
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
