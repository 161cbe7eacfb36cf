'use client';
// What a full-size deck (the console's current slide, the projector's screen) puts into a
// slide's slots: the live demo at the slide's own size, and the poll's results (no buttons).
// Each slot reads the store itself, so the deck around it is not re-rendered by what it shows.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CalculatorInputs } from '@/lib/talk/calculator-state';
import type { PollSpec } from '@/lib/audience/types';
import type { Deck } from '@/lib/deck/types';
import { useCalculator, useHasDemo, usePublicPoll, useSend } from '../shared/channel-hooks';
import { asDemoView } from '@/lib/viz/demo-views';
import { DemoDashboard, PlacementCalculator, PollCard } from './on-demand';

function LiveDemoSlot({ view, scope }: { view: string; scope: string }) {
  return useHasDemo() ? <DemoDashboard view={asDemoView(view)} scope={scope} inSlide /> : null;
}

function LivePollResults({ spec, testId }: { spec: PollSpec; testId: string }) {
  return <PollCard spec={spec} view={usePublicPoll(spec.id)} testId={testId} />;
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

/** `calc`: the console edits the calculator's numbers, the projector shows them. */
export function liveSlots(
  deck: Deck,
  scope: string,
  calc: 'edit' | 'show',
): { demoSlot: (view: string) => ReactNode; pollSlot: (pollId: string) => ReactNode; calcSlot: () => ReactNode } {
  return {
    demoSlot: (view) => <LiveDemoSlot view={view} scope={scope} />,
    pollSlot: (pollId) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <LivePollResults spec={spec} testId={`${scope}poll`} /> : null;
    },
    calcSlot: () => (calc === 'edit' ? <EditedCalculator /> : <ShownCalculator />),
  };
}
