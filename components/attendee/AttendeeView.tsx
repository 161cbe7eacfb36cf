'use client';
// What a phone in the room sees: the presenter's current slide and fragment, and the demo's state,
// read-only. Works upright and sideways; reconnects by itself on flaky Wi-Fi.
import type { Deck } from '@/lib/deck/types';
import { RevealDeck } from '../deck/RevealDeck';
import { DemoSummary } from '../demo/DemoSummary';
import { ConnectionDot } from '../shared/ConnectionDot';
import { useChannel } from '../shared/use-channel';
import styles from './attendee.module.css';

export function AttendeeView({ deck }: { deck: Deck }) {
  const channel = useChannel();
  const { deck: state, demo, session } = channel;
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  // A demo slide shows the live demo inside the slide; the panel below would only repeat it.
  const onDemoSlide = Boolean(state && deck.slides[state.slide]?.demo);
  return (
    <main className={styles.layout} data-testid="attendee-view">
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
          demoSlot={demo ? <DemoSummary demo={demo} latency={channel.latency} hops={channel.hops} scope="slide-" /> : null}
        />
      </div>
      {!onDemoSlide && (
        <div className={styles.demo}>{demo ? <DemoSummary demo={demo} latency={channel.latency} hops={channel.hops} /> : <p className={styles.waiting}>Waiting for the live demo…</p>}</div>
      )}
    </main>
  );
}
