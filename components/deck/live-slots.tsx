'use client';
// What a full-size deck (the console's current slide, the projector's screen) puts into a
// slide's slots: the live demo at the slide's own size, and the poll's results (no buttons).
// Each slot reads the store itself, so the deck around it is not re-rendered by what it shows.
import type { ReactNode } from 'react';
import type { PollSpec } from '@/lib/audience/types';
import type { Deck } from '@/lib/deck/types';
import { useHasDemo, usePublicPoll } from '../shared/channel-hooks';
import { asDemoView } from '@/lib/viz/demo-views';
import { asFigures } from '@/lib/viz/live-figures';
import { DemoDashboard, PollCard } from './on-demand';

function LiveDemoSlot({ view, figures, scope }: { view: string; figures: string | undefined; scope: string }) {
  return useHasDemo() ? <DemoDashboard view={asDemoView(view)} figures={asFigures(figures)} scope={scope} inSlide /> : null;
}

function LivePollResults({ spec, testId }: { spec: PollSpec; testId: string }) {
  return <PollCard spec={spec} view={usePublicPoll(spec.id)} testId={testId} />;
}

export function liveSlots(
  deck: Deck,
  scope: string,
): { demoSlot: (view: string, figures: string | undefined) => ReactNode; pollSlot: (pollId: string) => ReactNode } {
  return {
    demoSlot: (view, figures) => <LiveDemoSlot view={view} figures={figures} scope={scope} />,
    pollSlot: (pollId) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <LivePollResults spec={spec} testId={`${scope}poll`} /> : null;
    },
  };
}
