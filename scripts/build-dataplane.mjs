#!/usr/bin/env node
// Builds the lab's data plane (backends/lab/dataplane: Rust, cargo, release profile) and puts
// the binary next to the rest of the lab's build. A binary built from the same sources (a stamp
// beside it holds their content hash) is reused without asking cargo: cargo judges staleness by
// file times, so every fresh clone would otherwise rebuild the crate (~45 s of LTO) for nothing.
// Otherwise cargo decides what is stale. Without cargo the lab cannot run: this says exactly
// what is missing, and the talk falls back to its recording (marked recorded).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceHash } from './source-hash.mjs';

export const DATAPLANE_DIR = 'backends/lab/dataplane';
const MANIFEST = path.join(DATAPLANE_DIR, 'Cargo.toml');

/** The binary's name is the Cargo package's name (one source: Cargo.toml). */
export function dataplaneBinaryName() {
  const name = /^name\s*=\s*"([^"]+)"/m.exec(readFileSync(MANIFEST, 'utf8'))?.[1];
  if (!name) throw new Error(`${MANIFEST} has no package name`);
  return name;
}

/** cargo on PATH, or where rustup puts it (a shell that did not source ~/.cargo/env). */
export function findCargo() {
  const onPath = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'cargo';
  const home = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin', 'cargo');
  return existsSync(home) ? home : null;
}

/**
 * Builds (when stale) and copies the binary to `outdir`. Returns the binary's path, or throws an
 * Error whose message says what is missing and what to do.
 */
export function buildDataplane(outdir = 'dist/lab') {
  const name = dataplaneBinaryName();
  // CARGO_TARGET_DIR (CI keeps one per machine, outside the clone) or cargo's default.
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(DATAPLANE_DIR, 'target');
  const built = path.join(targetDir, 'release', name);
  const cargo = findCargo();
  if (!cargo) {
    throw new Error(
      `cargo was not found: the lab's data plane (${DATAPLANE_DIR}, Rust) needs a Rust toolchain — install it with rustup (https://rustup.rs), then run npm start again`,
    );
  }
  // The stamp names the sources, the toolchain and the binary it describes (size and time), so a
  // binary rebuilt by hand from other sources is never taken for this one.
  const stampPath = `${built}.stamp.json`;
  const toolchain = spawnSync(cargo, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const sources = sourceHash([DATAPLANE_DIR]);
  const binaryId = () => {
    const s = statSync(built);
    return `${s.size}:${s.mtimeMs}`;
  };
  const stamp = () => JSON.stringify({ sources, toolchain, binary: binaryId() });
  const current = existsSync(built) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp();
  if (!current) {
    const why = !existsSync(built) ? 'the first build takes 2–4 minutes' : 'sources changed';
    console.log(`lab: building the data plane (cargo build --release in ${DATAPLANE_DIR}; ${why})…`);
    const started = Date.now();
    const result = spawnSync(cargo, ['build', '--release', '--locked', '--quiet', '--manifest-path', MANIFEST], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`cargo build --release failed in ${DATAPLANE_DIR} (exit ${result.status ?? result.signal})`);
    console.log(`lab: data plane built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    writeFileSync(stampPath, stamp());
  }
  mkdirSync(outdir, { recursive: true });
  const out = path.join(outdir, name);
  copyFileSync(built, out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(buildDataplane());
  } catch (error) {
    console.error(`build-dataplane: ${error.message}`);
    process.exit(1);
  }
}
