'use client';
// reveal.js wrapped as a controlled component: the position comes from the server; reveal.js
// renders it. The element reports what reveal.js actually shows (data-slide / data-fragment) so
// tests can check the real deck rather than our props.
import 'reveal.js/reveal.css';
import './meshstage-theme.css';
import type { RevealApi } from 'reveal.js';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { DeckPosition, Slide } from '@/lib/deck/types';
import type { FirstSlide } from '@/lib/deck/first-html';
import { DeckSlides, sectionProps } from './DeckSlides';
import { fillJoinSlots } from './fill-join-slots';

/** `wide` is the projector's 16:9; `adaptive` re-flows slides into a tall box on a phone held upright. */
export type DeckShape = 'wide' | 'adaptive';

interface Props {
  slides: Slide[];
  position: DeckPosition | null;
  shape?: DeckShape;
  /** A small, static copy (the presenter's next-slide preview): no transitions, no progress bar. */
  preview?: boolean;
  join?: { url: string; qrSvg: string } | null;
  testId?: string;
  label: string;
  /** Rendered into every `[data-demo-slot]` of the slides (the live demo on a demo slide), with
   *  the slot's view name (`data-demo-slot="topology"`; `panel` when empty) and the big figures
   *  it asks for (`data-demo-figures="errors retries"`). */
  demoSlot?: ((view: string, figures: string | undefined) => ReactNode) | null;
  /** Rendered into a slide's `[data-calc-slot]`: the console's calculator, or the projector's
   *  showing the console's numbers (phones show their own below the slide). */
  calcSlot?: (() => ReactNode) | null;
  /** reveal.js's print view: every slide one page, for the browser's "Save as PDF" (/print). */
  print?: boolean;
  /** Rendered into the `[data-poll-slot]` of the shown slide, with the poll's id. */
  pollSlot?: ((pollId: string) => ReactNode) | null;
  /** Rendered into the `[data-questions-slot]` of the shown slide (the top questions, on the projector). */
  questionsSlot?: (() => ReactNode) | null;
  style?: CSSProperties;
  /** Whether `slides` carry every slide's body (false: a page's first HTML carried one, the rest
   *  is on its way — reveal.js starts once they are in). */
  complete?: boolean;
  /** The slide the server rendered the page with (lib/deck/first-html.ts): drawn without
   *  reveal.js, scaled as reveal.js will scale it, until reveal.js shows that same position. */
  firstSlide?: FirstSlide | null;
}

const WIDE = { width: 1280, height: 720 };
const TALL = { width: 720, height: 1040 };
/** What reveal.js animates on a move (the slides and the progress bar): held still while it
 *  first goes to the position (reveal.js's own no-transition class). */
const STILL = ':scope > .slides, :scope > .progress';

export function RevealDeck({
  slides,
  position,
  shape = 'wide',
  preview = false,
  print = false,
  join,
  testId,
  label,
  style,
  demoSlot,
  pollSlot,
  questionsSlot,
  calcSlot = null,
  complete = true,
  firstSlide = null,
}: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<RevealApi | null>(null);
  const [ready, setReady] = useState(false);
  const [dims, setDims] = useState(WIDE);
  const [slots, setSlots] = useState<HTMLElement[]>([]);
  /** reveal.js shows the position (laid out, no transition under way): the first paint goes. */
  const [shown, setShown] = useState(false);
  const shownRef = useRef(false);
  const positionRef = useRef(position);
  positionRef.current = position;
  const firstPaint = Boolean(firstSlide) && !preview && !print;

  useEffect(() => {
    if (!complete) return;
    let cancelled = false;
    let api: RevealApi | null = null;
    void import('reveal.js').then(async ({ default: Reveal }) => {
      if (cancelled || !rootRef.current) return;
      api = new Reveal(rootRef.current, {
        embedded: !print,
        ...(print ? { view: 'print' as const, pdfMaxPagesPerSlide: 1, pdfSeparateFragments: false, showNotes: false } : {}),
        ...WIDE,
        // reveal.js turns narrow viewports into a scrolling page; phones here follow the presenter instead.
        scrollActivationWidth: 0,
        margin: 0.06,
        // A small preview (the console's next slide, 232 px wide at 1280×720) scales the whole
        // slide down rather than stopping at reveal.js's 0.2 and cropping it.
        ...(preview ? { minScale: 0.05 } : {}),
        controls: false,
        progress: !preview,
        keyboard: false,
        touch: false,
        hash: false,
        history: false,
        overview: false,
        help: false,
        pause: false,
        center: true,
        fragmentInURL: false,
        transition: preview ? 'none' : 'slide',
        backgroundTransition: 'none',
      });
      await api.initialize();
      if (cancelled) return;
      apiRef.current = api;
      // reveal.js starts on the first slide: go to the position at once, without a transition,
      // so the first paint gives way to the same slide, never to another one sliding in.
      const pos = positionRef.current;
      if (firstPaint && pos) {
        for (const el of rootRef.current?.querySelectorAll(STILL) ?? []) el.classList.add('no-transition');
        api.slide(pos.slide, 0, pos.fragment);
      }
      const report = () => {
        const indices = api!.getIndices();
        rootRef.current?.setAttribute('data-slide', String(indices.h));
        rootRef.current?.setAttribute('data-fragment', String(indices.f ?? -1));
      };
      api.on('slidechanged', report);
      api.on('fragmentshown', report);
      api.on('fragmenthidden', report);
      report();
      const deckSlides = rootRef.current!.querySelector('.slides')!;
      setSlots([...deckSlides.querySelectorAll<HTMLElement>('[data-demo-slot], [data-poll-slot], [data-calc-slot], [data-questions-slot]')]);
      setReady(true);
    });
    return () => {
      cancelled = true;
      apiRef.current = null;
      try {
        api?.destroy();
      } catch {
        // reveal.js may already be torn down by a fast remount; nothing to clean.
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- firstPaint is read once, at the start
  }, [preview, print, complete]);

  // reveal.js centres a slide by the height it had when laid out; live charts grow after that,
  // so lay the slides out again whenever a demo slot changes size.
  useEffect(() => {
    if (!ready || slots.length === 0) return;
    const observer = new ResizeObserver(() => apiRef.current?.layout());
    for (const slot of slots) observer.observe(slot);
    return () => observer.disconnect();
  }, [ready, slots]);

  // Phones held upright get a tall layout box, so text re-flows and stays large. reveal.js scales
  // to its box on a window resize only: a box that changes without one (a phone's page hides the
  // slide on a demo slide and shows it again on the next) is laid out again here.
  useEffect(() => {
    const el = rootRef.current;
    if (!el || preview || print) return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (!box || box.width === 0) return;
      if (shape === 'adaptive') setDims(box.height > box.width * 1.05 ? TALL : WIDE);
      apiRef.current?.layout();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [shape, preview, print]);

  useEffect(() => {
    const api = apiRef.current;
    if (!ready || !api) return;
    api.configure(dims);
    api.layout();
    // Reconfiguring re-syncs the deck and hides the current slide's fragments: show them again.
    const pos = positionRef.current;
    if (pos) api.slide(pos.slide, 0, pos.fragment);
    if (shownRef.current) return;
    shownRef.current = true;
    // Laid out at the position: after the frame that paints it, transitions come back and the
    // first paint goes (both in one commit: the slide underneath is the one it showed).
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        for (const el of rootRef.current?.querySelectorAll(STILL) ?? []) el.classList.remove('no-transition');
        setShown(true);
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      shownRef.current = false;
    };
  }, [ready, dims]);

  // By value: a new snapshot with the same position (or join link) must not move the deck.
  const [slide, fragment] = [position?.slide, position?.fragment];
  useEffect(() => {
    if (ready && slide !== undefined) apiRef.current?.slide(slide, 0, fragment);
  }, [ready, slide, fragment]);

  const [joinUrl, joinQrSvg] = [join?.url, join?.qrSvg];
  useEffect(() => {
    if (ready && joinUrl !== undefined && joinQrSvg !== undefined && rootRef.current) fillJoinSlots(rootRef.current, { url: joinUrl, qrSvg: joinQrSvg });
  }, [ready, joinUrl, joinQrSvg]);

  const sections = useMemo(() => (complete ? <DeckSlides slides={slides} keepIds={!preview} /> : null), [slides, preview, complete]);
  // The first paint stands while reveal.js is not showing the position the server rendered, and
  // only while the talk is still there (a later position waits for reveal.js rather than show a stale one).
  const drawFirst = firstPaint && !shown && firstSlide && position?.slide === firstSlide.slide && position.fragment === firstSlide.fragment;

  return (
    <div
      ref={rootRef}
      className="reveal meshstage-deck"
      data-testid={testId}
      data-ready={ready ? 'true' : 'false'}
      data-shape={dims === TALL ? 'tall' : 'wide'}
      role="region"
      aria-label={label}
      aria-roledescription="slide deck"
      style={style}
    >
      <div className="slides">{sections}</div>
      {drawFirst && firstSlide && slides[firstSlide.slide] && (
        <FirstPaint slide={slides[firstSlide.slide]!} first={firstSlide} count={slides.length} adaptive={shape === 'adaptive'} />
      )}
      {/* Only the shown slide's slot renders: charts and particles on hidden slides would cost
          frames for nothing. */}
      {slots
        .filter((slot) => position && slot.closest('section')?.getAttribute('data-slide-id') === slides[position.slide]?.id)
        .map((slot, i) => {
          const content =
            slot.dataset.calcSlot !== undefined
              ? calcSlot?.()
              : slot.dataset.pollSlot !== undefined
                ? pollSlot?.(slot.dataset.pollSlot)
                : slot.dataset.questionsSlot !== undefined
                  ? questionsSlot?.()
                  : demoSlot?.(slot.dataset.demoSlot || 'panel', slot.dataset.demoFigures);
          return content ? createPortal(content, slot, `slot-${i}`) : null;
        })}
    </div>
  );
}

/** reveal.js's margin around the slide (the `margin` option above), as a share of the box. */
const MARGIN = 0.06;

/** The slide the page was rendered with, readable before any script runs: laid out at reveal.js's
 *  size (1280×720, or 720×1040 on an upright phone) inside an SVG whose viewBox scales it to the
 *  box as reveal.js will (the smaller of the two ratios, centred, the margin around) — no script
 *  measures anything. A phone's page carries both layouts; CSS shows the one for its orientation
 *  (meshstage-theme.css). Its position is said as reveal.js's progress bar and in its label. */
function FirstPaint({ slide, first, count, adaptive }: { slide: Slide; first: FirstSlide; count: number; adaptive: boolean }) {
  const props = sectionProps(slide, false);
  const box = (shape: 'wide' | 'tall', { width, height }: { width: number; height: number }) => {
    const [w, h] = [width / (1 - MARGIN), height / (1 - MARGIN)];
    return (
      <svg key={shape} className={`ms-first-${shape}`} viewBox={`${(width - w) / 2} ${(height - h) / 2} ${w} ${h}`} preserveAspectRatio="xMidYMid meet">
        <foreignObject x={0} y={0} width={width} height={height}>
          <div className="ms-first-box">
            <section {...props} className={`${props.className ?? ''} present`.trim()} dangerouslySetInnerHTML={{ __html: first.html }} />
          </div>
        </foreignObject>
      </svg>
    );
  };
  return (
    <div
      className="ms-first-slide"
      data-testid="first-slide"
      data-slide={first.slide}
      data-fragment={first.fragment}
      data-adaptive={adaptive ? 'true' : undefined}
      role="group"
      aria-label={`Slide ${first.slide + 1} of ${count}`}
    >
      {box('wide', WIDE)}
      {adaptive && box('tall', TALL)}
      <div className="progress" style={{ display: 'block' }}>
        <span style={{ transform: `scaleX(${count > 1 ? first.slide / (count - 1) : 1})` }} />
      </div>
    </div>
  );
}
