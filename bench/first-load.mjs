#!/usr/bin/env node
// Prints the first-load JavaScript of each route as a browser gets it (every <script src> in the
// served HTML), raw and gzip. Needs a running server: `npm start`, then
// `node bench/first-load.mjs [base-url]`. Use `--json <file>` to also write the rows.
// A browser with ES modules (every browser React 19 runs in) skips `<script nomodule>` — Next.js's
// polyfills for older ones, ~39 KB gzip on every route —, so those are counted apart: `gzip KB` is
// what a phone downloads, `all gzip KB` adds them (the figure this bench printed before); `raw KB`
// and `scripts` leave them out too. KB are KiB; gzip at level 9 (the server may compress less).
// What a view fetches once it runs — socket.io's client (~14 KB) on mount, the charts, poll card
// and calculator a slide ahead — is not first load and not counted here.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const base = (args[0] ?? 'http://localhost:3000').replace(/\/$/, '');
const routes = ['/', '/live', '/present'];
const token = process.env.PRESENTER_TOKEN;
const kb = (bytes) => +(bytes / 1024).toFixed(1);

const rows = [];
for (const route of routes) {
  const url = route === '/present' && token ? `${base}${route}?token=${encodeURIComponent(token)}` : `${base}${route}`;
  const res = await fetch(url);
  if (!res.ok) {
    rows.push({ route, status: res.status, scripts: 0, raw_kb: null, gzip_kb: null, nomodule_gzip_kb: null, all_gzip_kb: null });
    continue;
  }
  const html = await res.text();
  const tags = new Map();
  for (const [tag, src] of html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)) tags.set(src, /\snomodule\b/i.test(tag));
  let raw = 0;
  let gz = 0;
  let nomoduleGz = 0;
  for (const [src, nomodule] of tags) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    const size = gzipSync(body, { level: 9 }).length;
    if (nomodule) nomoduleGz += size;
    else {
      raw += body.length;
      gz += size;
    }
  }
  const scripts = [...tags.values()].filter((nomodule) => !nomodule).length;
  rows.push({ route, status: res.status, scripts, raw_kb: kb(raw), gzip_kb: kb(gz), nomodule_gzip_kb: kb(nomoduleGz), all_gzip_kb: kb(gz + nomoduleGz) });
}

console.log('route      status  scripts  raw KB  gzip KB  nomodule gzip KB  all gzip KB');
for (const r of rows) {
  const cell = (v, w) => String(v ?? '-').padStart(w);
  console.log(
    `${r.route.padEnd(10)} ${cell(r.status, 6)}  ${cell(r.scripts, 7)}  ${cell(r.raw_kb, 6)}  ${cell(r.gzip_kb, 7)}  ${cell(r.nomodule_gzip_kb, 16)}  ${cell(r.all_gzip_kb, 11)}`,
  );
}
console.log("(gzip KB: the module-capable browser's download; nomodule: old browsers only; all: both, as this bench printed before)");
if (!token) console.log("(set PRESENTER_TOKEN to the server's token to measure /present)");
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(rows, null, 2));
