// What happens when a browser connects, wherever it connects (the primary or an edge process):
// its role from the presenter token, its attendee identity, its rooms, its hello — and, from
// the primary, the snapshot it needs to start (deck, demo, measurements, polls and questions).
import type { ServerToClientEvents, SessionInfo } from '../../lib/contract/events';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { AddressLimits } from './address-limits';
import type { Sender } from './commands';
import { shardOf, shardRoom } from './fan-out';
import type { HubSocket } from './register-command';
import type { TokenAttempts } from './token-attempts';

export const PRESENTERS = 'presenters';
export const attendeeRoom = (id: string) => `a:${id}`;

/** socket.io middleware, first for every connection, recovered ones too: the right presenter token
 *  marks a presenter's connection (admitted first, from any address); a wrong one counts and, past
 *  the allowance, is refused with how long to wait (`data.retryAfterMs`: the client tries again by
 *  itself then). Without a token it is an attendee. */
export function tokenGuard(presenterToken: string, attempts: TokenAttempts) {
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    const verdict = attempts.check(presenterToken, socket.handshake.address, (socket.handshake.auth as Record<string, unknown> | undefined)?.token);
    // Re-derived on every handshake: a recovered session keeps socket.data, not its role.
    socket.data.role = verdict.kind === 'right' ? 'presenter' : 'attendee';
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
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    // The presenter is admitted before anything else: the address's allowances (which an attacker
    // behind the same NAT can use up) are for attendees. Presenter connections need the token.
    if (socket.data.role === 'presenter') return next();
    const admitted = limits.connect(socket.handshake.address);
    if (!admitted.ok) return next(new Error(admitted.message));
    socket.conn.once('close', admitted.release);
    if (!later) return next();
    later(() => {
      if (socket.conn.readyState === 'open') next();
    });
  };
}

/** Establishes who the socket is and joins its rooms; returns the attendee token to hand back.
 *  A phone without a valid token gets a new identity while its address may have one; otherwise
 *  it follows the talk without one (votes and questions say why) until it reconnects. */
export function identify(socket: HubSocket, identity: AttendeeIdentity, limits: AddressLimits): { who: Sender; attendeeToken?: string } {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const address = socket.handshake.address;
  // The role is what tokenGuard found in this handshake (it runs for recovered connections too). A
  // recovered connection also gets its session's rooms back: those of the other role are left (a
  // presenter's session recovered without the token must not keep the presenters' room and its
  // moderation queue).
  if (socket.data.role === 'presenter') {
    delete socket.data.attendee;
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    void socket.join(PRESENTERS);
    return { who: { role: 'presenter', address } };
  }
  void socket.leave(PRESENTERS);
  void socket.join(shardRoom(shardOf(socket.id)));
  // An attendee keeps the id it was given (if a server with this secret signed it), or gets one.
  const known = identity.verify(auth?.attendee);
  const issued = known || !limits.issueIdentity(address) ? null : identity.issue();
  const id = known ?? issued?.id;
  for (const room of socket.rooms) if (room.startsWith('a:') && room !== (id && attendeeRoom(id))) void socket.leave(room);
  if (!id) {
    delete socket.data.attendee;
    return { who: { role: 'attendee', address } };
  }
  socket.data.attendee = id;
  void socket.join(attendeeRoom(id));
  return { who: { role: 'attendee', attendee: id, address }, attendeeToken: known ? (auth!.attendee as string) : issued!.token };
}

export function hello(session: Omit<SessionInfo, 'role' | 'serverTime'>, who: Sender, serverTime: number, attendeeToken?: string): SessionInfo {
  return { ...session, role: who.role, serverTime, ...(attendeeToken ? { attendeeToken } : {}) };
}

export type SnapshotEvent = { [E in keyof ServerToClientEvents]: [E, Parameters<ServerToClientEvents[E]>[0]] }[keyof ServerToClientEvents];

/** Emits a snapshot's events to one socket, in order. */
export function emitSnapshot(socket: HubSocket, events: SnapshotEvent[]): void {
  for (const [event, payload] of events) (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
}
