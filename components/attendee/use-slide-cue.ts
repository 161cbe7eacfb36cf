'use client';
// The "slide changed ↑" cue: the presenter moved on while this reader had scrolled down the page
// (to the questions, a chart); tapping it goes back to the top. The rule is lib/deck/phone-view.ts.
import { useCallback, useEffect, useState } from 'react';
import { NO_CUE, nextSlideCue, SCROLLED_AWAY_PX } from '@/lib/deck/phone-view';

const away = () => window.scrollY > SCROLLED_AWAY_PX;

export function useSlideCue(slide: number | null): { cue: boolean; backToTop: () => void } {
  const [state, setState] = useState(NO_CUE);
  useEffect(() => {
    if (slide !== null) setState((s) => nextSlideCue(s, away(), slide));
  }, [slide]);
  useEffect(() => {
    // The same state back when nothing changed: React skips the render.
    const onScroll = () => setState((s) => nextSlideCue(s, away()));
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  const backToTop = useCallback(() => {
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: 0, behavior: smooth ? 'smooth' : 'auto' });
    setState((s) => ({ ...s, cue: false }));
  }, []);
  return { cue: state.cue, backToTop };
}
