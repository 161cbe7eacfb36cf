#!/usr/bin/env node
// Builds the local lab to dist/lab/: the controller (TypeScript, bundled with esbuild), the data
// plane (Rust: proxies, workloads, load generator — see build-dataplane.mjs) and the eBPF C
// sources the lab compiles at start. Quick when nothing changed, so tests call it too.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildDataplane } from './build-dataplane.mjs';
import { SUPPORTED_MAJORS } from './node-binaries.mjs';

export const LAB_ENTRIES = {
  controller: 'backends/lab/controller/controller-main.ts',
  bench: 'bench/lab-bench.ts',
  // The scripted recording for /replay: the live app's engine and lab backend, driven by a script.
  record: 'scripts/record.ts',
};

/**
 * `dataplane: 'optional'` (npm start) reports a missing toolchain instead of failing: the talk
 * then runs on its recording, and the lab's status says why. `'skip'`: no cargo build at all
 * (`MESH_BACKEND=replay`: no live data plane is started, so none is built; the next start with
 * the lab builds it, see ensure-built.mjs).
 */
/** Whether this start runs the lab's data plane: not with MESH_BACKEND=replay (the recording) or
 *  kind (the cluster's own pods). */
export function needsDataplane(env = process.env) {
  return !['replay', 'kind'].includes(env.MESH_BACKEND ?? 'lab');
}

export async function buildLab(outdir = 'dist/lab', { dataplane = 'required' } = {}) {
  await build({
    entryPoints: LAB_ENTRIES,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${SUPPORTED_MAJORS[0]}`, // the oldest Node it runs on
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  rmSync(`${outdir}/native`, { recursive: true, force: true });
  cpSync('backends/lab/native', `${outdir}/native`, { recursive: true });
  if (dataplane === 'skip') return;
  try {
    buildDataplane(outdir);
  } catch (error) {
    if (dataplane === 'required') throw error;
    console.error(`lab: ${error.message}. The talk runs on its recording until then.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await buildLab();
