// The hub's shared types, in a module of their own that imports nothing of the hub: the hub
// (hub.ts), a connection's setup (connection.ts), the fan-out (fan-out.ts) and the direct writes
// (direct-write.ts) all use them, and importing them from one another made an import circle.
import type { Server } from 'socket.io';
import type { ClientToServerEvents } from '../../lib/contract/commands';
import type { InterServerEvents, ServerToClientEvents, SocketData } from '../../lib/contract/events';

/** The socket.io server, typed with the contract. */
export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** One server→client event and its payload: what a connection's snapshot is made of, and what the
 *  fan-out broadcasts. */
export type SnapshotEvent = { [E in keyof ServerToClientEvents]: [E, Parameters<ServerToClientEvents[E]>[0]] }[keyof ServerToClientEvents];
