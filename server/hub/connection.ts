// What happens when a browser connects, wherever it connects (the primary or an edge process):
// its role from the presenter or moderator token, its attendee identity, its rooms, its hello — and, from
// the primary, the snapshot it needs to start (deck, demo, measurements, polls and questions).
import { fail, type Ack } from '../../lib/contract/ack';
import type { CommandEvent } from '../../lib/contract/commands';
import type { PresenterWindow, SessionInfo } from '../../lib/contract/events';
import { PresenterHelloSchema } from '../../lib/contract/schemas';
import type { IdentityChallenge } from '../../lib/audience/identity-work';
import type { IdentityClaimed } from '../../lib/audience/types';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { AddressLimits } from './address-limits';
import type { Sender } from './commands';
import { shardOf, shardRoom } from './fan-out';
import { liveRoom } from './live-rooms';
import type { SnapshotEvent } from './hub-types';
import type { HubSocket } from './register-command';
import type { TokenAttempts } from '../guards/token-attempts';

export const PRESENTERS = 'presenters';
/** Moderator links' connections: sent the questions desk (audience:presenter), nothing else of the presenters'. */
export const MODERATORS = 'moderators';

/** The keys a connection may present: the presenter's link and, if there is one, the moderator's. */
export interface RoleTokens {
  presenter: string;
  moderator?: string | undefined;
}
export const attendeeRoom = (id: string) => `a:${id}`;

/** socket.io middleware, first for every connection, reconnects too: the right presenter token
 *  marks a presenter's connection, the moderator token a moderator's (both admitted first, from
 *  any address); a wrong one counts and, past the allowance, is refused with how long to wait
 *  (`data.retryAfterMs`: the client tries again by itself then). Without a token it is an attendee. */
export function tokenGuard(tokens: RoleTokens, attempts: TokenAttempts) {
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    const verdict = attempts.checkRoles(tokens, socket.handshake.address, (socket.handshake.auth as Record<string, unknown> | undefined)?.token);
    // Re-derived on every handshake, from what this one presents.
    socket.data.role = verdict.kind === 'right' ? verdict.role : 'attendee';
    if (verdict.kind === 'wait') return next(Object.assign(new Error(verdict.message), { data: { retryAfterMs: verdict.waitMs } }));
    next();
  };
}

/** socket.io middleware, after tokenGuard: a connection is admitted within its address's
 *  allowances (server/hub/address-limits.ts) and counted until its transport closes. A refused
 *  client is told why (connect_error) and retries with socket.io's back-off. With `later`, an
 *  attendee's admission waits its turn behind the presenters' work (server/hub/fan-out.ts): 500
 *  connections opened at once are joined in slices, not in one block. */
export function admit(limits: AddressLimits, later?: (task: () => void) => void) {
  /** Transports that carry an attendee's socket: socket.io would open another socket on the same
   *  one for each CONNECT packet a client sends, each with its own identity and open slot. */
  const carrying = new WeakSet<object>();
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    // The presenter (and a moderator) is admitted before anything else: the address's allowances
    // (which an attacker behind the same NAT can use up) are for attendees. Both need their token.
    if (socket.data.role !== 'attendee') return next();
    if (carrying.has(socket.conn)) return next(new Error('One audience connection per transport.'));
    const admitted = limits.connect(socket.handshake.address);
    if (!admitted.ok) return next(new Error(admitted.message));
    carrying.add(socket.conn);
    socket.conn.once('close', admitted.release);
    if (!later) return next();
    later(() => {
      if (socket.conn.readyState === 'open') next();
    });
  };
}

/** Establishes who the socket is and joins its rooms; returns the attendee token to hand back,
 *  or the challenge that earns one. A phone without a valid token follows the talk at once and
 *  earns its identity in the background (`identity:claim`, then `adoptIdentity`). */
export function identify(
  socket: HubSocket,
  identity: AttendeeIdentity,
  limits: AddressLimits,
): { who: Sender; attendeeToken?: string; identityChallenge?: IdentityChallenge } {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const address = socket.handshake.address;
  // The role is what tokenGuard found in this handshake; a connection starts in no room but its
  // own (no connection state recovery: create-application.ts).
  const socketId = socket.id;
  if (socket.data.role === 'presenter') {
    void socket.join(PRESENTERS);
    const presenter = presenterOf(socket);
    socket.data.presenter = presenter;
    return { who: { role: 'presenter', address, presenter, socket: socketId } };
  }
  // A moderator follows the talk as the room does (a shard, and its live room until its page says
  // it is hidden: server/hub/live-rooms.ts) and gets the questions desk; it has no audience
  // identity: it neither votes nor asks.
  const shard = shardOf(socket.id);
  void socket.join([shardRoom(shard), liveRoom(shard)]);
  if (socket.data.role === 'moderator') {
    void socket.join(MODERATORS);
    return { who: { role: 'moderator', address, socket: socketId } };
  }
  // An attendee keeps the id it was given (if a server with this secret signed it).
  const id = identity.verify(auth?.attendee);
  const who: Sender = { role: 'attendee', address, socket: socketId };
  if (!id) return { who, identityChallenge: identity.challenge() };
  adoptIdentity(socket, who, id, limits);
  return { who, attendeeToken: auth!.attendee as string };
}

/** Who holds a presenter window, as its handshake introduces it; a window that does not (a
 *  script, an older page) or whose introduction is invalid is an unnamed console of its own. */
export function presenterOf(socket: HubSocket): PresenterWindow {
  const hello = (socket.handshake.auth as Record<string, unknown> | undefined)?.presenter;
  const parsed = PresenterHelloSchema.safeParse(hello);
  if (parsed.success) return parsed.data;
  // Field by field: a window whose name alone is refused (say, only control characters) keeps its
  // id — its retries are still recognised — and is "Presenter".
  const fields = typeof hello === 'object' && hello !== null ? (hello as Record<string, unknown>) : {};
  const client = PresenterHelloSchema.shape.client.safeParse(fields.client);
  const kind = PresenterHelloSchema.shape.kind.safeParse(fields.kind);
  return { client: client.success ? client.data : socket.id, name: 'Presenter', kind: kind.success ? kind.data : 'console' };
}

/** The connection is `attendee` from now on: its room, and its address's count of it until it disconnects. */
export function adoptIdentity(socket: HubSocket, who: Sender, attendee: string, limits: AddressLimits): void {
  who.attendee = attendee;
  socket.data.attendee = attendee;
  void socket.join(attendeeRoom(attendee));
  if (who.address !== undefined) socket.once('disconnect', limits.attach(who.address, attendee));
}

/** Connections with a claim on its way: one at a time (two at once would both pass the
 *  one-identity-per-connection check before either was adopted). */
const claiming = new WeakSet<HubSocket>();

/** Runs a connection's commands through `run` (here, or on the primary in a scale-out): each sent
 *  with whether its identity is established on its network now, and a claimed identity adopted
 *  (only onto a connection still open: one adopted after its close would count as present forever). */
export function commandsOf(
  socket: HubSocket,
  who: Sender,
  limits: AddressLimits,
  identity: AttendeeIdentity,
  run: (event: CommandEvent, payload: unknown[], who: Sender) => Promise<Ack<unknown>>,
): (event: CommandEvent, payload: unknown[]) => Promise<Ack<unknown>> {
  return async (event, payload) => {
    const sender: Sender = who.attendee && who.address !== undefined ? { ...who, established: limits.established(who.address, who.attendee) } : who;
    if (event !== 'identity:claim') return run(event, payload, sender);
    if (claiming.has(socket)) return fail('rate-limited', 'A claim for this connection is on its way.');
    claiming.add(socket);
    try {
      const ack = await run(event, payload, sender);
      const attendee = ack.ok ? identity.verify((ack.data as IdentityClaimed).attendeeToken) : null;
      if (attendee && !who.attendee && socket.connected) adoptIdentity(socket, who, attendee, limits);
      return ack;
    } finally {
      claiming.delete(socket);
    }
  };
}

export function hello(
  session: Omit<SessionInfo, 'role' | 'serverTime'>,
  who: Sender,
  serverTime: number,
  identity: { attendeeToken?: string | undefined; identityChallenge?: IdentityChallenge | undefined } = {},
): SessionInfo {
  return {
    ...session,
    role: who.role,
    serverTime,
    ...(identity.attendeeToken ? { attendeeToken: identity.attendeeToken } : {}),
    ...(identity.identityChallenge ? { identityChallenge: identity.identityChallenge } : {}),
  };
}

/** Emits a snapshot's events to one socket, in order. */
export function emitSnapshot(socket: HubSocket, events: SnapshotEvent[]): void {
  for (const [event, payload] of events) (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
}
