// Child process of bench/audience-nat.mjs (`runStuffing`): vote stuffing from many addresses. Each
// worker connects from the next address, earns an identity the cheapest way a script can
// (node:crypto), votes, upvotes one public question, closes, and starts again — until the time is up.
import { io } from 'socket.io-client';
import { claimNative } from './identity-native.mjs';

const emit = (s, event, payload) => new Promise((r) => s.timeout(10_000).emit(event, payload, (err, ack) => r(err ? null : ack)));
const CONCURRENCY = 8;

process.on('message', async (m) => {
  if (m.t !== 'start') return;
  const stats = { concurrency: CONCURRENCY, identities: 0, refused: 0, votes: 0, upvotes: 0, connections: 0 };
  const until = Date.now() + m.seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (Date.now() < until) {
      const address = `127.0.0.${10 + (next++ % m.addresses)}`;
      const s = io(m.url, { transports: ['websocket'], forceNew: true, reconnection: false, localAddress: address });
      const hello = new Promise((resolve) => s.once('session:hello', resolve));
      const connected = await new Promise((resolve) => {
        s.once('connect', () => resolve(true));
        s.once('connect_error', () => resolve(false));
      });
      if (connected) {
        stats.connections++;
        const { identityChallenge } = await hello;
        const claimed = identityChallenge ? (await claimNative(s, identityChallenge, { timeoutMs: 10_000 })).ack : null;
        if (claimed?.ok && Date.now() < until) {
          stats.identities++;
          if ((await emit(s, 'poll:vote', { pollId: m.pollId, option: m.option }))?.ok) stats.votes++;
          if ((await emit(s, 'question:upvote', { id: m.questionId }))?.ok) stats.upvotes++;
        } else if (claimed && !claimed.ok) stats.refused++;
      }
      s.disconnect();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  process.send({ t: 'done', stats });
});
