'use client';
// The handout: the whole deck in reveal.js's print view, for the browser's "Save as PDF" — one
// page per slide, on white, every fragment shown, each slide's caption under it (a switch on
// screen leaves them out), and what the projector filled in live drawn from what is known without
// a server: the recorded demo as it stood when the talk left each demo slide, every poll's
// question and options, the placement calculator with its default numbers, and on the first page
// the replay's and the sources' links with their QR codes.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { Deck } from '@/lib/deck/types';
import type { PrintedDemoFrame } from '@/lib/print/demo-frames';
import { handoutSlides, PAGE } from '@/lib/print/handout-slides';
import { sessionPollResults, type PollResults } from '@/lib/print/poll-results';
import type { Recording } from '@/lib/replay/recording';
import { roomAt } from '@/lib/replay/replay-state';
import { DEFAULT_CALCULATOR } from '@/lib/talk/calculator-state';
import { HandoutLinks } from '../print/HandoutLinks';
import { PrintBeats, PrintDemo } from '../print/PrintDemo';
import { PrintPoll } from '../print/PrintPoll';
import { PlacementCalculator } from '../talk/PlacementCalculator';
import { RevealDeck } from './RevealDeck';
import '../print/handout.css';

export interface PrintDeckProps {
  deck: Deck;
  /** The recorded frame of each demo slide (lib/print/demo-frames.ts); none without a recording. */
  demoFrames: PrintedDemoFrame[];
  /** Where and when the recording was made, in the replay's words. */
  recordedDetail: string;
  sourcesSlideId: string | null;
  /** Votes by poll id, then option id, from a session recording that has the room's votes. */
  pollResults?: Record<string, PollResults>;
}

/** `/print?recording=<file>.json`: a talk recorded with RECORD_SESSION (in public/recordings/, as
 *  /replay plays it) gives the polls their votes as the room last saw them. Null: none asked or
 *  readable (the handout says so on each poll: no votes, not zero). */
function useSessionPollResults(): { results: Record<string, PollResults>; file: string } | null {
  const [session, setSession] = useState<{ results: Record<string, PollResults>; file: string } | null>(null);
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('recording');
    if (!asked || !/^[\w.-]+\.json$/.test(asked)) return;
    fetch(`/recordings/${asked}`)
      .then((r) => (r.ok ? (r.json() as Promise<Recording>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((rec) => {
        const room = roomAt(rec, rec.meta.durationMs);
        if (room) setSession({ results: sessionPollResults(room.polls), file: asked });
      })
      .catch(() => undefined);
  }, []);
  return session;
}

const SLOTS = '[data-demo-slot], [data-poll-slot], [data-calc-slot], [data-handout-links], [data-handout-beats]';

export function PrintDeck({ deck, demoFrames, recordedDetail, sourcesSlideId, pollResults: given }: PrintDeckProps) {
  const session = useSessionPollResults();
  const pollResults = given ?? session?.results;
  const slides = useMemo(() => handoutSlides(deck.slides), [deck.slides]);
  const frames = useMemo(() => new Map(demoFrames.map((f) => [f.slideId, f])), [demoFrames]);
  const [captions, setCaptions] = useState(true);
  const rootRef = useRef<HTMLDivElement>(null);
  const [slots, setSlots] = useState<HTMLElement[]>([]);
  const [paged, setPaged] = useState(false);
  const [linked, setLinked] = useState(false);
  const onLinked = useCallback(() => setLinked(true), []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    // The slides' HTML is in place from the first commit: fill its placeholders. reveal.js then
    // moves each slide into a page of its own; the placeholders move with it.
    setSlots([...root.querySelectorAll<HTMLElement>(SLOTS)]);
    const count = () => root.querySelectorAll('.pdf-page').length === slides.length && (setPaged(true), true);
    if (count()) return;
    const observer = new MutationObserver(() => count() && observer.disconnect());
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [slides]);

  const fill = (slot: HTMLElement): ReactNode => {
    const slide = deck.slides.find((s) => s.id === slot.closest('section')?.getAttribute('data-slide-id'));
    if (slot.dataset.handoutBeats !== undefined) return <PrintBeats beats={(slide && frames.get(slide.id)?.beats) ?? []} />;
    if (slot.dataset.handoutLinks !== undefined) return <HandoutLinks sourcesSlideId={sourcesSlideId} onReady={onLinked} />;
    if (slot.dataset.calcSlot !== undefined) return <PlacementCalculator inputs={DEFAULT_CALCULATOR} />;
    if (slot.dataset.pollSlot !== undefined) {
      const spec = deck.polls.find((p) => p.id === slot.dataset.pollSlot);
      return spec ? <PrintPoll spec={spec} results={pollResults?.[spec.id]} /> : null;
    }
    return (
      <PrintDemo view={slot.dataset.demoSlot || 'panel'} figures={slot.dataset.demoFigures} printed={slide && frames.get(slide.id)} detail={recordedDetail} />
    );
  };

  return (
    <div ref={rootRef} className="print-handout" data-captions={captions ? 'on' : 'off'} data-testid="handout" data-ready={paged && linked ? 'true' : 'false'}>
      {/* The page the PDF gets: taller with captions (reveal.js sets its own for the bare slide;
          this rule comes later in the document and wins). */}
      <style>{`@page { size: ${PAGE.width}px ${captions ? PAGE.withCaption : PAGE.height}px; margin: 0; }`}</style>
      <div className="handout-controls" role="group" aria-label="Handout options">
        <label>
          <input type="checkbox" checked={captions} onChange={(e) => setCaptions(e.target.checked)} data-testid="handout-captions" /> Captions under each slide
        </label>
        <span>Print, or Save as PDF (this bar is not printed)</span>
      </div>
      <RevealDeck slides={slides} position={null} print testId="print-deck" label={`${deck.title}, every slide`} />
      {slots.map((slot, i) => createPortal(fill(slot), slot, `slot-${i}`))}
    </div>
  );
}
