// Starts the real socket.io application on an ephemeral port and connects real typed clients.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents } from '../../lib/contract/commands';
import type { PresenterWindow, ServerToClientEvents, SessionInfo } from '../../lib/contract/events';
import { createApplication, type ApplicationDeps } from '../create-application';
import type { MeshBackend } from '../../backends/seam/index';
import { InMemoryBackend } from '../../backends/mock/index';
import { testDeck } from '../../lib/testing/test-deck';
import { solve, type IdentityChallenge, type IdentityClaim } from '../../lib/audience/identity-work';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export const TEST_TOKEN = 'test-presenter-token';
export const TEST_MODERATOR_TOKEN = 'test-moderator-token';
export const TEST_IDENTITY_WORK = { maxNumber: 2_000, ttlMs: 60_000 };

export async function startTestServer(
  options: {
    backend?: MeshBackend;
    rate?: ApplicationDeps['rate'];
    frames?: ApplicationDeps['frames'];
    slowReaders?: ApplicationDeps['slowReaders'];
    addressLimits?: ApplicationDeps['addressLimits'];
    deck?: ApplicationDeps['deck'];
    audienceLog?: ApplicationDeps['audienceLog'];
    scaleOut?: ApplicationDeps['scaleOut'];
    identitySecret?: Buffer;
    identityWork?: ApplicationDeps['identityWork'];
    stageStore?: ApplicationDeps['stageStore'];
  } = {},
) {
  const httpServer = createServer();
  const backend = options.backend ?? new InMemoryBackend();
  const logs: string[] = [];
  const app = createApplication(httpServer, {
    deck: options.deck ?? testDeck(),
    ...(options.audienceLog ? { audienceLog: options.audienceLog } : {}),
    ...(options.scaleOut ? { scaleOut: options.scaleOut } : {}),
    ...(options.identitySecret ? { identitySecret: options.identitySecret } : {}),
    // A phone's work kept small here (the rule is the same; tests that price it pass their own).
    identityWork: options.identityWork ?? TEST_IDENTITY_WORK,
    ...(options.stageStore ? { stageStore: options.stageStore } : {}),
    backend,
    presenterToken: TEST_TOKEN,
    moderatorToken: TEST_MODERATOR_TOKEN,
    joinUrl: 'http://example.test/live',
    joinQrSvg: '<svg></svg>',
    log: (m) => logs.push(m),
    ...(options.rate ? { rate: options.rate } : {}),
    ...(options.frames ? { frames: options.frames } : {}),
    ...(options.slowReaders ? { slowReaders: options.slowReaders } : {}),
    ...(options.addressLimits ? { addressLimits: options.addressLimits } : {}),
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: TestClient[] = [];

  /** `beforeConnect` can subscribe to events the server sends right on connect; `attendee` is
   *  the signed attendee token a phone kept from an earlier connection. */
  const client = async (token?: string, beforeConnect?: (socket: TestClient) => void, attendee?: string, presenter?: PresenterWindow): Promise<TestClient> => {
    const socket: TestClient = connect(url, {
      auth: { ...(token ? { token } : {}), ...(attendee ? { attendee } : {}), ...(presenter ? { presenter } : {}) },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
      autoConnect: false,
    });
    clients.push(socket);
    beforeConnect?.(socket);
    socket.connect();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  /** A phone as the browser does it: presents the identity it `kept`, or solves the hello's
   *  challenge and claims one. `token` is its identity (undefined if the claim was refused). */
  const phone = async (
    kept?: string,
  ): Promise<{ socket: TestClient; token: string | undefined; claim?: IdentityClaim; refused?: { code: string; message: string } }> => {
    let greeted!: Promise<SessionInfo>;
    const socket = await client(undefined, (c) => (greeted = nextEvent(c, 'session:hello')), kept);
    const info = await greeted;
    if (info.attendeeToken) return { socket, token: info.attendeeToken };
    const claim = await solved(info.identityChallenge);
    const claimed = await command(socket, 'identity:claim', claim);
    return claimed.ok ? { socket, token: claimed.data.attendeeToken, claim } : { socket, token: undefined, claim, refused: claimed.error };
  };

  return {
    app,
    backend,
    url,
    logs,
    client,
    /** A presenter window; `as` introduces it (a name, a window id, which window) as the pages do. */
    presenter: (as?: PresenterWindow, beforeConnect?: (socket: TestClient) => void) => client(TEST_TOKEN, beforeConnect, undefined, as),
    phone,
    /** A phone that has earned its identity. */
    attendee: async () => {
      const p = await phone();
      if (!p.token) throw new Error(`identity refused: ${p.refused?.message}`);
      return p.socket;
    },
    /** A phone that follows without an identity (it did not do the work). */
    follower: () => client(),
    async close() {
      for (const c of clients) c.disconnect();
      await app.close();
    },
  };
}

/** The claim a phone sends for `challenge`, solved. */
export async function solved(challenge: IdentityChallenge | undefined): Promise<IdentityClaim> {
  if (!challenge) throw new Error('no identity challenge in the hello');
  const number = await solve(challenge);
  if (number === null) throw new Error('identity challenge has no answer');
  return { ...challenge, number };
}

/** Emits a command with an id (its optional second argument) and resolves with its ack. */
export function commandWithId<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  input: unknown,
  id: string,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) =>
    (socket as unknown as { emit(e: string, i: unknown, m: unknown, cb: (r: never) => void): void }).emit(event, input, { id }, resolve),
  );
}

/** Emits a command and resolves with its ack. */
export function command<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  input: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => (socket as unknown as { emit(e: string, i: unknown, cb: (r: never) => void): void }).emit(event, input, resolve));
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Resolves with the next event of that name that satisfies `match`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestClient,
  event: E,
  match: (value: Payload<E>) => boolean = () => true,
  timeoutMs = 3000,
): Promise<Payload<E>> {
  const s = socket as unknown as { on(e: string, fn: (v: Payload<E>) => void): void; off(e: string, fn: (v: Payload<E>) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (value: Payload<E>) => {
      if (!match(value)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(value);
    };
    s.on(event, listener);
  });
}
