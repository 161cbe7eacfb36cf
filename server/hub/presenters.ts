// Who is presenting: the presenter windows connected (each named by its holder), who last moved
// the deck or changed the demo, and who the demo's controls were handed to — for the console and
// the remote, where co-presenters see each other. Sent to presenter windows only: names never
// reach the room or a recording.
import { coalesce } from '../../lib/async/async-helpers';
import type { PresenterMove, PresentersState, PresenterWindow } from '../../lib/contract/events';
import { kindLabel } from '../../lib/contract/presenter-moves';
import { CommandFailure } from '../engine/command-failure';
import type { HubServer } from './hub-types';
import type { Sender } from './commands';

/** The commands that move the deck, and those that drive the demo. */
const DECK_MOVES = new Set(['deck:step', 'deck:goto']);
export const DEMO_CHANGES = new Set(['mode:set', 'policy:set', 'load:set', 'scene:run']);

const BROADCAST_MS = 100;

export interface Presenters {
  state(): PresentersState;
  /** A presenter window connected or left. */
  changed(): void;
  /** A command ran for `who` and was carried out. */
  ran(event: string, who: Sender): void;
  /** Why `who` may not drive the demo now (the controls were handed to another window), or null. */
  demoRefusal(event: string, who: Sender): string | null;
  /** Hands the demo's controls to a connected presenter window, or frees them (null). */
  setDriver(client: string | null, who: Sender): PresentersState;
  stop(): void;
}

/** `room`: the presenter windows' socket.io room. */
export function trackPresenters(io: HubServer, room: string, now: () => number): Presenters {
  let lastDeck: PresenterMove | null = null;
  let lastDemo: PresenterMove | null = null;
  let driver: PresenterWindow | null = null;
  const windows = (): PresenterWindow[] => {
    // One entry per window: a window reconnecting may hold two sockets for a moment.
    const byClient = new Map<string, PresenterWindow>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.role === 'presenter' && socket.data.presenter) byClient.set(socket.data.presenter.client, socket.data.presenter);
    }
    return [...byClient.values()];
  };
  /** The driver, while its window is connected (one that left frees the controls: nobody is locked out). */
  const currentDriver = (): PresenterWindow | null => (driver && windows().some((w) => w.client === driver!.client) ? driver : null);
  const state = (): PresentersState => ({ windows: windows(), lastDeck, lastDemo, demoDriver: currentDriver() });
  const broadcast = coalesce(() => io.to(room).emit('presenters:state', state()), BROADCAST_MS);
  return {
    state,
    changed: () => broadcast.schedule(),
    ran(event, who) {
      if (!who.presenter) return;
      const move: PresenterMove = { ...who.presenter, command: event, at: now() };
      if (DECK_MOVES.has(event)) lastDeck = move;
      else if (DEMO_CHANGES.has(event)) lastDemo = move;
      else return;
      broadcast.schedule();
    },
    demoRefusal(event, who) {
      const holder = currentDriver();
      if (!DEMO_CHANGES.has(event) || !holder || holder.client === who.presenter?.client) return null;
      return `${holder.name} (${kindLabel(holder.kind)}) has the demo controls; they can hand them over from Presenters.`;
    },
    setDriver(client, who) {
      const holder = currentDriver();
      // Held by another window: only its holder hands it on (the window leaving frees it).
      if (holder && holder.client !== who.presenter?.client) {
        throw new CommandFailure('forbidden', `${holder.name} (${kindLabel(holder.kind)}) has the demo controls; only they can hand them over.`);
      }
      if (client === null) driver = null;
      else {
        const to = windows().find((w) => w.client === client);
        if (!to) throw new CommandFailure('invalid', 'That presenter window is not connected.');
        driver = to;
      }
      broadcast.schedule();
      return state();
    },
    stop: () => broadcast.cancel(),
  };
}
