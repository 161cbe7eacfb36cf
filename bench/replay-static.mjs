#!/usr/bin/env node
// The static replay site as a visitor gets it: `npm run build:replay`, then
// `node bench/replay-static.mjs [--runs 5] [--json FILE]` serves dist/replay-site with a plain
// static file server and loads /replay/ in a fresh Chromium context each run (cold cache):
// time from navigation start to the first slide shown (reveal.js ready) and to the recording
// loaded, and the bytes transferred. Prints medians.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic } from '../scripts/static-server.mjs';
import { launchChromium, percentile, takeFlag } from './support.mjs';

const args = process.argv.slice(2);
const take = (flag, fallback) => takeFlag(args, flag, fallback);
const runs = Number(take('--runs', '5'));
const jsonFile = take('--json', null);
const root = path.resolve('dist/replay-site');
if (!existsSync(path.join(root, 'replay/index.html'))) throw new Error('dist/replay-site/replay/index.html is missing: run npm run build:replay first');
const site = await serveStatic(root);
const url = `${site.url}/replay/`;

const size = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
const browser = await launchChromium();
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  let bytes = 0;
  page.on('response', async (r) => {
    try {
      bytes += (await r.body()).length;
    } catch {
      // redirects have no body
    }
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid=replay-slide][data-ready=true]', { timeout: 30_000 });
  const slideMs = await page.evaluate(() => performance.now());
  await page.waitForSelector('[data-testid=recorded-badge]');
  const recordingMs = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('lab-tour.json'))?.responseEnd ?? NaN);
  await page.waitForTimeout(300);
  samples.push({ slideMs, recordingMs, bytes });
  await context.close();
}
await browser.close();
site.server.close();

const med = (xs) => percentile(xs, 50);
const recording = readFileSync(path.join(root, 'recordings/lab-tour.json'));
const result = {
  site_mb: +(size(root) / 2 ** 20).toFixed(2),
  recording_kb: Math.round(recording.length / 1024),
  recording_gzip_kb: Math.round(gzipSync(recording, { level: 9 }).length / 1024),
  first_slide_ms: Math.round(med(samples.map((s) => s.slideMs))),
  recording_loaded_ms: Math.round(med(samples.map((s) => s.recordingMs))),
  transferred_kb: Math.round(med(samples.map((s) => s.bytes)) / 1024),
  runs,
};
console.log(`Static replay site (dist/replay-site), plain static file server on loopback, Chromium 1920×1080, cold cache, medians of ${runs} loads\n`);
console.log('| site size MB | recording KB (gzip KB) | first slide ms | recording loaded ms | transferred KB (uncompressed) |');
console.log('|---|---|---|---|---|');
console.log(
  `| ${result.site_mb} | ${result.recording_kb} (${result.recording_gzip_kb}) | ${result.first_slide_ms} | ${result.recording_loaded_ms} | ${result.transferred_kb} |`,
);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2));
