#!/usr/bin/env node
// Prints the first-load JavaScript of each route as a browser gets it (every <script src> in the
// served HTML), raw and gzip. Needs a running server: `npm start`, then
// `node bench/first-load.mjs [base-url]`. Use `--json <file>` to also write the rows.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const base = (args[0] ?? 'http://localhost:3000').replace(/\/$/, '');
const routes = ['/', '/live', '/present'];
const token = process.env.PRESENTER_TOKEN;

const rows = [];
for (const route of routes) {
  const url = route === '/present' && token ? `${base}${route}?token=${encodeURIComponent(token)}` : `${base}${route}`;
  const res = await fetch(url);
  if (!res.ok) {
    rows.push({ route, status: res.status, scripts: 0, raw_kb: null, gzip_kb: null });
    continue;
  }
  const html = await res.text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  rows.push({ route, status: res.status, scripts: srcs.length, raw_kb: +(raw / 1024).toFixed(1), gzip_kb: +(gz / 1024).toFixed(1) });
}

console.log('route      status  scripts  raw KB  gzip KB');
for (const r of rows) {
  console.log(
    `${r.route.padEnd(10)} ${String(r.status).padStart(6)}  ${String(r.scripts).padStart(7)}  ${String(r.raw_kb ?? '-').padStart(6)}  ${String(r.gzip_kb ?? '-').padStart(7)}`,
  );
}
if (!token) console.log("(set PRESENTER_TOKEN to the server's token to measure /present)");
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(rows, null, 2));
