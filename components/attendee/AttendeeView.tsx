'use client';
// What a phone in the room sees: the presenter's current slide and fragment, and the demo's state,
// read-only. Works upright and sideways; reconnects by itself on flaky Wi-Fi.
import type { Deck } from '@/lib/deck/types';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { asDemoView, DemoDashboard } from '../viz/DemoDashboard';
import { ConnectionDot } from '../shared/ConnectionDot';
import { useChannel } from '../shared/use-channel';
import styles from './attendee.module.css';

export function AttendeeView({ deck }: { deck: Deck }) {
  const channel = useChannel();
  const { deck: state, demo, session } = channel;
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  // On a demo slide the charts go below the slide at the phone's own width (inside the slide
  // they would be scaled down with it to an unreadable size); the slide keeps a one-line state.
  const demoView = state ? deck.slides[state.slide]?.demo : undefined;
  const data = demo ? { demo, latency: channel.latency, hops: channel.hops, history: channel.history, scores: channel.scores } : null;
  return (
    <main className={styles.layout} data-testid="attendee-view" data-demo-slide={demoView ? 'true' : undefined}>
      <header className={styles.header}>
        <span className={styles.title}>{deck.title}</span>
        <span className={styles.position} data-testid="attendee-position">
          {state ? `${state.slide + 1} / ${deck.slides.length}` : ''}
        </span>
        <ConnectionDot state={channel.connection} />
      </header>
      <div className={styles.slide}>
        <RevealDeck
          slides={deck.slides}
          position={state}
          shape="adaptive"
          join={join}
          testId="attendee-slide"
          label="Presenter's current slide"
          demoSlot={demo ? () => <DemoSummary demo={demo} scope="slide-" compact /> : null}
        />
      </div>
      <div className={styles.demo}>
        {!data ? (
          <p className={styles.waiting}>Waiting for the live demo…</p>
        ) : demoView ? (
          <DemoDashboard view={asDemoView(demoView)} data={data} withState={false} />
        ) : (
          <DemoSummary demo={data.demo} latency={data.latency} hops={data.hops} />
        )}
      </div>
    </main>
  );
}
