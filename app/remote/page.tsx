import type { Metadata, Viewport } from 'next';
import { RemoteView } from '@/components/remote/RemoteView';
import { loadDeck } from '@/content/load-deck';
import { remoteDeck } from '@/lib/deck/audience-deck';

// The token check happens in the custom server before this page is served (server/presenter-gate.ts).
export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Remote — meshstage', robots: { index: false } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#05070b' };

export default function RemotePage() {
  return <RemoteView deck={remoteDeck(loadDeck())} />;
}
