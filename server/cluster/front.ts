// `npm start -- --processes N` (or MESHSTAGE_PROCESSES=N): the talk over N+1 processes on one
// port. This process is the front: Node's cluster primary, holding the port and handing each TCP
// connection to an edge with socket.io's own sticky-session module (@socket.io/sticky, the
// documented way to run socket.io under `cluster`): a request with an engine.io session id goes
// to the edge that holds that session — long-polling phones need it —, a new one to the edge with
// the fewest connections. N **edges** (cluster workers) serve the pages and hold the phones; one
// **talk** process (a plain child, never handed a connection) runs the deck, the demo and the
// audience state, so a slide step is never queued behind a room's writes. They meet in Redis
// (server/hub/scale-out.ts): REDIS_URL, or a redis-server started here.
// A child that dies is started again (its phones reconnect to the other edges meanwhile); on
// SIGINT/SIGTERM every child is stopped, then Redis, by pid.
import cluster, { type Worker } from 'node:cluster';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setupMaster } from '@socket.io/sticky';
import { CHILD_ENV, isChildReady, TALK_SECRET_ENV, type TalkAt } from './messages';
import { findOrStartRedis, type RedisHandle } from './redis-server';

export interface FrontOptions {
  processes: number;
  port: number;
  host: string;
  redisUrl: string | undefined;
  /** Where this start's Redis is recorded (beside the audience log). */
  redisStateFile: string;
  /** A connection that sends nothing this long is closed (the edges' own headers timeout). */
  headersTimeoutMs: number;
  log?: (m: string) => void;
}

/** A child that keeps dying is started again after this, doubling up to RESTART_MAX_MS. */
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 10_000;
/** How long children get to stop before they are killed. */
const STOP_GRACE_MS = 8_000;

export async function runFront(options: FrontOptions): Promise<void> {
  const log = options.log ?? ((m: string) => console.log(m));
  const script = process.argv[1]!;
  let stopping = false;
  // The port first: a port in use fails the start before anything else is started.
  const http: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use: stop the other server or set PORT`) : error),
    );
    http.listen(options.port, options.host, resolve);
  });
  // Until the edges are up, the front answers itself: starting, try again (phones retry).
  const starting = (_req: IncomingMessage, res: ServerResponse) =>
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', connection: 'close' })
      .end('meshstage is starting; try again in a moment.\n');
  http.on('request', starting);
  let redis: RedisHandle | null = null;
  let talk: ChildProcess | null = null;
  let talkUrl: string | null = null;
  const stopChildren = async () => {
    http.close();
    const children: ChildProcess[] = [...Object.values(cluster.workers ?? {}).map((w) => w!.process), ...(talk ? [talk as ChildProcess] : [])];
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const kill = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
            c.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    await redis?.stop();
  };
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping the scale-out`);
    await stopChildren();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    redis = await findOrStartRedis(options.redisUrl, options.redisStateFile, log);
  } catch (error) {
    http.close();
    throw error;
  }
  // Children are one process each (MESHSTAGE_PROCESSES=1); edges prove themselves to the talk's
  // loopback port with a secret only this start knows (server/cluster/child.ts).
  const env = { ...process.env, REDIS_URL: redis.url, MESHSTAGE_PROCESSES: '1', [TALK_SECRET_ENV]: randomBytes(24).toString('hex') };
  // ROTATE_* make new tokens at the talk's first start only: a talk started again mid-talk keeps them.
  let talkEnv: NodeJS.ProcessEnv = { ...env, MESHSTAGE_ROLE: 'primary', [CHILD_ENV]: 'talk' };

  // The talk: started first (it rotates tokens if asked, and edges sign attendees with its secret).
  let talkDelay = RESTART_MIN_MS;
  const startTalk = () =>
    new Promise<void>((resolve, reject) => {
      if (stopping) return reject(new Error('stopping'));
      const child = fork(script, [], { env: talkEnv, execArgv: process.execArgv, stdio: 'inherit' });
      talkEnv = { ...talkEnv, ROTATE_PRESENTER_TOKEN: '', ROTATE_MODERATOR_TOKEN: '' };
      talk = child;
      const started = Date.now();
      child.on('message', (m) => {
        if (!isChildReady(m) || m.port === undefined) return;
        talkUrl = `http://127.0.0.1:${m.port}`;
        for (const w of Object.values(cluster.workers ?? {})) w?.send({ t: 'meshstage:talk', url: talkUrl } satisfies TalkAt);
        resolve();
      });
      child.once('exit', (code, signal) => {
        if (talk === child) talk = null;
        reject(new Error(`the talk process exited (${signal ?? code}) before it was ready`));
        if (stopping) return;
        talkDelay = Date.now() - started > 30_000 ? RESTART_MIN_MS : Math.min(RESTART_MAX_MS, talkDelay * 2);
        log(`Scale-out: the talk process (pid ${child.pid}) exited (${signal ?? code}); starting it again in ${talkDelay} ms`);
        setTimeout(() => void startTalk().catch((e: Error) => log(`Scale-out: ${e.message}`)), talkDelay);
      });
    });
  const failed = async (error: unknown): Promise<never> => {
    stopping = true;
    await stopChildren();
    throw error;
  };
  await startTalk().catch(failed);

  // Edges: cluster workers of the same script, ROTATE_* cleared (the talk already did that).
  // 'advanced': the first bytes the front read go to the edge as a Buffer, not JSON (the module's README).
  cluster.setupPrimary({ exec: script, args: [], execArgv: process.execArgv, silent: false, serialization: 'advanced' });
  const edgeEnv = { ...env, MESHSTAGE_ROLE: 'edge', [CHILD_ENV]: 'edge', ROTATE_PRESENTER_TOKEN: '', ROTATE_MODERATOR_TOKEN: '' };
  let edgeDelay = RESTART_MIN_MS;
  const startEdge = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      if (stopping) return reject(new Error('stopping'));
      const worker = cluster.fork(edgeEnv);
      // The sticky front hands a new connection to the cluster worker with the fewest
      // (`clientsCount`, which it keeps on each worker): an edge still starting would be handed
      // phones it cannot take yet (they waited out their connect timeout), so it counts as full
      // until it says it is ready.
      (worker as Worker & { clientsCount?: number }).clientsCount = Number.POSITIVE_INFINITY;
      const started = Date.now();
      worker.on('message', (m) => {
        if (!isChildReady(m)) return;
        (worker as Worker & { clientsCount?: number }).clientsCount = 0;
        log(`Scale-out: edge pid ${worker.process.pid} is ${m.id ?? 'up'}`);
        if (talkUrl) worker.send({ t: 'meshstage:talk', url: talkUrl } satisfies TalkAt);
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        reject(new Error(`an edge exited (${signal ?? code}) before it was ready`));
        if (stopping) return;
        edgeDelay = Date.now() - started > 30_000 ? RESTART_MIN_MS : Math.min(RESTART_MAX_MS, edgeDelay * 2);
        log(`Scale-out: edge pid ${worker.process.pid} exited (${signal ?? code}); its phones reconnect to the others; another starts in ${edgeDelay} ms`);
        setTimeout(
          () =>
            void startEdge().then(
              (w) => log(`Scale-out: edge pid ${w.process.pid} started`),
              (e: Error) => log(`Scale-out: ${e.message}`),
            ),
          edgeDelay,
        );
      });
    });
  const edges = await Promise.all(Array.from({ length: options.processes }, startEdge)).catch(failed);
  // From now on every connection is handed to an edge (setupMaster takes each one's bytes before
  // the front's own HTTP parser sees them).
  http.off('request', starting);
  setupMaster(http, { loadBalancingMethod: 'least-connection' });
  // The front reads each connection's first bytes before handing it on: one that sends nothing is
  // closed after the same headers timeout the edges apply.
  http.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), options.headersTimeoutMs);
    socket.once('close', () => clearTimeout(timer));
    // Before the module hands the connection over: stop reading it here. Node gives a sent handle
    // a no-op reader and closes it only when the edge acknowledges it, so bytes arriving meanwhile
    // were read by the front and dropped — a WebSocket's first frame after the upgrade (the
    // socket.io CONNECT) was lost for about one connection in 100, and the phone waited out its
    // connect timeout. Left unread, they wait in the kernel for the edge. A request with a body
    // stays with the front (the module forwards its chunks itself), so it keeps reading that one.
    socket.prependOnceListener('data', (chunk: Buffer) => {
      clearTimeout(timer);
      const head = chunk.subarray(0, chunk.indexOf('\r\n\r\n')).toString().toLowerCase();
      if (head.includes('content-length:') || head.includes('transfer-encoding:')) return;
      (socket as Socket & { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
    });
  });
  const talkPid = (talk as ChildProcess | null)?.pid;
  log(
    `Scale-out ready: front pid ${process.pid} on port ${options.port} · talk pid ${talkPid} · edges pids ${edges.map((w) => w.process.pid).join(',')} · ` +
      `redis ${redis.pid ? `pid ${redis.pid} started here` : 'found'} at ${redis.url}`,
  );
}
