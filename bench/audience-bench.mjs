#!/usr/bin/env node
// `npm run bench:audience [-- --attendees 2000 --actions 20 --clicks 60 --rounds 3 --scenario all|follow|abuse|siege
// --mode none|sidecar|… --slide N --hostile-address 127.0.0.2 --json FILE --frames FILE]`: starts the built server (the real lab backend, so
// demo updates stream at 4 Hz), connects N simulated attendees from a separate process (each one
// WebSocket speaking socket.io's wire protocol, bench/wire-client.mjs), then (follow) has the
// presenter step slides once a second and prints: presenter action → attendee delivery latency
// (p50/p90/p99/max over every attendee and action), how many got each action, the server's CPU,
// memory and event-loop delay, and bytes per attendee per second by event — and the same for the
// floor: a bare `ws` server (bench/ws-floor.mjs) sending the same attendees the same frames at the
// same moments, in the same run. Latency is wall clock across two processes on one machine. Then
// (abuse, bench/audience-abuse.mjs) the presenter clicks in Chromium, idle and while a hostile
// process attacks, and it prints click → slide shown and deck:step ack p50/p99 for both. `siege`
// (bench/audience-siege.mjs, not part of `all`): wrong presenter tokens, 1,000 connections that
// stop reading, storms of reconnecting connections, a presenter's connection back without its
// token, honest phones behind an attacked address, vote stuffing from 49 addresses.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { printAbuse, runAbuse } from './audience-abuse.mjs';
import { printSiege, runSiege } from './audience-siege.mjs';
import { monoMs } from './mono-clock.mjs';
import { deliveries, loopLag, loopLagArgs, percentile, pinRemote, procStat, startServer, STRAGGLERS_MS, takeFlag } from './support.mjs';

const args = process.argv.slice(2);
const take = (flag, fallback) => takeFlag(args, flag, fallback);
const attendees = Number(take('--attendees', '2000'));
const actions = Number(take('--actions', '20'));
const clicks = Number(take('--clicks', '60'));
const rounds = Number(take('--rounds', '3'));
const scenario = take('--scenario', 'all');
// The data plane running while phones follow: what they are sent depends on it (six sidecar hop
// timings and four proxies' resources per sample, none without a mesh).
const mode = take('--mode', 'none');
// Where the steps start (a slide number as the console shows it): the room is sent hop samples
// only on a slide that draws them (the waterfall), so `--slide` on one measures that worst case;
// the steps then alternate between it and the next slide.
const startSlide = Number(take('--slide', '1'));
// The hostile attendee's source address: its own (a phone on mobile data) by default; the
// attendees' 127.0.0.1 puts it behind the room's NAT.
const hostileAddress = take('--hostile-address', '127.0.0.2');
// Siege: the attendee who asks questions, on an address of its own (the room's and the hostile
// one have spent their identity allowances by then).
const askerAddress = take('--asker-address', '127.0.0.3');
// Siege: which of its cases to run (e.g. `--siege-cases 2,4`), all by default.
const siegeCases = take('--siege-cases', '1,2,3,4,5,6').split(',').map(Number);
// The phones and the hostile attendee are other machines in a real room; on this one they share
// a CPU (the lab's measured chain's, CPU 0) so the server and the presenter's browser keep the
// other. `--remote-cpu none` lets them float.
const remoteCpuFlag = take('--remote-cpu', '0');
const remoteCpu = remoteCpuFlag === 'none' ? null : Number(remoteCpuFlag);
const jsonFile = take('--json', null);
// What the first attendee received during the steps, frame by frame (to look at the wire).
const framesFile = take('--frames', null);
if (!['all', 'follow', 'abuse', 'siege'].includes(scenario)) throw new Error(`--scenario is all, follow, abuse or siege, not ${scenario}`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const now = monoMs;
const pct = percentile;

const { url, token, server, backendLine } = await startServer(root, { LAB_RPS: process.env.LAB_RPS ?? '100' }, { nodeArgs: loopLagArgs(root) });

const swarm = fork(path.join(root, 'bench/audience-swarm.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const pinnedTo = pinRemote(swarm.pid, remoteCpu);
const ask = (msg, reply) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m.t === reply) {
        swarm.off('message', on);
        resolve(m);
      }
    };
    swarm.on('message', on);
    swarm.send(msg);
  });

const connected = await ask({ t: 'connect', url, n: attendees, batch: 100 }, 'connected');
async function follow() {
  const presenter = io(url, { auth: { token }, transports: ['websocket'] });
  await new Promise((r) => presenter.once('connect', r));
  const switched = await new Promise((r) => presenter.emit('mode:set', { mode }, r));
  if (!switched.ok) throw new Error(`mode ${mode}: ${switched.error.message}`);
  const moved = await new Promise((r) => presenter.emit('deck:goto', { slide: startSlide - 1, fragment: -1 }, r));
  if (!moved.ok) throw new Error(`slide ${startSlide}: ${moved.error.message}`);
  await new Promise((r) => setTimeout(r, 3000)); // settle: connection bursts over, windows flowing

  const cpu0 = procStat(server.pid);
  const phones0 = procStat(swarm.pid).ticks;
  await loopLag(server); // starts the server's event-loop histogram afresh
  const t0 = now();
  await ask({ t: 'count' }, 'counting');
  const sent = new Map(); // deck rev -> send time
  for (let i = 0; i < actions; i++) {
    const at = now();
    const ack = await new Promise((r) => presenter.emit('deck:step', { direction: i % 2 ? 'prev' : 'next' }, r));
    if (ack.ok) sent.set(ack.data.rev, at);
    await new Promise((r) => setTimeout(r, 1000 - (now() - at)));
  }
  await new Promise((r) => setTimeout(r, STRAGGLERS_MS));
  const report = await ask({ t: 'report' }, 'report');
  const seconds = (now() - t0) / 1000;
  const cpu1 = procStat(server.pid);
  const phones1 = procStat(swarm.pid).ticks;
  const lag = await loopLag(server);
  presenter.disconnect();
  return {
    ...summarise(sent, report, seconds, cpu1.ticks - cpu0.ticks, lag, phones1 - phones0),
    server_rss_mb: +cpu1.rssMb.toFixed(0),
    server_peak_rss_mb: +cpu1.hwmMb.toFixed(0),
    recording: report.recording,
  };
}

/** One run's figures: delivery of every step to every attendee, CPU (the server's and the phones'
 *  process's: a busy swarm times its last phones late), loop lag, bytes by event. */
function summarise(sent, report, seconds, ticks, lag, phoneTicks) {
  const { latencies, minReached } = deliveries(sent, report);
  const totalBytes = Object.values(report.bytes).reduce((a, b) => a + b.bytes, 0);
  return {
    seconds: +seconds.toFixed(1),
    actions: sent.size,
    delivered_min: minReached,
    // No step delivered to anyone: no percentile to give (printed as —), not NaN or -Infinity.
    latency_ms:
      latencies.length === 0
        ? { p50: null, p90: null, p99: null, max: null }
        : {
            p50: +pct(latencies, 50).toFixed(1),
            p90: +pct(latencies, 90).toFixed(1),
            p99: +pct(latencies, 99).toFixed(1),
            max: +Math.max(...latencies).toFixed(1),
          },
    cpu_percent: +((ticks / 100 / seconds) * 100).toFixed(1),
    phones_cpu_percent: +((phoneTicks / 100 / seconds) * 100).toFixed(1),
    loop_lag_ms: lag,
    bytes_per_attendee_per_s: Math.round(totalBytes / attendees / seconds),
    by_event: Object.fromEntries(
      Object.entries(report.bytes).map(([e, b]) => [
        e,
        { per_attendee_per_s: +(b.count / attendees / seconds).toFixed(2), bytes_per_attendee_per_s: Math.round(b.bytes / attendees / seconds) },
      ]),
    ),
  };
}

/**
 * The floor: the same attendees on a bare `ws` server (bench/ws-floor.mjs) that sends each of them
 * what the app's first attendee received during the steps, frame for frame at the same moments.
 * Its delivery is timed from when it starts writing a deck frame; the app's from the presenter's
 * step, the command's own trip and handling (3–7 ms) included. A measurement the first attendee
 * missed (volatile) is missing for the floor too.
 */
async function floor(recording, windowSeconds) {
  await ask({ t: 'close' }, 'closed');
  const child = fork(path.join(root, 'bench/ws-floor.mjs'), [], { execArgv: loopLagArgs(root), stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const { url: floorUrl } = await new Promise((r) => child.once('message', r));
  const joined = await ask({ t: 'connect', url: floorUrl, n: attendees, batch: 100, kind: 'ws' }, 'connected');
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = procStat(child.pid);
  const phones0 = procStat(swarm.pid).ticks;
  await loopLag(child);
  const t0 = now();
  await ask({ t: 'count' }, 'counting');
  const played = new Promise((r) => child.once('message', r));
  child.send({ t: 'play', frames: recording });
  const { sent } = await played;
  // The same window as the app's (its last frames arrived in its stragglers' wait).
  await new Promise((r) => setTimeout(r, Math.max(0, windowSeconds * 1000 - (now() - t0))));
  const report = await ask({ t: 'report' }, 'report');
  const seconds = (now() - t0) / 1000;
  const cpu1 = procStat(child.pid);
  const phones1 = procStat(swarm.pid).ticks;
  const lag = await loopLag(child);
  child.kill();
  const sentMap = new Map(Object.entries(sent).map(([rev, at]) => [Number(rev), at]));
  return { connected: joined.n, ...summarise(sentMap, report, seconds, cpu1.ticks - cpu0.ticks, lag, phones1 - phones0) };
}

function print(app, raw) {
  console.log(`\nAudience at scale — ${backendLine}`);
  console.log(
    `${connected.n} of ${attendees} attendees connected in ${(connected.ms / 1000).toFixed(1)} s (one process on CPU ${pinnedTo ?? 'any'}, one WebSocket each); data plane: ${mode}; ${app.actions} presenter slide steps from slide ${startSlide}, one per second, over ${app.seconds} s. ` +
      `The floor: a bare \`ws\` server sending the same frames at the same moments to ${raw.connected} attendees.\n`,
  );
  console.log(
    '| server | delivered (min per step) | p50 ms | p90 ms | p99 ms | max ms | CPU % (of one core) | loop delay beyond 10 ms timer p50 / p99 / max ms | bytes / attendee / s | phones’ process CPU % (of one core) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of [
    ['meshstage (socket.io)', app],
    ['raw ws floor', raw],
  ]) {
    const l = r.loop_lag_ms;
    const d = (v) => v ?? '—';
    console.log(
      `| ${name} | ${r.delivered_min} / ${attendees} | ${d(r.latency_ms.p50)} | ${d(r.latency_ms.p90)} | ${d(r.latency_ms.p99)} | ${d(r.latency_ms.max)} | ${r.cpu_percent} | ${l.p50} / ${l.p99} / ${l.max} | ${r.bytes_per_attendee_per_s} | ${r.phones_cpu_percent} |`,
    );
  }
  console.log(`\nCPU over the floor: ${(app.cpu_percent / raw.cpu_percent).toFixed(2)} ×; server RSS ${app.server_rss_mb} MB (peak ${app.server_peak_rss_mb})`);
  console.log('\n| event | per attendee per s | bytes per attendee per s |');
  console.log('|---|---|---|');
  for (const [e, b] of Object.entries(app.by_event)) console.log(`| ${e} | ${b.per_attendee_per_s} | ${b.bytes_per_attendee_per_s} |`);
}

const results = {};
let recording = null;
if (scenario === 'all' || scenario === 'follow') {
  const { recording: frames, ...app } = await follow();
  recording = frames;
  if (framesFile) writeFileSync(framesFile, frames.map((f) => `${f.dt.toFixed(1)}\t${f.text}`).join('\n'));
  results.follow = { attendees, connected: connected.n, connect_seconds: +(connected.ms / 1000).toFixed(1), backend: backendLine, mode, ...app };
}
if (scenario === 'all' || scenario === 'abuse') {
  const abuse = await runAbuse({ root, url, token, askSwarm: ask, cpuOf: () => procStat(server.pid).ticks, clicks, rounds, hostileAddress, remoteCpu });
  printAbuse(abuse, { attendees, clicks, hostileAddress, pinnedTo });
  results.abuse = abuse;
}
if (scenario === 'siege') {
  const siege = await runSiege({
    root,
    url,
    token,
    server,
    askSwarm: ask,
    cpuOf: () => procStat(server.pid).ticks,
    clicks,
    rounds,
    hostileAddress,
    askerAddress,
    remoteCpu,
    cases: siegeCases,
  });
  printSiege(siege, { attendees, clicks, hostileAddress, askerAddress, pinnedTo });
  results.siege = siege;
}
if (recording) {
  results.floor = await floor(recording, results.follow.seconds);
  print(results.follow, results.floor);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
swarm.send({ t: 'exit' });
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
