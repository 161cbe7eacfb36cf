// Which connections are sent the live measurements. States (deck, demo, calculator, polls and
// questions) go to every phone, in its shard room (`s:n`, fan-out.ts); the measurements (latency
// windows, hop samples, scoreboards: the volatile events) only to the phones in the shard's live
// room (`l:n`), which a phone leaves while its page is hidden (`view:set`, the Page Visibility
// API: in the background or the screen off) and joins again when it is back. A hidden phone
// draws nothing, and on a 10,000-phone room its telemetry is most of what goes on the air; what
// it comes back to is exact, since it kept the states and the scoreboard is resent whole.
import type { HubServer } from './hub-types';

export const liveRoom = (shard: number) => `l:${shard}`;
/** Room connections that draw the room's reactions (the projector opened without the token);
 *  the presenters' windows get them anyway, and a phone draws none. */
export const REACTION_ROOM = 'reactions';

/** Moves a connection (here, or on an edge: by its id through the adapter) in or out of its live
 *  room and the reactions room. Returns whether it just came back to the live room. */
export function moveConnection(io: HubServer, socketId: string, live: string, view: { hidden: boolean; reactions: boolean }): void {
  const target = io.in(socketId);
  if (view.hidden) target.socketsLeave(live);
  else target.socketsJoin(live);
  if (view.reactions && !view.hidden) target.socketsJoin(REACTION_ROOM);
  else target.socketsLeave(REACTION_ROOM);
}
