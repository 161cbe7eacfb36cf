// Child process of bench/audience-bench.mjs: N simulated attendees (socket.io over WebSocket, one
// connection each), recording when each deck:state arrives and every byte of every event.
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
const sockets = [];
const arrivals = new Map(); // deck rev -> arrival times
const bytesByEvent = new Map();
let counting = false;

process.on('message', async (m) => {
  if (m.t === 'connect') {
    const started = now();
    for (let i = 0; i < m.n; i += m.batch) {
      const batch = [];
      for (let j = i; j < Math.min(m.n, i + m.batch); j++) {
        const s = io(m.url, { transports: ['websocket'], forceNew: true, reconnection: true, timeout: 20_000 });
        s.on('deck:state', (state) => {
          if (!counting) return;
          let list = arrivals.get(state.rev);
          if (!list) arrivals.set(state.rev, (list = []));
          list.push(now());
        });
        s.onAny((event, ...args) => {
          if (!counting) return;
          const b = bytesByEvent.get(event) ?? { count: 0, bytes: 0 };
          b.count++;
          b.bytes += Buffer.byteLength(`42${JSON.stringify([event, ...args])}`);
          bytesByEvent.set(event, b);
        });
        batch.push(new Promise((resolve) => s.once('connect', resolve)));
        sockets.push(s);
      }
      await Promise.all(batch);
    }
    process.send({ t: 'connected', n: sockets.filter((s) => s.connected).length, ms: now() - started });
  } else if (m.t === 'count') {
    arrivals.clear();
    bytesByEvent.clear();
    counting = true;
    process.send({ t: 'counting' });
  } else if (m.t === 'report') {
    counting = false;
    process.send({
      t: 'report',
      arrivals: Object.fromEntries(arrivals),
      bytes: Object.fromEntries(bytesByEvent),
      connected: sockets.filter((s) => s.connected).length,
    });
  } else if (m.t === 'exit') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
