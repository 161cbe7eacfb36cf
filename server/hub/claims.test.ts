// commandsOf's handling of `identity:claim` on one connection, with the command's run stood in for
// (as an edge's round trip to the primary): what is adopted, onto which connection, and when.
import { describe, expect, it } from 'vitest';
import { fail, ok, type Ack } from '../../lib/contract/ack';
import { AttendeeIdentity } from '../audience/attendee-identity';
import { AddressLimits, ESTABLISHED_MS } from './address-limits';
import type { Sender } from './commands';
import { commandsOf } from './connection';
import type { HubSocket } from './register-command';

const identity = new AttendeeIdentity(Buffer.alloc(32, 3));

function fakeSocket(connected: boolean) {
  const listeners = new Map<string, () => void>();
  const rooms: string[] = [];
  const socket = {
    connected,
    data: {} as Record<string, unknown>,
    join: (room: string) => void rooms.push(room),
    once: (event: string, fn: () => void) => void listeners.set(event, fn),
  };
  return { socket: socket as unknown as HubSocket, rooms, listeners, data: socket.data };
}

const clock = { t: 0, now: () => clock.t };

describe('claims', () => {
  it('an identity is adopted only onto a connection still open when the answer comes back', async () => {
    const limits = new AddressLimits(clock.now);
    const { id, token } = identity.issue();
    for (const connected of [false, true]) {
      const s = fakeSocket(connected);
      const who: Sender = { role: 'attendee', address: '10.1.1.1' };
      const runs = commandsOf(s.socket, who, limits, identity, async () => ok({ attendeeToken: token, mine: { votes: {}, questions: [], upvoted: [] } }));
      expect((await runs('identity:claim', [{}])).ok).toBe(true);
      expect(who.attendee).toBe(connected ? id : undefined);
      expect(s.rooms).toEqual(connected ? [`a:${id}`] : []);
    }
    // The open one counts as present until it disconnects; the closed one never did.
    clock.t += ESTABLISHED_MS;
    expect(limits.established('10.1.1.1', id)).toBe(true);
  });

  it('a token that does not verify is not adopted; a refused claim adopts nothing', async () => {
    const limits = new AddressLimits(clock.now);
    for (const answer of [
      ok({ attendeeToken: 'a-forgedforged.xyz', mine: { votes: {}, questions: [], upvoted: [] } }),
      fail('rate-limited', 'busy'),
    ] as Ack<unknown>[]) {
      const s = fakeSocket(true);
      const who: Sender = { role: 'attendee', address: '10.1.1.2' };
      await commandsOf(s.socket, who, limits, identity, async () => answer)('identity:claim', [{}]);
      expect(who.attendee).toBeUndefined();
      expect(s.rooms).toEqual([]);
    }
  });

  it('one claim at a time per connection, and the next after the first came back', async () => {
    const limits = new AddressLimits(clock.now);
    const s = fakeSocket(true);
    const who: Sender = { role: 'attendee', address: '10.1.1.3' };
    let answer!: (a: Ack<unknown>) => void;
    const runs = commandsOf(s.socket, who, limits, identity, () => new Promise((r) => (answer = r)));
    const first = runs('identity:claim', [{}]);
    expect(await runs('identity:claim', [{}])).toMatchObject({ ok: false, error: { message: /on its way/ } });
    answer(fail('rate-limited', 'busy'));
    await first;
    const again = runs('identity:claim', [{}]);
    answer(fail('rate-limited', 'busy'));
    expect(await again).toMatchObject({ ok: false, error: { message: 'busy' } });
  });
});
