'use client';
import { useEffect, useRef, useState } from 'react';
import { DECK_KEYS, keyAction, type KeyAction, type KeyMode } from './key-map';

/** The console's keys (key-map.ts), except while typing in a form field. `mode` says what holds
 *  them (an open overlay, or the deck); returns what is typed and waits for its Enter or digit. */
export function usePresenterKeys(act: (action: KeyAction) => void, mode: KeyMode = DECK_KEYS): { typed: string } {
  const actRef = useRef(act);
  const modeRef = useRef(mode);
  actRef.current = act;
  modeRef.current = mode;
  const [typed, setTyped] = useState('');
  useEffect(() => {
    let typed = '';
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const mode = modeRef.current;
      // Space and Enter press a focused button (the one just clicked, often) — unless a slide
      // number is being typed, or an overlay holds the keys: then Enter goes there.
      if (mode.kind === 'deck' && target?.closest('button') && (event.key === ' ' || (event.key === 'Enter' && typed === ''))) return;
      const next = keyAction(event.key, typed, mode);
      if (next.typed !== typed) setTyped(next.typed);
      typed = next.typed;
      if (!next.action) return;
      event.preventDefault();
      actRef.current(next.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // An overlay's keys type nothing: a number typed before it opened is not waiting behind it.
  return { typed: mode.kind === 'deck' ? typed : '' };
}
