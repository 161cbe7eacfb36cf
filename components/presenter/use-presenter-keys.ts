'use client';
import { useEffect, useRef } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'n', 'N']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P']);

/** Keyboard and clicker (PageUp/PageDown) navigation, except while typing in a form field. */
export function usePresenterKeys(step: (direction: 'next' | 'prev') => void): void {
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === ' ' && target?.closest('button')) return;
      if (NEXT.has(event.key)) stepRef.current('next');
      else if (PREV.has(event.key)) stepRef.current('prev');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
