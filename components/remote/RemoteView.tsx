'use client';
// The phone remote (/remote, behind the presenter token like /present): big Back and Next under
// the thumb, the current and next slide, the pacing timer, and the demo — the data plane, the L7
// policies with what each mode enforces, the slide's scene as one button. Every press answers on
// its button: waiting, done, or failed with the reason; a press whose answer the Wi-Fi lost is
// sent again with its id and never applied twice (lib/channel/reliable-send.ts). A step names the
// slide it was pressed on: a co-presenter's move that got there first wins, and the remote says so.
import { useEffect, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import type { Deck } from '@/lib/deck/types';
import { canApply } from '@/lib/mesh/backend-status';
import { MODE_IDS, MODES } from '@/lib/mesh/modes';
import { policyToggles } from '@/lib/mesh/policy-toggles';
import { nextSceneStep, sceneStep } from '@/lib/mesh/scene';
import { describeMove, kindLabel } from '@/lib/contract/presenter-moves';
import type { PresenterMove, PresenterWindow } from '@/lib/contract/events';
import {
  ChannelProvider,
  useClockOffsetMs,
  useDeckState,
  useDeckStep,
  useDemo,
  usePresenters,
  useSend,
  useSession,
  useWindowId,
} from '../shared/channel-hooks';
import { useChannelConnection } from '../shared/use-channel';
import { useNow } from '../shared/use-now';
import { ConnectionDot } from '../shared/ConnectionDot';
import { SwitchProgressNote } from '../demo/SwitchProgressNote';
import { PacingTimer } from '../presenter/PacingTimer';
import { usePresenterName, MAX_NAME } from '../presenter/presenter-name';
import { staleMessage } from '../presenter/stale-message';
import { usePresses, type PressState } from './use-presses';
import styles from './remote.module.css';

export function RemoteView({ deck }: { deck: Deck }) {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token') ?? ''), []);
  const [name, setName, nameLoaded] = usePresenterName();
  const channel = useChannelConnection(nameLoaded && name ? token : null, { earn: false, presenter: { kind: 'remote', name } });
  const awake = useWakeLock();
  if (nameLoaded && !name) return <NamePrompt onName={setName} />;
  // A new name goes out with the next handshake (use-channel reconnects); the connection and what
  // is on its way stay.
  const rename = () => {
    const next = window.prompt('Your name, as your co-presenters see it', name);
    if (next?.trim()) setName(next);
  };
  return (
    <ChannelProvider channel={channel}>
      <Remote deck={deck} name={name} onRename={rename} awake={awake} />
    </ChannelProvider>
  );
}

/** Keeps the phone's screen on while the remote is open (the Screen Wake Lock API, where there is
 *  one): a remote that locks itself mid-talk loses its connection. Asked again whenever the page
 *  comes back into view (the browser releases it when the page is hidden). */
type WakeLockSentinel = { release(): Promise<void>; addEventListener?(type: 'release', fn: () => void): void };

function useWakeLock(): boolean {
  const [awake, setAwake] = useState(true);
  useEffect(() => {
    // Only on a secure context (https or localhost): a phone on the venue's plain-http LAN address
    // has none, and is told so.
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } }).wakeLock;
    if (!wakeLock) return setAwake(false);
    let held: WakeLockSentinel | null = null;
    const ask = () => {
      if (document.visibilityState !== 'visible') return;
      if (held) return;
      wakeLock.request('screen').then(
        (lock) => {
          held = lock;
          setAwake(true);
          lock.addEventListener?.('release', () => (held = null));
        },
        () => setAwake(false), // refused (battery saver): the phone locks as it would, and says so
      );
    };
    ask();
    document.addEventListener('visibilitychange', ask);
    return () => {
      document.removeEventListener('visibilitychange', ask);
      void held?.release();
    };
  }, []);
  return awake;
}

/** First visit on this phone: who is holding it (the other presenters see the name). */
function NamePrompt({ onName }: { onName: (name: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <main className={styles.remote} data-testid="remote-name-prompt">
      <form
        className={styles.namePrompt}
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onName(value);
        }}
      >
        <h1>Phone remote</h1>
        <label htmlFor="remote-name">Your name — your co-presenters see it beside what you do</label>
        <input
          id="remote-name"
          value={value}
          maxLength={MAX_NAME}
          autoComplete="nickname"
          onChange={(e) => setValue(e.target.value)}
          data-testid="remote-name-input"
          autoFocus
        />
        <button type="submit" className={styles.primary} disabled={!value.trim()} data-testid="remote-name-save">
          Start
        </button>
      </form>
    </main>
  );
}

function Remote({ deck, name, onRename, awake }: { deck: Deck; name: string; onRename: () => void; awake: boolean }) {
  const state = useDeckState();
  const session = useSession();
  const clockOffsetMs = useClockOffsetMs();
  const presenters = usePresenters();
  const self = useWindowId();
  const send = useSend();
  const step = useDeckStep();
  const { states, failure, press } = usePresses();
  const refused = session && session.role !== 'presenter';
  const current = state ? deck.slides[state.slide] : undefined;
  const next = state ? deck.slides[state.slide + 1] : undefined;
  const stepText = (r: Ack<unknown>) => (r.ok ? '' : staleMessage(r.error, self));
  const stepPress = (direction: 'next' | 'prev') => void press(`step-${direction}`, () => step(direction), stepText);
  const others = presenters?.windows.filter((w) => w.client !== self) ?? [];
  const lastDeck = presenters?.lastDeck && presenters.lastDeck.client !== self ? presenters.lastDeck : null;

  return (
    <main className={styles.remote} data-testid="remote-view" data-role={session?.role ?? 'unknown'}>
      <header className={styles.top}>
        <ConnectionDot />
        <span className={styles.position} data-testid="remote-position">
          {state ? `Slide ${state.slide + 1}/${deck.slides.length}` : '…'}
          {current && current.fragments > 0 && state ? ` · step ${state.fragment + 1}/${current.fragments}` : ''}
        </span>
        <button type="button" className={styles.nameButton} onClick={onRename} title="Change your name" data-testid="remote-name">
          {name}
        </button>
      </header>
      {!awake && (
        <p className={styles.presence} data-testid="remote-wake-note">
          This page cannot keep the screen on (it needs https): set the phone&apos;s auto-lock to Never for the talk.
        </p>
      )}
      {refused && (
        <p className={styles.error} role="alert">
          The server did not accept this presenter token: scan the remote QR code on the console again.
        </p>
      )}

      <section className={styles.slides} aria-label="Slides">
        <p className={styles.caption}>Now{state?.blank ? ' · projector blacked out' : ''}</p>
        <h1 className={styles.current} data-testid="remote-current">
          {current ? current.title || `Slide ${current.index + 1}` : '…'}
        </h1>
        <p className={styles.next} data-testid="remote-next">
          Next: {next ? next.title || `slide ${next.index + 1}` : 'end of the talk'}
        </p>
        <Presence others={others} lastDeck={lastDeck} clockOffsetMs={clockOffsetMs} />
      </section>

      {state && (
        <div className={styles.timer}>
          <PacingTimer
            deck={deck}
            state={state}
            clockOffsetMs={clockOffsetMs}
            onAction={(action) => void press(`timer-${action}`, () => send('timer:set', { action }))}
          />
        </div>
      )}

      <RemoteDemo scene={current?.scene} sceneSlide={current?.index ?? null} states={states} press={press} />

      {state && (
        <section className={styles.demo} aria-label="Light room">
          <button
            type="button"
            className={styles.toggle}
            aria-pressed={state.light}
            onClick={() => void press('light', () => send('deck:light', { light: !state.light }))}
            data-testid="remote-light-room"
            data-state={states.light?.state}
          >
            Light room{states.light && <span className={styles.mark}>{MARK[states.light.state]}</span>}
            <span className={styles.enforced}>{state.light ? 'on: phones get no live charts' : 'off: phones get the live charts'}</span>
          </button>
        </section>
      )}

      <nav className={styles.steps} aria-label="Slide navigation">
        {/* In the fixed bar, in sight whatever is scrolled: the latest press that failed, and why. */}
        <p className={styles.error} role="alert" data-testid="remote-error">
          {failure ?? ''}
        </p>
        <button type="button" className={styles.back} onClick={() => stepPress('prev')} data-testid="remote-prev" data-state={states['step-prev']?.state}>
          ◀ Back
        </button>
        <button
          type="button"
          className={styles.primary}
          onClick={() => stepPress('next')}
          data-testid="remote-next-button"
          data-state={states['step-next']?.state}
        >
          Next ▶
        </button>
      </nav>
    </main>
  );
}

/** Who else is presenting, and who last moved the deck (its "ago" kept current). */
function Presence({ others, lastDeck, clockOffsetMs }: { others: PresenterWindow[]; lastDeck: PresenterMove | null; clockOffsetMs: number }) {
  const now = useNow(1000, lastDeck !== null);
  return (
    <p className={styles.presence} data-testid="remote-presence">
      {others.length === 0 ? 'No other presenter window' : `With ${others.map((w) => `${w.name} (${kindLabel(w.kind)})`).join(', ')}`}
      {lastDeck ? ` · ${describeMove(lastDeck, now + clockOffsetMs, null, others)}` : ''}
    </p>
  );
}

const MARK: Record<PressState['state'], string> = { pending: '…', done: '✓', failed: '✕' };

function RemoteDemo({
  scene,
  sceneSlide,
  states,
  press,
}: {
  scene: Deck['slides'][number]['scene'];
  sceneSlide: number | null;
  states: Record<string, PressState>;
  press: ReturnType<typeof usePresses>['press'];
}) {
  const demo = useDemo();
  const send = useSend();
  const presenters = usePresenters();
  const self = useWindowId();
  if (!demo) return <p className={styles.caption}>Connecting to the demo…</p>;
  // Handed to another window: this remote's demo buttons wait (the server refuses them anyway).
  const driver = presenters?.demoDriver ?? null;
  const heldElsewhere = driver !== null && driver.client !== self;
  const live = canApply(demo.backend) && !heldElsewhere;
  const switching = demo.switching !== null;
  const at = scene ? sceneStep(scene, demo) : null;
  const nextStep = scene ? nextSceneStep(scene, demo) : 0;
  const enforced = new Map(demo.enforcement.map((e) => [e.key, e]));
  const policyPending = Object.entries(states).some(([key, st]) => key.startsWith('policy-') && st.state === 'pending');
  return (
    <section className={styles.demo} aria-label="Live demo" data-testid="remote-demo">
      <SwitchProgressNote progress={demo.switching} />
      {driver && (
        <p className={styles.presence} data-testid="remote-demo-driver">
          {heldElsewhere ? `${driver.name} (${kindLabel(driver.kind)}) has the demo controls` : 'You have the demo controls'}
          {!heldElsewhere && (
            <button
              type="button"
              className={styles.inline}
              onClick={() => void press('free-demo', () => send('demo:driver', { client: null }))}
              data-testid="remote-free-demo"
            >
              Let anyone drive
            </button>
          )}
        </p>
      )}
      {scene && sceneSlide !== null && (
        <button
          type="button"
          className={styles.scene}
          disabled={!live}
          onClick={() => void press('scene', () => send('scene:run', { slide: sceneSlide, step: nextStep }))}
          data-testid="remote-scene"
          data-state={states.scene?.state}
        >
          ▶ {at === null ? `Scene: ${MODES[scene.modes[0]!].label}` : nextStep === 0 ? 'Scene again' : `Scene: ${MODES[scene.modes[nextStep]!].label}`}
          {states.scene && <span className={styles.mark}>{MARK[states.scene.state]}</span>}
        </button>
      )}
      <h2 className={styles.caption}>Data plane{!live ? ' · backend not ready' : ''}</h2>
      <div className={styles.modes} role="group" aria-label="Data plane">
        {MODE_IDS.map((id) => {
          const s = states[`mode-${id}`];
          return (
            <button
              key={id}
              type="button"
              className={styles.mode}
              aria-pressed={demo.mode === id}
              disabled={!live}
              onClick={() => void press(`mode-${id}`, () => send('mode:set', { mode: id }))}
              data-testid={`remote-mode-${id}`}
              data-state={s?.state}
            >
              {MODES[id].label}
              {s && (s.state === 'pending' || (switching && demo.switching?.to === id)) ? (
                <span className={styles.mark}>…</span>
              ) : s ? (
                <span className={styles.mark}>{MARK[s.state]}</span>
              ) : null}
            </button>
          );
        })}
      </div>
      <h2 className={styles.caption}>L7 policy in {MODES[demo.mode].label}</h2>
      <div className={styles.toggles}>
        {/* One policy change at a time: each press sends the whole policy as it stands, so a second
            sent before the first is applied would undo it. */}
        {policyToggles(demo.policy, scene).map((t) => {
          const s = states[`policy-${t.key}`];
          const e = enforced.get(t.key);
          return (
            <button
              key={t.key}
              type="button"
              className={styles.toggle}
              aria-pressed={t.on}
              disabled={!live || policyPending}
              onClick={() => void press(`policy-${t.key}`, () => send('policy:set', t.next))}
              data-testid={`remote-policy-${t.key}`}
              data-state={s?.state}
              data-enforced={e ? String(e.enforced) : undefined}
            >
              <span>{t.label}</span>
              <span className={styles.enforced}>
                {s?.state === 'pending' ? 'applying…' : !t.on ? 'off' : e?.enforced ? 'on · enforced' : `on · not enforced${e?.reason ? ` — ${e.reason}` : ''}`}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
