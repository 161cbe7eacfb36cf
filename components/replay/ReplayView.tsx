'use client';
// The talk replayed from a recording, with no server: slides in sync with the recorded demo,
// play / pause / seek / speed, speaker notes as captions, the visitor can jump to any data plane's
// recorded stretch, and a "recorded" badge says what, where and when it was measured.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Deck } from '@/lib/deck/types';
import { MODES } from '@/lib/mesh/modes';
import type { Recording } from '@/lib/replay/recording';
import { frameAt, modeJumps, modeSegments } from '@/lib/replay/replay-state';
import { RevealDeck } from '../deck/RevealDeck';
import { asDemoView, DemoDashboard } from '../viz/DemoDashboard';
import styles from './replay.module.css';

const SPEEDS = [0.5, 1, 2, 4] as const;
const TICK_MS = 250;
const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

export function ReplayView({ deck, recordingUrl }: { deck: Deck; recordingUrl: string }) {
  const [rec, setRec] = useState<Recording | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const last = useRef<number | null>(null);

  useEffect(() => {
    // /replay?recording=<file>.json plays another recording from /recordings/ (e.g. a live talk).
    const asked = new URLSearchParams(window.location.search).get('recording');
    const url = asked && /^[\w.-]+\.json$/.test(asked) ? `/recordings/${asked}` : recordingUrl;
    fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<Recording>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setRec, (e: Error) => setProblem(`Could not load the recording ${url} (${e.message}).`));
  }, [recordingUrl]);

  useEffect(() => {
    if (!playing || !rec) return;
    last.current = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const dt = (now - (last.current ?? now)) * speed;
      last.current = now;
      setT((x) => {
        const next = Math.min(rec.meta.durationMs, x + dt);
        if (next >= rec.meta.durationMs) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, rec]);

  const frame = useMemo(() => (rec ? frameAt(rec, t) : null), [rec, t]);
  const jumps = useMemo(() => (rec ? modeJumps(modeSegments(rec)) : []), [rec]);
  if (problem)
    return (
      <main className={styles.layout}>
        <p role="alert">{problem}</p>
      </main>
    );
  if (!rec || !frame)
    return (
      <main className={styles.layout}>
        <p>Loading the recording…</p>
      </main>
    );

  const m = rec.meta;
  const recordedAt = new Date(m.recordedAt);
  const detail = `Recorded ${recordedAt.toISOString().slice(0, 10)} on ${m.machine.cpus} × ${m.machine.cpuModel}, Linux ${m.machine.kernel}, ${m.backend.name}${m.backend.variant ? ` (${m.backend.variant})` : ''}.`;
  const demo = frame.demo ? { ...frame.demo, backend: { ...frame.demo.backend, recorded: true, detail } } : null;
  // The recorded slide by id (slides may have been added since), else by its recorded index.
  const byId = frame.slideId ? deck.slides.findIndex((x) => x.id === frame.slideId) : -1;
  const position = frame.deck ? (byId >= 0 ? { slide: byId, fragment: Math.min(frame.deck.fragment, deck.slides[byId]!.fragments - 1) } : frame.deck) : null;
  const slide = position ? deck.slides[position.slide] : undefined;
  const data = demo ? { demo, latency: frame.latency, hops: frame.hops, history: frame.history, scores: frame.scores } : null;

  return (
    <main className={styles.layout} data-testid="replay-view">
      <header className={styles.header}>
        <span className={styles.badge} data-testid="recorded-badge" title={m.backend.detail}>
          recorded · {m.backend.name}
          {m.backend.variant ? ` · ${m.backend.variant}` : ''}
        </span>
        <span className={styles.meta}>{detail}</span>
      </header>
      <div className={styles.stage}>
        <div className={styles.slide}>
          <RevealDeck
            slides={deck.slides}
            position={position}
            shape="adaptive"
            testId="replay-slide"
            label="The talk's slide at this point of the recording"
            demoSlot={data ? (view) => <DemoDashboard view={asDemoView(view)} data={data} scope="slide-" inSlide /> : null}
            pollSlot={() => null}
          />
        </div>
        <section className={styles.captions} aria-label="Speaker notes" data-testid="replay-captions">
          {/* Notes come from the repository's slide markdown, rendered at build time. */}
          <div dangerouslySetInnerHTML={{ __html: slide?.notesHtml || '' }} />
        </section>
      </div>
      <div className={styles.controls} role="group" aria-label="Playback">
        <button type="button" onClick={() => setPlaying((p) => !p)} data-testid="replay-play" aria-pressed={playing}>
          {playing ? 'Pause' : t >= m.durationMs ? 'Replay' : 'Play'}
        </button>
        <label className={styles.seek}>
          <span className={styles.srOnly}>Position in the recording</span>
          <input type="range" min={0} max={m.durationMs} step={250} value={t} onChange={(e) => setT(Number(e.target.value))} data-testid="replay-seek" />
        </label>
        <span className={styles.time} data-testid="replay-time">
          {clock(t)} / {clock(m.durationMs)}
        </span>
        <label>
          speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])} data-testid="replay-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className={styles.modes} aria-label="Jump to a data plane">
        {jumps.map((s) => (
          <button
            key={`${s.mode}-${s.from}`}
            type="button"
            aria-pressed={demo?.mode === s.mode}
            onClick={() => setT(s.from + 1)}
            data-testid={`replay-mode-${s.mode}`}
          >
            {MODES[s.mode].label} <span className={styles.muted}>{clock(s.from)}</span>
          </button>
        ))}
      </nav>
      {data && !slide?.demo && <DemoDashboard view="panel" data={data} />}
    </main>
  );
}
