// The presenter comes first. One Node process writes to every connection, and on this stack a
// write to a socket is the expensive part (a writev each): a broadcast to 2,000 phones held the
// event loop ~40–80 ms, and a presenter's deck:step read meanwhile waited for all of it — its
// own deck:state even went out last, the presenter's window having joined after the room.
// So every broadcast goes to the presenters' room at once, and to attendees in shards (rooms
// `s:0`…), slices of the queue run one per turn of the event loop: between two slices Node reads
// the sockets again, and a presenter's command waits for one slice, not for the room.
// A phone's new connection waits in the queue too (its admission: server/hub/connection.ts), behind
// the state broadcasts: its snapshot is computed when it is sent, so whatever it follows is
// older, and 500 connections opened at once are joined in slices rather than in one block,
// without holding up the slide for the room. Measurements (volatile: the latency windows, hop samples,
// scoreboard, reactions) wait behind states and admissions, and one that waited longer than
// VOLATILE_MAX_AGE_MS is dropped, as socket.io drops a volatile packet for a busy connection:
// when the room costs more than the machine has, phones miss chart points, not slides. Each
// broadcast to the room is encoded once and written to the phones' WebSockets directly
// (server/hub/direct-write.ts).
// A measurement goes to each shard's live room only (server/hub/live-rooms.ts): a phone whose page
// is hidden left it, and gets the states alone.
import { directToRoom, eventFrame, type RoomSend } from './direct-write';
import type { HubServer, SnapshotEvent } from './hub-types';
import { liveRoom } from './live-rooms';

/** Attendee connections are spread over this many rooms; at 2,000 phones, 125 per task. */
export const ATTENDEE_SHARDS = 16;
/** Attendee work done per turn of the event loop before Node reads the sockets again. */
export const ATTENDEE_SLICE_MS = 4;
/** New connections joined per slice: socket.io runs a connection's join (identify, hello,
 *  snapshot: ~1 ms) on the tick after its admission, outside the slice's clock, so they are
 *  counted instead — 500 admitted in one slice once held the loop 200 ms. */
export const ADMISSIONS_PER_SLICE = 4;
/** A measurement not yet sent to a shard after this long is dropped (two windows). */
export const VOLATILE_MAX_AGE_MS = 500;

export const shardRoom = (shard: number) => `s:${shard}`;

/** The shard of a connection, from its (random) socket id: an even spread without shared state,
 *  the same in every process of a scale-out. */
export function shardOf(socketId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < socketId.length; i++) h = Math.imul(h ^ socketId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % ATTENDEE_SHARDS;
}

type Payload<E extends SnapshotEvent[0]> = Extract<SnapshotEvent, [E, unknown]>[1];

export interface FanOut {
  /** To presenters now, to attendees in turn. `volatile`: a measurement, to the phones in the live
   *  rooms only, dropped for a connection not ready to write. `only`: one side (a measurement the room gets at a lower rate or batched). */
  emit<E extends SnapshotEvent[0]>(event: E, payload: Payload<E>, options?: { volatile?: boolean; only?: 'presenters' | 'room' }): void;
  /** Runs attendee work (a new connection's admission) in turn, after the state broadcasts. */
  later(task: () => void): void;
  /** Tasks waiting (for tests and the log). */
  pending(): number;
  cancel(): void;
}

export function fanOut(io: HubServer, presenters: string, now: () => number = () => performance.now(), toRoom: RoomSend = directToRoom(io)): FanOut {
  const states: (() => void)[] = [];
  const admissions: (() => void)[] = [];
  const measurements: { at: number; run: () => void }[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const drain = () => {
    scheduled = null;
    const until = now() + ATTENDEE_SLICE_MS;
    let admitted = 0;
    while (now() < until) {
      const state = states.shift();
      if (state) state();
      else if (admissions.length > 0 && admitted < ADMISSIONS_PER_SLICE) {
        admissions.shift()!();
        admitted++;
      } else if (admissions.length > 0) break;
      else {
        const m = measurements.shift();
        if (!m) break;
        if (now() - m.at <= VOLATILE_MAX_AGE_MS) m.run();
      }
    }
    if (states.length + admissions.length + measurements.length > 0) scheduled = setImmediate(drain);
  };
  const schedule = () => (scheduled ??= setImmediate(drain));
  // socket.io's typed emit cannot take an event name held in a variable of a union type.
  type Emitter = { emit(event: string, payload: unknown): void };
  return {
    emit(event, payload, options = {}) {
      const to = (room: string): Emitter => (options.volatile ? io.volatile : io).to(room) as unknown as Emitter;
      if (options.only !== 'room') to(presenters).emit(event, payload);
      if (options.only === 'presenters') return;
      const at = now();
      let frame: Buffer | null = null;
      const encoded = () => (frame ??= Buffer.from(eventFrame(event, payload)));
      const volatile = options.volatile === true;
      for (let shard = 0; shard < ATTENDEE_SHARDS; shard++) {
        const run = () => toRoom(volatile ? liveRoom(shard) : shardRoom(shard), event, payload, encoded, volatile);
        if (volatile) measurements.push({ at, run });
        else states.push(run);
      }
      schedule();
    },
    later(task) {
      admissions.push(task);
      schedule();
    },
    pending: () => states.length + admissions.length + measurements.length,
    cancel() {
      states.length = 0;
      admissions.length = 0;
      measurements.length = 0;
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
    },
  };
}
