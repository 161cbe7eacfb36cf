#!/usr/bin/env node
// Builds the Next.js app and bundles the custom server, then records a hash of the inputs so
// `npm start` knows whether a rebuild is needed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildLab, needsDataplane } from './build-lab.mjs';
import { SUPPORTED_MAJORS } from './node-binaries.mjs';
import { BUILD_STAMP, sourceHash } from './source-hash.mjs';

function run(cmd, args) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  return Date.now() - started;
}

const hash = sourceHash();
const nextMs = run('npx', ['--no-install', 'next', 'build']);
const serverMs = run('npx', [
  '--no-install',
  'esbuild',
  'server/main.ts',
  '--bundle',
  '--platform=node',
  '--format=esm',
  `--target=node${SUPPORTED_MAJORS[0]}`, // the oldest Node it runs on
  '--packages=external',
  '--sourcemap',
  '--log-level=warning',
  '--outfile=dist/server.js',
]);
const labStarted = Date.now();
await buildLab(undefined, { dataplane: needsDataplane() ? 'optional' : 'skip' });
const labMs = Date.now() - labStarted;
writeFileSync(BUILD_STAMP, JSON.stringify({ hash, builtAt: new Date().toISOString() }, null, 2));
console.log(`build: next ${(nextMs / 1000).toFixed(1)} s, server ${(serverMs / 1000).toFixed(1)} s, lab ${(labMs / 1000).toFixed(1)} s`);
