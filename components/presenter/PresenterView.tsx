'use client';
// The presenter's screen: current and next slide, notes, pacing, the live demo panel and the
// audience count. Slide changes go through the server, which is the single source of truth for
// every presenter window and every phone.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import type { PollSpec } from '@/lib/audience/types';
import type { DeckPoll } from '@/lib/audience/desk';
import type { Deck } from '@/lib/deck/types';
import { RevealDeck } from '../deck/RevealDeck';
import { liveSlots } from '../deck/live-slots';
import { usePreloadSlideParts } from '../deck/on-demand';
import { LiveDemoControls } from '../demo/DemoControls';
import { usePrefersReducedMotion } from '../viz/use-size';
import { AudienceDesk } from '../audience/AudienceDesk';
import { ReactionBursts } from '../audience/ReactionBursts';
import { ConnectionDot } from '../shared/ConnectionDot';
import {
  ChannelProvider,
  useAudienceCount,
  useAudiencePresenter,
  useClockOffsetMs,
  useDeckStep,
  useWindowId,
  useDeckState,
  useQuestionsWaiting,
  useReactions,
  useSend,
  useSession,
} from '../shared/channel-hooks';
import { useChannelConnection } from '../shared/use-channel';
import { LightRoomSwitch } from './LightRoomSwitch';
import { PacingTimer } from './PacingTimer';
import { usePresenterKeys } from './use-presenter-keys';
import { useStageActions } from './use-stage-actions';
import { SceneBar } from './SceneBar';
import { KeyHelp } from './KeyHelp';
import { PresentersPanel } from './PresentersPanel';
import { usePresenterName } from './presenter-name';
import { staleMessage } from './stale-message';
import { SlideOverview } from './SlideOverview';
import { overviewRows, typedHint, type KeyMode } from './key-map';
import { toggleFullscreen } from '../screen/fullscreen';
import styles from './presenter.module.css';

export function PresenterView({ deck }: { deck: Deck }) {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token') ?? ''), []);
  const [name, setName, nameLoaded] = usePresenterName();
  // The console never votes: opened without its token it follows, without an audience identity.
  // It introduces itself to the other presenters by the name kept on this device.
  const channel = useChannelConnection(nameLoaded ? token : null, { earn: false, presenter: { kind: 'console', name } });
  return (
    <ChannelProvider channel={channel}>
      <Console deck={deck} token={token} name={name} onName={setName} />
    </ChannelProvider>
  );
}

/** The console itself: re-rendered by the deck's state and the session, never by measurements
 *  (the panels below that draw them read them themselves). */
function Console({ deck, token, name, onName }: { deck: Deck; token: string | null; name: string; onName: (name: string) => void }) {
  const state = useDeckState();
  const session = useSession();
  const clockOffsetMs = useClockOffsetMs();
  const send = useSend();
  const [error, setError] = useState<string | null>(null);

  const self = useWindowId();
  // A step another presenter's move beat: say who moved it (the deck shows where it is now).
  const report = (result: Ack<unknown>) => setError(result.ok ? null : staleMessage(result.error, self));
  const step = useDeckStep();
  const stepDeck = (direction: 'next' | 'prev') => void step(direction).then(report);
  const [help, setHelp] = useState(false);
  /** The overview's cursor while it is open (null: closed). */
  const [overview, setOverview] = useState<number | null>(null);
  const [overviewColumns, setOverviewColumns] = useState(1);
  const rows = useMemo(() => overviewRows(deck.sections, overviewColumns), [deck.sections, overviewColumns]);
  const keyMode: KeyMode = help ? { kind: 'help' } : overview !== null ? { kind: 'overview', cursor: overview, rows } : DECK;
  const notes = useRef<HTMLElement>(null);
  const openScreen = () => window.open(`/screen?token=${encodeURIComponent(token ?? '')}`, 'meshstage-screen', 'popup');
  const toggleOverview = () => setOverview((o) => (o === null ? (state?.slide ?? 0) : null));
  const goto = (slide: number) => {
    setOverview(null);
    void send('deck:goto', { slide, fragment: -1 }).then(report);
  };
  const stage = useStageActions(deck);
  const { typed } = usePresenterKeys((action) => {
    if (action.type === 'goto' && overview !== null) return goto(action.slide);
    const sent = stage(action);
    if (sent) void sent.then(report);
    else if (action.type === 'screen') openScreen();
    else if (action.type === 'fullscreen') toggleFullscreen(document.documentElement);
    else if (action.type === 'help') setHelp((h) => !h);
    else if (action.type === 'overview') toggleOverview();
    else if (action.type === 'cursor') setOverview(action.slide);
    else if (action.type === 'notes') scrollNotes(notes.current, action.direction);
    else if (action.type === 'cancel') {
      setHelp(false);
      setOverview(null);
    }
  }, keyMode);
  const hint = typedHint(typed, deck.slides);
  const deckPolls = useMemo(() => deck.slides.flatMap((s) => (s.poll ? [{ slideId: s.id, spec: s.poll }] : [])), [deck.slides]);

  usePreloadSlideParts(deck.slides, state);
  const current = state ? deck.slides[state.slide] : undefined;
  const nextSlide = state ? deck.slides[state.slide + 1] : undefined;
  const nextPosition = useMemo(() => (nextSlide ? { slide: nextSlide.index, fragment: nextSlide.fragments - 1 } : null), [nextSlide]);
  const section = current ? deck.sections.find((s) => s.id === current.sectionId) : undefined;
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  const refused = session && session.role !== 'presenter';
  const reducedMotion = usePrefersReducedMotion();
  // Each slide's notes start at their top (braces: Chromium's scrollTo returns a promise, no cleanup).
  useEffect(() => {
    notes.current?.scrollTo({ top: 0 });
  }, [current?.index]);

  return (
    <main className={styles.layout} data-testid="presenter-view" data-role={session?.role ?? 'unknown'}>
      <header className={styles.topbar}>
        <h1 className={styles.title}>{deck.title}</h1>
        <span className={styles.position} data-testid="presenter-position">
          {state ? `Slide ${state.slide + 1} / ${deck.slides.length}` : '…'}
          {current && current.fragments > 0 && state ? ` · step ${state.fragment + 1} / ${current.fragments}` : ''}
          {section ? ` · ${section.title}` : ''}
        </span>
        {hint && (
          <span className={styles.typedHint} data-valid={hint.valid} data-testid="typed-hint" aria-live="polite">
            {hint.text}
          </span>
        )}
        <AudienceCount />
        <PresentersPanel token={token ?? ''} name={name} onName={onName} />
        {/* Always in sight, whatever the desk below shows (a poll can push its queue out of view). */}
        <QuestionsWaiting />
        {state?.blank && (
          <span className={styles.blankBadge} data-testid="blank-badge" title="The projector is black: B brings it back">
            Blacked out · B
          </span>
        )}
        <button type="button" className={styles.screenButton} onClick={openScreen} data-testid="open-screen" title="Open the projector screen (S)">
          Projector screen ↗
        </button>
        <button type="button" className={styles.screenButton} onClick={() => setHelp((h) => !h)} data-testid="key-help-button" title="Keys (?)">
          ?
        </button>
        <ConnectionDot />
      </header>
      {help && <KeyHelp onClose={() => setHelp(false)} />}
      {overview !== null && (
        <SlideOverview
          deck={deck}
          current={state?.slide ?? null}
          cursor={overview}
          onPick={goto}
          onCursor={setOverview}
          onColumns={setOverviewColumns}
          onClose={() => setOverview(null)}
        />
      )}

      {refused && (
        <p className={styles.error} role="alert">
          The server did not accept this presenter token. Use the Presenter URL printed by npm start.
        </p>
      )}

      <div className={styles.current}>
        <LiveReactionBursts reducedMotion={reducedMotion} />
        <RevealDeck slides={deck.slides} position={state} join={join} testId="current-slide" label="Current slide" {...liveSlots(deck, 'slide-', 'console')} />
      </div>

      <aside className={styles.side}>
        <div className={styles.sideTop}>
          <div className={styles.next}>
            <span className={styles.caption}>Next: {nextSlide ? nextSlide.title || `slide ${nextSlide.index + 1}` : 'end of the talk'}</span>
            {nextPosition ? (
              <RevealDeck slides={deck.slides} position={nextPosition} preview join={join} testId="next-slide" label="Next slide" />
            ) : (
              <div className={styles.endOfDeck}>End of the deck</div>
            )}
          </div>
          {state && (
            <PacingTimer deck={deck} state={state} clockOffsetMs={clockOffsetMs} onAction={(action) => void send('timer:set', { action }).then(report)} />
          )}
          <LightRoomSwitch report={report} />
          <nav className={styles.navButtons} aria-label="Slide navigation">
            <button type="button" onClick={() => stepDeck('prev')} data-testid="prev">
              ◀ Back
            </button>
            <button type="button" onClick={() => stepDeck('next')} data-testid="next">
              Next ▶
            </button>
          </nav>
        </div>
        {error && (
          <p className={styles.error} role="alert" data-testid="presenter-error">
            {error}
          </p>
        )}
        <div className={styles.demo}>
          {current?.scene && <SceneBar slide={current} onRun={() => void stage({ type: 'scene' })?.then(report)} />}
          <LiveDemoControls scene={current?.scene} connecting={<p className={styles.caption}>Connecting to the demo…</p>} />
        </div>
      </aside>

      <div className={styles.bottom}>
        {/* Focusable: long notes scroll, and a keyboard user must be able to scroll them (axe: scrollable-region-focusable). */}
        <section ref={notes} className={styles.notes} aria-label="Speaker notes" data-testid="speaker-notes" tabIndex={0}>
          <h2 className={styles.caption}>
            Speaker notes <kbd>J</kbd> <kbd>K</kbd>
          </h2>
          {/* Notes come from the repository's slide markdown, rendered on the server. */}
          <div className={styles.notesBody} dangerouslySetInnerHTML={{ __html: current?.notesHtml || '<p>(no notes)</p>' }} />
        </section>
        <div className={styles.desk}>
          <LiveAudienceDesk token={token ?? ''} poll={current?.poll ?? null} polls={deckPolls} report={report} />
        </div>
      </div>
    </main>
  );
}

const DECK: KeyMode = { kind: 'deck' };

/** J/K: the notes move by most of what shows of them, keeping a line or two in sight. */
function scrollNotes(notes: HTMLElement | null, direction: 'down' | 'up') {
  if (!notes) return;
  const by = Math.max(40, notes.clientHeight * 0.8);
  notes.scrollBy({ top: direction === 'down' ? by : -by, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

function AudienceCount() {
  const audience = useAudienceCount();
  return (
    <span className={styles.audience} data-testid="audience-count" aria-live="polite">
      {audience ? `${audience.attendees} in the audience` : '—'}
    </span>
  );
}

function QuestionsWaiting() {
  const waiting = useQuestionsWaiting();
  return (
    <span className={styles.audience} data-testid="questions-waiting">
      {waiting === 1 ? '1 question waiting' : `${waiting} questions waiting`}
    </span>
  );
}

function LiveReactionBursts({ reducedMotion }: { reducedMotion: boolean }) {
  return <ReactionBursts burst={useReactions()} reducedMotion={reducedMotion} />;
}

function LiveAudienceDesk({
  token,
  poll,
  polls,
  report,
}: {
  token: string;
  poll: PollSpec | null;
  polls: readonly DeckPoll[];
  report: (result: Ack<unknown>) => void;
}) {
  const view = useAudiencePresenter();
  const send = useSend();
  return (
    <AudienceDesk
      token={token}
      poll={poll}
      polls={polls}
      view={view}
      onPoll={(pollId, status) => send('poll:set', { pollId, status }).then((r) => (report(r), r))}
      onModerate={(id, status) => send('question:moderate', { id, status }).then((r) => (report(r), r))}
      onPublishing={(atOnce) => send('questions:publishing', { atOnce }).then((r) => (report(r), r))}
    />
  );
}
