// The one store of a connection (or of a replay): the state, the events that change it, and who
// to wake. Framework-free, the shape React's useSyncExternalStore reads (subscribe + getState);
// a listener is called only when an event changed something, and selectors over unchanged slices
// return the objects they returned before.
import { INITIAL_CHANNEL_STATE, reduceChannel, type ChannelEvent, type ChannelState } from './channel-state';

export interface ChannelStore {
  getState(): ChannelState;
  /** Returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  dispatch(event: ChannelEvent): void;
}

/** `initial`: what the store holds before any event, and again on a `reset` (a new connection) —
 *  a page rendered on the server with the deck's state starts from that state (useChannelConnection). */
export function createChannelStore(initial: ChannelState = INITIAL_CHANNEL_STATE): ChannelStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(event) {
      const next = event.type === 'reset' ? initial : reduceChannel(state, event);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
