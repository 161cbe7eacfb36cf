// Wires engine, hub and socket.io onto an HTTP server. Tests call this with an in-memory backend
// and connect real typed clients; main.ts adds Next.js and the real backend.
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Deck } from '../lib/deck/types';
import type { LoadSpec } from '../lib/mesh/policies';
import type { MeshBackend } from './backends/mesh-backend';
import { DeckController } from './engine/deck-controller';
import { DemoEngine } from './engine/demo-engine';
import { TelemetryStore } from './engine/telemetry-store';
import { attachHub, type Hub, type HubServer } from './hub/hub';
import { servePrimary, type RedisAdapter } from './hub/scale-out';
import { SOCKET_SERVER_OPTIONS } from './hub/socket-options';
import { AttendeeIdentity } from './audience/attendee-identity';
import type { AudienceLog } from './audience/audience-log';
import { AudienceService } from './audience/audience-service';

export interface ApplicationDeps {
  deck: Deck;
  backend: MeshBackend;
  presenterToken: string;
  joinUrl: string;
  joinQrSvg: string;
  /** The load the backend starts with (so the panel shows what really runs). */
  load?: LoadSpec;
  log?: (message: string) => void;
  now?: () => number;
  rate?: { perSecond: number; burst: number };
  /** Where polls, votes and questions are kept (null: memory only, as in tests). */
  audienceLog?: AudienceLog | null;
  /** Scale-out: the Redis adapter; this process is then the primary that edges forward to. */
  adapter?: RedisAdapter;
  /** Signs attendee ids; edges must share it (default: kept beside the log, or random). */
  identitySecret?: Buffer;
}

export interface Application {
  io: HubServer;
  deck: DeckController;
  demo: DemoEngine;
  telemetry: TelemetryStore;
  audience: AudienceService;
  hub: Hub;
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: ApplicationDeps): Application {
  const now = deps.now ?? Date.now;
  const io: HubServer = new Server(httpServer, {
    ...SOCKET_SERVER_OPTIONS,
    // Phones on venue Wi-Fi drop often: replay what they missed for up to two minutes.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
  });
  if (deps.adapter) io.adapter(deps.adapter);
  const deck = new DeckController(deps.deck, now);
  const demo = new DemoEngine(deps.backend, now, deps.load);
  const telemetry = new TelemetryStore(demo);
  const log = deps.audienceLog ?? null;
  const audience = new AudienceService(deps.deck.polls, log, () => telemetry.scores(), now);
  const identity = new AttendeeIdentity(deps.identitySecret ?? (log ? log.secret() : randomBytes(32)));
  const hub = attachHub({
    io,
    deck,
    demo,
    telemetry,
    audience,
    identity,
    presenterToken: deps.presenterToken,
    session: { joinUrl: deps.joinUrl, joinQrSvg: deps.joinQrSvg },
    ...(deps.log ? { log: deps.log } : {}),
    now,
    ...(deps.rate ? { rate: deps.rate } : {}),
  });

  if (deps.adapter) servePrimary(io, hub);

  return {
    io,
    deck,
    demo,
    telemetry,
    audience,
    hub,
    async close() {
      hub.detach();
      telemetry.dispose();
      audience.dispose();
      demo.dispose();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
