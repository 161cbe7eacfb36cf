// Starts the real socket.io application on an ephemeral port and connects real typed clients.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/contract/events';
import { createApplication, type ApplicationDeps } from '../create-application';
import type { MeshBackend } from '../backends/mesh-backend';
import { InMemoryBackend } from './in-memory-backend';
import { testDeck } from '../../lib/deck/test-deck';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export const TEST_TOKEN = 'test-presenter-token';

export async function startTestServer(
  options: {
    backend?: MeshBackend;
    rate?: ApplicationDeps['rate'];
    frames?: ApplicationDeps['frames'];
    slowReaders?: ApplicationDeps['slowReaders'];
    addressLimits?: ApplicationDeps['addressLimits'];
    deck?: ApplicationDeps['deck'];
    audienceLog?: ApplicationDeps['audienceLog'];
    adapter?: ApplicationDeps['adapter'];
    identitySecret?: Buffer;
    stageStore?: ApplicationDeps['stageStore'];
  } = {},
) {
  const httpServer = createServer();
  const backend = options.backend ?? new InMemoryBackend();
  const logs: string[] = [];
  const app = createApplication(httpServer, {
    deck: options.deck ?? testDeck(),
    ...(options.audienceLog ? { audienceLog: options.audienceLog } : {}),
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ...(options.identitySecret ? { identitySecret: options.identitySecret } : {}),
    ...(options.stageStore ? { stageStore: options.stageStore } : {}),
    backend,
    presenterToken: TEST_TOKEN,
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
  const client = async (token?: string, beforeConnect?: (socket: TestClient) => void, attendee?: string): Promise<TestClient> => {
    const socket: TestClient = connect(url, {
      auth: { ...(token ? { token } : {}), ...(attendee ? { attendee } : {}) },
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

  return {
    app,
    backend,
    url,
    logs,
    client,
    presenter: () => client(TEST_TOKEN),
    attendee: () => client(),
    async close() {
      for (const c of clients) c.disconnect();
      await app.close();
    },
  };
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
