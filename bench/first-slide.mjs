#!/usr/bin/env node
// A phone (and the projector) joining the talk: how long from navigation start until the slide the
// presenter is on is shown, on venue Wi-Fi and on loopback. Starts the built server (the
// recording as its demo: MESH_BACKEND=replay), moves the presenter to `--slide`, then opens /live
// in a 390×844 phone context and /screen at 1920×1080, each run in a fresh context (cold: the
// browser's cache disabled as well), medians over `--runs`.
//
//   node bench/first-slide.mjs [--runs 7] [--slide 6] [--root DIR] [--json FILE]
//   PRESENTER_TOKEN=<token> node bench/first-slide.mjs --url http://host:port   (a running server)
//
// `--root` starts another checkout's build (its dist/server.js and .next): the same bench on two
// builds gives the before and after.
//
// Venue Wi-Fi: Chromium's network emulation over CDP (Network.emulateNetworkConditions) —
// 1.6 Mbit/s down and up (200,000 bytes/s), 150 ms of latency per request, cache disabled.
// Loopback: no emulation.
//
// What is timed, in the page, from navigation start (performance.now()), by a requestAnimationFrame
// loop installed before any of the page's scripts (Playwright's addInitScript):
//   first slide  the first frame in which an h1/h2/h3 whose text is the current slide's title is
//                laid out inside the viewport with no ancestor hidden (display none, visibility
//                hidden, opacity 0) — the slide is on screen, whoever drew it (the server's HTML
//                or reveal.js);
//   following    the first frame in which reveal.js shows that position (the deck's data-ready
//                and data-slide): the page has hydrated, loaded its deck and will follow the
//                presenter's next move;
//   connected    the socket's first deck state is in (/live: the connection dot says Connected;
//                /screen: its "reconnecting…" note is gone).
// HTML KB: the page's own response as transferred (its compressed size, with headers).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { launchChromium, percentile, startServer, takeFlag } from './support.mjs';

const args = process.argv.slice(2);
const runs = Number(takeFlag(args, '--runs', '7'));
const slide = Number(takeFlag(args, '--slide', '6'));
const root = path.resolve(takeFlag(args, '--root', process.cwd()));
const jsonFile = takeFlag(args, '--json', null);
const givenUrl = takeFlag(args, '--url', null);

const WIFI = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 };
const ROUTES = [
  { route: '/live', viewport: { width: 390, height: 844 }, mobile: true, deck: 'attendee-slide' },
  { route: '/screen', viewport: { width: 1920, height: 1080 }, mobile: false, deck: 'screen-slide' },
];

const started = givenUrl ? null : await startServer(root, { MESH_BACKEND: 'replay' });
const base = (givenUrl ?? started.url).replace(/\/$/, '');
const token = givenUrl ? process.env.PRESENTER_TOKEN : started.token;
if (!token) throw new Error("Set PRESENTER_TOKEN to the running server's presenter token");

// The presenter moves: the slide a joining phone must show is not the first.
const presenter = io(base, { auth: { token }, transports: ['websocket'], reconnection: false });
await new Promise((resolve, reject) => (presenter.once('connect', resolve), presenter.once('connect_error', reject)));
const moved = await presenter.timeout(5_000).emitWithAck('deck:goto', { slide, fragment: -1 });
if (!moved.ok) throw new Error(`deck:goto refused: ${moved.error.message}`);

/** Installed before the page's scripts: timestamps the three moments (see the header). */
function recorder({ title, slide, deck, route }) {
  const marks = {};
  window.__firstSlideMarks = marks;
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return true;
    }
    return false;
  };
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && !hidden(el);
  };
  const tick = () => {
    const now = performance.now();
    if (marks.slide === undefined && [...document.querySelectorAll('h1, h2, h3')].some((h) => h.textContent.trim() === title && onScreen(h))) marks.slide = now;
    if (marks.following === undefined && document.querySelector(`[data-testid="${deck}"][data-ready="true"][data-slide="${slide}"]`)) marks.following = now;
    if (
      marks.connected === undefined &&
      (route === '/live'
        ? document.querySelector('[data-testid="connection"][data-state="connected"]')
        : document.querySelector('[data-testid="screen-view"]') && !document.querySelector('[data-testid="screen-offline"]'))
    )
      marks.connected = now;
    if (marks.slide === undefined || marks.following === undefined || marks.connected === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const browser = await launchChromium(['--disable-gpu', '--disable-background-networking', '--disable-quic']);

// The current slide's title, as reveal.js shows it (loopback, once).
const probe = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await probe.goto(`${base}/screen`);
await probe.waitForSelector(`[data-testid=screen-slide][data-ready=true][data-slide="${slide}"]`, { timeout: 30_000 });
const title = await probe.evaluate(() => document.querySelector('.slides > section.present')?.querySelector('h1, h2, h3')?.textContent.trim() ?? null);
await probe.close();
if (!title) throw new Error(`slide ${slide} has no heading to wait for: pick another with --slide`);

async function run({ route, viewport, mobile, deck }, network) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  await context.addInitScript(recorder, { title, slide, deck, route });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}${route}`, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const m = window.__firstSlideMarks;
      return m && m.slide !== undefined && m.following !== undefined && m.connected !== undefined;
    },
    null,
    { timeout: 60_000, polling: 100 },
  );
  const marks = await page.evaluate(() => window.__firstSlideMarks);
  const htmlKb = await page.evaluate(() => (performance.getEntriesByType('navigation')[0]?.transferSize ?? 0) / 1024);
  await context.close();
  return { ...marks, htmlKb, errors };
}

const CONDITIONS = [
  { name: 'venue Wi-Fi: 1.6 Mbit/s down/up, 150 ms RTT, cold cache', network: WIFI },
  { name: 'loopback, no emulation, cold cache', network: null },
];
const rows = [];
for (const condition of CONDITIONS) {
  for (const target of ROUTES) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      samples.push(await run(target, condition.network));
      const s = samples.at(-1);
      process.stderr.write(
        `${condition.network ? 'wifi' : 'loopback'} ${target.route} run ${i + 1}/${runs}: slide ${Math.round(s.slide)} following ${Math.round(s.following)} connected ${Math.round(s.connected)} ms (${Date.now() - t0} ms wall)\n`,
      );
    }
    const stat = (key) => {
      const xs = samples.map((s) => s[key]);
      return { p50: Math.round(percentile(xs, 50)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) };
    };
    rows.push({
      condition: condition.name,
      route: target.route,
      viewport: `${target.viewport.width}×${target.viewport.height}`,
      first_slide_ms: stat('slide'),
      following_ms: stat('following'),
      connected_ms: stat('connected'),
      html_kb: +percentile(
        samples.map((s) => s.htmlKb),
        50,
      ).toFixed(1),
      console_errors: samples.flatMap((s) => s.errors),
    });
  }
}
await browser.close();
presenter.disconnect();
started?.server.kill('SIGTERM');

const cell = ({ p50, min, max }) => `${p50} (${min}–${max})`;
console.log(`First slide on joining: ${givenUrl ?? root} · presenter on slide ${slide + 1} ("${title}") · ${runs} runs each, fresh context per run`);
console.log('ms from navigation start: p50 (min–max)\n');
for (const condition of CONDITIONS) {
  console.log(`| ${condition.name} | first slide shown | following (reveal.js at the position) | connected | HTML KB |`);
  console.log('|---|---|---|---|---|');
  for (const r of rows.filter((row) => row.condition === condition.name))
    console.log(`| ${r.route} ${r.viewport} | ${cell(r.first_slide_ms)} | ${cell(r.following_ms)} | ${cell(r.connected_ms)} | ${r.html_kb} |`);
  console.log('');
}
const errors = rows.flatMap((r) => r.console_errors);
console.log(errors.length ? `Console errors (${errors.length}):\n${[...new Set(errors)].join('\n')}` : 'No console errors (hydration warnings included).');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ root, slide, title, runs, rows }, null, 2));
