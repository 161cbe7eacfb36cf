// The Redis a scale-out meets in: REDIS_URL if given (found, never stopped here), else a
// `redis-server` started on a free loopback port with nothing saved to disk, stopped on exit. Its
// pid and port are kept in a file beside the audience log, so a start after a crash (the front
// killed with SIGKILL leaves its Redis running) ends that one — by pid, and only if that pid is
// still a redis-server on that port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

export interface RedisHandle {
  url: string;
  /** The pid of a redis-server started here; null for one found at REDIS_URL. */
  pid: number | null;
  stop(): Promise<void>;
}

export class RedisError extends Error {}

const READY_TIMEOUT_MS = 10_000;

export function redisBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  return found || null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
  });
}

/** Ends the redis-server an earlier start left behind (its record in `stateFile`), if it is one. */
export function endLeftover(stateFile: string, log: (m: string) => void = () => {}): void {
  if (!existsSync(stateFile)) return;
  try {
    const { pid, port } = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; port: number };
    // redis-server names itself "redis-server 127.0.0.1:PORT" in its command line.
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (cmdline.includes('redis-server') && cmdline.includes(`:${port}`)) {
      process.kill(pid, 'SIGTERM');
      log(`Stopped the Redis (pid ${pid}, port ${port}) a previous start left running`);
    }
  } catch {
    // A torn or foreign file: nothing of ours to end.
  }
  rmSync(stateFile, { force: true });
}

/** REDIS_URL as given, or a redis-server of our own (recorded in `stateFile` while it runs). */
export async function findOrStartRedis(url: string | undefined, stateFile: string, log: (m: string) => void): Promise<RedisHandle> {
  if (url) return { url, pid: null, stop: async () => {} };
  endLeftover(stateFile, log);
  const binary = redisBinary();
  if (!binary) throw new RedisError('A scale-out needs Redis: install redis-server (apt-get install redis-server) or set REDIS_URL');
  const port = await freePort();
  // A password only this start knows (its children get it in REDIS_URL): another local user could
  // otherwise publish commands to the talk as any role. Given on stdin, not on the command line.
  const password = randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(binary, ['-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.end([`port ${port}`, 'bind 127.0.0.1', 'save ""', 'appendonly no', 'daemonize no', `requirepass ${password}`].join('\n') + '\n');
  child.once('error', () => {}); // reported as its exit below
  writeFileSync(stateFile, JSON.stringify({ pid: child.pid, port }));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new RedisError(`redis-server did not become ready in ${READY_TIMEOUT_MS / 1000} s: ${output.slice(-300)}`));
    }, READY_TIMEOUT_MS);
    const on = (d: Buffer) => {
      output += String(d);
      if (output.includes('Ready to accept')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(stateFile, { force: true });
      reject(new RedisError(`redis-server exited (${code}) before it was ready: ${output.slice(-300)}`));
    });
  });
  // Drain its log so a full pipe never blocks it.
  child.stdout!.resume();
  child.stderr!.resume();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    pid: child.pid ?? null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(stateFile, { force: true });
    },
  };
}
