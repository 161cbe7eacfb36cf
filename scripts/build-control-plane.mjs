#!/usr/bin/env node
// Builds the control planes the kind backend is tested against — Helm, Istio's istiod
// (pilot-discovery) and Cilium's operator — from the Go modules pinned under
// backends/kind/control-plane/, once per machine, and finds the Helm charts those same modules
// ship (Istio's manifests/charts, Cilium's install/kubernetes/cilium). Binaries are kept outside
// the clone in folders keyed by a hash of what they are built from, as scripts/build-apiserver.mjs
// does. `node scripts/build-control-plane.mjs` builds what is missing and prints the paths.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGo } from './build-apiserver.mjs';
import { moduleDir } from './go-modules.mjs';

export const CONTROL_PLANE_DIR = 'backends/kind/control-plane';

/** What each binary is built from: its module folder, the package, build tags, version stamps. */
export const COMPONENTS = {
  helm: {
    dir: 'helm',
    module: 'helm.sh/helm/v4',
    pkg: 'helm.sh/helm/v4/cmd/helm',
    // Helm stamps only "v4.3" unless told its patch release (as its release Makefile does).
    ldflags: (v) => [`-X helm.sh/helm/v4/internal/version.version=${v}`],
  },
  pilotDiscovery: { dir: 'istiod', module: 'istio.io/istio', pkg: 'istio.io/istio/pilot/cmd/pilot-discovery', ldflags: () => [] },
  // Our xDS client (Istio's own pkg/adsc): asks istiod for the routes it serves to one proxy.
  xdsRoutes: { dir: 'istiod', module: 'istio.io/istio', pkg: './cmd/xds-routes', binary: 'xds-routes', ldflags: () => [] },
  ciliumOperator: {
    dir: 'cilium-operator',
    module: 'github.com/cilium/cilium',
    pkg: 'github.com/cilium/cilium/operator',
    binary: 'cilium-operator-generic',
    // The variant Cilium's chart runs on kind (cilium-operator-generic): operator/Makefile's tag,
    // plus Makefile.defs' osusergo; the version stamped as Cilium's release build does.
    tags: 'osusergo,ipam_provider_operator',
    ldflags: (v) => [`-X "github.com/cilium/cilium/pkg/version.ciliumVersion=${v.replace(/^v/, '')}"`],
  },
};

/** The version a component's go.mod requires of its upstream module. */
export function requiredVersion(name) {
  const c = COMPONENTS[name];
  const goMod = readFileSync(path.join(CONTROL_PLANE_DIR, c.dir, 'go.mod'), 'utf8');
  const escaped = c.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const version = new RegExp(`^\\s*(?:require\\s+)?${escaped} (v[^\\s]+)`, 'm').exec(goMod)?.[1];
  if (!version) throw new Error(`${CONTROL_PLANE_DIR}/${c.dir}/go.mod requires no ${c.module}`);
  return version;
}

function sourcesHash(dir) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (name === 'README.md') continue;
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(path.relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

function cacheRoot() {
  return process.env.MESHSTAGE_CONTROL_PLANE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'meshstage', 'control-plane');
}

/** Where this machine keeps a component's binary for the current sources. */
export function binaryPath(name) {
  const c = COMPONENTS[name];
  const dir = path.join(CONTROL_PLANE_DIR, c.dir);
  const binary = c.binary ?? path.basename(c.pkg);
  return path.join(cacheRoot(), `${binary}-${requiredVersion(name)}-${sourcesHash(dir)}`, binary);
}

export function build(go, name, log = (m) => console.log(m)) {
  const c = COMPONENTS[name];
  const out = binaryPath(name);
  if (existsSync(out)) return out;
  const started = Date.now();
  log(`control-plane: building ${c.pkg} ${requiredVersion(name)} (once per machine; minutes the first time)…`);
  const partial = `${path.dirname(out)}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const args = ['build', '-trimpath', `-ldflags=-s -w ${c.ldflags(requiredVersion(name)).join(' ')}`.trim()];
  if (c.tags) args.push(`-tags=${c.tags}`);
  args.push('-o', path.join(partial, path.basename(out)), c.pkg);
  const result = spawnSync(go, args, {
    cwd: path.join(CONTROL_PLANE_DIR, c.dir),
    stdio: ['ignore', 'inherit', 'inherit'],
    // The versions are go.sum's: a build never changes go.mod.
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly -buildvcs=false' },
  });
  if (result.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`go build ${c.pkg} failed in ${CONTROL_PLANE_DIR}/${c.dir} (exit ${result.status ?? result.signal})`);
  }
  rmSync(path.dirname(out), { recursive: true, force: true });
  renameSync(partial, path.dirname(out));
  log(`control-plane: ${path.basename(out)} built in ${Math.round((Date.now() - started) / 1000)} s, kept in ${path.dirname(out)}`);
  return out;
}

/** The folder of a component's upstream module (at its go.mod's version) in Go's module cache. */
const upstreamDir = (go, name) => moduleDir(go, COMPONENTS[name].module, path.join(CONTROL_PLANE_DIR, COMPONENTS[name].dir));

/**
 * Every control-plane binary (built unless this machine has it) and the charts their modules
 * ship. Throws an Error saying what is missing when there is no Go toolchain.
 */
export function buildControlPlane({ log = (m) => console.log(m) } = {}) {
  const go = findGo();
  if (!go)
    throw new Error(
      `go was not found: the control-plane suite builds helm, istiod and Cilium's operator from ${CONTROL_PLANE_DIR} with Go ≥ 1.26 (https://go.dev/dl)`,
    );
  const istio = upstreamDir(go, 'pilotDiscovery');
  const cilium = upstreamDir(go, 'ciliumOperator');
  return {
    helm: build(go, 'helm', log),
    pilotDiscovery: build(go, 'pilotDiscovery', log),
    xdsRoutes: build(go, 'xdsRoutes', log),
    ciliumOperator: build(go, 'ciliumOperator', log),
    charts: {
      istioBase: path.join(istio, 'manifests/charts/base'),
      istiod: path.join(istio, 'manifests/charts/istio-control/istio-discovery'),
      istioCni: path.join(istio, 'manifests/charts/istio-cni'),
      ztunnel: path.join(istio, 'manifests/charts/ztunnel'),
      cilium: path.join(cilium, 'install/kubernetes/cilium'),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(JSON.stringify(buildControlPlane(), null, 2));
  } catch (error) {
    console.error(`build-control-plane: ${error.message}`);
    process.exit(1);
  }
}
