// One wrapper for every client→server command: rate limit, authorisation, schema validation and
// an ack that always answers — even when a misbehaving client sends no callback or junk.
import type { Socket } from 'socket.io';
import { fail, ok, type Ack } from '../../lib/contract/ack';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../lib/contract/events';
import { describeIssues } from '../../lib/contract/schemas';
import { CommandFailure } from '../engine/command-failure';
import type { Command, Sender } from './commands';
import type { RateLimiter } from './rate-limiter';

export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Runs a command for a sender (validated, authorised) and turns the outcome into an ack. */
export async function execute(event: string, command: Command | undefined, payload: unknown[], who: Sender): Promise<Ack<unknown>> {
  if (!command) return fail('invalid', `Unknown command ${event}.`);
  if (command.presenterOnly && who.role !== 'presenter') return fail('forbidden', `Only the presenter can ${describe(event)}.`);
  if (payload.length !== 1) return fail('invalid', `${event} takes exactly one payload object.`);
  const parsed = command.schema.safeParse(payload[0]);
  if (!parsed.success) return fail('invalid', `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
  try {
    return ok(await command.run(parsed.data, who));
  } catch (error) {
    if (error instanceof CommandFailure) return fail(error.code, error.message);
    throw error;
  }
}

/** Listens for `event` on the socket; `run` executes it (here, or on the primary in a scale-out). */
export function registerCommand(
  socket: HubSocket,
  limiter: RateLimiter,
  event: keyof ClientToServerEvents,
  run: (payload: unknown[]) => Promise<Ack<unknown>>,
  log: (message: string) => void,
): void {
  // socket.io's typed `on` cannot express a generic event here; the payload is validated by `run`.
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const reply: (result: Ack<unknown>) => void = typeof last === 'function' ? (last as (r: Ack<unknown>) => void) : () => {};
    const payload = typeof last === 'function' ? args.slice(0, -1) : args;
    if (!limiter.take()) return reply(fail('rate-limited', 'Too many commands; slow down.'));
    void run(payload).then(reply, (error: unknown) => {
      log(`command ${event} failed: ${error instanceof Error ? error.stack : String(error)}`);
      reply(fail('failed', 'Internal error; nothing was changed.'));
    });
  });
}

function describe(event: string): string {
  const [domain] = event.split(':');
  switch (domain) {
    case 'deck':
      return 'change slides';
    case 'timer':
      return 'control the timer';
    case 'mode':
      return 'switch the data plane';
    case 'policy':
      return 'change L7 policies';
    case 'load':
      return 'set the load';
    case 'poll':
      return 'open, close or reveal polls';
    case 'question':
      return 'moderate questions';
    default:
      return 'do that';
  }
}
