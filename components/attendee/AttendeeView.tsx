'use client';
// What a phone in the room sees: the presenter's current slide and fragment, and the demo's state,
// read-only; polls, questions and reactions. Works upright and sideways; reconnects by itself on
// flaky Wi-Fi.
import type { Deck } from '@/lib/deck/types';
import type { FirstHtmlPageProps, FirstSlide } from '@/lib/deck/first-html';
import { useRoomDeck } from '../deck/use-room-deck';
import type { PollSpec } from '@/lib/audience/types';
import { asDemoView, type DemoView } from '@/lib/viz/demo-views';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { DemoDashboard, PlacementCalculator, PollCard, usePreloadSlideParts } from '../deck/on-demand';
import { BigFigures } from '../demo/BigFigures';
import { slideFigures, type FigureId } from '@/lib/viz/live-figures';
import type { DemoState } from '@/lib/mesh/demo-state';
import { DEFAULT_CALCULATOR, type CalculatorInputs } from '@/lib/talk/calculator-state';
import {
  ChannelProvider,
  useAudienceMine,
  useAudiencePublic,
  useCalculator,
  useHistory,
  useLatency,
  useDeckState,
  useDemo,
  useHasDemo,
  useMyEstimate,
  useMyVote,
  usePublicPoll,
  useSend,
  useSession,
} from '../shared/channel-hooks';
import { useChannelConnection } from '../shared/use-channel';
import { useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import { QuestionsPanel } from '../audience/QuestionsPanel';
import { ReactionBar } from '../audience/ReactionBar';
import { useMediaQuery } from '../shared/use-media-query';
import { SectionBar } from './SectionBar';
import { PositionBar } from './PositionBar';
import { DemoLine } from './DemoLine';
import { phoneFocus } from '@/lib/deck/phone-view';
import { LIGHT_ROOM_NOTE } from '@/lib/viz/light-room';
import styles from './attendee.module.css';

type Report = (r: Ack<unknown>) => void;

export function AttendeeView({ deck, first = null, firstSlide = null, deckUrl = null }: FirstHtmlPageProps) {
  const channel = useChannelConnection(undefined, { first });
  const room = useRoomDeck(deck, deckUrl);
  return (
    <ChannelProvider channel={channel}>
      <Attendee deck={room.deck} complete={room.complete} firstSlide={firstSlide} />
    </ChannelProvider>
  );
}

/** The page: re-rendered by the deck's position (and the session), never by measurements or the
 *  audience's traffic — the parts below that draw those read them themselves.
 *  Upright, a slide whose point is something to use or watch (a demo, poll, calculator, the
 *  questions: lib/deck/phone-view.ts) puts its heading and subtitle first as text at the phone's
 *  size, then that thing; the projected slide would carry them at 3–6 px, so it is not shown. */
function Attendee({ deck, complete, firstSlide }: { deck: Deck; complete: boolean; firstSlide: FirstSlide | null }) {
  const state = useDeckState();
  const session = useSession();
  const hasDemo = useHasDemo();
  const send = useSend();
  const upright = useMediaQuery('(orientation: portrait)');
  const [problem, setProblem] = useState<string | null>(null);
  const slide = state ? deck.slides[state.slide] : undefined;
  const focus = phoneFocus(slide);
  const poll = slide?.poll;
  const report: Report = (r) => setProblem(r.ok ? null : r.error.message);
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  // On a demo slide the state and the charts go below the heading at the phone's own width: inside
  // the slide they would be scaled down with it to 3–5 px.
  const demoView = slide?.demo;
  usePreloadSlideParts(deck.slides, state);
  // Reactions and questions; on the Questions slide the ask form comes first.
  // A reaction's outcome shows under its buttons (ReactionBar), not in the page's alert.
  const reactions = <ReactionBar onReact={(emoji) => send('reaction:send', { emoji })} />;
  const together = (
    <div className={styles.together} id="attendee-questions">
      {focus !== 'questions' && reactions}
      {problem && (
        <p className={styles.problem} role="alert" data-testid="attendee-problem">
          {problem}
        </p>
      )}
      <AttendeeQuestions report={report} heading={focus !== 'questions'} />
      {focus === 'questions' && reactions}
    </div>
  );
  return (
    <main className={styles.layout} data-testid="attendee-view" data-focus={focus ?? undefined}>
      <PositionBar deck={deck} slide={state?.slide ?? null} />
      <div className={styles.slideArea} id="attendee-slide">
        {slide && focus && (
          <header className={styles.slideHeader} data-testid="slide-header">
            <h1 className={styles.slideTitle}>{slide.title}</h1>
            {slide.subtitle && <p className={styles.slideSubtitle}>{slide.subtitle}</p>}
          </header>
        )}
        <div className={styles.slide}>
          <RevealDeck
            slides={deck.slides}
            position={state}
            shape="adaptive"
            join={join}
            testId="attendee-slide"
            label="Presenter's current slide"
            complete={complete}
            firstSlide={firstSlide}
            demoSlot={
              hasDemo
                ? () => (
                    <p className={styles.pointer} data-testid="slide-demo-pointer">
                      {upright ? 'Demo below ↓' : 'Demo on the right →'}
                    </p>
                  )
                : null
            }
            pollSlot={() => (
              <p className={styles.pointer} data-testid="slide-poll-pointer">
                {upright ? 'Vote below ↓' : 'Vote on the right →'}
              </p>
            )}
          />
        </div>
      </div>
      <div className={styles.below}>
        {focus === 'questions' && together}
        {focus === 'calc' && (
          <div className={styles.pollArea}>
            <PhoneCalculator />
          </div>
        )}
        {poll && (
          <div className={styles.pollArea} id="attendee-poll">
            <AttendeePoll spec={poll} report={report} />
          </div>
        )}
        <div className={styles.demo} id="attendee-demo">
          <AttendeeDemo view={demoView ? asDemoView(demoView) : null} figures={slide ? slideFigures(slide.html) : []} />
        </div>
        {focus !== 'questions' && together}
      </div>
      <SectionBar poll={Boolean(poll)} />
    </main>
  );
}

function AttendeePoll({ spec, report }: { spec: PollSpec; report: Report }) {
  const view = usePublicPoll(spec.id);
  const myVote = useMyVote(spec.id);
  const myEstimate = useMyEstimate(spec.id);
  const send = useSend();
  // A numeric answer's outcome shows beside its send button (NumericPoll), not in the page's alert.
  return spec.number ? (
    <PollCard spec={spec} view={view} myEstimate={myEstimate} onEstimate={(value) => send('poll:estimate', { pollId: spec.id, value })} />
  ) : (
    <PollCard spec={spec} view={view} myVote={myVote} onVote={(option) => void send('poll:vote', { pollId: spec.id, option }).then(report)} />
  );
}

/** `view`: the demo view the slide shows (its charts go here), or null off the demo slides: one
 *  line then, that opens on a tap. */
function AttendeeDemo({ view, figures }: { view: DemoView | null; figures: readonly FigureId[] }) {
  const demo = useDemo();
  const light = useDeckState()?.light ?? false;
  if (!demo) return <p className={styles.waiting}>Waiting for the live demo…</p>;
  return view ? (
    <>
      <DemoSummary demo={demo} compact />
      {/* In a light room the phone is sent no live measurement (deck:light): a note where the
          figures and charts would be, the demo's state above it kept. */}
      {light ? (
        <p className={styles.lightNote} data-testid="light-room-note">
          {LIGHT_ROOM_NOTE}
        </p>
      ) : (
        <>
          {/* The story's numbers first, as the projector shows them large, then the charts. */}
          {figures.length > 0 && <PhoneFigures ids={figures} demo={demo} />}
          <DemoDashboard view={view} withState={false} />
        </>
      )}
    </>
  ) : (
    <DemoLine demo={demo} />
  );
}

function PhoneFigures({ ids, demo }: { ids: readonly FigureId[]; demo: DemoState }) {
  return <BigFigures ids={ids} demo={demo} points={useHistory()} latency={useLatency()} />;
}

/** The calculator with the numbers on the screen (the presenter's), until the attendee types their
 *  own; one tap brings the screen's back. */
function PhoneCalculator() {
  const shown = useCalculator();
  const [own, setOwn] = useState<CalculatorInputs | null>(null);
  const inputs = own ?? shown?.inputs ?? DEFAULT_CALCULATOR;
  return (
    <>
      <p className={styles.calcNote} data-testid="calc-whose">
        {own ? (
          <>
            Your own numbers.{' '}
            <button type="button" onClick={() => setOwn(null)} data-testid="calc-back-to-screen">
              Show the screen&apos;s
            </button>
          </>
        ) : (
          'The numbers on the screen: change any to try your own cluster.'
        )}
      </p>
      <PlacementCalculator inputs={inputs} onChange={setOwn} />
    </>
  );
}

function AttendeeQuestions({ report, heading }: { report: Report; heading: boolean }) {
  const audience = useAudiencePublic();
  const mine = useAudienceMine();
  const send = useSend();
  return (
    <QuestionsPanel
      questions={audience?.questions ?? []}
      mine={mine}
      onAsk={async (text, name) => {
        const r = await send('question:ask', { text, name });
        return r.ok ? null : r.error.message;
      }}
      onUpvote={(id) => void send('question:upvote', { id }).then(report)}
      heading={heading}
    />
  );
}
