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
// `--processes N` (follow only): the scale-out `npm start -- --processes N` runs (N edges holding the
// phones, the talk in one more process, a redis-server of its own), against N raw `ws` floor
// processes; `--processes 1,2` runs each in turn and prints one table. A room larger than
// `--per-swarm` (2,000) is several swarm processes, each phone of a swarm on one source address
// (127.0.0.10, .11, …: a venue NAT's few public addresses). It prints each process's CPU, CPU
// per 1,000 phones held, Redis's CPU and bytes per published broadcast, and the Mbit/s the room's
// phones take on the venue network.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { printAbuse, runAbuse } from './audience-abuse.mjs';
import { printSiege, runSiege } from './audience-siege.mjs';
import { monoMs } from './mono-clock.mjs';
import { deliveries, loopLag, loopLagArgs, percentile, pinRemote, procStat, socketsOf, startServer, STRAGGLERS_MS, takeFlag } from './support.mjs';

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
const processCounts = take('--processes', '1').split(',').map(Number);
if (processCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--processes is a number of processes, or a list (1,2)');
const perSwarm = Number(take('--per-swarm', '2000'));
const swarmCount = Math.ceil(attendees / perSwarm);
// What the first attendee received during the steps, frame by frame (to look at the wire).
const framesFile = take('--frames', null);
if (!['all', 'follow', 'abuse', 'siege'].includes(scenario)) throw new Error(`--scenario is all, follow, abuse or siege, not ${scenario}`);
const scaled = processCounts.length > 1 || processCounts[0] > 1 || swarmCount > 1;
// abuse and siege drive one server from one swarm; a scale-out or a room of several swarms is followed.
if (scaled && scenario !== 'follow' && scenario !== 'all') throw new Error('--processes > 1 or more than --per-swarm attendees: --scenario follow only');
const runScenario = scaled ? 'follow' : scenario;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const now = monoMs;
const pct = percentile;

// What this bench started, ended by pid if it fails half-way (a scale-out's front stops its own).
const running = new Set();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
});

// The room's phones: one swarm per `--per-swarm` attendees, each on a source address of its own.
const swarms = Array.from({ length: swarmCount }, (_, k) => {
  const child = fork(path.join(root, 'bench/audience-swarm.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(child);
  const pinned = pinRemote(child.pid, remoteCpu);
  const n = Math.min(perSwarm, attendees - k * perSwarm);
  const localAddress = swarmCount > 1 ? `127.0.0.${10 + k}` : undefined;
  return { child, pinned, n, localAddress };
});
const pinnedTo = swarms[0].pinned;
const askOne = (swarm, msg, reply) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m.t === reply) {
        swarm.child.off('message', on);
        resolve(m);
      }
    };
    swarm.child.on('message', on);
    swarm.child.send(msg);
  });
const ask = (msg, reply) => askOne(swarms[0], msg, reply);
/** Every swarm at once; `each(swarm)` adds what differs per swarm (its share, its address). */
const askAll = (msg, reply, each = () => ({})) => Promise.all(swarms.map((s) => askOne(s, { ...msg, ...each(s) }, reply)));
const connectAll = async (msg) => {
  const started = now();
  const joined = await askAll(msg, 'connected', (s) => ({ n: s.n, localAddress: s.localAddress }));
  return { n: joined.reduce((a, j) => a + j.n, 0), ms: now() - started };
};
/** The swarms' reports as one: arrivals and bytes summed; the first swarm's recording. */
const reportAll = async () => {
  const reports = await askAll({ t: 'report' }, 'report');
  const arrivals = {};
  const bytes = {};
  for (const r of reports) {
    for (const [rev, list] of Object.entries(r.arrivals)) (arrivals[rev] ??= []).push(...list);
    for (const [e, b] of Object.entries(r.bytes)) {
      bytes[e] ??= { count: 0, bytes: 0 };
      bytes[e].count += b.count;
      bytes[e].bytes += b.bytes;
    }
  }
  return { arrivals, bytes, connected: reports.reduce((a, r) => a + r.connected, 0), recording: reports[0].recording };
};
const phoneTicks = () => swarms.reduce((a, s) => a + procStat(s.child.pid).ticks, 0);

/** Redis's counters (INFO): bytes in and out, PUBLISH calls (the adapter's broadcasts), CPU. */
async function redisInfo(client) {
  // INFO's default sections leave out commandstats: ask for each section read here.
  const info = (await Promise.all(['stats', 'commandstats', 'cpu'].map((section) => client.info(section)))).join('\n');
  const num = (k) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  const publishes = Number(/^cmdstat_publish:calls=(\d+)/m.exec(info)?.[1] ?? 0) + Number(/^cmdstat_spublish:calls=(\d+)/m.exec(info)?.[1] ?? 0);
  return { in: num('total_net_input_bytes'), out: num('total_net_output_bytes'), publishes, cpu: num('used_cpu_sys') + num('used_cpu_user') };
}

/** The server's processes: one, or a scale-out's talk, edges and front; CPU ticks and sockets of each. */
function processesOf(server, scaleOut) {
  if (!scaleOut) return [{ name: 'server', pid: server.pid }];
  return [
    { name: 'talk', pid: scaleOut.talk },
    ...scaleOut.edges.map((pid, i) => ({ name: `edge ${i + 1}`, pid, edge: true })),
    { name: 'front', pid: server.pid },
  ];
}

async function follow(processes) {
  const { url, token, server, backendLine, scaleOut } = await startServer(
    root,
    { LAB_RPS: process.env.LAB_RPS ?? '100' },
    { nodeArgs: loopLagArgs(root), args: processes > 1 ? ['--processes', String(processes)] : [] },
  );
  running.add(server);
  const procs = processesOf(server, scaleOut);
  const socketsBefore = new Map(procs.map((p) => [p.pid, socketsOf(p.pid)]));
  const connected = await connectAll({ t: 'connect', url, batch: 100 });
  const presenter = io(url, { auth: { token }, transports: ['websocket'] });
  await new Promise((r) => presenter.once('connect', r));
  const switched = await new Promise((r) => presenter.emit('mode:set', { mode }, r));
  if (!switched.ok) throw new Error(`mode ${mode}: ${switched.error.message}`);
  const moved = await new Promise((r) => presenter.emit('deck:goto', { slide: startSlide - 1, fragment: -1 }, r));
  if (!moved.ok) throw new Error(`slide ${startSlide}: ${moved.error.message}`);
  await new Promise((r) => setTimeout(r, 3000)); // settle: connection bursts over, windows flowing

  const redis = scaleOut ? createClient({ url: scaleOut.redisUrl }) : null;
  await redis?.connect();
  const redis0 = redis ? await redisInfo(redis) : null;
  const cpu0 = new Map(procs.map((p) => [p.pid, procStat(p.pid).ticks]));
  const phones0 = phoneTicks();
  for (const p of procs.filter((p) => p.name !== 'front')) await loopLag(server, p.pid); // starts each histogram afresh
  const t0 = now();
  await askAll({ t: 'count' }, 'counting');
  const sent = new Map(); // deck rev -> send time
  for (let i = 0; i < actions; i++) {
    const at = now();
    const ack = await new Promise((r) => presenter.emit('deck:step', { direction: i % 2 ? 'prev' : 'next' }, r));
    if (ack.ok) sent.set(ack.data.rev, at);
    await new Promise((r) => setTimeout(r, 1000 - (now() - at)));
  }
  await new Promise((r) => setTimeout(r, STRAGGLERS_MS));
  const report = await reportAll();
  const seconds = (now() - t0) / 1000;
  const phones1 = phoneTicks();
  const perProcess = [];
  for (const p of procs) {
    const stat = procStat(p.pid);
    const lag = p.name === 'front' ? null : await loopLag(server, p.pid);
    // Phones held: sockets now less before the room came (its IPC, listeners, Redis clients).
    const held = Math.max(0, socketsOf(p.pid) - socketsBefore.get(p.pid));
    const cpu = +(((stat.ticks - cpu0.get(p.pid)) / 100 / seconds) * 100).toFixed(1);
    perProcess.push({ name: p.name, pid: p.pid, cpu_percent: cpu, held, rss_mb: +stat.rssMb.toFixed(0), loop_lag_ms: lag });
  }
  let redisFigures = null;
  if (redis) {
    const redis1 = await redisInfo(redis);
    // Per broadcast only when there were some: no publish, no figure (not the bytes of INFO itself).
    const n = redis1.publishes - redis0.publishes;
    redisFigures = {
      publishes: redis1.publishes - redis0.publishes,
      per_second: +((redis1.publishes - redis0.publishes) / seconds).toFixed(1),
      cpu_percent: +(((redis1.cpu - redis0.cpu) / seconds) * 100).toFixed(1),
      in_bytes_per_publish: n > 0 ? Math.round((redis1.in - redis0.in) / n) : null,
      out_bytes_per_publish: n > 0 ? Math.round((redis1.out - redis0.out) / n) : null,
      out_kbit_per_s: +(((redis1.out - redis0.out) * 8) / 1000 / seconds).toFixed(0),
      pid: scaleOut.redisPid,
    };
    await redis.quit();
  }
  presenter.disconnect();
  const serverTicks = [...perProcess].reduce((a, p) => a + p.cpu_percent, 0);
  const main = perProcess.find((p) => p.name === 'server' || p.name === 'talk');
  const result = {
    processes,
    backend: backendLine,
    connected: connected.n,
    connect_seconds: +(connected.ms / 1000).toFixed(1),
    ...summarise(sent, report, seconds, 0, main.loop_lag_ms, phones1 - phones0),
    cpu_percent: +serverTicks.toFixed(1),
    per_process: perProcess,
    redis: redisFigures,
    server_rss_mb: perProcess.reduce((a, p) => a + p.rss_mb, 0),
    recording: report.recording,
  };
  await askAll({ t: 'close' }, 'closed');
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  running.delete(server);
  return result;
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
            max: +latencies.reduce((a, b) => Math.max(a, b), -Infinity).toFixed(1),
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
 * The floor: the same attendees on bare `ws` servers (bench/ws-floor.mjs; as many processes as the
 * app's edges) that send each of them what the app's first attendee received during the steps,
 * frame for frame at the same moments. Its delivery is timed from when it starts writing a deck
 * frame; the app's from the presenter's step, the command's own trip and handling (3–7 ms)
 * included. A measurement the first attendee missed (volatile) is missing for the floor too.
 */
async function floor(recording, windowSeconds, processes) {
  const children = Array.from({ length: processes }, () =>
    fork(path.join(root, 'bench/ws-floor.mjs'), [], { execArgv: loopLagArgs(root), stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }),
  );
  for (const c of children) running.add(c);
  const urls = await Promise.all(children.map((c) => new Promise((r) => c.once('message', (m) => r(m.url)))));
  const joined = await connectAll({ t: 'connect', urls, batch: 100, kind: 'ws' });
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = children.map((c) => procStat(c.pid).ticks);
  const phones0 = phoneTicks();
  for (const c of children) await loopLag(c);
  const t0 = now();
  await askAll({ t: 'count' }, 'counting');
  const played = children.map((c) => new Promise((r) => c.once('message', r)));
  for (const c of children) c.send({ t: 'play', frames: recording });
  // A step's send time: when the first floor process started writing it.
  const sent = new Map();
  for (const { sent: s } of await Promise.all(played))
    for (const [rev, at] of Object.entries(s)) sent.set(Number(rev), Math.min(sent.get(Number(rev)) ?? Infinity, at));
  // The same window as the app's (its last frames arrived in its stragglers' wait).
  await new Promise((r) => setTimeout(r, Math.max(0, windowSeconds * 1000 - (now() - t0))));
  const report = await reportAll();
  const seconds = (now() - t0) / 1000;
  const ticks = children.reduce((a, c, i) => a + procStat(c.pid).ticks - cpu0[i], 0);
  const phones1 = phoneTicks();
  const lags = [];
  for (const c of children) lags.push(await loopLag(c));
  for (const c of children) c.kill();
  await askAll({ t: 'close' }, 'closed');
  const worst = lags.reduce((a, l) => (l.p99 > a.p99 ? l : a), lags[0]);
  return { connected: joined.n, processes, ...summarise(sent, report, seconds, ticks, worst, phones1 - phones0) };
}

const mbits = (bytesPerAttendee) => +((bytesPerAttendee * attendees * 8) / 1e6).toFixed(1);

function print(runs) {
  const first = runs[0].app;
  console.log(`\nAudience at scale — ${first.backend}`);
  console.log(
    `${attendees} attendees (${swarmCount} swarm process${swarmCount > 1 ? `es, ${perSwarm} phones each on its own source address` : ''} on CPU ${pinnedTo ?? 'any'}, one WebSocket per phone); data plane: ${mode}; ` +
      `${first.actions} presenter slide steps from slide ${startSlide}, one per second, over ${first.seconds} s. The floor: bare \`ws\` servers (as many processes as edges) sending the same frames at the same moments. ` +
      `Machine: ${cpusLine}.\n`,
  );
  console.log(
    '| server | processes | connected | delivered (min per step) | p50 ms | p90 ms | p99 ms | max ms | CPU % (of one core, all processes) | loop delay p50 / p99 / max ms (talk or server) | bytes / attendee / s | Mbit/s for the room | phones’ CPU % |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { app, raw } of runs) {
    for (const [name, r] of [
      ['meshstage (socket.io)', app],
      ['raw ws floor', raw],
    ]) {
      const l = r.loop_lag_ms;
      const d = (v) => v ?? '—';
      console.log(
        `| ${name} | ${r.processes} | ${r.connected} | ${r.delivered_min} / ${attendees} | ${d(r.latency_ms.p50)} | ${d(r.latency_ms.p90)} | ${d(r.latency_ms.p99)} | ${d(r.latency_ms.max)} | ${r.cpu_percent} | ${l.p50} / ${l.p99} / ${l.max} | ${r.bytes_per_attendee_per_s} | ${mbits(r.bytes_per_attendee_per_s)} | ${r.phones_cpu_percent} |`,
      );
    }
  }
  for (const { app, raw } of runs) {
    console.log(
      `\n${app.processes} process${app.processes > 1 ? 'es' : ''}: CPU over the floor ${(app.cpu_percent / raw.cpu_percent).toFixed(2)} ×; p99 over the floor's ${(app.latency_ms.p99 / raw.latency_ms.p99).toFixed(2)} ×`,
    );
    console.log('| process | pid | phones held | CPU % (of one core) | CPU % per 1,000 phones | RSS MB | loop delay p50 / p99 / max ms |');
    console.log('|---|---|---|---|---|---|---|');
    for (const p of app.per_process) {
      const per = p.held >= 100 ? (p.cpu_percent / (p.held / 1000)).toFixed(1) : '—';
      const l = p.loop_lag_ms;
      console.log(`| ${p.name} | ${p.pid} | ${p.held} | ${p.cpu_percent} | ${per} | ${p.rss_mb} | ${l ? `${l.p50} / ${l.p99} / ${l.max}` : '—'} |`);
    }
    if (app.redis) {
      const r = app.redis;
      console.log(
        `| redis-server | ${r.pid ?? 'found'} | — | ${r.cpu_percent} | — | — | ${r.publishes} broadcasts published (${r.per_second}/s): ${r.in_bytes_per_publish ?? '—'} B in and ${r.out_bytes_per_publish ?? '—'} B out per broadcast, ${r.out_kbit_per_s} kbit/s out |`,
      );
    }
  }
  console.log('\n| event | per attendee per s | bytes per attendee per s |');
  console.log('|---|---|---|');
  for (const [e, b] of Object.entries(runs.at(-1).app.by_event)) console.log(`| ${e} | ${b.per_attendee_per_s} | ${b.bytes_per_attendee_per_s} |`);
  console.log(
    '\n(Mbit/s: the socket.io payload every phone receives, times the room; WebSocket, TCP/IP and Wi-Fi framing come on top. Phones held: sockets the process opened while the room joined.)',
  );
}

const cpusLine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}`;
const results = {};
if (runScenario === 'follow' || runScenario === 'all') {
  const runs = [];
  for (const processes of processCounts) {
    const { recording, ...app } = await follow(processes);
    if (framesFile) writeFileSync(framesFile, recording.map((f) => `${f.dt.toFixed(1)}\t${f.text}`).join('\n'));
    const raw = await floor(recording, app.seconds, processes);
    runs.push({ app, raw });
  }
  print(runs);
  results.follow = runs;
}
if (runScenario === 'all' || runScenario === 'abuse' || runScenario === 'siege') {
  const { url, token, server } = await startServer(root, { LAB_RPS: process.env.LAB_RPS ?? '100' }, { nodeArgs: loopLagArgs(root) });
  running.add(server);
  await ask({ t: 'connect', url, n: attendees, batch: 100 }, 'connected');
  if (runScenario === 'all' || runScenario === 'abuse') {
    const abuse = await runAbuse({ root, url, token, askSwarm: ask, cpuOf: () => procStat(server.pid).ticks, clicks, rounds, hostileAddress, remoteCpu });
    printAbuse(abuse, { attendees, clicks, hostileAddress, pinnedTo });
    results.abuse = abuse;
  }
  if (runScenario === 'siege') {
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
  await ask({ t: 'close' }, 'closed');
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
for (const s of swarms) s.child.send({ t: 'exit' });
