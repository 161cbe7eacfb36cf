'use client';
// The whole deck in reveal.js's print view, for PDF export: one page per slide, every fragment
// shown, live demo slots left as they are in the markdown (a PDF has no live data).
import type { Deck } from '@/lib/deck/types';
import { RevealDeck } from './RevealDeck';

export function PrintDeck({ deck }: { deck: Deck }) {
  return <RevealDeck slides={deck.slides} position={null} print testId="print-deck" label={`${deck.title}, every slide`} />;
}
