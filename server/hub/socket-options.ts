// The socket.io server's settings and the per-connection command rate: one source for the hub
// (server/create-application.ts) and for every edge of a scale-out (scale-out.ts).
import type { ServerOptions } from 'socket.io';

/** Inbound socket.io messages larger than this close the connection at the transport, before
 *  anything parses them. The biggest command is a question: 280 + 40 characters, under 2 KB even
 *  if every one were a JSON-escaped control character; 15 KB junk frames used to be read, parsed
 *  and answered. */
export const MAX_MESSAGE_BYTES = 4 * 1024;

/** Commands per second per connection, and the burst allowed (a presenter's clicker included). */
export const DEFAULT_COMMAND_RATE = { perSecond: 10, burst: 30 };

/** Inbound frames (events of any name, commands included) per second per connection, and the
 *  burst: above the command rate, so a client within it never gets near; a connection that
 *  empties it (junk, unknown events, a flood) is dropped at once. */
export const FRAME_RATE = { perSecond: 20, burst: 60 };

export const SOCKET_SERVER_OPTIONS = {
  maxHttpBufferSize: MAX_MESSAGE_BYTES,
  // A dead phone connection is noticed within ~10 s (both sides), at one tiny packet per 5 s.
  pingInterval: 5_000,
  pingTimeout: 5_000,
  serveClient: false,
} satisfies Partial<ServerOptions>;
