'use client';
import { useEffect, useState } from 'react';

/** The local clock, re-read every `everyMs` while `active` (a timer, an "x s ago"); still otherwise. */
export function useNow(everyMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs, active]);
  return now;
}
