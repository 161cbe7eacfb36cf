'use client';
// What a full-size deck (the console's current slide, the projector's screen) puts into a
// slide's slots: the live demo at the slide's own size, the poll's results (no buttons) and, on
// the Questions slide, the room's top questions. Each slot reads the store itself, so the deck
// around it is not re-rendered by what it shows.
import type { ReactNode } from 'react';
import type { PollSpec } from '@/lib/audience/types';
import type { PollViewer } from '@/lib/audience/poll-visibility';
import type { Deck } from '@/lib/deck/types';
import { useHasDemo, usePresenterPoll, usePublicPoll } from '../shared/channel-hooks';
import { asDemoView } from '@/lib/viz/demo-views';
import { TopQuestions } from '../audience/TopQuestions';
import { DemoDashboard, PollCard } from './on-demand';

function LiveDemoSlot({ view, scope }: { view: string; scope: string }) {
  return useHasDemo() ? <DemoDashboard view={asDemoView(view)} scope={scope} inSlide /> : null;
}

/** The console shows every count (the presenter's view, when this connection has it); the
 *  projector shows what the room may see. */
function LivePollResults({ spec, testId, viewer }: { spec: PollSpec; testId: string; viewer: Exclude<PollViewer, 'voter'> }) {
  const room = usePublicPoll(spec.id);
  const presenter = usePresenterPoll(spec.id);
  const view = viewer === 'presenter' && presenter ? presenter : room;
  return <PollCard spec={spec} view={view} viewer={viewer === 'presenter' && presenter ? 'presenter' : 'room'} testId={testId} />;
}

/** `audience`: whose view of the audience the slots draw — `room` on the projector (opened from
 *  the console it holds the presenter's view too, which the room must not see: a prediction
 *  poll's counts before the reveal), `presenter` on the console. */
export function liveSlots(
  deck: Deck,
  scope: string,
  audience: 'room' | 'presenter' = 'presenter',
): { demoSlot: (view: string) => ReactNode; pollSlot: (pollId: string) => ReactNode; questionsSlot: () => ReactNode } {
  return {
    demoSlot: (view) => <LiveDemoSlot view={view} scope={scope} />,
    pollSlot: (pollId) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <LivePollResults spec={spec} testId={`${scope}poll`} viewer={audience} /> : null;
    },
    questionsSlot: () => <TopQuestions testId={`${scope}top-questions`} />,
  };
}
