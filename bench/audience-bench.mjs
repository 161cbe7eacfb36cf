#!/usr/bin/env node
// `npm run bench:audience [-- --attendees 2000 --actions 20 --clicks 60 --rounds 3 --scenario all|follow|abuse
// --mode none|sidecar|… --slide N --hostile-address 127.0.0.2 --json FILE]`: starts the built server (the real lab backend, so
// demo updates stream at 4 Hz), connects N simulated attendees from a separate process, then
// (follow) has the presenter step slides once a second and prints:
// presenter action → attendee delivery latency (p50/p90/p99/max over every attendee and action),
// how many got each action, the web server process's CPU and memory, and bytes per attendee per
// second by event. Latency is wall clock across two processes on one machine. Then (abuse,
// bench/audience-abuse.mjs) the presenter clicks in Chromium, idle and while a hostile process
// attacks, and it prints click → slide shown and deck:step ack p50/p99 for both.
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { printAbuse, runAbuse } from './audience-abuse.mjs';
import { deliveries, percentile, pinRemote, startServer, STRAGGLERS_MS, takeFlag } from './support.mjs';

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
// The phones and the hostile attendee are other machines in a real room; on this one they share
// a CPU (the lab's measured chain's, CPU 0) so the server and the presenter's browser keep the
// other. `--remote-cpu none` lets them float.
const remoteCpuFlag = take('--remote-cpu', '0');
const remoteCpu = remoteCpuFlag === 'none' ? null : Number(remoteCpuFlag);
const jsonFile = take('--json', null);
if (!['all', 'follow', 'abuse'].includes(scenario)) throw new Error(`--scenario is all, follow or abuse, not ${scenario}`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const now = () => performance.timeOrigin + performance.now();
const pct = percentile;

const { url, token, server, backendLine } = await startServer(root, { LAB_RPS: process.env.LAB_RPS ?? '100' });

const procStat = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? 0);
  return { ticks: Number(f[11]) + Number(f[12]), rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
};

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

  const { latencies, minReached } = deliveries(sent, report);
  const totalBytes = Object.values(report.bytes).reduce((a, b) => a + b.bytes, 0);
  const result = {
    attendees,
    connected: connected.n,
    connect_seconds: +(connected.ms / 1000).toFixed(1),
    actions: sent.size,
    delivered_min: minReached,
    delivered_of: attendees,
    latency_ms: {
      p50: +pct(latencies, 50).toFixed(1),
      p90: +pct(latencies, 90).toFixed(1),
      p99: +pct(latencies, 99).toFixed(1),
      max: +Math.max(...latencies).toFixed(1),
    },
    server_cpu_percent: +(((cpu1.ticks - cpu0.ticks) / 100 / seconds) * 100).toFixed(1),
    server_rss_mb: +cpu1.rssMb.toFixed(0),
    server_peak_rss_mb: +cpu1.hwmMb.toFixed(0),
    bytes_per_attendee_per_s: Math.round(totalBytes / attendees / seconds),
    by_event: Object.fromEntries(
      Object.entries(report.bytes).map(([e, b]) => [
        e,
        { per_attendee_per_s: +(b.count / attendees / seconds).toFixed(2), bytes_per_attendee_per_s: Math.round(b.bytes / attendees / seconds) },
      ]),
    ),
    backend: backendLine,
    mode,
  };

  console.log(`\nAudience at scale — ${backendLine}`);
  console.log(
    `${connected.n} of ${attendees} attendees connected in ${result.connect_seconds} s (one process, WebSocket); data plane: ${mode}; ${sent.size} presenter slide steps from slide ${startSlide}, one per second, over ${seconds.toFixed(1)} s\n`,
  );
  console.log(
    '| attendees | delivered (min per action) | p50 ms | p90 ms | p99 ms | max ms | server CPU % (of one core) | server RSS MB (peak) | bytes / attendee / s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${attendees} | ${result.delivered_min} / ${attendees} | ${result.latency_ms.p50} | ${result.latency_ms.p90} | ${result.latency_ms.p99} | ${result.latency_ms.max} | ${result.server_cpu_percent} | ${result.server_rss_mb} (${result.server_peak_rss_mb}) | ${result.bytes_per_attendee_per_s} |`,
  );
  console.log('\n| event | per attendee per s | bytes per attendee per s |');
  console.log('|---|---|---|');
  for (const [e, b] of Object.entries(result.by_event)) console.log(`| ${e} | ${b.per_attendee_per_s} | ${b.bytes_per_attendee_per_s} |`);

  presenter.disconnect();
  return result;
}

const results = {};
if (scenario !== 'abuse') results.follow = await follow();
if (scenario !== 'follow') {
  const abuse = await runAbuse({ root, url, token, askSwarm: ask, cpuOf: () => procStat(server.pid).ticks, clicks, rounds, hostileAddress, remoteCpu });
  printAbuse(abuse, { attendees, clicks, hostileAddress, pinnedTo });
  results.abuse = abuse;
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
swarm.send({ t: 'exit' });
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
