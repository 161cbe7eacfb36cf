// One wrapper for every client→server command: rate limit, authorisation, schema validation and
// an ack that always answers — even when a misbehaving client sends no callback or junk.
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { fail, ok, type Ack } from '../../lib/contract/ack';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../lib/contract/events';
import { describeIssues } from '../../lib/contract/schemas';
import { CommandFailure } from '../engine/command-failure';
import type { RateLimiter } from './rate-limiter';

export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface CommandSpec<S extends z.ZodType, R> {
  schema: S;
  presenterOnly: boolean;
  run: (input: z.infer<S>) => R | Promise<R>;
}

export function registerCommand<S extends z.ZodType, R>(
  socket: HubSocket,
  limiter: RateLimiter,
  event: keyof ClientToServerEvents,
  spec: CommandSpec<S, R>,
  log: (message: string) => void,
): void {
  // socket.io's typed `on` cannot express a generic event here; the payload is validated below.
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const reply: (result: Ack<R>) => void = typeof last === 'function' ? (last as (r: Ack<R>) => void) : () => {};
    const payload = typeof last === 'function' ? args.slice(0, -1) : args;
    void handle(payload).then(reply, (error: unknown) => {
      log(`command ${event} failed: ${error instanceof Error ? error.stack : String(error)}`);
      reply(fail('failed', 'Internal error; nothing was changed.'));
    });
  });

  async function handle(payload: unknown[]): Promise<Ack<R>> {
    if (!limiter.take()) return fail('rate-limited', 'Too many commands; slow down.');
    if (spec.presenterOnly && socket.data.role !== 'presenter') {
      return fail('forbidden', `Only the presenter can ${describe(event)}.`);
    }
    if (payload.length !== 1) return fail('invalid', `${event} takes exactly one payload object.`);
    const parsed = spec.schema.safeParse(payload[0]);
    if (!parsed.success) return fail('invalid', `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
    try {
      return ok(await spec.run(parsed.data));
    } catch (error) {
      if (error instanceof CommandFailure) return fail(error.code, error.message);
      throw error;
    }
  }
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
