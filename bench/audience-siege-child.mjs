// Child process of bench/audience-siege.mjs (`--scenario siege`): the hostile attendee, from its own
// source address, pinned to the phones' CPU (another machine in a real room). One mode per case:
// - 'wrong-tokens': wrong presenter tokens as fast as the server answers them, on socket.io
//   handshakes, on /present and on the audience export, counting how each was refused;
// - 'still': `n` connections that stop reading once all are in ('pause'), until 'release';
// - 'storm' (started by runAbuse's 'start'): `n` connections that all drop their transport every
//   `everyMs` and come back recovering their session, while `n` brand-new ones open at the same
//   moment, held `holdMs`, closed;
// - 'ask': a new attendee (its own identity) asking one question.
import http from 'node:http';
import { io } from 'socket.io-client';
import { claimNative } from './identity-native.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let running = false;
let stopped = Promise.resolve();
const sockets = new Set();

const open = (url, address, extra = {}) => {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000, localAddress: address, ...extra });
  sockets.add(s);
  return s;
};
/** Resolves with the outcome of a socket's next connection attempt: 'connect' or the error. */
const outcome = (s) =>
  new Promise((resolve) => {
    const ok = () => (s.off('connect_error', bad), resolve('connect'));
    const bad = (err) => (s.off('connect', ok), resolve(err));
    s.once('connect', ok);
    s.once('connect_error', bad);
  });
const bump = (counts, key) => (counts[key] = (counts[key] ?? 0) + 1);

// ---- 'wrong-tokens' ----
const wrong = { socketSent: 0, socketWait: 0, socketOtherRefusal: 0, socketAdmitted: 0, socketOther: {}, http: { present: {}, export: {} } };

/** Socket.io handshakes with a wrong token, `concurrency` in flight, until stopped. */
async function wrongSockets(url, address, concurrency) {
  const worker = async () => {
    for (let i = 0; running; i++) {
      const s = open(url, address, { auth: { token: `wrong-${Math.random().toString(36).slice(2)}-0123456789` } });
      wrong.socketSent++;
      const got = await outcome(s);
      if (got === 'connect')
        wrong.socketAdmitted++; // counted as wrong, followed as an attendee
      else if (got.data?.retryAfterMs !== undefined) wrong.socketWait++;
      else {
        wrong.socketOtherRefusal++;
        bump(wrong.socketOther, got.message);
      }
      s.disconnect();
      sockets.delete(s);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** GETs with a wrong token on `route`, `concurrency` in flight over kept-alive connections. */
async function wrongHttp(url, address, route, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(url);
  const counts = wrong.http[route];
  const path = route === 'present' ? '/present?token=' : '/api/audience/export.json?token=';
  const get = () =>
    new Promise((resolve) => {
      const req = http.get({ hostname, port, path: `${path}wrong-${Math.random().toString(36).slice(2)}`, localAddress: address, agent }, (res) => {
        bump(counts, res.statusCode);
        res.resume().on('end', resolve);
      });
      req.on('error', (err) => (bump(counts, err.code ?? 'error'), resolve()));
    });
  const worker = async () => {
    while (running) await get();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
}

// ---- 'still' ----
let still = [];
// One more connection from the same address that keeps reading: what a non-reader is sent.
let reader = null;
let readerBytes = 0;
let readerSince = 0;

async function openStill(url, address, n) {
  still = Array.from({ length: n }, () => open(url, address));
  reader = open(url, address);
  reader.io.engine.on('data', (d) => (readerBytes += typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength));
  const results = await Promise.all([...still, reader].map(outcome));
  const refused = {};
  for (const r of results) if (r !== 'connect') bump(refused, r.message);
  return { connected: results.slice(0, n).filter((r) => r === 'connect').length, refused };
}

/** Stops reading on every one: `ws`'s own pause (which pauses its net.Socket and keeps it paused
 *  when its receiver drains), else the net.Socket under engine.io-client's WebSocket transport. */
function pauseStill() {
  let paused = 0;
  for (const s of still) {
    const ws = s.io.engine?.transport?.ws;
    if (typeof ws?.pause === 'function') ws.pause();
    else ws?._socket?.pause();
    if (ws?._socket?.isPaused()) paused++;
  }
  readerBytes = 0;
  readerSince = Date.now();
  return paused;
}

function releaseStill() {
  const read = { bytes: readerBytes, seconds: (Date.now() - readerSince) / 1000, connected: reader?.connected ?? false };
  for (const s of [...still, reader]) {
    if (!s) continue;
    s.io.engine?.transport?.ws?._socket?.destroy();
    s.disconnect();
    sockets.delete(s);
  }
  still = [];
  reader = null;
  return read;
}

// ---- 'storm' ----
const storms = [];

/** `n` sockets that reconnect by themselves (recovering their session) whenever their transport drops. */
async function stormSockets(url, addressOf, n) {
  const kept = Array.from({ length: n }, (_, i) => open(url, addressOf(i), { reconnection: true, reconnectionDelayMax: 5_000 }));
  await Promise.all(
    kept.map(
      (s) =>
        new Promise((resolve) => {
          s.once('connect', resolve);
          s.io.on('reconnect_failed', resolve);
        }),
    ),
  );
  return kept;
}

/** The storm's connections come from `spread` addresses (127.0.1.1…): one address's allowance
 *  (2,500 at once, then 50 a second) would refuse most of a steady storm of 1,000 every 4 s, and
 *  the point is the presenter under the whole storm. */
async function storm(url, spread, n, holdMs, everyMs) {
  const addressOf = (i) => `127.0.1.${1 + (i % spread)}`;
  const kept = await stormSockets(url, addressOf, n);
  while (running) {
    const started = Date.now();
    const round = { dropped: 0, recovered: 0, notRecovered: 0, refusals: 0, plainConnected: 0, plainRefused: 0, back: 0 };
    storms.push(round);
    for (const s of kept) {
      if (!s.connected) continue;
      round.dropped++;
      // The next connect of this socket, recovered or not (and the refusals on the way).
      const onError = () => round.refusals++;
      s.on('connect_error', onError);
      s.once('connect', () => {
        s.off('connect_error', onError);
        round.back++;
        if (s.recovered) round.recovered++;
        else round.notRecovered++;
      });
      // No goodbye: the server keeps the session, socket.io-client reconnects with its pid and offset.
      s.io.engine.close();
    }
    const plain = Array.from({ length: n }, (_, i) => open(url, addressOf(i + n)));
    for (const s of plain) void outcome(s).then((r) => (r === 'connect' ? round.plainConnected++ : round.plainRefused++));
    await sleep(holdMs);
    for (const s of plain) {
      s.disconnect();
      sockets.delete(s);
    }
    await sleep(Math.max(0, everyMs - (Date.now() - started)));
  }
  for (const s of kept) s.disconnect();
}

// ---- 'ask' ----

/** An attendee identity: a plain connection earns one — the hello's challenge solved the way a
 *  script would (node:crypto) and claimed. Resolves with the connected socket. */
async function attendeeIdentity(url, address) {
  const s = open(url, address);
  const hello = new Promise((r) => s.once('session:hello', r));
  if ((await outcome(s)) !== 'connect') throw new Error('the asker was refused');
  const { identityChallenge } = await hello;
  const { ack: claimed } = await claimNative(s, identityChallenge, { timeoutMs: 10_000 });
  if (!claimed?.ok) throw new Error(`the asker earned no attendee identity: ${claimed?.error?.message ?? 'no answer'}`);
  return s;
}

/** One question from a new attendee (an identity asks 3, then one per 30 s). */
async function ask(url, address, text) {
  const asker = await attendeeIdentity(url, address);
  const ack = await new Promise((r) =>
    asker.timeout(5000).emit('question:ask', { text, name: null }, (err, a) => r(err ? { ok: false, error: String(err) } : a)),
  );
  asker.disconnect();
  sockets.delete(asker);
  return ack;
}

process.on('message', async (m) => {
  if (m.t === 'start' && m.mode === 'wrong-tokens') {
    running = true;
    stopped = Promise.all([
      wrongSockets(m.url, m.address, m.socketConcurrency ?? 20),
      wrongHttp(m.url, m.address, 'present', m.httpConcurrency ?? 8),
      wrongHttp(m.url, m.address, 'export', m.httpConcurrency ?? 8),
    ]);
    process.send({ t: 'started' });
  } else if (m.t === 'start' && m.mode === 'storm') {
    running = true;
    stopped = storm(m.url, m.spread ?? 20, m.n ?? 500, m.holdMs ?? 2000, m.everyMs ?? 4000);
    process.send({ t: 'started' });
  } else if (m.t === 'stop') {
    running = false;
    await stopped;
    process.send({ t: 'stopped', stats: storms.length > 0 ? { storms } : wrong });
  } else if (m.t === 'still') {
    process.send({ t: 'still', ...(await openStill(m.url, m.address, m.n)) });
  } else if (m.t === 'pause') {
    process.send({ t: 'paused', paused: pauseStill() });
  } else if (m.t === 'release') {
    process.send({ t: 'released', reader: releaseStill() });
  } else if (m.t === 'ask') {
    process.send({ t: 'asked', ack: await ask(m.url, m.address, m.text).catch((err) => ({ ok: false, error: err.message })) });
  } else if (m.t === 'exit') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
