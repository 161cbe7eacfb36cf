#!/usr/bin/env node
// Builds the real Kubernetes API server the kind backend is tested against — kube-apiserver and
// etcd from the Go modules pinned in backends/kind/apiserver/go.mod — once per machine. The
// binaries are kept outside the clone, in a folder keyed by the Kubernetes version and a hash of
// what they are built from (go.mod, go.sum, cmd/), so every later run, clone or CI job on this
// machine starts at once. `node scripts/build-apiserver.mjs` prints where they are.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APISERVER_DIR = 'backends/kind/apiserver';
const GO_MOD = path.join(APISERVER_DIR, 'go.mod');

/** The Kubernetes release go.mod builds (one source: go.mod's k8s.io/kubernetes requirement). */
export function kubernetesVersion() {
  const version = /^\s*k8s\.io\/kubernetes (v\d+\.\d+\.\d+)/m.exec(readFileSync(GO_MOD, 'utf8'))?.[1];
  if (!version) throw new Error(`${GO_MOD} requires no k8s.io/kubernetes version`);
  return version;
}

/** `go` on PATH, or where the Go tarball puts it. */
export function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return null;
}

function sourcesHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(path.relative(APISERVER_DIR, p)).update(readFileSync(p)); // relative: the cache survives a move
    }
  };
  for (const f of ['go.mod', 'go.sum']) hash.update(f).update(readFileSync(path.join(APISERVER_DIR, f)));
  hash.update(JSON.stringify(versionLdflags()));
  walk(path.join(APISERVER_DIR, 'cmd'));
  return hash.digest('hex').slice(0, 12);
}

/**
 * The version stamps Kubernetes' own release build sets (hack/lib/version.sh): without them the
 * server says v0.0.0-master, and a Helm chart's kubeVersion constraint (Cilium's: >= 1.21) refuses it.
 */
function versionLdflags() {
  const v = kubernetesVersion();
  const [major, minor] = v.slice(1).split('.');
  const pkg = 'k8s.io/component-base/version';
  return [`-X ${pkg}.gitVersion=${v}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`, `-X ${pkg}.gitTreeState=clean`];
}

/** Where this machine keeps the binaries for the current sources. */
export function apiserverBinaries() {
  const cache = process.env.MESHSTAGE_APISERVER_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'meshstage', 'apiserver');
  const dir = path.join(cache, `${kubernetesVersion()}-${sourcesHash()}`);
  return { dir, kubeApiserver: path.join(dir, 'kube-apiserver'), etcd: path.join(dir, 'etcd') };
}

/**
 * Builds the binaries unless this machine has them already; returns their paths. Throws an Error
 * saying what is missing when there is no Go toolchain.
 */
export function buildApiserver({ log = (m) => console.log(m) } = {}) {
  const bins = apiserverBinaries();
  if (existsSync(bins.kubeApiserver) && existsSync(bins.etcd)) return bins;
  const go = findGo();
  if (!go)
    throw new Error(
      `go was not found: the kind backend's API-server suite builds kube-apiserver and etcd from ${APISERVER_DIR} with Go ≥ 1.26 (https://go.dev/dl)`,
    );
  const started = Date.now();
  log(`apiserver: building kube-apiserver ${kubernetesVersion()} and etcd (once per machine; the first build takes several minutes)…`);
  // Built into a fresh folder and renamed into place: an interrupted build never looks finished.
  const partial = `${bins.dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const [out, pkg] of [
    ['kube-apiserver', 'k8s.io/kubernetes/cmd/kube-apiserver'],
    ['etcd', './cmd/etcd'],
  ]) {
    const ldflags = ['-s', '-w', ...(out === 'kube-apiserver' ? versionLdflags() : [])].join(' ');
    const result = spawnSync(go, ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', path.join(partial, out), pkg], {
      cwd: APISERVER_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      // The versions are go.sum's: a build never changes go.mod.
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly -buildvcs=false' },
    });
    if (result.status !== 0) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(`go build ${pkg} failed in ${APISERVER_DIR} (exit ${result.status ?? result.signal})`);
    }
  }
  rmSync(bins.dir, { recursive: true, force: true });
  renameSync(partial, bins.dir);
  log(`apiserver: built in ${Math.round((Date.now() - started) / 1000)} s, kept in ${bins.dir}`);
  return bins;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const bins = buildApiserver();
    console.log(bins.dir);
  } catch (error) {
    console.error(`build-apiserver: ${error.message}`);
    process.exit(1);
  }
}
