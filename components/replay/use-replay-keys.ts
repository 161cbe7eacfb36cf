'use client';
import { useEffect, useRef } from 'react';
import { replayKey, type ReplayKey } from './replay-keys';

/** The replay's keys (replay-keys.ts) on the whole page. */
export function useReplayKeys(act: (key: ReplayKey) => void): void {
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      const focus = target?.closest('input, textarea, select, [contenteditable="true"]') ? 'field' : target?.closest('button') ? 'button' : 'other';
      const key = replayKey(event.key, focus);
      if (!key) return;
      event.preventDefault();
      actRef.current(key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
