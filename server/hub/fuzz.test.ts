// Thousands of malformed, oversized and rapid events from many clients at once: every one is
// refused or dropped, the server keeps answering a well-behaved client quickly, and nothing in
// the talk's state (deck, demo, polls, votes, questions) changes.
import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { withTimeout } from '../../lib/async/async-helpers';
import { testDeckWithPolls } from '../../lib/testing/test-deck';
import { command, startTestServer, type TestClient } from '../testing/start-test-server';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const EVENTS = [
  'poll:vote',
  'poll:set',
  'question:ask',
  'question:upvote',
  'question:moderate',
  'reaction:send',
  'deck:step',
  'deck:goto',
  'mode:set',
  'policy:set',
  'load:set',
  'scene:run',
  'calc:set',
  'timer:set',
  'state:sync',
  'no:such',
  '__proto__',
  'constructor',
  '',
];

/** A payload that no schema accepts: wrong types, unknown keys, bad ids, huge strings, odd shapes. */
function garbage(rnd: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const big = 'x'.repeat(Math.floor(rnd() * 20_000));
  return pick<unknown>([
    null,
    undefined,
    42,
    -1,
    Number.NaN,
    'hello',
    big,
    [],
    [1, 2, 3],
    { pollId: 'in-prod', option: 'yes', extra: 1 },
    { pollId: 'IN PROD', option: 'yes' },
    { pollId: 'in-prod', option: big },
    { text: big, name: null },
    { text: '', name: null },
    { text: 42, name: 'x' },
    { id: '../../etc/passwd' },
    { id: 'q-<script>' },
    { emoji: 'x' },
    { emoji: ['🔥'] },
    { pollId: 'in-prod', status: 'revealed', __proto__: { admin: true } },
    { slide: -5, fragment: 'a' },
    { mode: 'quantum' },
    { direction: 'sideways' },
    JSON.parse('{"__proto__":{"polluted":true},"pollId":"x"}'),
    { a: { b: { c: { d: { e: { f: [big] } } } } } },
  ]);
}

describe('fuzz', () => {
  it('survives 6000 bad events from 30 clients with its state intact and stays responsive', async () => {
    const server = await startTestServer({ deck: testDeckWithPolls() });
    try {
      const presenter = await server.presenter();
      await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' });
      const voter = await server.attendee();
      await command(voter, 'poll:vote', { pollId: 'in-prod', option: 'yes' });
      await command(voter, 'question:ask', { text: 'A real question', name: null });
      const before = { audience: server.app.audience.state.presenterView(), deck: server.app.deck.state(), demo: server.app.demo.state() };

      const rnd = prng(7);
      const attackers: TestClient[] = [];
      for (let i = 0; i < 30; i++) attackers.push((await server.client(i % 10 === 0 ? 'wrong-token' : undefined)) as TestClient);
      // Every event with an ack is answered (refused) or its connection is dropped (oversized, over
      // the frame rate): an event neither answered nor dropped would leave its send pending.
      const dropped = new Map(attackers.map((a) => [a, new Promise<void>((r) => a.once('disconnect', () => r()))]));
      let acked = 0;
      const sends: Promise<void>[] = [];
      for (let n = 0; n < 6000; n++) {
        const socket = attackers[n % attackers.length]!;
        const event = EVENTS[Math.floor(rnd() * EVENTS.length)]!;
        const args: unknown[] = [garbage(rnd)];
        if (rnd() < 0.2) args.push(garbage(rnd)); // extra arguments
        const withAck = rnd() < 0.7;
        if (withAck) {
          sends.push(
            new Promise<void>((resolve) => {
              void dropped.get(socket)!.then(resolve); // a dropped client never answers
              (socket as unknown as { emit(...a: unknown[]): void }).emit(event, ...args, (r: { ok: boolean }) => {
                if (r?.ok) acked++;
                resolve();
              });
            }),
          );
        } else (socket as unknown as { emit(...a: unknown[]): void }).emit(event, ...args);
      }

      // While the flood is in flight, a well-behaved phone connects and is answered (a deadline,
      // not a measurement: a server stuck behind the flood fails it).
      const fresh = connect(server.url, { transports: ['websocket'], reconnection: false });
      const answered = (async () => {
        await new Promise<void>((resolve, reject) => {
          fresh.once('connect', () => resolve());
          fresh.once('connect_error', reject);
        });
        return new Promise<{ ok: boolean }>((resolve) => fresh.emit('state:sync', {}, resolve));
      })();
      const sync = await withTimeout(answered, 5000, 'a well-behaved phone got no answer within 5 s of the flood');
      expect(sync.ok).toBe(true);
      await Promise.all(sends);
      fresh.disconnect();

      // Not one of them was accepted.
      expect(acked).toBe(0);
      expect(server.app.audience.state.presenterView()).toEqual(before.audience);
      expect(server.app.deck.state()).toEqual(before.deck);
      expect(server.app.demo.state()).toEqual(before.demo);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // And the well-behaved client still works: a vote counts.
      const late = await server.attendee();
      expect(await command(late, 'poll:vote', { pollId: 'in-prod', option: 'no' })).toMatchObject({ ok: true });
      expect(server.app.audience.state.poll('in-prod')).toMatchObject({ total: 2 });
    } finally {
      await server.close();
    }
  }, 60_000);
});
