// What the bench scripts share: flags, percentiles, the built server, and the Chromium to drive.
import { execFileSync, fork, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

export const BENCH_TOKEN = 'bench-presenter-token';

/**
 * Starts the built server (dist/server.js) on a free loopback port (or `port`) with a known presenter token
 * and a throw-away audience log; resolves once it printed its backend line. `nodeArgs`: node flags
 * for the server (e.g. a preload).
 */
export async function startServer(root, env = {}, { nodeArgs: extraNodeArgs = [], args = [], port: fixedPort } = {}) {
  const port =
    fixedPort ??
    (await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    }));
  const url = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = [...extraNodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const server = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', 'dist/server.js', ...args], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PRESENTER_TOKEN: BENCH_TOKEN,
      PUBLIC_URL: url,
      AUDIENCE_LOG: path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-bench-')), 'audience.jsonl'),
      ...env,
    },
    stdio: ['ignore', 'pipe', process.env.BENCH_SERVER_LOG ? 'pipe' : 'inherit'],
  });
  // BENCH_SERVER_LOG: the server's output (both streams) to a file rather than this terminal.
  if (process.env.BENCH_SERVER_LOG) {
    const out = createWriteStream(process.env.BENCH_SERVER_LOG);
    server.stdout.pipe(out);
    server.stderr.pipe(out);
  }
  // A scale-out (`args: ['--processes', N]`) is ready once its front says so, with its processes' pids.
  const scaled = args.includes('--processes') && Number(args[args.indexOf('--processes') + 1]) > 1;
  const { backendLine, scaleOut } = await new Promise((resolve, reject) => {
    let out = '';
    const on = (d) => {
      out += String(d);
      const backend = out.match(/^Backend: .*$/m)?.[0];
      const ready = out.match(/^Scale-out ready: .*talk pid (\d+) · edges pids ([\d,]+) · redis (?:pid (\d+) started here|found) at (\S+)$/m);
      if (!backend || (scaled && !ready)) return;
      server.stdout.off('data', on);
      resolve({
        backendLine: backend,
        scaleOut: ready
          ? { talk: Number(ready[1]), edges: ready[2].split(',').map(Number), redisPid: ready[3] ? Number(ready[3]) : null, redisUrl: ready[4] }
          : null,
      });
    };
    server.stdout.on('data', on);
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, token: BENCH_TOKEN, server, backendLine, scaleOut };
}

/** Removes `--flag value` from args and returns the value (or the fallback). */
export function takeFlag(args, flag, fallback) {
  const i = args.indexOf(flag);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
}

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

/**
 * Pins a bench child that stands for other machines (the room's phones, a hostile attendee) to
 * `cpu`, so they do not take the server's CPU as they would not in a real room; null leaves it.
 */
export function pinRemote(pid, cpu) {
  if (cpu === null || process.platform !== 'linux' || cpus().length < 2) return null;
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
  return cpu;
}

/** How long the swarm waits for a step's last arrivals before it reports (a straggler left out
 *  would make the phones' percentiles look better than they were). */
export const STRAGGLERS_MS = 1500;

/**
 * What the swarm saw of the presenter's steps: every phone's step → deck:state latency (ms), and
 * the fewest phones any one step reached (0 when no step was sent, never Infinity).
 */
export function deliveries(sent, report) {
  const latencies = [];
  let minReached = sent.size > 0 ? Infinity : 0;
  for (const [rev, at] of sent) {
    const got = report.arrivals[rev] ?? [];
    minReached = Math.min(minReached, got.length);
    for (const t of got) latencies.push(t - at);
  }
  return { latencies, minReached };
}

/** Playwright's Chromium where installed, else Debian's (or CHROMIUM_PATH). */
export function launchChromium(extraArgs = []) {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ executablePath, args: ['--no-sandbox', ...extraArgs] });
}

/** `node --import` of bench/loop-lag.mjs: the process prints its event-loop delay on SIGUSR2. */
export const loopLagArgs = (root) => ['--import', pathToFileURL(path.join(root, 'bench/loop-lag.mjs')).href];

/**
 * The event-loop delay of a process started with loopLagArgs, since the previous call: sends
 * SIGUSR2 and resolves with the `LOOP-LAG` line it prints on `stdout` ({p50, p99, max, mean} ms).
 * `pid`: a child of `child` writing to its stdout (a scale-out's talk or edge).
 */
export function loopLag(child, pid = child.pid) {
  return new Promise((resolve) => {
    const on = (d) => {
      const m = String(d).match(new RegExp(`^LOOP-LAG ${pid} (.*)$`, 'm'));
      if (!m) return;
      child.stdout.off('data', on);
      resolve(JSON.parse(m[1]));
    };
    child.stdout.on('data', on);
    process.kill(pid, 'SIGUSR2');
  });
}

/** Sockets a process holds open (its connections, listeners and IPC), from /proc. */
export function socketsOf(pid) {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

/** CPU ticks (user + system, 1/100 s) and resident memory of a process, from /proc. */
export function procStat(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? 0);
  return { ticks: Number(f[11]) + Number(f[12]), rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** A bench's child process (`script`, relative to the repository), pinned like the phones: `ask`
 *  sends a message and resolves with the first reply of type `reply`; `exit` asks it to leave. */
export function benchChild(root, script, remoteCpu) {
  const child = fork(path.join(root, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pinRemote(child.pid, remoteCpu);
  const ask = (msg, reply) =>
    new Promise((resolve) => {
      const on = (m) => m.t === reply && (child.off('message', on), resolve(m));
      child.on('message', on);
      child.send(msg);
    });
  const exit = () => new Promise((r) => (child.once('exit', r), child.send({ t: 'exit' })));
  return { child, ask, exit };
}
