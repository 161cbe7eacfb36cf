#!/usr/bin/env node
// Frame times of the live visualizations in Chromium, and the size of what the server streams
// per tick. Needs a running server (`npm start`):
//   node bench/viz-frames.mjs [base-url] [--seconds 10] [--json <file>]
// 1. /bench/topology (synthetic: 100 pods, 300 calls through sidecars, particles at 100 rps) at
//    1920×1080 — the renderer under a big topology;
// 2. the presenter view on the live panel slide (real lab data) if PRESENTER_TOKEN is set;
// 3. an attendee socket for the same time: every event it receives, count and bytes.
// Frame times are requestAnimationFrame intervals measured in the page; 16.7 ms is 60 fps.
import { writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import { takeFlag, percentile, launchChromium } from './support.mjs';

const args = process.argv.slice(2);
const take = (flag, fallback) => takeFlag(args, flag, fallback);
const seconds = Number(take('--seconds', '10'));
const jsonFile = take('--json', null);
const base = (args[0] ?? 'http://localhost:3000').replace(/\/$/, '');
const token = process.env.PRESENTER_TOKEN;

const browser = await launchChromium();

const pct = percentile;

async function frames(url, setup) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  if (setup) await setup(page);
  await page.waitForTimeout(2000); // warm-up: fonts, first layouts, JIT
  const deltas = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + ms;
        const tick = (now) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );
  await page.close();
  return {
    frames: deltas.length,
    fps: Math.round((deltas.length / seconds) * 10) / 10,
    p50_ms: +pct(deltas, 50).toFixed(1),
    p90_ms: +pct(deltas, 90).toFixed(1),
    p99_ms: +pct(deltas, 99).toFixed(1),
    max_ms: +Math.max(...deltas).toFixed(1),
    over_25ms: deltas.filter((d) => d > 25).length,
  };
}

async function payloads() {
  const socket = io(base, { transports: ['websocket'] });
  const seen = new Map();
  let mode = '?';
  socket.on('demo:state', (state) => (mode = state.mode));
  socket.onAny((event, ...payload) => {
    // What socket.io puts on the wire for an event: 42["event",...args]
    const bytes = Buffer.byteLength(`42${JSON.stringify([event, ...payload])}`);
    const s = seen.get(event) ?? { count: 0, bytes: 0, max: 0 };
    s.count++;
    s.bytes += bytes;
    s.max = Math.max(s.max, bytes);
    seen.set(event, s);
  });
  await new Promise((r) => socket.once('connect', r));
  // The connect-time snapshot is counted separately from the per-tick stream.
  await new Promise((r) => setTimeout(r, 500));
  const atConnect = new Map([...seen].map(([k, v]) => [k, { ...v }]));
  seen.clear();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  socket.disconnect();
  const rows = [...seen].map(([event, s]) => ({
    event,
    per_s: +(s.count / seconds).toFixed(1),
    avg_bytes: Math.round(s.bytes / s.count),
    max_bytes: s.max,
    bytes_per_s: Math.round(s.bytes / seconds),
  }));
  const connect = [...atConnect].map(([event, s]) => ({ event, bytes: s.bytes }));
  return { rows, connect, mode };
}

const [payload, synthetic] = await Promise.all([payloads(), frames(`${base}/bench/topology?pods=100&edges=300&rps=100`)]);
const results = { seconds, synthetic };
console.log(`Frame times in Chromium at 1920×1080 over ${seconds} s (requestAnimationFrame intervals; 16.7 ms = 60 fps)\n`);
console.log('| view | frames | fps | p50 ms | p90 ms | p99 ms | max ms | frames > 25 ms |');
console.log('|---|---|---|---|---|---|---|---|');
const line = (name, f) => console.log(`| ${name} | ${f.frames} | ${f.fps} | ${f.p50_ms} | ${f.p90_ms} | ${f.p99_ms} | ${f.max_ms} | ${f.over_25ms} |`);
line('synthetic topology: 100 pods, 300 calls (900 links), particles at 100 rps', synthetic);
if (token) {
  const live = await frames(`${base}/present?token=${encodeURIComponent(token)}`, async (page) => {
    const s = io(base, { auth: { token }, transports: ['websocket'] });
    await new Promise((r) => s.once('connect', r));
    const slides = await new Promise((r) => s.emit('state:sync', {}, r));
    const deckSlides = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=current-slide] section[data-slide-id]')].map((e) => e.getAttribute('data-demo')),
    );
    const panel = deckSlides.findIndex((d) => d === 'panel');
    await new Promise((r) => s.emit('deck:goto', { slide: Math.max(0, panel), fragment: -1 }, r));
    s.disconnect();
    void slides;
  });
  results.live = live;
  line('presenter view, live panel slide (lab data, topology + latency chart)', live);
} else console.log('| presenter view, live panel | (set PRESENTER_TOKEN to measure) | | | | | | |');

console.log(`\nWhat one attendee receives per second while the demo runs in mode "${payload.mode}" (${seconds} s; bytes as socket.io frames them)\n`);
console.log('| event | per second | avg bytes | max bytes | bytes/s |');
console.log('|---|---|---|---|---|');
for (const r of payload.rows) console.log(`| ${r.event} | ${r.per_s} | ${r.avg_bytes} | ${r.max_bytes} | ${r.bytes_per_s} |`);
console.log(`| **total** | | | | ${payload.rows.reduce((a, r) => a + r.bytes_per_s, 0)} |`);
console.log(`\nOn (re)connect, once: ${payload.connect.map((c) => `${c.event} ${c.bytes} B`).join(', ')}`);
results.payload = payload;
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
await browser.close();
