'use client';
import { useEffect, useRef } from 'react';
import { keyAction, type KeyAction } from './key-map';

/** The console's keys (key-map.ts), except while typing in a form field. */
export function usePresenterKeys(act: (action: KeyAction) => void): void {
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    let typed = '';
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      // Space and Enter press a focused button (the one just clicked, often) — unless a slide
      // number is being typed: then Enter goes there.
      if (target?.closest('button') && (event.key === ' ' || (event.key === 'Enter' && typed === ''))) return;
      const next = keyAction(event.key, typed);
      typed = next.typed;
      if (!next.action) return;
      event.preventDefault();
      actRef.current(next.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
