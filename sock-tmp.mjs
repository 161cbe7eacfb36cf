import { io } from 'socket.io-client';
const s = io('http://localhost:3600', { auth: { token: 'devtoken123' }, transports: ['websocket'] });
s.on('connect', async () => {
  await new Promise((r) => s.emit('mode:set', { mode: 'none' }, r));
  await new Promise((r) => setTimeout(r, 1500));
  let n = 0;
  s.on('hops:sample', (h) => { if (n++ < 3) console.log(JSON.stringify(h).slice(0, 400)); });
  s.on('scores:state', (b) => console.log('scores none', JSON.stringify(b.rows.find((r) => r.mode === 'none'))));
  setTimeout(() => process.exit(0), 2500);
});
