// Raw socket.io clients for what a browser page cannot do: a misbehaving attendee, malformed
// payloads, and resetting the shared server between specs.
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents } from '../../lib/contract/commands';
import type { PresenterWindow, ServerToClientEvents, SessionInfo } from '../../lib/contract/events';
import { DEFAULT_POLICY } from '../../lib/mesh/policies';
import { E2E_PORT, E2E_TOKEN } from '../../playwright.config';

export type RawClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The attendee token each attendee client earned (for tests that check where it must not go). */
export const attendeeTokens = new WeakMap<RawClient, string>();

/** A connected client; an attendee has earned its audience identity as a phone does (solved the
 *  hello's challenge — with node:crypto, as a script would — and claimed it). `server`: another
 *  server than the shared one. */
export async function rawClient(
  role: 'presenter' | 'attendee',
  server = { url: `http://localhost:${E2E_PORT}`, token: E2E_TOKEN },
  /** A presenter window's introduction (a name its co-presenters see), as the pages send it. */
  as?: PresenterWindow,
): Promise<RawClient> {
  const socket: RawClient = io(server.url, {
    auth: role === 'presenter' ? { token: server.token, ...(as ? { presenter: as } : {}) } : {},
    transports: ['websocket'],
    reconnection: false,
  });
  const greeted = new Promise<SessionInfo>((resolve) => socket.once('session:hello', resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const challenge = (await greeted).identityChallenge;
  if (role === 'attendee' && challenge) {
    let number = 0;
    while (number <= challenge.maxNumber && createHash('sha256').update(`${challenge.salt}:${number}`).digest('hex') !== challenge.challenge) number++;
    const claimed = (await send(socket, 'identity:claim', { ...challenge, number })) as { ok: boolean; data?: { attendeeToken: string } };
    if (!claimed.ok) throw new Error(`identity refused: ${JSON.stringify(claimed)}`);
    attendeeTokens.set(socket, claimed.data!.attendeeToken);
  }
  return socket;
}

export function send(socket: RawClient, event: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => (socket as unknown as { emit(...a: unknown[]): void }).emit(event, ...args, resolve));
}

/** Every spec starts on the first slide, in `none`, with default policies, the light room off. */
export async function resetShared(): Promise<void> {
  const presenter = await rawClient('presenter');
  await send(presenter, 'deck:goto', { slide: 0, fragment: -1 });
  await send(presenter, 'timer:set', { action: 'reset' });
  await send(presenter, 'questions:publishing', { atOnce: true }); // the default: questions public at once
  await send(presenter, 'demo:driver', { client: null }); // any presenter window drives the demo
  await send(presenter, 'deck:light', { light: false }); // phones get the live charts (the server keeps it across restarts)
  const sync = (await send(presenter, 'state:sync', {})) as { ok: boolean; data: { demo: { backend: { state: string } } } };
  if (sync.ok && sync.data.demo.backend.state === 'ready') {
    await send(presenter, 'mode:set', { mode: 'none' });
    await send(presenter, 'policy:set', DEFAULT_POLICY);
  }
  presenter.disconnect();
}
