#!/usr/bin/env node
// `npm run test:dataplane`: the Rust data plane's own checks — formatting, clippy with warnings
// as errors, and its unit tests. The tests build in the dev profile: a release test binary is a
// second ~45 s thin-LTO compile of the crate on every fresh clone, a dev one ~3 s once the
// dependencies are compiled (one time per machine, kept in the cargo target folder).
import { spawnSync } from 'node:child_process';
import { DATAPLANE_DIR, findCargo } from './build-dataplane.mjs';

const cargo = findCargo();
if (!cargo) {
  console.error(`test:dataplane: cargo was not found; the data plane (${DATAPLANE_DIR}) needs a Rust toolchain (https://rustup.rs)`);
  process.exit(1);
}
const manifest = ['--manifest-path', `${DATAPLANE_DIR}/Cargo.toml`];
for (const args of [
  ['fmt', '--check', ...manifest],
  ['clippy', '--release', '--locked', '--all-targets', '--quiet', ...manifest, '--', '-D', 'warnings'],
  ['test', '--locked', '--quiet', ...manifest],
]) {
  const result = spawnSync(cargo, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`test:dataplane: cargo ${args[0]} failed`);
    process.exit(result.status ?? 1);
  }
}
