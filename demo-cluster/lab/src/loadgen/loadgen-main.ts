// The client pod's load generator. Open loop at a constant rate: request i is due at
// start + i/rate whether or not earlier ones have finished, and its latency is timed from that
// intended time — so a stall shows up in the percentiles (no coordinated omission, as in wrk2).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { CONNECTIONS_PER_UPSTREAM } from '../net/pool-size';
import type { ControllerToChild, Endpoint, LoadgenConfig } from '../ipc';
import { REQUEST_ID_HEADER, sendToController, VIA_HEADER } from '../ipc';
import { ProcessUsage } from '../stats/process-usage';
import { WindowHistogram } from '../stats/window-histogram';

let config: LoadgenConfig | null = null;
let target: Endpoint | null = null;
let rps = 0;
let mode = 'none';
let agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM });
const latency = new WindowHistogram();
const usage = new ProcessUsage();
let completed = 0;
let errors = 0;

// Schedule: `sent` requests have been issued since `epoch` at the current rate.
let epoch = process.hrtime.bigint();
let sent = 0;

function restartSchedule(): void {
  epoch = process.hrtime.bigint();
  sent = 0;
}

function issue(intendedNs: bigint): void {
  if (!target) return;
  inflight++;
  const headers: Record<string, string | number> = { [REQUEST_ID_HEADER]: randomUUID() };
  // GETs, like fortio on the kind backend: the payload is the services' response on every hop.
  const req = http.request({ host: target.host, port: target.port, method: 'GET', path: '/', agent, headers }, (res) => {
    res.resume();
    res.on('end', () => done(intendedNs, (res.statusCode ?? 0) >= 500));
  });
  req.on('error', () => done(intendedNs, true));
  req.end();
}

// After a mode switch, the ramp back to full rate (`settling` steps) and then the time until the
// new path has worked off what queued while it warmed up show in the live windows but stay out
// of the mode's cumulative percentiles, like a benchmark's warm-up: at least a second at full
// rate, then until no more than 50 ms worth of requests are outstanding — at most SETTLE_MAX_NS,
// so a path that cannot carry the load at all still shows it in its cumulative numbers.
const WARMUP_NS = 1_000_000_000n;
const SETTLE_MAX_NS = 8_000_000_000n;
let settleFrom = 0n;
let settled = true;
let inflight = 0;

function settle(): void {
  settleFrom = process.hrtime.bigint();
  settled = false;
}

function done(intendedNs: bigint, failed: boolean): void {
  const now = process.hrtime.bigint();
  const us = Number(now - intendedNs) / 1000;
  inflight--;
  if (!settled && now - settleFrom >= WARMUP_NS && (inflight <= Math.max(2, rps * 0.05) || now - settleFrom >= SETTLE_MAX_NS)) settled = true;
  if (!settled || intendedNs < settleFrom + WARMUP_NS) latency.recordWindowOnly(us);
  else latency.record(us);
  completed++;
  if (failed) errors++;
}

function tick(): void {
  if (rps > 0 && target) {
    const now = process.hrtime.bigint();
    const intervalNs = BigInt(Math.round(1e9 / rps));
    // Issue everything that is due, each stamped with its own intended time.
    while (epoch + BigInt(sent) * intervalNs <= now) {
      issue(epoch + BigInt(sent) * intervalNs);
      sent++;
    }
    const next = epoch + BigInt(sent) * intervalNs;
    setTimeout(tick, Math.max(0, Number(next - process.hrtime.bigint()) / 1e6));
  } else {
    setTimeout(tick, 50);
  }
}

function reportWindow(): void {
  if (!config) return;
  const w = latency.takeWindow();
  sendToController({
    t: 'window', id: config.id, mode, windowMs: config.windowMs, window: w, cumulative: latency.total(),
    completed, errors, targetRps: rps, cpuPercent: usage.sample().cpuPercent,
  });
  completed = 0;
  errors = 0;
}

/** One request outside the load, on a connection of its own (so it takes the current path),
 *  to show which processes it passed (the `via` header). */
function probe(reqId: string, requestId: string): void {
  if (!target) {
    sendToController({ t: 'probe-result', reqId, status: 0, via: [], error: 'no target' });
    return;
  }
  const req = http.request({ host: target.host, port: target.port, path: '/', agent: false, headers: { [REQUEST_ID_HEADER]: requestId } }, (res) => {
    res.resume();
    res.on('end', () => {
      const via = String(res.headers[VIA_HEADER] ?? '');
      sendToController({ t: 'probe-result', reqId, status: res.statusCode ?? 0, via: via ? via.split(', ') : [] });
    });
  });
  req.on('error', (e) => sendToController({ t: 'probe-result', reqId, status: 0, via: [], error: e.message }));
  req.end();
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message: ControllerToChild) => {
  if (message.t === 'config' && 'rps' in message) {
    config = message;
    target = message.target;
    rps = message.rps;
    mode = message.mode;
    // The lab's cold start is a warm-up too, like every switch after it.
    settle();
    restartSchedule();
    setTimeout(tick, 0);
    setInterval(reportWindow, message.windowMs);
    sendToController({ t: 'ready', id: message.id });
  } else if (message.t === 'load') {
    const retarget = !target || target.host !== message.target.host || target.port !== message.target.port;
    target = message.target;
    rps = message.rps;
    const modeChanged = message.mode !== mode;
    if (modeChanged) latency.resetAll();
    if (modeChanged || message.settling) settle();
    mode = message.mode;
    if (retarget || modeChanged) {
      // New requests take the new path (even when its first hop's address is unchanged);
      // connections of the old one drain, then close.
      const old = agent;
      agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM });
      setTimeout(() => old.destroy(), 1000).unref();
    }
    restartSchedule();
  } else if (message.t === 'probe') {
    probe(message.reqId, message.requestId);
  }
});
