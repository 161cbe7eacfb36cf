// What each view reads of a channel's state. Every selector returns a value already held in the
// state (or a number, a string, a boolean): the same object for as long as its slice is unchanged,
// which is what useSyncExternalStore compares — a selector that built a new object each call
// would re-render its view on every event (and React would warn of a snapshot that never settles).
import type { PollView } from '../audience/types';
import type { HopsSample } from '../mesh/telemetry';
import type { ChannelState } from './channel-state';

export const selectConnection = (s: ChannelState) => s.connection;
export const selectSession = (s: ChannelState) => s.session;
export const selectRole = (s: ChannelState) => s.session?.role ?? null;
export const selectClockOffsetMs = (s: ChannelState) => s.clockOffsetMs;
export const selectDeck = (s: ChannelState) => s.deck;
export const selectDemo = (s: ChannelState) => s.demo;
export const selectHasDemo = (s: ChannelState) => s.demo !== null;
export const selectDemoMode = (s: ChannelState) => s.demo?.mode ?? null;
export const selectTopology = (s: ChannelState) => s.demo?.topology ?? null;
export const selectAudienceCount = (s: ChannelState) => s.audience;
export const selectCalculator = (s: ChannelState) => s.calc;
/** No numbers while the demo says the recording has none for it as set now: the window and hop
 *  sample held were measured under another condition (nothing replaces them until it changes). */
const unrecorded = (s: ChannelState) => s.demo?.backend.unrecorded !== undefined;
export const selectLatency = (s: ChannelState) => (unrecorded(s) ? null : s.latency);
export const selectHops = (s: ChannelState) => (unrecorded(s) ? null : s.hops);
export const selectHistory = (s: ChannelState) => s.history;
export const selectScores = (s: ChannelState) => s.scores;
export const selectAudiencePublic = (s: ChannelState) => s.audiencePublic;
export const selectAudienceMine = (s: ChannelState) => s.audienceMine;
export const selectAudiencePresenter = (s: ChannelState) => s.audiencePresenter;
export const selectReactions = (s: ChannelState) => s.reactions;
export const selectPresenters = (s: ChannelState) => s.presenters;

/** The hop sample, if it was measured in the mode the demo runs now (a sample from before a
 *  switch would put the old mode's proxies on the new mode's chart). */
export const selectCurrentHops = (s: ChannelState): HopsSample | null => {
  const hops = selectHops(s);
  return hops && s.demo && hops.mode === s.demo.mode ? hops : null;
};

/** No mesh's median this session: the waterfall's reference for what the proxies add. */
export const selectBaselineUs = (s: ChannelState): number | null => s.scores.rows.find((r) => r.mode === 'none')?.latency?.p50Us ?? null;

/** Questions waiting for the presenter (the console's top bar). */
export const selectQuestionsWaiting = (s: ChannelState): number => s.audiencePresenter?.waiting ?? 0;

/** One poll as everyone sees it (null until opened). */
export const selectPublicPoll =
  (pollId: string) =>
  (s: ChannelState): PollView | null =>
    s.audiencePublic?.polls.find((p) => p.id === pollId) ?? null;

/** One poll with every count: the presenter's view (null on a connection that is not the presenter's). */
export const selectPresenterPoll =
  (pollId: string) =>
  (s: ChannelState): PollView | null =>
    s.audiencePresenter?.polls.find((p) => p.id === pollId) ?? null;

/** This attendee's vote in one poll. */
export const selectMyVote =
  (pollId: string) =>
  (s: ChannelState): string | undefined =>
    s.audienceMine?.votes[pollId];

/** This attendee's number in one numeric poll. */
export const selectMyEstimate =
  (pollId: string) =>
  (s: ChannelState): number | undefined =>
    s.audienceMine?.estimates?.[pollId];
