// Composition root: one Node process serving Next.js and socket.io on one port — or, with
// `--processes N`, the front of a scale-out (server/cluster/front.ts) and each of its children.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import QRCode from 'qrcode';
import { DEFAULT_LOAD } from '../lib/mesh/policies';
import { createBackend } from './backend-factory';
import { argsToEnv, readConfig } from './config';
import { createApplication } from './create-application';
import { FallbackBackend, readRecording } from '../backends/replay/index';
import { Recorder } from './replay/recorder';
import { recordingMeta } from './replay/recording-meta';
import { AttendeeIdentity } from './audience/attendee-identity';
import { connectRedisAdapter, createEdgeApplication } from './hub/scale-out';
import { loadDeck } from '../content/load-deck';
import { TokenAttempts } from './guards/token-attempts';
import { StageStore } from './engine/stage-store';
import { presenterGate } from './presenter-gate';
import { capConnections, HTTP_CAPS } from './http-caps';
import { AudienceLog } from './audience/audience-log';
import { audienceExport } from './audience/export-route';
import { clusterChild } from './cluster/messages';
import { runFront } from './cluster/front';
import { announceReady, followTalk, forwardedAddress, forwardExport, stopWithFront, takeConnections } from './cluster/child';
import { deckCurrentSlide, provideCurrentSlide } from './current-slide';

async function main(): Promise<void> {
  const child = clusterChild();
  const config = readConfig(child ? process.env : { ...process.env, ...argsToEnv(process.argv.slice(2)) });
  const root = path.resolve(process.env.MESHSTAGE_ROOT ?? process.cwd());
  if (config.processes > 1 && !child) {
    const log = path.resolve(root, config.audienceLog);
    mkdirSync(path.dirname(log), { recursive: true });
    return runFront({
      processes: config.processes,
      port: config.port,
      host: config.host,
      redisUrl: config.redisUrl,
      redisStateFile: `${log}.redis.json`,
      headersTimeoutMs: HTTP_CAPS.headersTimeoutMs,
    });
  }
  const deck = loadDeck(path.join(root, 'slides'));
  const load = { ...DEFAULT_LOAD, rps: config.initialRps };
  const redis = config.redisUrl ? await connectRedisAdapter(config.redisUrl) : null;
  // An edge runs no backend: the primary drives the data planes and the talk.
  const live =
    config.role === 'edge'
      ? null
      : createBackend(config.backend, { root, load, labTier: config.labTier, ...(config.kubeContext ? { kubeContext: config.kubeContext } : {}) });
  // The stage fallback: if the live backend fails mid-talk, the shipped recording stands in.
  const fallback = live && config.stageFallback ? readRecording(path.resolve(root, config.stageFallback)) : null;
  if (config.backend === 'replay' && live && !fallback)
    throw new Error('MESH_BACKEND=replay plays the STAGE_FALLBACK recording, and there is none (npm run record makes one)');
  const backend = live && fallback ? new FallbackBackend(live, fallback, { load, recordingOnly: config.backend === 'replay' }) : live;

  // Next.js hooks an 'upgrade' listener onto the server of its first request (for dev HMR and
  // proxied WebSockets; this production app has neither) and matched every socket.io upgrade
  // against its routes: 500 connections at once held the loop 120 ms. Handing it a server that
  // never listens leaves every upgrade to socket.io's engine.
  // A scale-out's talk process is reached by its edges only (the export): it serves no pages.
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => void res.writeHead(404).end();
  if (child !== 'talk') {
    const nextApp = next({ dev: false, dir: root, hostname: 'localhost', port: config.port, httpServer: createServer() });
    await nextApp.prepare();
    handle = nextApp.getRequestHandler();
  }
  const audienceLog = new AudienceLog(path.resolve(root, config.audienceLog));
  // PRESENTER_TOKEN, or the one kept beside the audience log: an open presenter window survives a restart.
  const presenterToken = config.presenterToken ?? audienceLog.presenterToken(config.rotatePresenterToken);
  // The moderator link (the questions desk, nothing else): MODERATOR_TOKEN, or kept beside the log too.
  const moderatorToken = config.moderatorToken ?? audienceLog.moderatorToken(config.rotateModeratorToken);
  if (moderatorToken === presenterToken) throw new Error(`The moderator token (${audienceLog.file}.moderator-token) must differ from the presenter's`);
  const tokenAttempts = new TokenAttempts();
  const gate = presenterGate(presenterToken, tokenAttempts, moderatorToken);

  let exportRoute: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  const httpServer = createServer((req, res) => {
    if (gate(req, res)) return;
    if (exportRoute?.(req, res)) return;
    void handle(req, res);
  });
  // Per address and in all, under the descriptor limit (server/http-caps.ts): slow clients cannot
  // take every connection.
  capConnections(httpServer);

  const joinUrl = `${config.publicUrl}/live`;
  const joinQrSvg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const session = { joinUrl, joinQrSvg };
  let app: { close(): Promise<void> };
  let edgeId: string | undefined;
  // A scale-out's processes say they are up only once they listen on Redis for each other.
  let listening: Promise<void>;
  let saveRecording: (() => void) | null = null;
  if (backend) {
    const primary = createApplication(httpServer, {
      deck,
      backend,
      presenterToken,
      moderatorToken,
      tokenAttempts,
      stageStore: new StageStore(`${audienceLog.file}.stage.json`),
      joinUrl,
      joinQrSvg,
      load,
      audienceLog,
      ...(redis ? { scaleOut: redis } : {}),
    });
    listening = primary.primaryReady;
    exportRoute = audienceExport(primary.audience, presenterToken, tokenAttempts, child === 'talk' ? forwardedAddress : undefined);
    // /live's and /screen's first HTML: the slide the presenter is on (server/current-slide.ts).
    provideCurrentSlide(deckCurrentSlide(primary.deck));
    app = primary;
    // RECORD_SESSION=<file>: the live talk is recorded, for /replay, and written when it stops —
    // with the room as everyone saw it (polls, public questions, reactions), never who.
    const recordTo = process.env.RECORD_SESSION?.trim();
    if (recordTo) {
      const recorder = new Recorder(primary.deck, primary.demo, Date.now, primary.audience);
      saveRecording = () => {
        const file = path.resolve(root, recordTo);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(recorder.finish(recordingMeta(root, deck.title, backend.status(), 'live'))));
        console.log(`Recorded this session to ${file}`);
      };
    }
  } else {
    // Edges sign attendee ids with the primary's secret (AUDIENCE_LOG points at the same file).
    const edge = createEdgeApplication(httpServer, {
      scaleOut: redis!,
      presenterToken,
      moderatorToken,
      tokenAttempts,
      identity: new AttendeeIdentity(audienceLog.secret()),
      session,
    });
    app = edge;
    edgeId = edge.server;
    // An edge's pages start on the slide the primary's deck is on, as it last heard it.
    provideCurrentSlide(() => {
      const state = edge.deckState();
      const slide = state ? deck.slides[state.slide] : undefined;
      return state && slide ? { state, slideId: slide.id, slideCount: deck.slides.length } : null;
    });
    listening = edge.ready;
    if (child === 'edge') {
      takeConnections(edge.io);
      exportRoute = forwardExport(followTalk());
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 5000).unref();
    try {
      saveRecording?.();
    } catch (error) {
      console.error(`Could not write the session recording: ${(error as Error).message}`);
    }
    await Promise.allSettled([app.close(), backend?.stop()]);
    await redis?.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (child === 'edge') {
    // The front holds the port and hands this edge its connections.
    process.once('disconnect', () => void stop('front gone'));
    await listening;
    announceReady('edge', edgeId ? { id: edgeId } : {});
    return;
  }
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is in use: stop the other server or set PORT`) : error),
    );
    // The talk process listens on a loopback port of its own, for its edges only.
    if (child === 'talk') httpServer.listen(0, '127.0.0.1', resolve);
    else httpServer.listen(config.port, config.host, resolve);
  });
  if (child === 'talk') stopWithFront(() => void stop('front gone'));

  console.log(`meshstage: ${deck.title} — ${deck.slides.length} slides${redis ? ` · ${config.role} over ${config.redisUrl}` : ''}`);
  console.log(`Presenter: ${config.localUrl}/present?token=${encodeURIComponent(presenterToken)}`);
  if (!config.presenterToken)
    console.log(`  (the token is kept in ${audienceLog.file}.presenter-token across restarts; ROTATE_PRESENTER_TOKEN=1 npm start makes a new one)`);
  console.log(`Phone remote: ${config.publicUrl}/remote?token=${encodeURIComponent(presenterToken)}  (or its QR code: Presenters · Remote on the console)`);
  console.log(`Moderator: ${config.publicUrl}/moderate?token=${encodeURIComponent(moderatorToken)}`);
  console.log(
    config.moderatorToken
      ? '  (questions only: hide, approve, mark answered, publish at once or not — never the slides or the demo)'
      : `  (questions only, never the slides or the demo; kept in ${audienceLog.file}.moderator-token; ROTATE_MODERATOR_TOKEN=1 makes a new one)`,
  );
  console.log(`Audience: ${joinUrl}`);
  if (!backend) {
    console.log('Backend: none on an edge (the primary runs the talk)');
    return;
  }
  await backend.start();
  await listening;
  if (child === 'talk') announceReady('talk', { port: (httpServer.address() as AddressInfo).port });
  const status = backend.status();
  console.log(`Audience data: ${audienceLog.file} (export: ${config.localUrl}/api/audience/export.csv?token=…)`);
  console.log(`Backend: ${status.name} — ${status.state}${status.variant ? ` (${status.variant})` : ''}: ${status.detail}`);
  const made = fallback ? `recorded ${fallback.meta.recordedAt.slice(0, 10)}` : '';
  console.log(
    !fallback
      ? 'Stage fallback: off'
      : config.backend === 'replay'
        ? `Recording: ${config.stageFallback} (${made}) is the demo`
        : `Stage fallback: ${config.stageFallback} (${made}) stands in if the live backend fails`,
  );
}

main().catch((error: unknown) => {
  console.error(`meshstage failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
