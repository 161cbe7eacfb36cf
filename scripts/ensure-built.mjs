#!/usr/bin/env node
// `npm start` on a fresh clone (or after a change) builds first; otherwise it starts at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dataplaneBinaryName, findCargo } from './build-dataplane.mjs';
import { needsDataplane } from './build-lab.mjs';
import { BUILD_STAMP, sourceHash } from './source-hash.mjs';

function builtHash() {
  try {
    if (!existsSync('.next/BUILD_ID') || !existsSync('dist/server.js')) return null;
    return JSON.parse(readFileSync(BUILD_STAMP, 'utf8')).hash;
  } catch {
    return null;
  }
}

if (builtHash() !== sourceHash()) {
  console.log('meshstage: building (first start or sources changed)…');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else if (needsDataplane() && !existsSync(`dist/lab/${dataplaneBinaryName()}`) && findCargo()) {
  // Built before cargo was installed, or last started with MESH_BACKEND=replay: the rest is
  // current, the data plane is not there yet.
  const result = spawnSync(process.execPath, ['scripts/build-lab.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
