'use client';
// The room's whole deck for a page whose first HTML carried one slide (/live, /screen:
// lib/deck/first-html.ts): fetched once the page runs (the page preloads it), every slide's body
// for reveal.js. Until it is in, the page draws what came with the HTML; a failed fetch (venue
// Wi-Fi) is tried again, a little later each time.
import { useEffect, useState } from 'react';
import type { Deck } from '@/lib/deck/types';

const RETRY_MS = [1_000, 2_000, 4_000, 8_000];

/** Reloads the page unless it already did for `url` (kept for the tab's session). */
function reloadOnce(url: string): boolean {
  try {
    const key = `meshstage.reloaded-for:${url}`;
    if (sessionStorage.getItem(key)) return false;
    sessionStorage.setItem(key, '1');
  } catch {
    return false; // no storage: no way to tell a loop from the first time
  }
  window.location.reload();
  return true;
}

/** `deck`: what the page was rendered with; `url`: where the whole deck is (null: `deck` is whole). */
export function useRoomDeck(deck: Deck, url: string | null): { deck: Deck; complete: boolean } {
  const [whole, setWhole] = useState<Deck | null>(null);
  useEffect(() => {
    if (!url) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      void fetch(url)
        .then((res) => {
          if (res.ok) return res.json() as Promise<Deck>;
          // Another build answers now (the server was restarted with new slides): this page's
          // HTML is of the old one. Its new HTML names the new deck — once, not in a loop.
          if (res.status === 404 && reloadOnce(url)) return new Promise<never>(() => {});
          return Promise.reject(new Error(`${url}: ${res.status}`));
        })
        .then((loaded) => {
          if (!stopped) setWhole(loaded);
        })
        .catch(() => {
          if (!stopped) timer = setTimeout(() => load(attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
        });
    };
    load(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [url]);
  return whole ? { deck: whole, complete: true } : { deck, complete: !url };
}
