// The siege scenario of `npm run bench:audience -- --scenario siege` (issue 31: no one in the room
// can lock out the presenter, slip past admission, exhaust the server or silence the others).
// A hostile process (bench/audience-siege-child.mjs) on its own source address, pinned to the
// phones' CPU, in four cases:
// 1. it sends wrong presenter tokens as fast as the server answers (handshakes, /present, the
//    export) while the presenter, from the same address, connects, loads /present and exports;
// 2. it opens 1,000 connections and stops reading on all of them while slides step every 200 ms:
//    the machine's TCP memory, the server's RSS, and when the server closed them;
// 3. 500 connections drop their transport and come back (socket.io-client reconnecting by itself)
//    every 4 s while 500 new ones open, from 20 addresses: the presenter's
//    click → slide shown in Chromium (bench/audience-abuse.mjs's rounds);
// 4. a presenter's connection coming back without the token: does it still get presenter-only
//    events? (socket.io's connection state recovery is off: server/create-application.ts.)
// 5. honest phones sharing its address (a venue NAT) vote, ask and upvote while it floods
//    (bench/audience-nat.mjs); 6. vote stuffing from 49 addresses with identities that cost work.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { io } from 'socket.io-client';
import { printNat, printStuffing, runNat, runStuffing } from './audience-nat.mjs';
import { figures, medianFigures, runAbuse } from './audience-abuse.mjs';
import { monoMs } from './mono-clock.mjs';
import { benchChild, procStat } from './support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = monoMs;
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
/** server/hub/slow-readers.ts SLOW_READERS (kept in step by hand: the bench reads the built server only). */
const SLOW_READER_BOUND = { maxUnsentBytes: 256 * 1024, graceMs: 5_000 };

/** Resolves once `check()` is truthy (polled every `everyMs`), or with null after `timeoutMs`. */
async function until(check, timeoutMs, everyMs = 50) {
  const end = now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (now() > end) return null;
    await sleep(everyMs);
  }
}

/** Case 3: connections dropping and coming back, and new ones, each storm. */
const STORM_N = 500;

/** A fresh hostile child, pinned like the phones. */
const hostileChild = (root, remoteCpu) => benchChild(root, 'bench/audience-siege-child.mjs', remoteCpu);

/** A socket.io connection; resolves once it is in (with its hello) or refused. */
function connect(url, opts = {}) {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...opts });
  const hello = new Promise((r) => s.once('session:hello', r));
  return new Promise((resolve) => {
    s.once('connect', async () => resolve({ s, hello: await hello }));
    s.once('connect_error', (err) => resolve({ s, error: err }));
  });
}

const command = (s, event, payload) => new Promise((r) => s.timeout(10_000).emit(event, payload, (err, ack) => r(err ? { ok: false } : ack)));

/** GET `pathAndQuery` from `localAddress` on a new connection: status and ms to the last byte. */
function get(url, pathAndQuery, localAddress) {
  const { hostname, port } = new URL(url);
  const t0 = now();
  return new Promise((resolve) => {
    http
      .get({ hostname, port, path: pathAndQuery, localAddress, agent: false }, (res) => {
        res.resume().on('end', () => resolve({ status: res.statusCode, ms: now() - t0 }));
      })
      .on('error', (err) => resolve({ status: err.code ?? 'error', ms: now() - t0 }));
  });
}

/** An IPv4 address as /proc/net/tcp prints it (each byte in hex, little-endian word). */
const procV4 = (address) =>
  address
    .split('.')
    .map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0'))
    .reverse()
    .join('');

const TCP_STATES = { '01': 'established', '04': 'fin_wait1', '05': 'fin_wait2', '06': 'time_wait', '07': 'close', '08': 'close_wait', '09': 'last_ack' };

/** The server's TCP connections to `address` (its side, from /proc/net/tcp: the bench shares the
 *  machine's network namespace): how many in each state, their send queues, and the receive
 *  queues of the client's side. */
function tcpTo(port, address) {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const addrHex = procV4(address);
  const out = { states: {}, serverSendQueue: 0, clientRecvQueue: 0 };
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [localAddr, localPort] = f[1].split(':');
    const [remoteAddr, remotePort] = f[2].split(':');
    const [tx, rx] = f[4].split(':').map((h) => parseInt(h, 16));
    if (localPort === portHex && remoteAddr === addrHex) {
      const state = TCP_STATES[f[3]] ?? f[3];
      out.states[state] = (out.states[state] ?? 0) + 1;
      out.serverSendQueue += tx;
    } else if (localAddr === addrHex && remotePort === portHex) out.clientRecvQueue += rx;
  }
  return out;
}

/** The machine's TCP memory (/proc/net/sockstat `TCP: … mem N`, pages) in MB, and its orphans. */
function sockstat() {
  const line = readFileSync('/proc/net/sockstat', 'utf8').match(/^TCP: (.*)$/m)[1];
  const field = (k) => Number(line.match(new RegExp(`${k} (\\d+)`))[1]);
  return { tcpMemMb: (field('mem') * PAGE_BYTES) / 2 ** 20, orphans: field('orphan'), inuse: field('inuse') };
}

// ---- case 1 ----
async function wrongTokens({ root, url, token, hostileAddress, remoteCpu, tries = 5 }) {
  const hostile = hostileChild(root, remoteCpu);
  const t0 = now();
  await hostile.ask({ t: 'start', mode: 'wrong-tokens', url, address: hostileAddress }, 'started');
  await sleep(3000); // the address's allowance of wrong tokens long gone: every wrong one waits
  const rows = [];
  for (let i = 0; i < tries; i++) {
    const at = now();
    const { s, hello, error } = await connect(url, { auth: { token }, localAddress: hostileAddress });
    const socketMs = now() - at;
    s.disconnect();
    const present = await get(url, `/present?token=${encodeURIComponent(token)}`, hostileAddress);
    const exported = await get(url, `/api/audience/export.json?token=${encodeURIComponent(token)}`, hostileAddress);
    rows.push({
      at_s: +((at - t0) / 1000).toFixed(1),
      presenter: !error && hello.role === 'presenter',
      refusal: error?.message ?? null,
      socket_ms: +socketMs.toFixed(1),
      present_status: present.status,
      present_ms: +present.ms.toFixed(1),
      export_status: exported.status,
      export_ms: +exported.ms.toFixed(1),
    });
    await sleep(1000);
  }
  const { stats } = await hostile.ask({ t: 'stop' }, 'stopped');
  const seconds = (now() - t0) / 1000;
  await hostile.exit();
  return { seconds: +seconds.toFixed(1), tries: rows, attack: stats };
}

// ---- case 2 ----
async function stillReaders({ root, url, token, server, hostileAddress, remoteCpu, n = 1000, sampleSeconds = 40 }) {
  const port = Number(new URL(url).port);
  const sample = (t) => {
    const tcp = tcpTo(port, hostileAddress);
    return { t_s: t, ...sockstat(), serverRssMb: procStat(server.pid).rssMb, ...tcp };
  };
  const baseline = sample(null);
  const hostile = hostileChild(root, remoteCpu);
  const opened = await hostile.ask({ t: 'still', url, address: hostileAddress, n }, 'still');
  const presenter = (await connect(url, { auth: { token } })).s;
  let stepping = true;
  let steps = 0;
  const stepper = (async () => {
    for (let i = 0; stepping; i++) {
      const at = now();
      if ((await command(presenter, 'deck:step', { direction: i % 2 ? 'prev' : 'next' })).ok) steps++;
      await sleep(Math.max(0, 200 - (now() - at)));
    }
  })();
  await sleep(1000); // a few steps' frames on the 1,000 while they still read
  const open = sample(null);
  const { paused } = await hostile.ask({ t: 'pause' }, 'paused');
  const t0 = now();
  const samples = [];
  for (let i = 1; i <= sampleSeconds; i++) {
    await sleep(Math.max(0, i * 1000 - (now() - t0)));
    samples.push(sample(+((now() - t0) / 1000).toFixed(1)));
  }
  stepping = false;
  await stepper;
  presenter.disconnect();
  const { reader } = await hostile.ask({ t: 'release' }, 'released');
  // Their connections gone from the server (or not, within 30 s) before the next case.
  const gone = await until(() => Object.entries(tcpTo(port, hostileAddress).states).every(([k]) => k === 'time_wait'), 30_000, 200);
  const after = sample(null);
  await hostile.exit();
  const established = (s) => s.states.established ?? 0;
  // The one reading connection (the child's control) stays established.
  const lastClosed = samples.find((s) => established(s) <= 1);
  const held = (s) => Object.entries(s.states).reduce((a, [k, v]) => a + (k === 'time_wait' ? 0 : v), 0);
  const allGone = samples.find((s) => held(s) <= 1);
  const peak = (k) => Math.max(...samples.map((s) => s[k]));
  return {
    n,
    connected: opened.connected,
    refused: opened.refused,
    paused,
    steps,
    // What one connection that kept reading was sent meanwhile, per second.
    readerKbPerS: reader.seconds > 0 ? reader.bytes / 1024 / reader.seconds : null,
    readerStayed: reader.connected,
    baseline,
    open,
    samples,
    peak: {
      tcpMemMb: peak('tcpMemMb'),
      serverRssMb: peak('serverRssMb'),
      serverSendQueueMb: peak('serverSendQueue') / 2 ** 20,
      clientRecvQueueMb: peak('clientRecvQueue') / 2 ** 20,
      orphans: peak('orphans'),
    },
    end: samples.at(-1),
    lastEstablishedClosedAtS: lastClosed?.t_s ?? null,
    allGoneAtS: allGone?.t_s ?? null,
    goneAfterRelease: gone !== null,
    after,
  };
}

// ---- case 4 ----
const counter = (s) => {
  const c = { events: {}, windows1: 0, windows2: 0 };
  s.onAny((event, payload) => {
    c.events[event] = (c.events[event] ?? 0) + 1;
    if (event === 'audience:presenter') c.moderation = payload;
    if (event === 'latency:windows' && payload.length === 1) c.windows1++;
    else if (event === 'latency:windows') c.windows2++;
  });
  return {
    c,
    reset: () => {
      c.events = {};
      c.windows1 = 0;
      c.windows2 = 0;
    },
  };
};
const snapshotOf = ({ c }) => ({
  audiencePresenter: c.events['audience:presenter'] ?? 0,
  windows1: c.windows1,
  windows2: c.windows2,
  hops: c.events['hops:sample'] ?? 0,
  scores: c.events['scores:state'] ?? 0,
  deck: c.events['deck:state'] ?? 0,
  audiencePublic: c.events['audience:public'] ?? 0,
});

/** A presenter's connection, with its recovery handle (an offset: a packet through the adapter). */
async function presenterWithHandle(url, token) {
  const { s, hello, error } = await connect(url, { auth: { token }, reconnection: true });
  if (error) throw new Error(`presenter refused: ${error.message}`);
  // A server with connection state recovery offers a session id; this one offers none.
  return { s, hello, offered: Boolean(s._pid) };
}

async function recoveredWithoutToken({ root, url, token, askerAddress, remoteCpu, windowMs = 5000 }) {
  const asker = hostileChild(root, remoteCpu);
  let asked = 0;
  const ask = async () => (await asker.ask({ t: 'ask', url, address: askerAddress, text: `Siege question ${++asked}: does the waypoint retry?` }, 'asked')).ack;
  const control = (await connect(url, { auth: { token } })).s;
  const controlCount = counter(control);
  const attendee = (await connect(url)).s;
  const attendeeCount = counter(attendee);
  // The window: questions asked and slides stepped; each side counts what it got.
  const during = async (subjectCount) => {
    for (const c of [subjectCount, controlCount, attendeeCount]) c.reset();
    const acks = [];
    for (let i = 0; i < windowMs / 500; i++) {
      const at = now();
      if (i % 4 === 0) acks.push(await ask());
      await command(control, 'deck:step', { direction: i % 2 ? 'prev' : 'next' });
      await sleep(Math.max(0, 500 - (now() - at)));
    }
    return { acks, subject: snapshotOf(subjectCount), control: snapshotOf(controlCount), attendee: snapshotOf(attendeeCount) };
  };

  // (a) As the brief of issue 31 describes: the token dropped from auth, the transport dropped,
  // socket.io-client reconnects by itself with the session's pid and offset.
  const a = await presenterWithHandle(url, token);
  const aCount = counter(a.s);
  let aHello = null;
  a.s.on('session:hello', (h) => (aHello = h));
  a.s.auth = {};
  const aBack = new Promise((r) => a.s.once('connect', r));
  a.s.io.engine.close();
  await aBack;
  await until(() => aHello, 5000);
  const recoveredA = {
    offered: a.offered,
    recovered: a.s.recovered === true,
    roleBefore: a.hello.role,
    roleAfter: aHello?.role ?? null,
    ...(await during(aCount)),
  };
  a.s.disconnect();

  // (b) A question asked while the session is away (the presenters' room is told of it; socket.io
  // keeps it for the session): then the session is recovered without the token.
  const b = await presenterWithHandle(url, token);
  const bCount = counter(b.s);
  let bHello = null;
  b.s.on('session:hello', (h) => (bHello = h));
  b.s.auth = {};
  b.s.io.reconnection(false);
  const gone = new Promise((r) => b.s.once('disconnect', r));
  b.s.io.engine.close();
  await gone;
  controlCount.reset();
  const gapText = `Siege question ${asked + 1}`;
  const gapAck = await ask();
  const told = await until(() => controlCount.c.events['audience:presenter'] > 0, 5000);
  bCount.reset();
  b.s.io.reconnection(true);
  const bBack = new Promise((r) => b.s.once('connect', r));
  b.s.connect();
  await bBack;
  await until(() => bHello, 5000);
  const atReconnect = snapshotOf(bCount); // what came with the recovery itself (missed packets, snapshot)
  // Whether what it got holds the question asked while it was away (the moderation queue's text).
  const leakedGapQuestion = atReconnect.audiencePresenter > 0 && JSON.stringify(bCount.c.moderation ?? null).includes(gapText);
  const recoveredB = {
    recovered: b.s.recovered === true,
    roleAfter: bHello?.role ?? null,
    gapAck,
    controlToldDuringGap: Boolean(told),
    leakedGapQuestion,
    atReconnect,
    // `during` resets the counters: the window after the reconnect, on its own.
    ...(await during(bCount)),
  };
  b.s.disconnect();
  control.disconnect();
  attendee.disconnect();
  await asker.exit();
  return { a: recoveredA, b: recoveredB };
}

/** `cases`: which of the six to run (all by default; one at a time while working on one). */
export async function runSiege({
  root,
  url,
  token,
  server,
  askSwarm,
  cpuOf,
  clicks,
  rounds,
  hostileAddress,
  askerAddress,
  remoteCpu,
  cases = [1, 2, 3, 4, 5, 6],
}) {
  const out = { tokens: null, still: null, storm: null, recovered: null, nat: null, stuffing: null };
  if (cases.includes(1)) out.tokens = await wrongTokens({ root, url, token, hostileAddress, remoteCpu });
  if (cases.includes(2)) out.still = await stillReaders({ root, url, token, server, hostileAddress, remoteCpu });
  if (cases.includes(3)) {
    const rss0 = procStat(server.pid).rssMb;
    const storm = await runAbuse({
      root,
      url,
      token,
      askSwarm,
      cpuOf,
      clicks,
      rounds,
      hostileAddress,
      remoteCpu,
      hostileScript: 'bench/audience-siege-child.mjs',
      hostileStart: { mode: 'storm', n: STORM_N, holdMs: 2000, everyMs: 4000 },
    });
    out.storm = { ...storm, serverRss: { beforeMb: rss0, afterMb: procStat(server.pid).rssMb, peakMb: procStat(server.pid).hwmMb } };
  }
  if (cases.includes(4)) out.recovered = await recoveredWithoutToken({ root, url, token, askerAddress, remoteCpu });
  if (cases.includes(5)) out.nat = await runNat({ root, url, token, hostileAddress, remoteCpu });
  if (cases.includes(6)) out.stuffing = await runStuffing({ root, url, token, remoteCpu });
  return out;
}

const r0 = (x) => (Number.isFinite(x) ? Math.round(x) : '—');
const r1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const counts = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || 'none';

export function printSiege({ tokens, still, storm, recovered, nat, stuffing }, { attendees, clicks, hostileAddress, askerAddress, pinnedTo }) {
  console.log(`\nSiege — ${attendees} attendees following; hostile process from ${hostileAddress}, pinned to CPU ${pinnedTo ?? 'any'}`);

  if (tokens) printTokens(tokens, hostileAddress);
  if (still) printStill(still, hostileAddress);
  if (storm) printStorm(storm, clicks);
  if (recovered) printRecovered(recovered, askerAddress);
  if (nat) printNat(nat, { hostileAddress });
  if (stuffing) printStuffing(stuffing);
}

function printTokens(tokens, hostileAddress) {
  const w = tokens.attack;
  console.log(
    `\n1. The right token during a wrong-token attack: the hostile process sends wrong presenter tokens from ${hostileAddress} for ${tokens.seconds} s (20 handshakes and 8 + 8 GETs in flight); ` +
      `from 3 s on, with the address's allowance long gone, the presenter connects, loads /present and exports from the same address, once a second\n`,
  );
  console.log('| try | at s | socket admitted as presenter | connect ms | /present status | ms | export.json status | ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  tokens.tries.forEach((t, i) =>
    console.log(
      `| ${i + 1} | ${t.at_s} | ${t.presenter ? 'yes' : `no (${t.refusal ?? 'attendee'})`} | ${r1(t.socket_ms)} | ${t.present_status} | ${r1(t.present_ms)} | ${t.export_status} | ${r1(t.export_ms)} |`,
    ),
  );
  const rate = (x) => r0(x / tokens.seconds);
  const httpSum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  console.log('\n| attack | sent | per s | answered |');
  console.log('|---|---|---|---|');
  console.log(
    `| wrong token, socket.io handshake | ${w.socketSent} | ${rate(w.socketSent)} | refused with a wait (retryAfterMs): ${w.socketWait}; other refusals: ${w.socketOtherRefusal} (${counts(w.socketOther)}); admitted as attendee: ${w.socketAdmitted} |`,
  );
  console.log(`| wrong token, GET /present | ${httpSum(w.http.present)} | ${rate(httpSum(w.http.present))} | ${counts(w.http.present)} |`);
  console.log(`| wrong token, GET /api/audience/export.json | ${httpSum(w.http.export)} | ${rate(httpSum(w.http.export))} | ${counts(w.http.export)} |`);
}

function printStill(still, hostileAddress) {
  const mb = (x) => r1(x);
  console.log(
    `\n2. ${still.n} connections that stop reading: opened from ${hostileAddress} (${still.connected} connected${Object.keys(still.refused).length ? `, refused: ${counts(still.refused)}` : ''}), ` +
      `then ${still.paused} paused (\`s.io.engine.transport.ws.pause()\`: the ws library's pause of its net.Socket, \`ws._socket\`, which it keeps paused); one more from the same address keeps reading; the presenter steps slides every 200 ms (${still.steps} steps) and the lab's windows stream at 4 Hz; sampled every second for ${still.samples.length} s. ` +
      `Server-side connections counted from /proc/net/tcp (local port = the server's, remote address = ${hostileAddress}).\n`,
  );
  console.log(
    '| moment | machine TCP memory MB (sockstat mem × page) | TCP orphans | server RSS MB | server conns to hostile (incl. the 1 reading): established / other states but TIME_WAIT | server send queue to hostile MB | hostile receive queue MB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const srow = (label, s) => {
    const est = s.states.established ?? 0;
    // TIME_WAIT left by case 1's handshakes and by closed ones: no buffers, not shown.
    const other = Object.entries(s.states)
      .filter(([k]) => k !== 'established' && k !== 'time_wait')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `| ${label} | ${mb(s.tcpMemMb)} | ${s.orphans} | ${mb(s.serverRssMb)} | ${est} / ${other || '0'} | ${mb(s.serverSendQueue / 2 ** 20)} | ${mb(s.clientRecvQueue / 2 ** 20)} |`,
    );
  };
  srow('baseline (before opening)', still.baseline);
  srow('all open, reading', still.open);
  for (const s of still.samples) if (s.t_s <= 3 || Math.round(s.t_s) % 5 === 0 || s === still.end) srow(`${r0(s.t_s)} s after pause`, s);
  srow('after release', still.after);
  console.log(
    `\npeak during: TCP memory ${mb(still.peak.tcpMemMb)} MB, server RSS ${mb(still.peak.serverRssMb)} MB, server send queue to the hostile ${mb(still.peak.serverSendQueueMb)} MB, hostile receive queue ${mb(still.peak.clientRecvQueueMb)} MB, ${still.peak.orphans} orphans`,
  );
  console.log(
    `the server had closed the last of them (none established) ${still.lastEstablishedClosedAtS === null ? `not within ${still.samples.length} s` : `${still.lastEstablishedClosedAtS} s after they stopped reading`}; ` +
      `none left in any state but TIME_WAIT ${still.allGoneAtS === null ? `not within ${still.samples.length} s` : `at ${still.allGoneAtS} s`}`,
  );
  console.log(
    `a connection from the same address that kept reading was sent ${r1(still.readerKbPerS)} KB/s meanwhile (still connected at the end: ${still.readerStayed ? 'yes' : 'no'}): ` +
      `a non-reader reaches the ${SLOW_READER_BOUND.maxUnsentBytes / 1024} KB bound after ~${r0(SLOW_READER_BOUND.maxUnsentBytes / 1024 / still.readerKbPerS)} s, ` +
      (SLOW_READER_BOUND.maxUnsentBytes / 1024 / still.readerKbPerS > 10
        ? "so socket.io's heartbeat (a ping every 5 s, 5 s to answer; a non-reader's pong never comes) closes it first, at ~10 s"
        : 'before the heartbeat (~10 s) would close it'),
  );
  const boundMb = (still.n * SLOW_READER_BOUND.maxUnsentBytes) / 2 ** 20;
  console.log(
    `bound (server/hub/slow-readers.ts): a connection over ${SLOW_READER_BOUND.maxUnsentBytes / 1024} KB unsent for ${SLOW_READER_BOUND.graceMs / 1000} s is closed; ` +
      `worst case for ${still.n}: ${still.n} × 256 KB = ${r0(boundMb)} MB unsent + ${SLOW_READER_BOUND.graceMs / 1000} s of traffic each + kernel buffers ` +
      `(measured peak over baseline: TCP ${mb(still.peak.tcpMemMb - still.baseline.tcpMemMb)} MB, RSS ${mb(still.peak.serverRssMb - still.baseline.serverRssMb)} MB)`,
  );
}

function printStorm(storm, clicks) {
  const quiet = medianFigures(storm.idle);
  const stormy = medianFigures(storm.abused);
  const rounds = storm.idle.length;
  console.log(
    `\n3. 500 reconnecting + 500 new connections at once, every 4 s, from 20 addresses (127.0.1.1–20: one address's allowance would refuse most of it): 500 connections drop their transport and socket.io-client brings them back by itself (socket.io's session recovery is off on this server: each comes back as a new connection, through the doors) while 500 new ones open (held 2 s); ` +
      `the presenter clicks Next ${clicks} times per condition in Chromium (1920×1080 /present); ${rounds} rounds of quiet then storm; medians over rounds\n`,
  );
  const header = '| condition | click → slide shown p50 ms | p99 ms | max ms | deck:step ack p50 ms | p99 ms | phones reached (min per step) | server CPU % |';
  const row = (label, f) =>
    `| ${label} | ${r0(f.clickP50)} | ${r0(f.clickP99)} | ${r0(f.clickMax)} | ${r0(f.ackP50)} | ${r0(f.ackP99)} | ${f.delivered} | ${f.cpu.toFixed(0)} |`;
  console.log(header);
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(row('idle', quiet));
  console.log(row('storm', stormy));
  for (let r = 0; r < rounds; r++) {
    console.log(row(`round ${r + 1}: idle`, figures(storm.idle[r])));
    console.log(row(`round ${r + 1}: storm`, figures(storm.abused[r])));
  }
  console.log(`\ntarget: click → shown p99 ≤ 250 ms during the storm: ${r0(stormy.clickP99)} ms — ${stormy.clickP99 <= 250 ? 'holds' : 'does not hold'}`);
  console.log(
    '\n| round | storm | transports dropped | back recovered | back not recovered | refused on the way back (given up) | plain opened: connected / refused |',
  );
  console.log('|---|---|---|---|---|---|---|');
  storm.hostile.forEach((h, r) =>
    (h.storms ?? []).forEach((s, i) =>
      console.log(`| ${r + 1} | ${i + 1} | ${s.dropped} | ${s.recovered} | ${s.notRecovered} | ${s.refusals} | ${s.plainConnected} / ${s.plainRefused} |`),
    ),
  );
  const all = storm.hostile.flatMap((h) => h.storms ?? []);
  // Full strength: every kept connection dropped, and 95 % of them and of the new ones in.
  const fullBack = all.filter((s) => s.dropped === STORM_N && s.back + s.plainConnected >= 2 * STORM_N * 0.95).length;
  console.log(`\n${fullBack} of ${all.length} storms at full strength (≥ 950 of the 1,000 back in or newly in)`);
  console.log(
    `server RSS: ${r0(storm.serverRss.beforeMb)} MB before case 3, ${r0(storm.serverRss.afterMb)} MB after (peak of the run ${r0(storm.serverRss.peakMb)} MB)`,
  );
}

function printRecovered(recovered, askerAddress) {
  console.log(
    `\n4. A presenter's connection coming back without the token: (a) the token removed from auth, then the transport dropped (socket.io-client reconnects by itself, naming its session if the server offered one: offered ${recovered.a.offered ? 'yes' : 'no'}); (b) the same, with a question asked (from ${askerAddress}) while it was away. ` +
      'Then 5 s of questions (one every 2 s) and slide steps (every 500 ms). Counted per connection; a real presenter and a plain attendee as controls.\n',
  );
  console.log(
    '| connection | recovered | role in hello after | audience:presenter (moderation queue) | latency:windows of 1 window (presenters’) | of 2 (room’s) | hops:sample | scores:state | deck:state |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const crow = (label, rec, role, x) =>
    console.log(`| ${label} | ${rec} | ${role} | ${x.audiencePresenter} | ${x.windows1} | ${x.windows2} | ${x.hops} | ${x.scores} | ${x.deck} |`);
  const { a, b } = recovered;
  crow('(a) back, no token', a.recovered, a.roleAfter, a.subject);
  crow('(a) control: presenter', '—', 'presenter', a.control);
  crow('(a) control: attendee', '—', 'attendee', a.attendee);
  crow('(b) back, no token: at the reconnect', b.recovered, b.roleAfter, b.atReconnect);
  crow('(b) back, no token: the 5 s after', b.recovered, b.roleAfter, b.subject);
  crow('(b) control: presenter', '—', 'presenter', b.control);
  console.log(
    `\npresenter-only events on the connection back without the token: (a) ${a.subject.audiencePresenter} (expected 0), (b) ${b.atReconnect.audiencePresenter + b.subject.audiencePresenter} (expected 0); ` +
      `questions accepted: (a) ${a.acks.filter((k) => k?.ok).length} of ${a.acks.length}, (b) ${b.acks.filter((k) => k?.ok).length + (b.gapAck?.ok ? 1 : 0)} of ${b.acks.length + 1}; ` +
      `the real presenter was told of the gap's question before the reconnect: ${b.controlToldDuringGap ? 'yes' : 'no'}; ` +
      `(b)'s moderation queue at the reconnect holds that question's text: ${b.leakedGapQuestion ? 'yes' : 'no'}`,
  );
  const refusals = [...a.acks, b.gapAck, ...b.acks].filter((k) => !k?.ok).map((k) => k?.error?.message ?? k?.error ?? 'no answer');
  if (refusals.length > 0) console.log(`questions refused: ${[...new Set(refusals)].join('; ')}`);
}
