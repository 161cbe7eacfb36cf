import { afterEach, describe, expect, it } from 'vitest';
import { ADMISSIONS_PER_SLICE, ATTENDEE_SHARDS, ATTENDEE_SLICE_MS, fanOut, shardOf, shardRoom, VOLATILE_MAX_AGE_MS, type FanOut } from './fan-out';
import type { RoomSend } from './direct-write';
import type { HubServer } from './hub-types';
import { liveRoom } from './live-rooms';

/** Records every emit as `room event payload [volatile]`, in order; `cost` ms of (fake) time each. */
function recordingIo(clock: { t: number }, cost = 0) {
  const sent: string[] = [];
  const operator = (volatile: boolean) => ({
    to: (room: string) => ({
      emit: (event: string, payload: unknown) => {
        clock.t += cost;
        sent.push(`${room} ${event} ${JSON.stringify(payload)}${volatile ? ' volatile' : ''}`);
      },
    }),
  });
  const io = { ...operator(false), volatile: operator(true) } as unknown as HubServer;
  // The room the way socket.io would send to it (the direct writer has its own test).
  const toRoom: RoomSend = (room, event, payload, _frame, volatile) =>
    ((volatile ? io.volatile : io).to(room) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
  return { io, sent, toRoom };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await turn();
};

let fan: FanOut | undefined;
afterEach(() => fan?.cancel());

describe('fan-out: the presenter first, the room in turn', () => {
  it('sends to the presenters at once and to each shard of attendees on later turns, in order', async () => {
    const clock = { t: 0 };
    const { io, sent, toRoom } = recordingIo(clock);
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    fan.emit('deck:state', { rev: 1 } as never);
    fan.emit('deck:state', { rev: 2 } as never);
    expect(sent).toEqual(['presenters deck:state {"rev":1}', 'presenters deck:state {"rev":2}']);
    await turns(3);
    const rooms = sent.slice(2).map((line) => line.split(' ')[0]);
    expect(new Set(rooms)).toEqual(new Set(Array.from({ length: ATTENDEE_SHARDS }, (_, i) => shardRoom(i))));
    // Every shard gets rev 1 before rev 2.
    for (let i = 0; i < ATTENDEE_SHARDS; i++) {
      const mine = sent.filter((line) => line.startsWith(`${shardRoom(i)} `));
      expect(mine).toEqual([`${shardRoom(i)} deck:state {"rev":1}`, `${shardRoom(i)} deck:state {"rev":2}`]);
    }
    expect(fan.pending()).toBe(0);
  });

  it('yields to the event loop between slices of attendee work', async () => {
    const clock = { t: 0 };
    const { io, sent, toRoom } = recordingIo(clock, ATTENDEE_SLICE_MS); // each shard's send costs a whole slice
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    fan.emit('demo:state', { rev: 7 } as never);
    await turn();
    expect(sent).toHaveLength(2); // the presenters, then one shard: Node reads the sockets again
    expect(fan.pending()).toBe(ATTENDEE_SHARDS - 1);
    await turns(ATTENDEE_SHARDS);
    expect(sent).toHaveLength(1 + ATTENDEE_SHARDS);
  });

  it('serves states before new connections, and both before measurements', async () => {
    const clock = { t: 0 };
    const { io, sent, toRoom } = recordingIo(clock);
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    fan.emit('latency:windows', { n: 1 } as never, { volatile: true });
    fan.later(() => sent.push('admission'));
    fan.emit('deck:state', { rev: 3 } as never);
    await turns(3);
    const attendeeWork = sent.filter((line) => !line.startsWith('presenters '));
    expect(attendeeWork.slice(0, ATTENDEE_SHARDS).every((line) => line.includes('deck:state'))).toBe(true);
    expect(attendeeWork[ATTENDEE_SHARDS]).toBe('admission');
    expect(attendeeWork.slice(ATTENDEE_SHARDS + 1).every((line) => line.includes('latency:windows') && line.endsWith('volatile'))).toBe(true);
    expect(attendeeWork).toHaveLength(2 * ATTENDEE_SHARDS + 1);
  });

  it('joins a few new connections per turn, however cheap their admission looks (the join runs on the next tick)', async () => {
    const clock = { t: 0 };
    const { io, toRoom } = recordingIo(clock);
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    const joined: number[] = [];
    for (let i = 0; i < 3 * ADMISSIONS_PER_SLICE; i++) fan.later(() => process.nextTick(() => joined.push(i)));
    await turn();
    expect(joined).toHaveLength(ADMISSIONS_PER_SLICE);
    await turns(2);
    expect(joined).toEqual(Array.from({ length: 3 * ADMISSIONS_PER_SLICE }, (_, i) => i));
  });

  it('drops a measurement that waited too long, never a state', async () => {
    const clock = { t: 0 };
    const { io, sent, toRoom } = recordingIo(clock);
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    fan.emit('hops:sample', { n: 1 } as never, { volatile: true });
    fan.emit('deck:state', { rev: 4 } as never);
    clock.t += VOLATILE_MAX_AGE_MS + 1; // the room fell behind
    await turns(3);
    expect(sent.filter((line) => line.includes('hops:sample'))).toEqual(['presenters hops:sample {"n":1} volatile']);
    expect(sent.filter((line) => line.includes('deck:state'))).toHaveLength(1 + ATTENDEE_SHARDS);
  });

  it("sends a measurement to each shard's live room (phones in view), a state to each shard's room (every phone)", async () => {
    const clock = { t: 0 };
    const { io, sent, toRoom } = recordingIo(clock);
    fan = fanOut(io, 'presenters', () => clock.t, toRoom);
    fan.emit('hops:sample', { n: 2 } as never, { volatile: true });
    fan.emit('deck:state', { rev: 5 } as never);
    await turns(3);
    const roomsOf = (event: string) => new Set(sent.filter((l) => l.includes(event) && !l.startsWith('presenters ')).map((l) => l.split(' ')[0]));
    const shards = Array.from({ length: ATTENDEE_SHARDS }, (_, i) => i);
    expect(roomsOf('hops:sample')).toEqual(new Set(shards.map(liveRoom)));
    expect(roomsOf('deck:state')).toEqual(new Set(shards.map(shardRoom)));
  });

  it('spreads connections evenly over the shards', () => {
    const counts = new Array<number>(ATTENDEE_SHARDS).fill(0);
    for (let i = 0; i < 16_000; i++) counts[shardOf(Math.random().toString(36).slice(2) + i)]!++;
    for (const c of counts) expect(c).toBeGreaterThan((16_000 / ATTENDEE_SHARDS) * 0.85);
  });
});
