#!/usr/bin/env node
// `npm test` on every supported Node major, not only the one running it: for each major
// scripts/node-binaries.mjs pins other than this process's, the unit suite (`vitest run --project
// unit`) and an `npm start` smoke (dist/server.js with MESH_BACKEND=replay on a free port: `/live`
// answers 200 and socket.io's handshake opens a session) run under that major's pinned build. The
// build is this Node's (`scripts/ensure-built.mjs` first: the browser tests after it find it done).
// In `npm test` it runs beside typecheck and lint (run-p); never beside the other vitest run — the
// lab's netns tier is one per machine.
//
// `node scripts/test-node-majors.mjs --preflight` only checks that this Node is one package.json's
// `engines` accepts: `npm test` starts with it, so an unsupported Node fails at once.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CI_MAJOR, NODE_BUILDS, SUPPORTED_MAJORS, nodeBinDir } from './node-binaries.mjs';

const ENGINES = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;

const parse = (version) => version.replace(/^v/, '').split('.').map(Number);
const compare = (a, b) => a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);

/**
 * Whether `version` is in `range`: the `engines` forms this repo writes — alternatives joined by
 * `||`, each `^X.Y.Z` (that major, from X.Y.Z) or `>=X[.Y[.Z]]`. Anything else throws: the
 * preflight must not pass a Node by misreading the range.
 */
export function satisfies(version, range) {
  const v = parse(version);
  return range.split('||').some((alternative) => {
    const term = alternative.trim();
    const caret = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(term);
    if (caret) return v[0] === Number(caret[1]) && compare(v, caret.slice(1).map(Number)) >= 0;
    const atLeast = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(term);
    if (atLeast) return compare(v, parse(atLeast[1])) >= 0;
    throw new Error(`engines: cannot read "${term}" (write ^X.Y.Z or >=X.Y.Z alternatives joined by ||)`);
  });
}

/** The supported majors to check besides the running one (every one, on an unsupported Node). */
export function otherMajors(running = process.versions.node) {
  return SUPPORTED_MAJORS.filter((major) => major !== parse(running)[0]);
}

/** Why this Node may not run `npm test`, or null. */
export function preflightProblem(running = process.versions.node, range = ENGINES) {
  if (satisfies(running, range)) return null;
  return (
    `Node ${running} is not supported (package.json engines: ${range}). ` +
    `Use Node ${SUPPORTED_MAJORS.join(' or ')}: \`export PATH="$(node scripts/node-binaries.mjs ${CI_MAJOR}):$PATH"\` fetches Node ${NODE_BUILDS[CI_MAJOR].version} once and puts it first, as CI does (then \`npm ci\` again)`
  );
}

/** Processes this script started and has not seen exit: stopped on a signal, by pid. */
const running = new Set();

function start(cmd, args, options) {
  // Its own process group: on a signal the child's own children (vitest's workers, the lab) go too.
  const child = spawn(cmd, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopAll(signal) {
  for (const child of running) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Gone already.
    }
  }
}

function exited(child) {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The unit suite under `bin`'s node (first on PATH too, for what the tests spawn by name). */
async function unitSuite(bin, scratch) {
  const report = path.join(scratch, 'vitest.json');
  const child = start(
    path.join(bin, 'node'),
    ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } },
  );
  const { code, signal } = await exited(child);
  let counts;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped of ${r.numTotalTests} tests in ${r.testResults.length} files`;
  } catch {
    counts = 'no report';
  }
  return { ok: code === 0, detail: code === 0 ? counts : `exit ${code ?? signal}: ${counts}` };
}

async function until(what, check, { timeoutMs, child }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before ${what}`);
    try {
      const answer = await check();
      if (answer.ok) return answer.value;
      last = answer.why;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: ${last} after ${timeoutMs / 1000} s`);
}

/** `npm start`'s server (dist/server.js, as package.json's start runs it) under `bin`'s node, on the
 *  recording (no root, no data plane), asked for `/live` and a socket.io session, then stopped. */
async function startSmoke(bin, scratch) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output = [];
  const child = start(path.join(bin, 'node'), ['--enable-source-maps', 'dist/server.js'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      MESH_BACKEND: 'replay',
      AUDIENCE_LOG: path.join(scratch, 'audience.jsonl'),
    },
  });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  try {
    const live = await until(
      'GET /live',
      async () => {
        const res = await fetch(`${base}/live`);
        const body = await res.text();
        return res.status === 200 ? { ok: true, value: body.length } : { ok: false, why: `status ${res.status}` };
      },
      { timeoutMs: 60_000, child },
    );
    const res = await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
    const body = await res.text();
    // Engine.IO's open packet: "0" then the session's JSON.
    const sid = res.status === 200 && body.startsWith('0{') ? JSON.parse(body.slice(1)).sid : undefined;
    if (!sid) throw new Error(`socket.io handshake: status ${res.status}, body ${JSON.stringify(body.slice(0, 120))}`);
    child.kill('SIGTERM');
    const { code, signal } = await Promise.race([
      exited(child),
      new Promise((resolve) => setTimeout(() => resolve({ code: null, signal: 'still running 15 s after SIGTERM' }), 15_000).unref()),
    ]);
    if (code !== 0) throw new Error(`the server did not stop cleanly on SIGTERM (${code ?? signal})`);
    return { ok: true, detail: `/live 200 (${live} bytes), socket.io handshake (sid ${sid}), stopped on SIGTERM (exit 0)` };
  } catch (error) {
    stopAll('SIGKILL');
    const log = Buffer.concat(output).toString().trim().split('\n').slice(-20).join('\n');
    return { ok: false, detail: `${error.message}${log ? `\n--- the server's last lines ---\n${log}` : ''}` };
  }
}

async function main() {
  const problem = preflightProblem();
  if (problem) {
    console.error(`npm test: ${problem}`);
    process.exit(1);
  }
  if (process.argv.includes('--preflight')) {
    console.log(`npm test: Node ${process.versions.node} (package.json engines: ${ENGINES})`);
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopAll('SIGTERM');
      process.exit(128 + os.constants.signals[signal]);
    });
  }
  const built = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);

  const results = [];
  for (const major of otherMajors()) {
    const { version } = NODE_BUILDS[major];
    const bin = nodeBinDir(major);
    const scratch = mkdtempSync(path.join(os.tmpdir(), `meshstage-node${major}-`));
    try {
      console.log(`test-node-majors: the unit suite under Node ${version}…`);
      results.push({ version, what: 'unit suite', ...(await unitSuite(bin, scratch)) });
      console.log(`test-node-majors: npm start's server under Node ${version}…`);
      results.push({ version, what: 'npm start smoke', ...(await startSmoke(bin, scratch)) });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  console.log(
    `test-node-majors: the build, typecheck, lint, the three vitest projects and the browser tests run under Node ${process.versions.node} (this npm test's)`,
  );
  for (const r of results) console.log(`test-node-majors: Node ${r.version} ${r.what}: ${r.ok ? 'ok' : 'FAILED'} — ${r.detail}`);
  if (results.some((r) => !r.ok)) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
