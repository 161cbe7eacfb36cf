import type { Metadata } from 'next';
import { PrintDeck } from '@/components/deck/PrintDeck';
import { audienceDeck } from '@/lib/deck/audience-deck';
import { loadDeck } from '@/server/deck/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Print the deck — meshstage' };

/** reveal.js's print view: open /print and use the browser's "Save as PDF" (one page per slide).
 *  Slides only: the print view never showed the notes, and now does not carry them either. */
export default function PrintPage() {
  return <PrintDeck deck={audienceDeck(loadDeck())} />;
}
