'use client';
// A media clock for the replay: talk time that advances while playing, at a speed, and stops at
// the end. Seeking while playing keeps playing from the new time.
import { useCallback, useEffect, useRef, useState } from 'react';

export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];
/** How often the clock moves the picture: the recording's windows are 250 ms apart. */
const TICK_MS = 250;

export function usePlayback(durationMs: number) {
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const last = useRef<number | null>(null);

  useEffect(() => {
    if (!playing || durationMs <= 0) return;
    last.current = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const dt = (now - (last.current ?? now)) * speed;
      last.current = now;
      setT((x) => Math.min(durationMs, x + dt));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, durationMs]);

  useEffect(() => {
    if (playing && t >= durationMs) setPlaying(false);
  }, [playing, t, durationMs]);

  const ended = durationMs > 0 && t >= durationMs;
  const seek = useCallback((to: number) => setT(Math.max(0, Math.min(durationMs, to))), [durationMs]);
  return {
    t,
    playing,
    speed,
    ended,
    seek,
    setSpeed,
    /** Play from the start again once it has ended, as a media player does. */
    toggle: () => {
      if (!playing && ended) setT(0);
      setPlaying((p) => !p);
    },
  };
}
