import type { Metadata } from 'next';
import { PrintDeck } from '@/components/deck/PrintDeck';
import { loadDeck } from '@/server/deck/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Print the deck — meshstage' };

/** reveal.js's print view: open /print and use the browser's "Save as PDF" (one page per slide). */
export default function PrintPage() {
  return <PrintDeck deck={loadDeck()} />;
}
