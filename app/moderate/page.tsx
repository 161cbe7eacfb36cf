import type { Metadata } from 'next';
import { ModeratorView } from '@/components/audience/ModeratorView';
import { loadDeck } from '@/content/load-deck';

// The token check happens in the custom server before this page is served (server/presenter-gate.ts).
export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Questions desk — meshstage', robots: { index: false } };

export default function ModeratePage() {
  const deck = loadDeck();
  return <ModeratorView title={deck.title} slideTitles={deck.slides.map((s) => s.title || `slide ${s.index + 1}`)} />;
}
