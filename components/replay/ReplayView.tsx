'use client';
// The whole talk replayed with no server: every slide in order as a chapter, the recorded demo on
// the slides the recording was made on (its real length and data), a caption written for a viewer
// under each slide, play / pause / seek / speed and reveal.js-like keys. The slide re-flows on a
// phone held upright as on /live, and the demo then goes below it at the phone's width.
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { Deck } from '@/lib/deck/types';
import { MODES } from '@/lib/mesh/modes';
import type { Recording } from '@/lib/replay/recording';
import { frameAt, modeJumps, modeSegments } from '@/lib/replay/replay-state';
import { nextStop, previousStop, talkFrameAt, talkTimeline, talkTimeOf, timelineEnd } from '@/lib/replay/talk-timeline';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { ChannelProvider } from '../shared/channel-hooks';
import type { Send } from '../shared/use-channel';
import { createChannelStore } from '@/lib/channel/channel-store';
import { fail } from '@/lib/contract/ack';
import { useMediaQuery } from '../shared/use-media-query';
import { DemoDashboard } from '../viz/DemoDashboard';
import { asFigures } from '@/lib/viz/live-figures';
import { asDemoView } from '@/lib/viz/demo-views';
import { ChapterList } from './ChapterList';
import { replayAudienceSlots, ReplayReactions } from './ReplayAudience';
import { formatClock } from '@/lib/deck/pacing';
import { REPLAY_KEY_HELP } from './replay-keys';
import { useReplayKeys } from './use-replay-keys';
import { SPEEDS, usePlayback, type Speed } from './use-playback';
import styles from './replay.module.css';

const sendNothing = (() => Promise.resolve(fail('unavailable', 'A replay sends nothing.'))) as unknown as Send;

/** Where the slide is too small for the demo inside it: an upright phone, or any narrow window. */
const DEMO_BELOW = '(orientation: portrait), (max-width: 900px)';

export function ReplayView({ deck, recordingUrl }: { deck: Deck; recordingUrl: string }) {
  const [rec, setRec] = useState<Recording | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const demoBelow = useMediaQuery(DEMO_BELOW);
  const upright = useMediaQuery('(orientation: portrait)');

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
  const jumps = useMemo(() => (rec ? modeJumps(modeSegments(rec)) : []), [rec]);

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
    else if (key === 'next') play.seek(nextStop(chapters, play.t));
    else if (key === 'prev') play.seek(previousStop(chapters, play.t));
    else if (key === 'start') play.seek(0);
    else if (key === 'end') play.seek(end);
    else {
      const i = SPEEDS.indexOf(play.speed) + (key === 'faster' ? 1 : -1);
      play.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i))]!);
    }
  });

  const m = rec?.meta;
  const detail = m
    ? `Demo recorded ${new Date(m.recordedAt).toISOString().slice(0, 10)} on ${m.machine.cpus} × ${m.machine.cpuModel}, Linux ${m.machine.kernel}, ${m.backend.name}${m.backend.variant ? ` (${m.backend.variant})` : ''}.`
    : '';
  const demo = useMemo(() => (recorded?.demo ? { ...recorded.demo, backend: { ...recorded.demo.backend, recorded: true, detail } } : null), [recorded, detail]);
  const data = useMemo(
    () => (recorded && demo ? { demo, latency: recorded.latency, hops: recorded.hops, history: recorded.history, scores: recorded.scores } : null),
    [recorded, demo],
  );
  // The charts read what they draw from a store, as they do live: one for the replay, each frame of
  // the recording written into it before paint (slices the frame did not change keep their
  // objects, so a chart that draws none of the change is not re-rendered). Nothing is sent.
  const [channel] = useState(() => ({ store: createChannelStore(), send: sendNothing }));
  useLayoutEffect(() => channel.store.dispatch(data ? { type: 'demo:frame', frame: data } : { type: 'reset' }), [channel, data]);
  const slide = chapter ? deck.slides[chapter.slide] : undefined;
  const demoView = slide?.demo;

  return (
    <main className={styles.layout} data-testid="replay-view" data-demo-slide={demoView ? 'true' : undefined}>
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
      </header>
      <div className={styles.slide}>
        <RevealDeck
          slides={deck.slides}
          position={frame?.position ?? null}
          shape="adaptive"
          testId="replay-slide"
          label="The talk's slide at this point of the replay"
          demoSlot={(view, figures) =>
            !data ? (
              <p className={styles.pointer}>{rec ? 'No demo was recorded on this slide.' : 'Loading the recorded demo…'}</p>
            ) : demoBelow ? (
              <p className={styles.pointer} data-testid="slide-demo-pointer">
                {upright ? 'Recorded demo below ↓' : 'Recorded demo on the right →'}
              </p>
            ) : (
              <ChannelProvider channel={channel}>
                <DemoDashboard view={asDemoView(view)} figures={asFigures(figures)} scope="slide-" inSlide />
              </ChannelProvider>
            )
          }
          {...replayAudienceSlots(deck, rec, frame?.recT ?? null)}
        />
      </div>
      <div className={styles.side}>
        <section className={styles.captions} aria-label="What happens on this slide" data-testid="replay-captions" aria-live="polite">
          {/* Captions come from the repository's slide markdown (Caption:), rendered at build time. */}
          <div dangerouslySetInnerHTML={{ __html: slide?.captionHtml || '' }} />
        </section>
        {problem && (
          <p role="alert" className={styles.problem}>
            {problem}
          </p>
        )}
        {data && demoView && demoBelow && (
          <div className={styles.demo} data-testid="replay-demo-below">
            <DemoSummary demo={data.demo} compact />
            <ChannelProvider channel={channel}>
              <DemoDashboard view={asDemoView(demoView)} withState={false} />
            </ChannelProvider>
          </div>
        )}
        {jumps.length > 0 && (
          <nav className={styles.modes} aria-label="Jump to a data plane in the recorded demo">
            {jumps.map((s) => {
              const at = talkTimeOf(chapters, s.from + 1);
              return at === null ? null : (
                <button
                  key={`${s.mode}-${s.from}`}
                  type="button"
                  aria-pressed={demo?.mode === s.mode}
                  onClick={() => play.seek(at)}
                  data-testid={`replay-mode-${s.mode}`}
                >
                  {MODES[s.mode].label} <span className={styles.muted}>{formatClock(at)}</span>
                </button>
              );
            })}
          </nav>
        )}
        <ChapterList chapters={chapters} sections={deck.sections} current={chapter} onPick={(c) => play.seek(c.from)} />
        {m && <p className={styles.meta}>{detail}</p>}
      </div>
      <div className={styles.controls} role="group" aria-label="Playback">
        <button type="button" onClick={() => play.seek(previousStop(chapters, play.t))} aria-label="Previous step" data-testid="replay-prev">
          ⏮
        </button>
        <button type="button" onClick={play.toggle} data-testid="replay-play" aria-pressed={play.playing}>
          {play.playing ? 'Pause' : play.ended ? 'Replay' : 'Play'}
        </button>
        <button type="button" onClick={() => play.seek(nextStop(chapters, play.t))} aria-label="Next step" data-testid="replay-next">
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
