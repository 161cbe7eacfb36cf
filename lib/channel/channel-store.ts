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

export function createChannelStore(): ChannelStore {
  let state = INITIAL_CHANNEL_STATE;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(event) {
      const next = reduceChannel(state, event);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
