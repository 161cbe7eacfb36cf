#!/usr/bin/env node
// `node bench/room-bytes.mjs [--phones 200 --mode sidecar --port 3248 --modes normal,background,light --json FILE]`
// (after `node scripts/ensure-built.mjs`): what each phone in the room is sent, in bytes per
// second, while the presenter walks the same stretch of the talk three times — the demo slides
// where telemetry flows (the panel, the topology, the latency charts, the waterfall, the
// comparison) in sidecar mode under the lab's load, then a few steps of words — with
//   normal      every phone in view (the page in the foreground),
//   background  every phone's page hidden (it said so: `view:set`, as /live does on the Page
//               Visibility API's `hidden`): the states only,
//   light       every phone in view, the presenter's light room on (`deck:light`): no live
//               measurement to any phone.
// The phones are raw socket.io clients (bench/wire-client.mjs: one WebSocket each, no decoding),
// all in this process: bytes, not latency, are measured here. Counted per phone over each run:
// the WebSocket payloads (what socket.io wrote), and on the wire the WebSocket frames (each
// payload plus its 2-, 4- or 10-byte header: RFC 6455 §5.2, server frames unmasked); the last
// column adds an estimated 52 B of TCP/IPv4 headers per frame (20 + 20 + 12 of timestamps, one
// frame per segment — loopback cannot show a venue's Wi-Fi). Prints the table, and what it would
// be for 10,000 phones.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { io } from 'socket.io-client';
import { monoMs } from './mono-clock.mjs';
import { percentile, startServer, takeFlag } from './support.mjs';
import { connectWire } from './wire-client.mjs';

const args = process.argv.slice(2);
const phones = Number(takeFlag(args, '--phones', '200'));
const dataPlane = takeFlag(args, '--mode', 'sidecar');
const port = Number(takeFlag(args, '--port', '3248'));
const modes = takeFlag(args, '--modes', 'normal,background,light').split(',');
const jsonFile = takeFlag(args, '--json', null);
const ROOM = 10_000;
/** TCP (20) + IPv4 (20) + the timestamp option (12) per segment, one WebSocket frame each. */
const TCP_IP_BYTES = 52;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The deck as the server reads it (content/load-deck.ts, bundled for this run): the script's slides by id. */
async function slideIndex() {
  // Inside the repository (its packages resolve from there), in a throw-away folder of the cache.
  mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
  const out = path.join(mkdtempSync(path.join(root, 'node_modules/.cache/room-bytes-')), 'load-deck.mjs');
  await build({
    entryPoints: [path.join(root, 'content/load-deck.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  const { loadDeck } = await import(pathToFileURL(out).href);
  const deck = loadDeck(path.join(root, 'slides'));
  return (id) => {
    const i = deck.slides.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`no slide ${id} in the deck`);
    return i;
  };
}

/** The presenter's stretch of the talk: [slide id, seconds on it, fragment steps taken on it]. */
const SCRIPT = [
  ['demo-baseline', 4, 0],
  ['demo-topology', 6, 0],
  ['demo-latency', 6, 0],
  ['demo-waterfall', 6, 0],
  ['demo-compare', 4, 0],
  ['agenda', 4, 2],
];

/** An event frame's name (`42["name",…`), or the engine.io packet type (a ping is `2`). */
const eventOf = (text) => (text.startsWith('42["') ? text.slice(4, text.indexOf('"', 4)) : `engine.io ${text[0]}`);
const frameBytes = (n) => n + (n < 126 ? 2 : n < 65536 ? 4 : 10);

const slideOf = await slideIndex();
const { url, token, server, backendLine } = await startServer(root, { LAB_RPS: process.env.LAB_RPS ?? '100' }, { port });
try {
  const presenter = io(url, { auth: { token }, transports: ['websocket'] });
  await new Promise((r) => presenter.once('connect', r));
  const send = (event, input) => new Promise((resolve) => presenter.emit(event, input, resolve));
  const must = async (event, input) => {
    const ack = await send(event, input);
    if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
    return ack.data;
  };
  // The lab comes up, then the data plane the script runs on.
  for (let i = 0; (await new Promise((r) => presenter.emit('state:sync', {}, r))).data.demo.backend.state !== 'ready'; i++) {
    if (i > 120) throw new Error('the lab did not come up in a minute');
    await sleep(500);
  }
  await must('mode:set', { mode: dataPlane });

  // The phones: counters per phone, every message counted (pings too) while `counting`.
  const counters = Array.from({ length: phones }, () => ({ payload: 0, frames: 0, messages: 0, byEvent: new Map() }));
  let counting = false;
  const sockets = [];

  for (let i = 0; i < phones; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(phones, i + 50); j++) {
      batch.push(
        connectWire(url, { onFrame: () => {}, now: monoMs }).then((ws) => {
          sockets[j] = ws;
          ws.on('message', (data) => {
            if (!counting) return;
            const c = counters[j];
            const n = data.length;
            c.payload += n;
            c.frames += frameBytes(n);
            c.messages++;
            const event = eventOf(data.toString('utf8', 0, Math.min(n, 40)));
            const e = c.byEvent.get(event) ?? { count: 0, bytes: 0 };
            e.count++;
            e.bytes += n;
            c.byEvent.set(event, e);
          });
        }),
      );
    }
    await Promise.all(batch);
  }
  const view = (hidden) => {
    for (const ws of sockets) ws.send(`42${JSON.stringify(['view:set', { hidden }])}`);
  };

  async function run(mode) {
    view(mode === 'background');
    await must('deck:light', { light: mode === 'light' });
    await must('deck:goto', { slide: slideOf(SCRIPT[0][0]), fragment: -1 });
    await sleep(2000); // settle: the moves above and a whole scoreboard behind them
    for (const c of counters) {
      c.payload = c.frames = c.messages = 0;
      c.byEvent.clear();
    }
    counting = true;
    const t0 = monoMs();
    for (const [id, seconds, steps] of SCRIPT) {
      await must('deck:goto', { slide: slideOf(id), fragment: -1 });
      const each = (seconds * 1000) / (steps + 1);
      for (let s = 0; s < steps; s++) {
        await sleep(each);
        await must('deck:step', { direction: 'next' });
      }
      await sleep(each);
    }
    counting = false;
    const seconds = (monoMs() - t0) / 1000;
    const per = (k) => counters.map((c) => c[k] / seconds);
    const byEvent = new Map();
    for (const c of counters) {
      for (const [e, b] of c.byEvent) {
        const t = byEvent.get(e) ?? { count: 0, bytes: 0 };
        t.count += b.count;
        t.bytes += b.bytes;
        byEvent.set(e, t);
      }
    }
    const wireWithTcp = counters.map((c) => (c.frames + c.messages * TCP_IP_BYTES) / seconds);
    return {
      mode,
      phones: sockets.filter((s) => s.readyState === 1).length,
      seconds: +seconds.toFixed(1),
      payload: { p50: percentile(per('payload'), 50), max: Math.max(...per('payload')) },
      frames: { p50: percentile(per('frames'), 50), max: Math.max(...per('frames')) },
      tcp: { p50: percentile(wireWithTcp, 50), max: Math.max(...wireWithTcp) },
      byEvent: Object.fromEntries(
        [...byEvent].map(([e, b]) => [
          e,
          { perPhonePerS: +(b.count / phones / seconds).toFixed(2), bytesPerPhonePerS: Math.round(b.bytes / phones / seconds) },
        ]),
      ),
    };
  }

  const results = [];
  for (const mode of modes) results.push(await run(mode));
  await must('deck:light', { light: false });
  // What a phone is sent on connecting (its hello and snapshot), after the runs: the history holds a minute by now.
  const onConnect = [];
  const probe = await connectWire(url, { onFrame: (text) => onConnect.push([eventOf(text), Buffer.byteLength(text)]), now: monoMs });
  for (let i = 0; !onConnect.some(([e]) => e === 'audience:public'); i++) {
    if (i > 50) throw new Error('no snapshot for the probe phone');
    await sleep(100);
  }
  probe.terminate();
  // The snapshot ends with the public audience view (a phone without an identity has no own part).
  const snapshot = onConnect.slice(0, onConnect.findIndex(([e]) => e === 'audience:public') + 1);

  const mbit = (bytesPerS) => ((bytesPerS * 8 * ROOM) / 1e6).toFixed(1);
  const b = (x) => Math.round(x);
  console.log(`\nBytes per attendee per second — ${backendLine}; data plane ${dataPlane}, LAB_RPS ${process.env.LAB_RPS ?? '100'}`);
  console.log(`Script: ${SCRIPT.map(([id, s, steps]) => `${id} ${s} s${steps ? ` (${steps} steps)` : ''}`).join(' → ')}\n`);
  console.log(
    '| mode | phones | seconds | WS payload B/attendee/s p50 | max | WS frames (wire) p50 | max | + TCP/IP est. p50 | Mbit/s for 10,000 phones (payload / frames / + TCP/IP, p50) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.mode} | ${r.phones} | ${r.seconds} | ${b(r.payload.p50)} | ${b(r.payload.max)} | ${b(r.frames.p50)} | ${b(r.frames.max)} | ${b(r.tcp.p50)} | ${mbit(r.payload.p50)} / ${mbit(r.frames.p50)} / ${mbit(r.tcp.p50)} |`,
    );
  }
  for (const r of results) {
    console.log(`\n${r.mode}, by event (all phones):\n\n| event | per attendee per s | bytes per attendee per s | mean payload B |\n|---|---|---|---|`);
    for (const [e, v] of Object.entries(r.byEvent).sort((x, y) => y[1].bytesPerPhonePerS - x[1].bytesPerPhonePerS)) {
      console.log(`| ${e} | ${v.perPhonePerS} | ${v.bytesPerPhonePerS} | ${v.perPhonePerS ? Math.round(v.bytesPerPhonePerS / v.perPhonePerS) : '—'} |`);
    }
  }
  console.log(`\nOn connecting, a phone was sent (payload B): ${snapshot.map(([e, n]) => `${e} ${n}`).join(', ')}`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ backend: backendLine, dataPlane, results, onConnect: snapshot }, null, 2));
  for (const ws of sockets) ws.terminate();
  presenter.disconnect();
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
