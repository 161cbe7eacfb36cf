import type { Metadata } from 'next';
import { ScreenView } from '@/components/screen/ScreenView';
import { audienceDeck } from '@/lib/deck/audience-deck';
import { loadDeck } from '@/content/load-deck';

// What the projector shows: the slides as the room sees them, without notes (audienceDeck).
export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Screen — meshstage', robots: { index: false } };

export default function ScreenPage() {
  return <ScreenView deck={audienceDeck(loadDeck())} />;
}
