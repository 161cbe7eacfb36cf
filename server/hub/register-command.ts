// One wrapper for every client→server command: rate limit, authorisation, schema validation and
// an ack that always answers — even when a misbehaving client sends no callback or junk.
import type { Socket } from 'socket.io';
import { fail, ok, type Ack } from '../../lib/contract/ack';
import { COMMANDS, isCommandEvent, refusalFor, type ClientToServerEvents, type CommandEvent } from '../../lib/contract/commands';
import type { InterServerEvents, ServerToClientEvents, SocketData } from '../../lib/contract/events';
import { CommandMetaSchema, describeIssues } from '../../lib/contract/schemas';
import { CommandFailure } from '../engine/command-failure';
import type { CommandRunners, Sender } from './commands';
import type { RateLimiter } from '../../lib/async/rate-limiter';

export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Runs a command for a sender (validated against its schema, authorised by its access) and turns the outcome into an ack. */
export async function execute(
  event: string,
  runners: CommandRunners,
  payload: unknown[],
  who: Sender,
  /** Why this sender may not run this (valid) command now, or null: after the schema, so a
   *  malformed payload is always `invalid`. */
  held?: (event: string, who: Sender) => string | null,
): Promise<Ack<unknown>> {
  if (!isCommandEvent(event)) return fail('invalid', `Unknown command ${event}.`);
  const spec = COMMANDS[event];
  // The table says who may send it (a moderator: moderation only); nothing else is looked at first.
  const refusal = refusalFor(spec, who.role);
  if (refusal) return fail('forbidden', refusal);
  if (payload.length !== 1 && payload.length !== 2) return fail('invalid', `${event} takes one payload object (and optionally {id}).`);
  if (payload.length === 2 && !CommandMetaSchema.safeParse(payload[1]).success) {
    return fail('invalid', `${event}'s second argument is {id}: 8–64 letters, digits, - or _.`);
  }
  const parsed = spec.schema.safeParse(payload[0]);
  if (!parsed.success) return fail('invalid', `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
  const refusedNow = held?.(event, who);
  if (refusedNow) return fail('forbidden', refusedNow);
  try {
    // The schema of `event` parsed the payload, so it is that command's payload type.
    const run = runners[event] as (input: unknown, who: Sender) => unknown;
    return ok(await run(parsed.data, who));
  } catch (error) {
    if (error instanceof CommandFailure) return fail(error.code, error.message, error.deck);
    throw error;
  }
}

/** The id a command was sent with (its optional second argument), or null. */
export function commandId(payload: unknown[]): string | null {
  if (payload.length !== 2) return null;
  const meta = CommandMetaSchema.safeParse(payload[1]);
  return meta.success ? meta.data.id : null;
}

/** Refused commands in a row (over the rate, invalid, not the sender's to send) after which the
 *  connection is dropped: a real client is told why and stops long before; a socket that kept
 *  sending junk used to be answered "rate-limited" thousands of times and kept. */
export const MAX_REFUSALS_IN_A_ROW = 100;

const refusalsInARow = new WeakMap<HubSocket, number>();

/** Drops a connection, saying why. */
export type Drop = (socket: HubSocket, why: string) => void;

/** Counts an answer to one of the socket's commands; drops the socket at the limit. */
function noteAnswer(socket: HubSocket, ok: boolean, drop: Drop): void {
  const n = ok ? 0 : (refusalsInARow.get(socket) ?? 0) + 1;
  refusalsInARow.set(socket, n);
  if (n === MAX_REFUSALS_IN_A_ROW) drop(socket, `${n} refused commands in a row`);
}

/** Drops connections for one server; its log line comes at most once a second (with how many),
 *  since a flood of hostile connections must not become a flood of synchronous stderr writes. */
export function dropper(log: (message: string) => void, now: () => number = Date.now): Drop {
  let count = 0;
  let loggedAt = -Infinity;
  return (socket, why) => {
    socket.disconnect(true);
    count++;
    if (now() - loggedAt < 1000) return;
    log(`dropped ${count === 1 ? 'a connection' : `${count} connections`} (the last from ${socket.handshake.address}: ${why})`);
    count = 0;
    loggedAt = now();
  };
}

/** Caps the frames a connection may send (any event, known or not: socket.io ignores unknown
 *  ones without a word, so they never reached the refusal count); the connection that empties
 *  `limiter` is dropped. */
export function limitFrames(socket: HubSocket, limiter: RateLimiter, drop: Drop): void {
  socket.use((_packet, next) => {
    if (limiter.take()) return next();
    drop(socket, 'over the frame rate');
  });
}

/** Listens for `event` on the socket; `run` executes it (here, or on the primary in a scale-out). */
export function registerCommand(
  socket: HubSocket,
  limiter: RateLimiter,
  event: CommandEvent,
  run: (payload: unknown[]) => Promise<Ack<unknown>>,
  log: (message: string) => void,
  drop: Drop,
): void {
  // socket.io's typed `on` cannot express a generic event here; the payload is validated by `run`.
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const reply: (result: Ack<unknown>) => void = typeof last === 'function' ? (last as (r: Ack<unknown>) => void) : () => {};
    const payload = typeof last === 'function' ? args.slice(0, -1) : args;
    if (!limiter.take()) {
      reply(fail('rate-limited', 'Too many commands; slow down.'));
      return noteAnswer(socket, false, drop);
    }
    void run(payload).then(
      (result) => {
        reply(result);
        noteAnswer(socket, result.ok, drop);
      },
      (error: unknown) => {
        log(`command ${event} failed: ${error instanceof Error ? error.stack : String(error)}`);
        reply(fail('failed', 'Internal error; nothing was changed.'));
      },
    );
  });
}
