'use client';
// The name a presenter goes by on this device (the console, the phone remote): kept in
// localStorage, shown to the other presenters (as text). Empty until they give one.
import { useCallback, useEffect, useState } from 'react';

const NAME_KEY = 'meshstage.presenter-name';
export const MAX_NAME = 32;

function read(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** [name, setName, loaded]: `loaded` once the stored name was read (after mount). */
export function usePresenterName(): [string, (name: string) => void, boolean] {
  const [name, setNameState] = useState('');
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setNameState(read());
    setLoaded(true);
  }, []);
  const setName = useCallback((next: string) => {
    const clean = next.trim().slice(0, MAX_NAME);
    setNameState(clean);
    try {
      localStorage.setItem(NAME_KEY, clean);
    } catch {
      // storage disabled: the name holds for this page
    }
  }, []);
  return [name, setName, loaded];
}
