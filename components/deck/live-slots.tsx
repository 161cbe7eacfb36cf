'use client';
// What a full-size deck (the console's current slide, the projector's screen) puts into a
// slide's slots: the live demo at the slide's own size, the poll's results (no buttons), the
// placement calculator (edited on the console, shown on the projector) and, on the Questions
// slide, the room's top questions. Each slot reads the store itself, so the deck around it is not
// re-rendered by what it shows.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CalculatorInputs } from '@/lib/talk/calculator-state';
import type { PollSpec } from '@/lib/audience/types';
import type { PollViewer } from '@/lib/audience/poll-visibility';
import type { Deck } from '@/lib/deck/types';
import { useCalculator, useHasDemo, usePresenterPoll, usePublicPoll, useSend } from '../shared/channel-hooks';
import { asDemoView } from '@/lib/viz/demo-views';
import { TopQuestions } from '../audience/TopQuestions';
import { asFigures } from '@/lib/viz/live-figures';
import { DemoDashboard, PlacementCalculator, PollCard } from './on-demand';

function LiveDemoSlot({ view, figures, scope }: { view: string; figures: string | undefined; scope: string }) {
  return useHasDemo() ? <DemoDashboard view={asDemoView(view)} figures={asFigures(figures)} scope={scope} inSlide /> : null;
}

/** The console shows every count (the presenter's view, when this connection has it); the
 *  projector shows what the room may see. */
function LivePollResults({ spec, testId, viewer }: { spec: PollSpec; testId: string; viewer: Exclude<PollViewer, 'voter'> }) {
  const room = usePublicPoll(spec.id);
  const presenter = usePresenterPoll(spec.id);
  const view = viewer === 'presenter' && presenter ? presenter : room;
  return <PollCard spec={spec} view={view} viewer={viewer === 'presenter' && presenter ? 'presenter' : 'room'} testId={testId} />;
}

/** The console's calculator: what the presenter types goes to the server (the projector draws it);
 *  a state from the server (another console window) is taken when no edit of ours is on its way. */
function EditedCalculator() {
  const held = useCalculator();
  const send = useSend();
  const [draft, setDraft] = useState<CalculatorInputs | null>(null);
  const inFlight = useRef(0);
  useEffect(() => {
    if (held && inFlight.current === 0) setDraft(held.inputs);
  }, [held]);
  if (!held || !draft) return null;
  return (
    <PlacementCalculator
      inputs={draft}
      onChange={(next) => {
        setDraft(next);
        inFlight.current++;
        void send('calc:set', next).finally(() => inFlight.current--);
      }}
    />
  );
}

/** The projector's calculator: the console's numbers, shown. */
function ShownCalculator() {
  const held = useCalculator();
  return held ? <PlacementCalculator inputs={held.inputs} /> : null;
}

/** `where`: the console (the presenter's view of the audience: a prediction poll's counts before
 *  the reveal; the calculator edited) or the projector (what the room may see — opened from the
 *  console it holds the presenter's view too, which the room must not see; the calculator shown). */
export function liveSlots(
  deck: Deck,
  scope: string,
  where: 'console' | 'screen',
): {
  demoSlot: (view: string, figures: string | undefined) => ReactNode;
  pollSlot: (pollId: string) => ReactNode;
  questionsSlot: () => ReactNode;
  calcSlot: () => ReactNode;
} {
  return {
    demoSlot: (view, figures) => <LiveDemoSlot view={view} figures={figures} scope={scope} />,
    pollSlot: (pollId) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <LivePollResults spec={spec} testId={`${scope}poll`} viewer={where === 'screen' ? 'room' : 'presenter'} /> : null;
    },
    questionsSlot: () => <TopQuestions testId={`${scope}top-questions`} />,
    calcSlot: () => (where === 'console' ? <EditedCalculator /> : <ShownCalculator />),
  };
}
