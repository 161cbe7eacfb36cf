// Child process of bench/audience-bench.mjs (`--abuse`): one hostile attendee doing what issue 15
// found hurt the talk, all at once, from its own source address (a phone on mobile data) or from
// the room's (`address` = the attendees' NAT):
// - a question flood from throw-away identities: sockets that never present an attendee token,
//   each earning an identity (the hello's challenge solved with node:crypto — the cheapest way a
//   script has — and claimed), asking its burst of questions and upvoting, then replaced;
// - 500 connections opened at once, held a moment, closed, again and again;
// - sockets sending invalid 15 KB frames and unknown events as fast as they can, reconnecting
//   whenever they are dropped.
// It counts what the server let through: connections, identities, questions, drops.
import { io } from 'socket.io-client';
import { claimNative } from './identity-native.mjs';

const stats = {
  connectAttempts: 0,
  connected: 0,
  refused: 0,
  identities: new Set(),
  identityRefused: 0,
  solveMs: 0,
  questionsAccepted: 0,
  questionsRefused: 0,
  junkSent: 0,
  dropped: 0,
};
let running = false;
const sockets = new Set();

const open = (url, address, extra = {}) => {
  stats.connectAttempts++;
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000, localAddress: address, ...extra });
  sockets.add(s);
  s.on('connect', () => stats.connected++);
  s.on('connect_error', () => {
    stats.refused++;
    sockets.delete(s);
  });
  s.hello = new Promise((resolve) => s.once('session:hello', resolve));
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' || reason === 'transport close') stats.dropped++;
    sockets.delete(s);
  });
  return s;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const connected = (s) =>
  new Promise((resolve) => {
    if (s.connected) return resolve(true);
    s.once('connect', () => resolve(true));
    s.once('connect_error', () => resolve(false));
  });
const emit = (s, event, payload) => new Promise((r) => s.timeout(5000).emit(event, payload, (err, ack) => r(err ? null : ack)));

/** `n` workers, each opening a connection and using it, again and again while running. */
async function workers(n, url, address, use) {
  const worker = async () => {
    while (running) {
      const s = open(url, address);
      if (await connected(s)) await use(s);
      else await sleep(200);
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
}

/** Throw-away identities asking their burst of questions and upvoting whatever they can see. */
function questionFlood(url, address, concurrency) {
  return workers(concurrency, url, address, async (s) => {
    const seen = [];
    s.on('audience:public', (v) => seen.push(...v.questions.map((q) => q.id)));
    const { identityChallenge } = await s.hello;
    if (identityChallenge) {
      const { ack: claimed, solveMs } = await claimNative(s, identityChallenge);
      stats.solveMs += solveMs;
      if (claimed?.ok) stats.identities.add(claimed.data.attendeeToken);
      else stats.identityRefused++;
    }
    for (let i = 0; i < 3 && running; i++) {
      const ack = await emit(s, 'question:ask', {
        text: `Flood ${Math.random().toString(36).slice(2)} — is eBPF replacing every proxy, yes or no?`,
        name: null,
      });
      if (ack?.ok) stats.questionsAccepted++;
      else stats.questionsRefused++;
    }
    for (const id of seen.slice(-5)) await emit(s, 'question:upvote', { id });
    s.disconnect();
  });
}

/** `n` connections at once, held `holdMs`, closed; repeated every `everyMs`. */
async function connectionStorm(url, address, n, holdMs, everyMs) {
  while (running) {
    const started = Date.now();
    const batch = Array.from({ length: n }, () => open(url, address));
    await sleep(holdMs);
    for (const s of batch) s.disconnect();
    await sleep(Math.max(0, everyMs - (Date.now() - started)));
  }
}

/** Sockets sending junk as fast as the server reads it: oversized invalid payloads, unknown
 *  events, undecodable packets. A dropped one comes back. */
function junk(url, address, n) {
  const big = 'x'.repeat(15_000);
  return workers(n, url, address, async (s) => {
    let i = 0;
    while (running && s.connected) {
      const kind = i++ % 3;
      if (kind === 0) s.emit('question:ask', { text: big, name: big.slice(0, 500) }, () => {});
      else if (kind === 1) s.emit('no:such-event', { big });
      else s.io.engine.write(`4${big}`); // a socket.io packet type that does not exist
      stats.junkSent++;
      if (i % 20 === 0) await sleep(1); // let the socket's buffer drain (and the drop arrive)
    }
    await sleep(50);
  });
}

process.on('message', async (m) => {
  if (m.t === 'start') {
    running = true;
    process.send({ t: 'started' });
    await Promise.all([
      questionFlood(m.url, m.address, m.floodConcurrency ?? 50),
      connectionStorm(m.url, m.address, m.storm ?? 500, 2000, 4000),
      junk(m.url, m.address, m.junkSockets ?? 10),
    ]);
  } else if (m.t === 'stop') {
    running = false;
    await sleep(300);
    for (const s of sockets) s.disconnect();
    process.send({ t: 'stopped', stats: { ...stats, identities: stats.identities.size, solveMs: Math.round(stats.solveMs) } });
  } else if (m.t === 'exit') {
    process.exit(0);
  }
});
