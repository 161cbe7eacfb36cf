#!/usr/bin/env node
// Bundles the local lab's processes (proxy, workload, load generator, controller) to dist/lab/.
// Fast (well under a second), so tests call it too.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

export const LAB_ENTRIES = {
  proxy: 'demo-cluster/lab/src/proxy/proxy-main.ts',
  workload: 'demo-cluster/lab/src/workload/workload-main.ts',
  loadgen: 'demo-cluster/lab/src/loadgen/loadgen-main.ts',
  controller: 'demo-cluster/lab/src/controller/controller-main.ts',
  bench: 'bench/lab-bench.ts',
  // The scripted recording for /replay: the live app's engine and lab backend, driven by a script.
  record: 'scripts/record.ts',
};

export async function buildLab(outdir = 'dist/lab') {
  await build({
    entryPoints: LAB_ENTRIES,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // C sources the lab compiles at start on Linux (the SO_ORIGINAL_DST addon, eBPF programs).
  cpSync('demo-cluster/lab/native', `${outdir}/native`, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildLab();
