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
/** How long the demo's controls wait for their holder's window to come back (a phone locking, a
 *  Wi-Fi blip) before they are free for good: no snapping back to a phone that returns later. */
export const DRIVER_GRACE_MS = 20_000;

export interface Presenters {
  state(): PresentersState;
  /** A presenter window connected or left. */
  changed(): void;
  /** A command ran for `who` and was carried out. */
  ran(event: string, who: Sender): void;
  /** Why `who` may not drive the demo now (the controls were handed to another window), or null. */
  demoRefusal(event: string, who: Sender): string | null;
  /** Hands the demo's controls to a connected presenter window, or frees them (null). Any presenter
   *  window may: every one holds the token, so the hand-off keeps a stray press off the demo — it
   *  is not a lock against a co-presenter, who can take the controls back (from a phone left on a table). */
  setDriver(client: string | null, who: Sender): PresentersState;
  stop(): void;
}

/** `room`: the presenter windows' socket.io room. */
export function trackPresenters(io: HubServer, room: string, now: () => number): Presenters {
  let lastDeck: PresenterMove | null = null;
  let lastDemo: PresenterMove | null = null;
  let driver: PresenterWindow | null = null;
  /** When the holder's window was last seen leaving (null: connected). */
  let driverGoneAt: number | null = null;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const windows = (): PresenterWindow[] => {
    // One entry per window: a window reconnecting may hold two sockets for a moment.
    const byClient = new Map<string, PresenterWindow>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.role === 'presenter' && socket.data.presenter) byClient.set(socket.data.presenter.client, socket.data.presenter);
    }
    return [...byClient.values()];
  };
  /** The holder, while its window is connected or within the grace after it left; then nobody. The
   *  holder's window as it is now (its name may have changed). */
  const currentDriver = (): PresenterWindow | null => {
    if (!driver) return null;
    const window = windows().find((w) => w.client === driver!.client);
    if (window) {
      driverGoneAt = null;
      return (driver = window);
    }
    driverGoneAt ??= now();
    if (now() - driverGoneAt < DRIVER_GRACE_MS) return driver;
    driver = null;
    driverGoneAt = null;
    return null;
  };
  /** A window came or went: if it was the holder's, everyone hears when its grace runs out. */
  const watchDriver = () => {
    clearTimeout(graceTimer);
    if (!currentDriver() || driverGoneAt === null) return;
    graceTimer = setTimeout(() => broadcast.schedule(), DRIVER_GRACE_MS - (now() - driverGoneAt) + 1);
  };
  const state = (): PresentersState => ({ windows: windows(), lastDeck, lastDemo, demoDriver: currentDriver() });
  const broadcast = coalesce(() => io.to(room).emit('presenters:state', state()), BROADCAST_MS);
  return {
    state,
    changed() {
      watchDriver();
      broadcast.schedule();
    },
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
      return `${holder.name} (${kindLabel(holder.kind)}) has the demo controls; take them in Presenters to drive the demo from here.`;
    },
    setDriver(client, _who) {
      driverGoneAt = null;
      if (client === null) driver = null;
      else {
        const to = windows().find((w) => w.client === client);
        if (!to) throw new CommandFailure('invalid', 'That presenter window is not connected.');
        driver = to;
      }
      broadcast.schedule();
      return state();
    },
    stop() {
      broadcast.cancel();
      clearTimeout(graceTimer);
    },
  };
}
