// Child process of bench/audience-bench.mjs: N simulated attendees, one WebSocket each — speaking
// socket.io's wire protocol to the app (bench/wire-client.mjs), or plain WebSocket to the raw `ws`
// floor (bench/ws-floor.mjs) — recording when each deck:state arrives and the bytes of every event.
// While counting it also keeps what the first attendee received, in order and with its timing:
// the floor replays exactly that to every attendee. A room of 10,000 is several swarms, each one
// venue address (`localAddress`): one process cannot time 10,000 phones, and a venue's NAT has a
// few public addresses, not one.
import WebSocket from 'ws';
import { monoMs } from './mono-clock.mjs';
import { connectWire, eventName } from './wire-client.mjs';

const now = monoMs;
let sockets = [];
const arrivals = new Map(); // deck rev -> arrival times
const bytesByEvent = new Map();
let recording = [];
let counting = false;
let countStarted = 0;

function onFrame(index, text, at) {
  if (!counting) return;
  const event = eventName(text);
  if (event === 'deck:state') {
    const rev = JSON.parse(text.slice(2))[1].rev;
    let list = arrivals.get(rev);
    if (!list) arrivals.set(rev, (list = []));
    list.push(at);
  }
  const b = bytesByEvent.get(event) ?? { count: 0, bytes: 0 };
  b.count++;
  b.bytes += Buffer.byteLength(text);
  bytesByEvent.set(event, b);
  if (index === 0) recording.push({ dt: at - countStarted, text });
}

function connectPlain(url, index, localAddress) {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), { perMessageDeflate: false, ...(localAddress ? { localAddress } : {}) });
  ws.on('message', (data) => onFrame(index, data.toString(), now()));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const open = (s) => s.readyState === WebSocket.OPEN;

process.on('message', async (m) => {
  if (m.t === 'connect') {
    const started = now();
    for (let i = 0; i < m.n; i += m.batch) {
      const batch = [];
      for (let j = i; j < Math.min(m.n, i + m.batch); j++) {
        const index = j;
        // m.urls: several servers (the floor's processes), one after another.
        const url = m.urls ? m.urls[j % m.urls.length] : m.url;
        const connecting =
          m.kind === 'ws'
            ? connectPlain(url, index, m.localAddress)
            : connectWire(url, { onFrame: (text, at) => onFrame(index, text, at), now, localAddress: m.localAddress });
        batch.push(connecting.then((s) => sockets.push(s)).catch(() => {}));
      }
      await Promise.all(batch);
    }
    process.send({ t: 'connected', n: sockets.filter(open).length, ms: now() - started });
  } else if (m.t === 'count') {
    arrivals.clear();
    bytesByEvent.clear();
    recording = [];
    countStarted = now();
    counting = true;
    process.send({ t: 'counting' });
  } else if (m.t === 'report') {
    counting = false;
    process.send({
      t: 'report',
      arrivals: Object.fromEntries(arrivals),
      bytes: Object.fromEntries(bytesByEvent),
      connected: sockets.filter(open).length,
      recording,
    });
  } else if (m.t === 'close') {
    for (const s of sockets) s.terminate();
    sockets = [];
    process.send({ t: 'closed' });
  } else if (m.t === 'exit') {
    for (const s of sockets) s.terminate();
    process.exit(0);
  }
});
// The bench gone (it failed half-way): so is this.
process.on('disconnect', () => process.exit(0));
