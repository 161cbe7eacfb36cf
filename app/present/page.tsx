import type { Metadata } from 'next';
import { PresenterView } from '@/components/presenter/PresenterView';
import { loadDeck } from '@/content/load-deck';

// The token check happens in the custom server before this page is served (server/presenter-gate.ts).
export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Presenter — meshstage', robots: { index: false } };

export default function PresentPage() {
  return <PresenterView deck={loadDeck()} />;
}
