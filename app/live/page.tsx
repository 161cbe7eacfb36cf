import type { Metadata } from 'next';
import { connection } from 'next/server';
import { preload } from 'react-dom';
import { AttendeeView } from '@/components/attendee/AttendeeView';
import { audienceDeckFile, audienceDeckUrl } from '@/content/audience-deck';
import { firstHtmlDeck, firstSlide, readCurrentSlide } from '@/lib/deck/first-html';

export const metadata: Metadata = { title: 'Follow the talk — meshstage' };

// Rendered per request, never cached: the first HTML carries the slide the presenter is on now
// (lib/deck/first-html.ts), readable before any script runs; the rest of the deck is fetched
// after hydration. The static replay site (MESHSTAGE_STATIC) builds it static, then drops it.
export default async function LivePage() {
  if (process.env.MESHSTAGE_STATIC !== '1') await connection();
  const file = audienceDeckFile();
  const state = readCurrentSlide(file.deck);
  const deckUrl = audienceDeckUrl(file);
  preload(deckUrl, { as: 'fetch', crossOrigin: 'anonymous' });
  return <AttendeeView deck={firstHtmlDeck(file.deck)} first={state} firstSlide={firstSlide(file.deck, state)} deckUrl={deckUrl} />;
}
