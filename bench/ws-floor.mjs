// Child process of bench/audience-bench.mjs: the floor. A bare `ws` server that sends every
// connected client exactly what one attendee of the app received during the measured steps — the
// same frames, in the same order, at the same moments — each frame encoded once and written to
// every client in a loop, nothing else: no rooms, no acks, no heartbeats, no state. What the app's
// server costs above this is what socket.io, the hub and the lab's telemetry add.
// Parent messages: {t:'play', frames:[{dt, text}]} → {t:'played', sent:{rev: at}} (when each
// deck:state frame started going out, for the same delivery latency as the app's).
import { WebSocketServer } from 'ws';
import { monoMs } from './mono-clock.mjs';

const now = monoMs;
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () => process.send({ t: 'listening', url: `http://127.0.0.1:${wss.address().port}` }));

process.on('message', (m) => {
  if (m.t !== 'play') return;
  const started = now();
  const sent = {};
  let i = 0;
  const next = () => {
    while (i < m.frames.length && now() - started >= m.frames[i].dt) {
      const { text } = m.frames[i++];
      const frame = Buffer.from(text);
      if (text.startsWith('42["deck:state"')) sent[JSON.parse(text.slice(2))[1].rev] = now();
      for (const client of wss.clients) client.send(frame, { binary: false });
    }
    if (i < m.frames.length) setTimeout(next, Math.max(0, m.frames[i].dt - (now() - started)));
    else process.send({ t: 'played', sent });
  };
  next();
});
// The bench gone (it failed half-way): so is this.
process.on('disconnect', () => process.exit(0));
