#!/usr/bin/env node
// `npm run build:replay`: the talk as a static site — slides, the replay with the shipped
// recording, fonts and all — in dist/replay-site/, for any static host (no Node server, no
// socket). Open /replay/ there. The pages that need the live server (/live, /present, /screen)
// are left out, and the landing page links only what works without one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2] ?? 'dist/replay-site';
/** Routes that only work against the live server (a socket to follow or drive the talk), and the
 *  deck /live and /screen fetch after their first HTML (app/audience-deck). */
const LIVE_ONLY = ['live', 'present', 'screen', 'audience-deck'];
const started = Date.now();
// Next 16 still writes the build's server files into .next even with another distDir, which
// would leave the live server (npm start) running the static-export configuration. Keep the
// live build aside and put it back, whatever happens.
const live = existsSync('.next') ? '.next-live-aside' : null;
if (live) {
  rmSync(live, { recursive: true, force: true });
  renameSync('.next', live);
}
let r;
try {
  r = spawnSync('npx', ['--no-install', 'next', 'build'], { stdio: 'inherit', env: { ...process.env, MESHSTAGE_STATIC: '1', NEXT_TELEMETRY_DISABLED: '1' } });
} finally {
  rmSync('.next', { recursive: true, force: true });
  if (live) renameSync(live, '.next');
}
if (r.status !== 0) process.exit(r.status ?? 1);
// Next 16 writes a static export into its distDir (next.config.ts: .next-static); older ones into out/.
const built = existsSync('.next-static/index.html') ? '.next-static' : 'out';
rmSync(out, { recursive: true, force: true });
cpSync(built, out, { recursive: true });
for (const page of LIVE_ONLY) {
  rmSync(path.join(out, page), { recursive: true, force: true });
  rmSync(path.join(out, `${page}.html`), { force: true });
}
const size = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
console.log(
  `build:replay: ${out}/ — ${(size(out) / 2 ** 20).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; serve it with any static file server and open /replay/`,
);
