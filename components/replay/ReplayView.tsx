'use client';
// The whole talk replayed with no server: every slide in order as a chapter, the recorded demo on
// the slides the recording was made on (its real length and data), a caption written for a viewer
// under each slide, the demo's story beat by beat (caption-beats.ts), play / pause / seek / speed and
// reveal.js-like keys, full screen (F) and a theatre mode (T).
// Layout: from 1600 px wide (landscape) the slide holds the demo as on the projector and the caption,
// chapters and the rest sit in a column beside it; theatre folds that column and puts the caption
// under the slide as a strip. Narrower — a laptop, a phone either way up — the slide would shrink
// the demo's text under what a screen reads, so a demo slide becomes a compact header with the
// recorded demo under it at the page's full width and its own text sizes (at least 14 px).
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { Deck } from '@/lib/deck/types';
import { recordedDetail, type Recording } from '@/lib/replay/recording';
import { frameAt } from '@/lib/replay/replay-state';
import { beatAt, chapterBeats, storyFigure } from '@/lib/replay/caption-beats';
import { nextStop, previousStop, talkFrameAt, talkTimeline, timelineEnd } from '@/lib/replay/talk-timeline';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { ChannelProvider } from '../shared/channel-hooks';
import type { Send } from '../shared/use-channel';
import { createChannelStore } from '@/lib/channel/channel-store';
import { fail } from '@/lib/contract/ack';
import { useMediaQuery } from '../shared/use-media-query';
import { DemoDashboard } from '../viz/DemoDashboard';
import { asFigures, slideFigures } from '@/lib/viz/live-figures';
import { ChartTextContext } from '../viz/chart-text';
import { REPLAY_PAGE_TEXT } from '@/lib/viz/chart-text';
import { toggleFullscreen } from '../screen/fullscreen';
import { BeatChips, BeatWords } from './BeatStrip';
import { PlacementCalculator } from '../talk/PlacementCalculator';
import { asDemoView } from '@/lib/viz/demo-views';
import { ChapterList } from './ChapterList';
import { replayAudienceSlots, ReplayReactions } from './ReplayAudience';
import { formatClock } from '@/lib/deck/pacing';
import { REPLAY_KEY_HELP } from './replay-keys';
import { useReplayKeys } from './use-replay-keys';
import { SPEEDS, usePlayback, type Speed } from './use-playback';
import styles from './replay.module.css';

const sendNothing = (() => Promise.resolve(fail('unavailable', 'A replay sends nothing.'))) as unknown as Send;

/** Where the slide is large enough for the demo inside it, and a column beside it: a landscape
 *  window at least this wide (at 1600 px the slide's smallest demo text renders at 15.6 px). */
const WIDE = '(orientation: landscape) and (min-width: 1600px)';
const CAPTION_KEY = 'meshstage.replay.caption';
/** A demo slide tells its story in steps; the comparison is every mode at once (the recording
 *  idling in one mode there is not its story), and a slide without a demo has none. */
const tellsSteps = (slide: { demo?: string | undefined } | undefined) => Boolean(slide?.demo && slide.demo !== 'compare');

export function ReplayView({ deck, recordingUrl }: { deck: Deck; recordingUrl: string }) {
  const [rec, setRec] = useState<Recording | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const wide = useMediaQuery(WIDE);
  const upright = useMediaQuery('(orientation: portrait)');
  /** A sideways phone: the page scrolls, the demo at its own height. */
  const short = useMediaQuery('(orientation: landscape) and (max-height: 500px)');
  // Narrower than WIDE, a demo slide's demo goes under a compact header at full width.
  const demoBelow = !wide;
  const [theatre, setTheatre] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  /** The side column folded, the caption a strip under the slide: theatre, full screen, or no room for the column. */
  const stacked = theatre || fullscreen || !wide;
  const toggleTheatre = useCallback(() => setTheatre((x) => !x), []);
  const toggleFull = useCallback(() => toggleFullscreen(document.documentElement), []);
  // The caption beside a recorded demo: open where there is room for both (a laptop or desktop),
  // folded on a phone; the visitor's choice kept (this browser) across chapters and visits.
  const [captionOpen, setCaptionOpen] = useState<boolean | null>(null);
  useEffect(() => {
    const kept = window.localStorage.getItem(CAPTION_KEY);
    if (kept === 'open' || kept === 'folded') setCaptionOpen(kept === 'open');
  }, []);
  const keepCaption = useCallback((open: boolean) => {
    setCaptionOpen(open);
    window.localStorage.setItem(CAPTION_KEY, open ? 'open' : 'folded');
  }, []);
  // Theatre and full screen want the slide big and the caption a strip; a laptop stacked for lack of
  // width has the height for both; a phone has not.
  const captionByDefault = !(upright || short || theatre || fullscreen);
  // The demo's box, measured from when it appears (it comes and goes with demo chapters).
  const [demoEl, setDemoEl] = useState<HTMLDivElement | null>(null);
  const [demoHeight, setDemoHeight] = useState(0);
  useEffect(() => {
    if (!demoEl) return;
    const measure = () => setDemoHeight(demoEl.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(demoEl);
    return () => observer.disconnect();
  }, [demoEl]);

  useEffect(() => {
    // /replay?recording=<file>.json plays another recording from /recordings/ (e.g. a live talk).
    const asked = new URLSearchParams(window.location.search).get('recording');
    const url = asked && /^[\w.-]+\.json$/.test(asked) ? `/recordings/${asked}` : recordingUrl;
    fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<Recording>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setRec, (e: Error) => setProblem(`Could not load the recording ${url} (${e.message}); the slides play without the demo.`));
  }, [recordingUrl]);

  const chapters = useMemo(() => talkTimeline(deck, rec), [deck, rec]);
  const end = timelineEnd(chapters);
  const play = usePlayback(end);
  const frame = talkFrameAt(chapters, play.t);
  const chapter = frame?.chapter;
  const recorded = useMemo(() => (rec && frame?.recT != null ? frameAt(rec, frame.recT) : null), [rec, frame?.recT]);
  // Beats on demo slides only: a live talk's recording runs the demo under every slide, but a poll
  // or the title is not about it.
  const beats = useMemo(() => (rec && chapter && tellsSteps(deck.slides[chapter.slide]) ? chapterBeats(rec, chapter) : []), [rec, chapter, deck]);
  const beat = beatAt(beats, play.t);
  /** Where the arrow keys stop besides slides and fragments: each beat of every demo chapter. */
  const beatStops = useMemo(
    () => (rec ? chapters.filter((c) => tellsSteps(deck.slides[c.slide])).flatMap((c) => chapterBeats(rec, c).map((b) => b.landing)) : []),
    [rec, chapters, deck],
  );

  // A chapter is addressable (/replay#slide=demo-retries; reveal.js itself would act on a bare
  // slide id): open there once the recording has set the chapters, then keep the address on the
  // chapter playing.
  const { seek } = play;
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (!rec && !problem) return;
    const go = () => {
      const id = new URLSearchParams(window.location.hash.slice(1)).get('slide');
      const c = id ? chapters.find((x) => x.slideId === id) : undefined;
      if (c) seek(c.from);
    };
    if (!opened) {
      go();
      setOpened(true);
    }
    // A link to another chapter followed on this page (or typed into the address bar).
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, [opened, rec, problem, chapters, seek]);
  useEffect(() => {
    if (opened && chapter && window.location.hash !== `#slide=${chapter.slideId}`) history.replaceState(null, '', `#slide=${chapter.slideId}`);
  }, [opened, chapter]);

  useReplayKeys((key) => {
    if (key === 'toggle') play.toggle();
    else if (key === 'next') play.seek(nextStop(chapters, play.t, beatStops));
    else if (key === 'prev') play.seek(previousStop(chapters, play.t, beatStops));
    else if (key === 'start') play.seek(0);
    else if (key === 'end') play.seek(end);
    else if (key === 'fullscreen') toggleFull();
    else if (key === 'theatre') toggleTheatre();
    else {
      const i = SPEEDS.indexOf(play.speed) + (key === 'faster' ? 1 : -1);
      play.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i))]!);
    }
  });

  const m = rec?.meta;
  const detail = m ? recordedDetail(m) : '';
  const demo = useMemo(() => (recorded?.demo ? { ...recorded.demo, backend: { ...recorded.demo.backend, recorded: true, detail } } : null), [recorded, detail]);
  const data = useMemo(
    () => (recorded && demo ? { demo, latency: recorded.latency, hops: recorded.hops, history: recorded.history, scores: recorded.scores } : null),
    [recorded, demo],
  );
  // The charts read what they draw from a store, as they do live: one for the replay, each frame of
  // the recording written into it before paint (slices the frame did not change keep their
  // objects, so a chart that draws none of the change is not re-rendered). Nothing is sent.
  const [channel] = useState(() => ({ store: createChannelStore(), send: sendNothing, windowId: null }));
  useLayoutEffect(() => channel.store.dispatch(data ? { type: 'demo:frame', frame: data } : { type: 'reset' }), [channel, data]);
  const slide = chapter ? deck.slides[chapter.slide] : undefined;
  const demoView = slide?.demo;
  const demoHere = Boolean(demoView && data);
  const figure = slide && chapter?.rec ? storyFigure(slide) : null;

  const captionText = <div className={styles.captionText} data-testid="replay-caption" dangerouslySetInnerHTML={{ __html: slide?.captionHtml || '' }} />;
  // Captions come from the repository's slide markdown (Caption:), rendered at build time. Where the
  // recorded demo shares the screen with it (stacked, a chapter with beats), the caption folds: the
  // beat says what is on screen, and the demo keeps the room.
  const caption =
    stacked && beats.length > 0 ? (
      <details
        className={styles.captionFold}
        data-testid="replay-caption-fold"
        open={captionOpen ?? captionByDefault}
        onToggle={(e) => {
          const open = e.currentTarget.open;
          if (open !== (captionOpen ?? captionByDefault)) keepCaption(open);
        }}
      >
        <summary>Caption</summary>
        {captionText}
      </details>
    ) : (
      captionText
    );
  // The chips sit in the compact header where there is one (beside the slide's title), else with the words.
  const chipsInHead = demoHere && demoBelow;
  // Upright, the words too: the demo under them is a screen or two long.
  const wordsInHead = chipsInHead && upright;
  const words = (
    <ChannelProvider channel={channel}>
      <BeatWords current={beat} figure={figure} />
    </ChannelProvider>
  );
  const chips = <BeatChips beats={beats} current={beat} onSeek={play.seek} />;
  const story = (
    <section className={styles.captions} aria-label="What happens on this slide" data-testid="replay-captions">
      {beats.length > 0 && !wordsInHead && words}
      {!chipsInHead && chips}
      {caption}
    </section>
  );

  return (
    <main
      className={styles.layout}
      data-testid="replay-view"
      data-demo-slide={demoView ? 'true' : undefined}
      data-demo-below={demoHere && demoBelow ? 'true' : undefined}
      data-stacked={stacked ? 'true' : undefined}
      data-theatre={theatre ? 'true' : undefined}
    >
      <div className={styles.screen}>
        <header className={styles.header}>
          <span className={styles.title}>{deck.title}</span>
          <span className={styles.position} data-testid="replay-position">
            {chapter ? `${chapter.slide + 1} / ${deck.slides.length}` : ''}
          </span>
          <ReplayReactions rec={rec} recT={frame?.recT ?? null} />
          {m && (
            <span className={styles.badge} data-testid="recorded-badge" title={`${detail} ${m.backend.detail}`}>
              recorded · {m.backend.name}
              {m.backend.variant ? ` · ${m.backend.variant}` : ''}
            </span>
          )}
          {wide && (
            <button
              type="button"
              className={styles.viewButton}
              onClick={toggleTheatre}
              aria-pressed={theatre}
              data-testid="replay-theatre"
              title="Theatre mode (T)"
            >
              Theatre
            </button>
          )}
          <button
            type="button"
            className={styles.viewButton}
            onClick={toggleFull}
            aria-pressed={fullscreen}
            data-testid="replay-fullscreen"
            title="Full screen (F)"
          >
            Full screen
          </button>
        </header>
        <div className={styles.stage}>
          {demoHere && demoBelow && slide && (
            <div className={styles.compactSlide} data-testid="replay-compact-slide">
              <div className={styles.compactTitle}>
                <h2>{slide.title}</h2>
                {slide.subtitle && <p>{slide.subtitle}</p>}
              </div>
              {chips}
              {wordsInHead && beats.length > 0 && <div className={styles.compactBeat}>{words}</div>}
            </div>
          )}
          {/* Kept mounted when a demo slide folds it away: reveal.js starts once, not per chapter. */}
          <div className={styles.slide} hidden={demoHere && demoBelow}>
            <RevealDeck
              slides={deck.slides}
              position={frame?.position ?? null}
              shape="adaptive"
              testId="replay-slide"
              label="The talk's slide at this point of the replay"
              demoSlot={(view, figures) =>
                !data ? (
                  <p className={styles.pointer}>{rec ? 'No demo was recorded on this slide.' : 'Loading the recorded demo…'}</p>
                ) : demoBelow ? null : (
                  <ChannelProvider channel={channel}>
                    <DemoDashboard view={asDemoView(view)} figures={asFigures(figures)} scope="slide-" inSlide />
                  </ChannelProvider>
                )
              }
              {...replayAudienceSlots(deck, rec, frame?.recT ?? null)}
              // The calculator starts at the talk's defaults and is the visitor's to change (nothing is sent).
              calcSlot={() => <PlacementCalculator />}
            />
          </div>
          {data && demoView && demoBelow && (
            <div className={styles.demo} data-testid="replay-demo-below" ref={setDemoEl}>
              {demoView !== 'panel' && <DemoSummary demo={data.demo} compact />}
              <ChannelProvider channel={channel}>
                <ChartTextContext.Provider value={REPLAY_PAGE_TEXT}>
                  <DemoDashboard
                    view={asDemoView(demoView)}
                    figures={slideFigures(slide?.html ?? '')}
                    // Stacked in landscape the demo has the screen's remaining height: seen whole, not scrolled.
                    fitHeight={stacked && !upright && !short && demoHeight > 0 ? demoHeight - 24 : undefined}
                  />
                </ChartTextContext.Provider>
              </ChannelProvider>
            </div>
          )}
        </div>
        {stacked && <div className={styles.strip}>{story}</div>}
      </div>
      <div className={styles.side}>
        {!stacked && story}
        {problem && (
          <p role="alert" className={styles.problem}>
            {problem}
          </p>
        )}
        <ChapterList chapters={chapters} sections={deck.sections} slides={deck.slides} current={chapter} onPick={(c) => play.seek(c.from)} />
        {m && <p className={styles.meta}>{detail}</p>}
      </div>
      <div className={styles.controls} role="group" aria-label="Playback">
        <button type="button" onClick={() => play.seek(previousStop(chapters, play.t, beatStops))} aria-label="Previous step" data-testid="replay-prev">
          ⏮
        </button>
        <button type="button" onClick={play.toggle} data-testid="replay-play" aria-pressed={play.playing}>
          {play.playing ? 'Pause' : play.ended ? 'Replay' : 'Play'}
        </button>
        <button type="button" onClick={() => play.seek(nextStop(chapters, play.t, beatStops))} aria-label="Next step" data-testid="replay-next">
          ⏭
        </button>
        <label className={styles.seek}>
          <span className={styles.srOnly}>Position in the talk</span>
          <input type="range" min={0} max={end} step={250} value={play.t} onChange={(e) => play.seek(Number(e.target.value))} data-testid="replay-seek" />
        </label>
        <span className={styles.time} data-testid="replay-time">
          {formatClock(play.t)} / {formatClock(end)}
        </span>
        <label>
          <span className={styles.srOnly}>Speed</span>
          <select value={play.speed} onChange={(e) => play.setSpeed(Number(e.target.value) as Speed)} data-testid="replay-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className={styles.keys} aria-hidden="true">
          {REPLAY_KEY_HELP.map(([k, what]) => `${k} ${what}`).join(' · ')}
        </span>
      </div>
    </main>
  );
}
