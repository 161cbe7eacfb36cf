// What a full-size deck (the console's current slide, the projector's screen) puts into a
// slide's slots: the live demo at the slide's own size, and the poll's results (no buttons).
import type { ReactNode } from 'react';
import type { Deck } from '@/lib/deck/types';
import { PollCard } from '../audience/PollCard';
import type { Channel } from '../shared/use-channel';
import { asDemoView, DemoDashboard } from '../viz/DemoDashboard';

export function liveSlots(
  deck: Deck,
  channel: Channel,
  scope: string,
): { demoSlot: ((view: string) => ReactNode) | null; pollSlot: (pollId: string) => ReactNode } {
  const { demo } = channel;
  return {
    demoSlot: demo
      ? (view) => (
          <DemoDashboard
            view={asDemoView(view)}
            data={{ demo, latency: channel.latency, hops: channel.hops, history: channel.history, scores: channel.scores }}
            scope={scope}
            inSlide
          />
        )
      : null,
    pollSlot: (pollId) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <PollCard spec={spec} view={channel.audiencePublic?.polls.find((p) => p.id === pollId) ?? null} testId={`${scope}poll`} /> : null;
    },
  };
}
