// What happens when a browser connects, wherever it connects (the primary or an edge process):
// its role from the presenter token, its attendee identity, its rooms, its hello — and, from
// the primary, the snapshot it needs to start (deck, demo, measurements, polls and questions).
import type { ServerToClientEvents, SessionInfo } from '../../lib/contract/events';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { AddressLimits } from './address-limits';
import type { Sender } from './commands';
import { shardOf, shardRoom } from './fan-out';
import { tokenMatches } from './presenter-token';
import type { HubSocket } from './register-command';
import type { TokenAttempts } from './token-attempts';

export const PRESENTERS = 'presenters';
export const attendeeRoom = (id: string) => `a:${id}`;

/** socket.io middleware: a connection that offers a presenter token is refused while its address
 *  has to wait (too many wrong ones), and a wrong one counts; a right one is marked a presenter's
 *  (admitted first). Without a token it is an attendee. */
export function tokenGuard(presenterToken: string, attempts: TokenAttempts) {
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (token === undefined || token === null || token === '') return next();
    const address = socket.handshake.address;
    const wait = attempts.waitMs(address);
    if (wait > 0) return next(new Error(`Too many wrong presenter tokens from this address; try again in ${Math.ceil(wait / 1000)} s.`));
    if (tokenMatches(presenterToken, token)) socket.data.role = 'presenter';
    else attempts.fail(address);
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
    const admitted = limits.connect(socket.handshake.address);
    if (!admitted.ok) return next(new Error(admitted.message));
    socket.conn.once('close', admitted.release);
    if (!later || socket.data.role === 'presenter') return next();
    later(() => {
      if (socket.conn.readyState === 'open') next();
    });
  };
}

/** Establishes who the socket is and joins its rooms; returns the attendee token to hand back.
 *  A phone without a valid token gets a new identity while its address may have one; otherwise
 *  it follows the talk without one (votes and questions say why) until it reconnects. */
export function identify(
  socket: HubSocket,
  presenterToken: string,
  identity: AttendeeIdentity,
  limits: AddressLimits,
): { who: Sender; attendeeToken?: string } {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const address = socket.handshake.address;
  // On a recovered connection socket.data comes back from the session; recompute anyway.
  socket.data.role = tokenMatches(presenterToken, auth?.token) ? 'presenter' : 'attendee';
  if (socket.data.role === 'presenter') {
    delete socket.data.attendee;
    void socket.join(PRESENTERS);
    return { who: { role: 'presenter', address } };
  }
  void socket.join(shardRoom(shardOf(socket.id)));
  // An attendee keeps the id it was given (if a server with this secret signed it), or gets one.
  const known = identity.verify(auth?.attendee);
  const issued = known || !limits.issueIdentity(address) ? null : identity.issue();
  const id = known ?? issued?.id;
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
