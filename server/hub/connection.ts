// What happens when a browser connects, wherever it connects (the primary or an edge process):
// its role from the presenter token, its attendee identity, its rooms, its hello — and, from
// the primary, the snapshot it needs to start (deck, demo, measurements, polls and questions).
import type { ServerToClientEvents, SessionInfo } from '../../lib/contract/events';
import type { AttendeeIdentity } from '../audience/attendee-identity';
import type { Sender } from './commands';
import { tokenMatches } from './presenter-token';
import type { HubSocket } from './register-command';
import type { TokenAttempts } from './token-attempts';

export const PRESENTERS = 'presenters';
export const attendeeRoom = (id: string) => `a:${id}`;

/** socket.io middleware: a connection that offers a presenter token is refused while its address
 *  has to wait (too many wrong ones), and a wrong one counts. Without a token it is an attendee. */
export function tokenGuard(presenterToken: string, attempts: TokenAttempts) {
  return (socket: HubSocket, next: (error?: Error) => void): void => {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (token === undefined || token === null || token === '') return next();
    const address = socket.handshake.address;
    const wait = attempts.waitMs(address);
    if (wait > 0) return next(new Error(`Too many wrong presenter tokens from this address; try again in ${Math.ceil(wait / 1000)} s.`));
    if (!tokenMatches(presenterToken, token)) attempts.fail(address);
    next();
  };
}

/** Establishes who the socket is and joins its rooms; returns the attendee token to hand back. */
export function identify(socket: HubSocket, presenterToken: string, identity: AttendeeIdentity): { who: Sender; attendeeToken?: string } {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  // On a recovered connection socket.data comes back from the session; recompute anyway.
  socket.data.role = tokenMatches(presenterToken, auth?.token) ? 'presenter' : 'attendee';
  if (socket.data.role === 'presenter') {
    delete socket.data.attendee;
    void socket.join(PRESENTERS);
    return { who: { role: 'presenter' } };
  }
  // An attendee keeps the id it was given (if a server with this secret signed it), or gets one.
  const known = identity.verify(auth?.attendee);
  const issued = known ? null : identity.issue();
  socket.data.attendee = known ?? issued!.id;
  void socket.join(attendeeRoom(socket.data.attendee));
  return { who: { role: 'attendee', attendee: socket.data.attendee }, attendeeToken: known ? (auth!.attendee as string) : issued!.token };
}

export function hello(session: Omit<SessionInfo, 'role' | 'serverTime'>, who: Sender, serverTime: number, attendeeToken?: string): SessionInfo {
  return { ...session, role: who.role, serverTime, ...(attendeeToken ? { attendeeToken } : {}) };
}

export type SnapshotEvent = { [E in keyof ServerToClientEvents]: [E, Parameters<ServerToClientEvents[E]>[0]] }[keyof ServerToClientEvents];

/** Emits a snapshot's events to one socket, in order. */
export function emitSnapshot(socket: HubSocket, events: SnapshotEvent[]): void {
  for (const [event, payload] of events) (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
}
