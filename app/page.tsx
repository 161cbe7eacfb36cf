import { loadDeck } from '@/content/load-deck';
import styles from './landing.module.css';

export const dynamic = 'force-static';

// The static replay site (npm run build:replay) has no server: only what works without one.
const STATIC_SITE = process.env.MESHSTAGE_STATIC === '1';

export default function LandingPage() {
  const deck = loadDeck();
  return (
    <main className={styles.page}>
      <p className={styles.kicker}>meshstage</p>
      <h1>{deck.title}</h1>
      <p className={styles.lead}>
        A talk and its live demo in one app. The demo sends real traffic through real data planes — no mesh, Istio-style sidecars, ambient ztunnels and
        waypoints, eBPF in the kernel — and shows what each one costs and what it can enforce.
      </p>
      <div className={styles.links}>
        {!STATIC_SITE && (
          <a className={styles.primary} href="/live" data-testid="link-live">
            Follow the talk
            <span>on your phone or laptop: slides and the live demo</span>
          </a>
        )}
        <a className={STATIC_SITE ? styles.primary : styles.secondary} href="/replay" data-testid="link-replay">
          Replay the talk
          <span>later, on your own: the slides with a recorded demo, no server needed</span>
        </a>
        {!STATIC_SITE && (
          <a className={styles.secondary} href="/present" data-testid="link-present">
            Presenter view
            <span>needs the presenter link printed by the server (with its token)</span>
          </a>
        )}
      </div>
      <p className={styles.meta}>
        {deck.slides.length} slides · {deck.minutes} minutes
      </p>
    </main>
  );
}
