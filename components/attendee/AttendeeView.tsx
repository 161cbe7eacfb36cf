'use client';
// What a phone in the room sees: the presenter's current slide and fragment, and the demo's state,
// read-only. Works upright and sideways; reconnects by itself on flaky Wi-Fi.
import type { Deck } from '@/lib/deck/types';
import type { PollSpec } from '@/lib/audience/types';
import { asDemoView, type DemoView } from '@/lib/viz/demo-views';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { DemoDashboard, PlacementCalculator, PollCard, usePreloadSlideParts } from '../deck/on-demand';
import { ConnectionDot } from '../shared/ConnectionDot';
import {
  ChannelProvider,
  useAudienceMine,
  useAudiencePublic,
  useDeckState,
  useDemo,
  useHasDemo,
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
import styles from './attendee.module.css';

type Report = (r: Ack<unknown>) => void;

export function AttendeeView({ deck }: { deck: Deck }) {
  const channel = useChannelConnection();
  return (
    <ChannelProvider channel={channel}>
      <Attendee deck={deck} />
    </ChannelProvider>
  );
}

/** The page: re-rendered by the deck's position (and the session), never by measurements or the
 *  audience's traffic — the parts below that draw those read them themselves. */
function Attendee({ deck }: { deck: Deck }) {
  const state = useDeckState();
  const session = useSession();
  const hasDemo = useHasDemo();
  const send = useSend();
  const upright = useMediaQuery('(orientation: portrait)');
  const [problem, setProblem] = useState<string | null>(null);
  const slide = state ? deck.slides[state.slide] : undefined;
  const poll = slide?.poll;
  const report: Report = (r) => setProblem(r.ok ? null : r.error.message);
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  // On a demo slide the state and the charts go below the slide at the phone's own width: inside
  // the slide they would be scaled down with it to 3–5 px; the slide points down to them.
  const demoView = slide?.demo;
  usePreloadSlideParts(deck.slides, state);
  return (
    <main className={styles.layout} data-testid="attendee-view" data-demo-slide={demoView || poll ? 'true' : undefined}>
      <header className={styles.header}>
        <span className={styles.title}>{deck.title}</span>
        <span className={styles.position} data-testid="attendee-position">
          {state ? `${state.slide + 1} / ${deck.slides.length}` : ''}
        </span>
        <ConnectionDot />
      </header>
      <div className={styles.slide} id="attendee-slide">
        <RevealDeck
          slides={deck.slides}
          position={state}
          shape="adaptive"
          join={join}
          testId="attendee-slide"
          label="Presenter's current slide"
          demoSlot={
            hasDemo
              ? () => (
                  <p className={styles.pointer} data-testid="slide-demo-pointer">
                    {upright ? 'Live demo below ↓' : 'Live demo on the right →'}
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
      <div className={styles.below}>
        {slide?.attrs['data-calc'] && (
          <div className={styles.pollArea}>
            <PlacementCalculator />
          </div>
        )}
        {poll && (
          <div className={styles.pollArea} id="attendee-poll">
            <AttendeePoll spec={poll} report={report} />
          </div>
        )}
        <div className={styles.demo} id="attendee-demo">
          <AttendeeDemo view={demoView ? asDemoView(demoView) : null} />
        </div>
        <div className={styles.together} id="attendee-questions">
          <ReactionBar onReact={(emoji) => void send('reaction:send', { emoji }).then(report)} />
          {problem && (
            <p className={styles.problem} role="alert" data-testid="attendee-problem">
              {problem}
            </p>
          )}
          <AttendeeQuestions report={report} />
        </div>
      </div>
      <SectionBar poll={Boolean(poll)} />
    </main>
  );
}

function AttendeePoll({ spec, report }: { spec: PollSpec; report: Report }) {
  const view = usePublicPoll(spec.id);
  const myVote = useMyVote(spec.id);
  const send = useSend();
  return <PollCard spec={spec} view={view} myVote={myVote} onVote={(option) => void send('poll:vote', { pollId: spec.id, option }).then(report)} />;
}

/** `view`: the demo view the slide shows (its charts go here), or null off the demo slides. */
function AttendeeDemo({ view }: { view: DemoView | null }) {
  const demo = useDemo();
  if (!demo) return <p className={styles.waiting}>Waiting for the live demo…</p>;
  return view ? (
    <>
      <DemoSummary demo={demo} compact />
      <DemoDashboard view={view} withState={false} />
    </>
  ) : (
    // No hop sample here: the room is sent them only on a slide that draws them.
    <DemoSummary demo={demo} />
  );
}

function AttendeeQuestions({ report }: { report: Report }) {
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
    />
  );
}
