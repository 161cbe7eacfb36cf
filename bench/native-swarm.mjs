// The room of phones as a native process (bench/swarm, Rust): the same commands and answers as
// bench/audience-swarm.mjs's IPC, one JSON line each way over stdin/stdout. `startSwarm` gives
// either behind one face — `send(msg)`, `'message'` events, `pid` — for bench/audience-bench.mjs.
import { execFileSync, fork, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { findCargo } from '../scripts/build-dataplane.mjs';

/**
 * Starts the swarm: `native` builds bench/swarm with cargo if it is not built or not fresh
 * (once: ~30 s) and runs it; `node` forks bench/audience-swarm.mjs.
 */
export function startSwarm(root, kind) {
  if (kind === 'node') return fork(path.join(root, 'bench/audience-swarm.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (kind !== 'native') throw new Error(`--swarm is native or node, not ${kind}`);
  const manifest = path.join(root, 'bench/swarm/Cargo.toml');
  const cargo = findCargo();
  if (!cargo) throw new Error('the native swarm needs cargo (Rust, https://rustup.rs); --swarm node runs the Node one');
  try {
    execFileSync(cargo, ['build', '--release', '--locked', '--quiet', '--manifest-path', manifest], { stdio: 'inherit' });
  } catch (err) {
    throw new Error(`could not build the native swarm (${err.message}); --swarm node runs the Node one`, { cause: err });
  }
  // Where cargo put it: CARGO_TARGET_DIR (CI keeps one per machine) or the crate's own target/.
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, 'bench/swarm/target');
  const child = spawn(path.join(targetDir, 'release/meshstage-bench-swarm'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const swarm = new EventEmitter();
  swarm.pid = child.pid;
  swarm.send = (msg) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  createInterface({ input: child.stdout }).on('line', (line) => swarm.emit('message', JSON.parse(line)));
  child.once('exit', (code, signal) => swarm.emit('exit', code, signal));
  return swarm;
}
