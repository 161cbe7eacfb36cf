'use client';
// What a phone in the room sees: the presenter's current slide and fragment, and the demo's state,
// read-only. Works upright and sideways; reconnects by itself on flaky Wi-Fi.
import type { Deck } from '@/lib/deck/types';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { asDemoView, DemoDashboard } from '../viz/DemoDashboard';
import { ConnectionDot } from '../shared/ConnectionDot';
import { useChannel } from '../shared/use-channel';
import { useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import { PollCard } from '../audience/PollCard';
import { PlacementCalculator } from '../talk/PlacementCalculator';
import { QuestionsPanel } from '../audience/QuestionsPanel';
import { ReactionBar } from '../audience/ReactionBar';
import { useMediaQuery } from '../shared/use-media-query';
import { SectionBar } from './SectionBar';
import styles from './attendee.module.css';

export function AttendeeView({ deck }: { deck: Deck }) {
  const channel = useChannel();
  const upright = useMediaQuery('(orientation: portrait)');
  const { deck: state, demo, session, send } = channel;
  const [problem, setProblem] = useState<string | null>(null);
  const poll = state ? deck.slides[state.slide]?.poll : undefined;
  const report = (r: Ack<unknown>) => setProblem(r.ok ? null : r.error.message);
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  // On a demo slide the state and the charts go below the slide at the phone's own width: inside
  // the slide they would be scaled down with it to 3–5 px; the slide points down to them.
  const demoView = state ? deck.slides[state.slide]?.demo : undefined;
  const data = demo ? { demo, latency: channel.latency, hops: channel.hops, history: channel.history, scores: channel.scores } : null;
  return (
    <main className={styles.layout} data-testid="attendee-view" data-demo-slide={demoView || poll ? 'true' : undefined}>
      <header className={styles.header}>
        <span className={styles.title}>{deck.title}</span>
        <span className={styles.position} data-testid="attendee-position">
          {state ? `${state.slide + 1} / ${deck.slides.length}` : ''}
        </span>
        <ConnectionDot state={channel.connection} />
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
            demo
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
        {state && deck.slides[state.slide]?.attrs['data-calc'] && (
          <div className={styles.pollArea}>
            <PlacementCalculator />
          </div>
        )}
        {poll && (
          <div className={styles.pollArea} id="attendee-poll">
            <PollCard
              spec={poll}
              view={channel.audiencePublic?.polls.find((p) => p.id === poll.id) ?? null}
              myVote={channel.audienceMine?.votes[poll.id]}
              onVote={(option) => void send('poll:vote', { pollId: poll.id, option }).then(report)}
            />
          </div>
        )}
        <div className={styles.demo} id="attendee-demo">
          {!data ? (
            <p className={styles.waiting}>Waiting for the live demo…</p>
          ) : demoView ? (
            <>
              <DemoSummary demo={data.demo} compact />
              <DemoDashboard view={asDemoView(demoView)} data={data} withState={false} />
            </>
          ) : (
            // No hop sample here: the room is sent them only on a slide that draws them.
            <DemoSummary demo={data.demo} latency={data.latency} />
          )}
        </div>
        <div className={styles.together} id="attendee-questions">
          <ReactionBar onReact={(emoji) => void send('reaction:send', { emoji }).then(report)} />
          {problem && (
            <p className={styles.problem} role="alert" data-testid="attendee-problem">
              {problem}
            </p>
          )}
          <QuestionsPanel
            questions={channel.audiencePublic?.questions ?? []}
            mine={channel.audienceMine}
            onAsk={async (text, name) => {
              const r = await send('question:ask', { text, name });
              return r.ok ? null : r.error.message;
            }}
            onUpvote={(id) => void send('question:upvote', { id }).then(report)}
          />
        </div>
      </div>
      <SectionBar poll={Boolean(poll)} />
    </main>
  );
}
