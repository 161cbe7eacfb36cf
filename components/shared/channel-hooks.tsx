'use client';
// How a view reads the connection's store: each hook subscribes to one slice
// (lib/channel/selectors.ts), and React re-renders a component only when the slice it reads
// changed (useSyncExternalStore compares the selected values). A latency window four times a
// second so re-renders the charts that draw latency, not the deck, the controls or the panels.
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Ack } from '@/lib/contract/ack';
import type { DeckState } from '@/lib/deck/types';
import { DeckStepper, type StepDirection } from '@/lib/channel/deck-stepper';
import type { ChannelState } from '@/lib/channel/channel-state';
import * as select from '@/lib/channel/selectors';
import type { Channel, Send } from './use-channel';

const ChannelContext = createContext<Channel | null>(null);

export function ChannelProvider({ channel, children }: { channel: Channel; children: ReactNode }) {
  return <ChannelContext.Provider value={channel}>{children}</ChannelContext.Provider>;
}

function useChannel(): Channel {
  const channel = useContext(ChannelContext);
  if (!channel) throw new Error('A live view must be inside a ChannelProvider (AttendeeView, PresenterView, ScreenView, ReplayView).');
  return channel;
}

/** `selector` must return what the state holds (or a primitive), never a new object: see
 *  lib/channel/selectors.ts. The server's render and hydration read the store as it is then
 *  (empty: nothing has connected yet). */
export function useChannelSelector<T>(selector: (s: ChannelState) => T): T {
  const { store } = useChannel();
  const read = () => selector(store.getState());
  return useSyncExternalStore(store.subscribe, read, read);
}

export const useSend = (): Send => useChannel().send;
/** This presenter window's own id (null: not a presenter window). */
export const useWindowId = (): string | null => useChannel().windowId;

/** One stepper per connection: the console's buttons, its keys and a clicker all step in one queue. */
const steppers = new WeakMap<Channel, DeckStepper>();

/** Steps the deck from this window, each step naming the state it was pressed on
 *  (lib/channel/deck-stepper.ts): a press made before another presenter's move arrived is refused
 *  with where the deck is, never applied on top of it. */
export function useDeckStep(): (direction: StepDirection) => Promise<Ack<DeckState>> {
  const channel = useChannel();
  let stepper = steppers.get(channel);
  if (!stepper) {
    stepper = new DeckStepper(
      (input) => channel.send('deck:step', input),
      () => channel.store.getState().deck,
      (state) => channel.store.dispatch({ type: 'deck:state', state }),
    );
    steppers.set(channel, stepper);
  }
  const s = stepper;
  return useCallback((direction: StepDirection) => s.step(direction), [s]);
}
/** The store's state now, for a key handler that acts on it without re-rendering on it. */
export const useReadNow = (): (() => ChannelState) => useChannel().store.getState;

export const useConnection = () => useChannelSelector(select.selectConnection);
export const useSession = () => useChannelSelector(select.selectSession);
export const useClockOffsetMs = () => useChannelSelector(select.selectClockOffsetMs);
export const useDeckState = () => useChannelSelector(select.selectDeck);
export const useDemo = () => useChannelSelector(select.selectDemo);
export const useHasDemo = () => useChannelSelector(select.selectHasDemo);
export const useDemoMode = () => useChannelSelector(select.selectDemoMode);
export const useTopology = () => useChannelSelector(select.selectTopology);
export const useAudienceCount = () => useChannelSelector(select.selectAudienceCount);
export const useCalculator = () => useChannelSelector(select.selectCalculator);
export const useLatency = () => useChannelSelector(select.selectLatency);
export const useCurrentHops = () => useChannelSelector(select.selectCurrentHops);
export const useHistory = () => useChannelSelector(select.selectHistory);
export const useScores = () => useChannelSelector(select.selectScores);
export const useBaselineUs = () => useChannelSelector(select.selectBaselineUs);
export const useAudiencePublic = () => useChannelSelector(select.selectAudiencePublic);
export const useAudienceMine = () => useChannelSelector(select.selectAudienceMine);
export const useAudiencePresenter = () => useChannelSelector(select.selectAudiencePresenter);
export const useQuestionsWaiting = () => useChannelSelector(select.selectQuestionsWaiting);
export const useReactions = () => useChannelSelector(select.selectReactions);
export const usePresenters = () => useChannelSelector(select.selectPresenters);
export const usePublicPoll = (pollId: string) => useChannelSelector(select.selectPublicPoll(pollId));
export const usePresenterPoll = (pollId: string) => useChannelSelector(select.selectPresenterPoll(pollId));
export const useMyVote = (pollId: string) => useChannelSelector(select.selectMyVote(pollId));
export const useMyEstimate = (pollId: string) => useChannelSelector(select.selectMyEstimate(pollId));
