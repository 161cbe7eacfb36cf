import type { Metadata } from 'next';
import { ReplayView } from '@/components/replay/ReplayView';
import { replayDeck } from '@/lib/deck/audience-deck';
import { loadDeck } from '@/content/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Replay the talk (recorded) — meshstage' };

/** The whole talk with its recorded demo (public/recordings/), playable without a live backend;
 *  captions for the viewer, never the speaker notes (replayDeck). */
export default function ReplayPage() {
  return <ReplayView deck={replayDeck(loadDeck())} recordingUrl="/recordings/lab-tour.json" />;
}
