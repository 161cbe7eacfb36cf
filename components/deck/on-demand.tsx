'use client';
// What only some slides show, loaded when a slide needs it rather than with the page: the demo's
// charts (D3, the topology, the waterfall: ~35 KB gzip), the placement calculator and the poll
// card. A phone's first paint is the slide and its header; the rest of the 39 slides' parts come
// one slide ahead of the presenter (usePreloadSlideParts), so the chart is there when its slide is.
// None of them renders on the server: they draw the socket's data, which a prerender never has.
import dynamic from 'next/dynamic';
import { useEffect } from 'react';
import type { DeckPosition, Slide } from '@/lib/deck/types';
import styles from './on-demand.module.css';

const loadDemoDashboard = () => import('../viz/DemoDashboard');
const loadPollCard = () => import('../audience/PollCard');
const loadPlacementCalculator = () => import('../talk/PlacementCalculator');

function Loading({ what }: { what: string }) {
  return (
    <p className={styles.loading} data-testid="loading-on-demand">
      Loading {what}…
    </p>
  );
}

export const DemoDashboard = dynamic(() => loadDemoDashboard().then((m) => m.DemoDashboard), {
  ssr: false,
  loading: () => <Loading what="the demo's charts" />,
});

export const PollCard = dynamic(() => loadPollCard().then((m) => m.PollCard), {
  ssr: false,
  loading: () => <Loading what="the poll" />,
});

export const PlacementCalculator = dynamic(() => loadPlacementCalculator().then((m) => m.PlacementCalculator), {
  ssr: false,
  loading: () => <Loading what="the calculator" />,
});

/** Fetches what the shown slide and the next one need (a fetched module is not fetched again). */
export function usePreloadSlideParts(slides: Slide[], position: DeckPosition | null): void {
  const index = position?.slide;
  useEffect(() => {
    if (index === undefined) return;
    for (const slide of [slides[index], slides[index + 1]]) {
      if (!slide) continue;
      if (slide.demo) void loadDemoDashboard();
      if (slide.poll) void loadPollCard();
      if (slide.attrs['data-calc']) void loadPlacementCalculator();
    }
  }, [slides, index]);
}
