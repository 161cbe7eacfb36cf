import type { Metadata } from 'next';
import { connection } from 'next/server';
import { preload } from 'react-dom';
import { ScreenView } from '@/components/screen/ScreenView';
import { audienceDeckFile, audienceDeckUrl } from '@/content/audience-deck';
import { firstHtmlDeck, firstSlide, readCurrentSlide } from '@/lib/deck/first-html';

// What the projector shows: the slides as the room sees them, without notes (audienceDeck).
export const metadata: Metadata = { title: 'Screen — meshstage', robots: { index: false } };

// Per request, as /live: the first HTML is the slide the presenter is on (app/live/page.tsx).
export default async function ScreenPage() {
  if (process.env.MESHSTAGE_STATIC !== '1') await connection();
  const file = audienceDeckFile();
  const state = readCurrentSlide(file.deck);
  const deckUrl = audienceDeckUrl(file);
  preload(deckUrl, { as: 'fetch', crossOrigin: 'anonymous' });
  return <ScreenView deck={firstHtmlDeck(file.deck)} first={state} firstSlide={firstSlide(file.deck, state)} deckUrl={deckUrl} />;
}
