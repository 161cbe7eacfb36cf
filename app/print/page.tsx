import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'next';
import { PrintDeck } from '@/components/deck/PrintDeck';
import { replayDeck } from '@/lib/deck/audience-deck';
import { demoSlideFrames } from '@/lib/print/demo-frames';
import { recordedDetail } from '@/lib/replay/recording';
import { sourcesSlideId } from '@/lib/print/handout-links';
import type { Recording } from '@/lib/replay/recording';
import { loadDeck } from '@/content/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Handout: print the deck — meshstage' };

/** The recording the replay plays (public/recordings/), read once when the page is built. */
const RECORDING = path.join(process.cwd(), 'public', 'recordings', 'lab-tour.json');

/** The handout: reveal.js's print view (open /print and use the browser's "Save as PDF", one page
 *  per slide) with each slide's caption, its recorded demo, polls and calculator filled in. The
 *  viewer's captions, never the speaker notes (replayDeck). Built statically: the recording's
 *  frames are in the page, so it prints with no network and no server. */
export default function PrintPage() {
  const deck = replayDeck(loadDeck());
  const rec = JSON.parse(readFileSync(/* turbopackIgnore: true */ RECORDING, 'utf8')) as Recording;
  return <PrintDeck deck={deck} demoFrames={demoSlideFrames(deck, rec)} recordedDetail={recordedDetail(rec.meta)} sourcesSlideId={sourcesSlideId(deck)} />;
}
