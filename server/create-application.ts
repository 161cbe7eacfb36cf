// Wires engine, hub and socket.io onto an HTTP server. Tests call this with an in-memory backend
// and connect real typed clients; main.ts adds Next.js and the real backend.
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Deck } from '../lib/deck/types';
import type { LoadSpec } from '../lib/mesh/policies';
import type { MeshBackend } from '../backends/seam/index';
import { DeckController } from './engine/deck-controller';
import { SceneRunner } from './engine/scene-runner';
import { Calculator } from './engine/calculator';
import { DemoEngine } from './engine/demo-engine';
import { TelemetryStore } from './engine/telemetry-store';
import { attachHub, type Hub, type HubDeps, type HubServer } from './hub/hub';
import { servePrimary, type RedisScaleOut } from './hub/scale-out';
import { SOCKET_SERVER_OPTIONS } from './hub/socket-options';
import { AttendeeIdentity, IDENTITY_WORK, type IdentityWorkSettings } from './audience/attendee-identity';
import { AddressLimits } from './hub/address-limits';
import { tokenGuard } from './hub/connection';
import { TokenAttempts } from './guards/token-attempts';
import { newEpoch } from './engine/epoch';
import { StageStore, type StageSnapshot } from './engine/stage-store';
import type { AudienceLog } from './audience/audience-log';
import { AudienceService } from './audience/audience-service';

export interface ApplicationDeps {
  deck: Deck;
  backend: MeshBackend;
  presenterToken: string;
  /** The moderator link's token: questions desk only (none: no moderator link). */
  moderatorToken?: string | undefined;
  joinUrl: string;
  joinQrSvg: string;
  /** The load the backend starts with (so the panel shows what really runs). */
  load?: LoadSpec;
  log?: (message: string) => void;
  now?: () => number;
  rate?: { perSecond: number; burst: number };
  /** Inbound frames per second per connection, and the burst (default FRAME_RATE). */
  frames?: { perSecond: number; burst: number };
  slowReaders?: HubDeps['slowReaders'];
  /** Where polls, votes and questions are kept (null: memory only, as in tests). */
  audienceLog?: AudienceLog | null;
  /** Scale-out: the Redis adapter and link; this process is then the primary that edges forward to. */
  scaleOut?: RedisScaleOut;
  /** Signs attendee ids; edges must share it (default: kept beside the log, or random). */
  identitySecret?: Buffer;
  /** What an attendee identity costs a phone (default IDENTITY_WORK). */
  identityWork?: IdentityWorkSettings;
  /** Wrong presenter tokens per address, shared with the /present gate (default: its own). */
  tokenAttempts?: TokenAttempts;
  /** Per-address allowances (connections, identities, questions); one per process by default. */
  addressLimits?: AddressLimits;
  /** Where the talk stands, kept across restarts (null: not kept, as in tests). */
  stageStore?: StageStore | null;
}

export interface Application {
  io: HubServer;
  deck: DeckController;
  demo: DemoEngine;
  telemetry: TelemetryStore;
  audience: AudienceService;
  hub: Hub;
  /** Resolves once a scale-out's primary listens for its edges (at once without one). */
  primaryReady: Promise<void>;
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: ApplicationDeps): Application {
  const now = deps.now ?? Date.now;
  const io: HubServer = new Server(httpServer, {
    ...SOCKET_SERVER_OPTIONS,
    // No connection state recovery: socket.io replays a recovered session's missed packets when the
    // socket is created, before any middleware (socket.io 4.8 Socket's constructor) — a client
    // that recovered a presenter's session without the token was written the moderation queue
    // that changed meanwhile — and with recovery on every `socket.emit` is kept 2–3 minutes: each
    // connection's hello and snapshot, for anyone who opens connections. A reconnecting phone gets
    // the snapshot on every connect anyway (server/hub/hub.ts), through the same doors as any.
  });
  if (deps.scaleOut) io.adapter(deps.scaleOut.adapter);
  const addresses = deps.addressLimits ?? new AddressLimits(now);
  // Then the hub's admission (per-address allowances), in attachHub.
  io.use(tokenGuard({ presenter: deps.presenterToken, moderator: deps.moderatorToken }, deps.tokenAttempts ?? new TokenAttempts(now)));
  // One epoch for the process: screens open across a restart take its states at once.
  const epoch = newEpoch();
  const saved = deps.stageStore?.read() ?? null;
  const savedSlide = saved ? deps.deck.slides.findIndex((s) => s.id === saved.slideId) : -1;
  const deck = new DeckController(
    deps.deck,
    now,
    epoch,
    saved ? { slide: savedSlide, fragment: saved.fragment, timer: saved.timer, light: saved.light } : undefined,
  );
  const demo = new DemoEngine(deps.backend, now, deps.load, epoch);
  const scenes = new SceneRunner(deps.deck, demo, deps.log);
  const calculator = new Calculator(epoch);
  const offScenes = deck.changes.add((state) => scenes.moved(state.slide));
  scenes.moved(deck.state().slide);
  const stopKeeping = deps.stageStore ? keepStage(deps.stageStore, deck, demo, saved, deps.log ?? ((m) => console.error(m))) : () => {};
  const telemetry = new TelemetryStore(demo);
  const log = deps.audienceLog ?? null;
  const audience = new AudienceService(deps.deck.polls, log, () => telemetry.scores(), now);
  const identity = new AttendeeIdentity(deps.identitySecret ?? (log ? log.secret() : randomBytes(32)), deps.identityWork ?? IDENTITY_WORK, now);
  const hub = attachHub({
    io,
    deck,
    demo,
    scenes,
    calculator,
    telemetry,
    audience,
    identity,
    addresses,
    presenterToken: deps.presenterToken,
    session: { joinUrl: deps.joinUrl, joinQrSvg: deps.joinQrSvg },
    ...(deps.log ? { log: deps.log } : {}),
    now,
    ...(deps.rate ? { rate: deps.rate } : {}),
    ...(deps.frames ? { frames: deps.frames } : {}),
    ...(deps.slowReaders ? { slowReaders: deps.slowReaders } : {}),
  });

  // Edges' requests are answered once this resolves (`primaryReady`).
  const primaryReady = deps.scaleOut ? servePrimary(io, hub, deps.scaleOut.link, deck) : Promise.resolve();

  return {
    io,
    primaryReady,
    deck,
    demo,
    telemetry,
    audience,
    hub,
    async close() {
      stopKeeping();
      offScenes();
      hub.detach();
      telemetry.dispose();
      audience.dispose();
      demo.dispose();
      // Not disconnectSockets(): a server-sent disconnect tells socket.io clients not to come back
      // (every open screen froze across a restart); closing the server drops the transports, and
      // clients reconnect to the next start by themselves.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Closing dropped the connections, and each leave scheduled a head count and a presenters'
      // state: cancelled again, or they would go out after the close (over a closed Redis client).
      hub.detach();
    },
  };
}

/**
 * Writes where the talk stands on every change, and puts the demo back as it was (load, policy,
 * then mode) once the backend is first ready. Until then the saved demo fields are kept as they
 * were: the engine's starting `none` must not overwrite them.
 */
function keepStage(store: StageStore, deck: DeckController, demo: DemoEngine, saved: StageSnapshot | null, log: (m: string) => void): () => void {
  let restored = !saved;
  let last = '';
  const write = () => {
    const d = deck.state();
    const live = demo.state();
    const from = restored ? live : saved!;
    const snapshot: StageSnapshot = {
      slideId: deck.deck.slides[d.slide]!.id,
      fragment: d.fragment,
      timer: d.timer,
      light: d.light,
      mode: from.mode,
      policy: from.policy,
      load: from.load,
    };
    const json = JSON.stringify(snapshot);
    if (json === last) return;
    last = json;
    try {
      store.write(snapshot);
    } catch (error) {
      log(`Could not keep where the talk stands in ${store.file}: ${(error as Error).message}`);
    }
  };
  const offDeck = deck.changes.add(write);
  const restoreOnceReady = () => {
    if (restored || demo.state().backend.state !== 'ready') return;
    restored = true;
    void (async () => {
      try {
        await demo.setLoad(saved!.load);
        await demo.setPolicy(saved!.policy);
        if (saved!.mode !== demo.state().mode) await demo.setMode(saved!.mode);
      } catch (error) {
        log(`Could not put the demo back as it was (${saved!.mode}): ${(error as Error).message}`);
      }
    })();
  };
  const offDemo = demo.changes.add(() => {
    restoreOnceReady();
    write();
  });
  restoreOnceReady();
  write();
  return () => {
    offDeck();
    offDemo();
  };
}
