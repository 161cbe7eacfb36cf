// The socket.io server's settings and the per-connection command rate: one source for the hub
// (server/create-application.ts) and for every edge of a scale-out (scale-out.ts).
import type { ServerOptions } from 'socket.io';

/** Inbound socket.io messages larger than this are refused (the biggest command is ~300 B). */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** Commands per second per connection, and the burst allowed (a presenter's clicker included). */
export const DEFAULT_COMMAND_RATE = { perSecond: 10, burst: 30 };

export const SOCKET_SERVER_OPTIONS = {
  maxHttpBufferSize: MAX_MESSAGE_BYTES,
  // A dead phone connection is noticed within ~10 s (both sides), at one tiny packet per 5 s.
  pingInterval: 5_000,
  pingTimeout: 5_000,
  serveClient: false,
} satisfies Partial<ServerOptions>;
