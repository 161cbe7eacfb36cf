// Who is presenting: the presenter windows connected (each named by its holder) and who last moved
// the deck or changed the demo — for the console, where two presenters see each other. Sent to
// presenter windows only: names never reach the room or a recording.
import { coalesce } from '../../lib/async/async-helpers';
import type { PresenterMove, PresentersState, PresenterWindow } from '../../lib/contract/events';
import type { HubServer } from './hub-types';
import type { Sender } from './commands';

/** The commands that move the deck, and those that change the demo. */
const DECK_MOVES = new Set(['deck:step', 'deck:goto']);
const DEMO_CHANGES = new Set(['mode:set', 'policy:set', 'load:set', 'scene:run']);

const BROADCAST_MS = 100;

export interface Presenters {
  state(): PresentersState;
  /** A presenter window connected or left. */
  changed(): void;
  /** A command ran for `who` and was carried out. */
  ran(event: string, who: Sender): void;
  stop(): void;
}

/** `room`: the presenter windows' socket.io room. */
export function trackPresenters(io: HubServer, room: string, now: () => number): Presenters {
  let lastDeck: PresenterMove | null = null;
  let lastDemo: PresenterMove | null = null;
  const windows = (): PresenterWindow[] => {
    // One entry per window: a window reconnecting may hold two sockets for a moment.
    const byClient = new Map<string, PresenterWindow>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.role === 'presenter' && socket.data.presenter) byClient.set(socket.data.presenter.client, socket.data.presenter);
    }
    return [...byClient.values()];
  };
  const state = (): PresentersState => ({ windows: windows(), lastDeck, lastDemo });
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
    stop: () => broadcast.cancel(),
  };
}
