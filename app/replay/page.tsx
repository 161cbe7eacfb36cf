import type { Metadata } from 'next';
import { ReplayView } from '@/components/replay/ReplayView';
import { loadDeck } from '@/server/deck/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Replay the talk (recorded) — meshstage' };

/** The talk with its recorded demo (public/recordings/), playable without a live backend. */
export default function ReplayPage() {
  return <ReplayView deck={loadDeck()} recordingUrl="/recordings/lab-tour.json" />;
}
