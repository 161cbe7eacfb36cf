'use client';
// Who is presenting, on the console: the presenter windows connected (each by its holder's name),
// who last moved the deck and the demo, this console's name, and the phone remote's link and QR
// code. The link carries the presenter token: it is drawn here, behind a button, never on the
// projector (also a presenter window) or in a recording.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { describeMove, kindLabel } from '@/lib/contract/presenter-moves';
import { useNow } from '../shared/use-now';
import { useClockOffsetMs, usePresenters, useSend, useSession, useWindowId } from '../shared/channel-hooks';
import { MAX_NAME } from './presenter-name';
import styles from './presenter.module.css';

/** The phone remote's address: the audience link's origin (the address phones reach, which the
 *  console's own — often localhost — is not), with the token. */
export function remoteUrl(joinUrl: string, token: string): string {
  return `${new URL(joinUrl).origin}/remote?token=${encodeURIComponent(token)}`;
}

export function PresentersPanel({ token, name, onName }: { token: string; name: string; onName: (name: string) => void }) {
  const presenters = usePresenters();
  const self = useWindowId();
  const session = useSession();
  // Moves carry server time.
  const offset = useClockOffsetMs();
  const [open, setOpen] = useState(false);
  const now = useNow(1000, open || Boolean(presenters?.lastDeck));
  const send = useSend();
  const [handError, setHandError] = useState<string | null>(null);
  const driver = presenters?.demoDriver ?? null;
  const mayHand = !driver || driver.client === self;
  const hand = async (client: string | null) => {
    const result = await send('demo:driver', { client });
    setHandError(result.ok ? null : result.error.message);
  };
  const count = presenters?.windows.length ?? 0;
  const others = presenters?.windows.filter((w) => w.client !== self) ?? [];
  return (
    <div className={styles.presenters}>
      <button
        type="button"
        className={styles.screenButton}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="presenters-button"
        title="Who is presenting, and the phone remote"
      >
        {count > 1 ? `${count} presenters` : 'Presenters'} · Remote
      </button>
      {presenters?.lastDeck && presenters.lastDeck.client !== self && (
        <span className={styles.lastMove} data-testid="last-deck-move">
          {describeMove(presenters.lastDeck, now + offset, self, presenters.windows)}
        </span>
      )}
      {open && (
        <section className={styles.presentersPanel} aria-label="Presenters" data-testid="presenters-panel">
          <label className={styles.nameField}>
            Your name{' '}
            <input
              defaultValue={name}
              maxLength={MAX_NAME}
              placeholder="e.g. Ana"
              onBlur={(e) => onName(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && onName(e.currentTarget.value)}
              data-testid="presenter-name"
            />
          </label>
          <ul className={styles.presenterList} data-testid="presenter-list">
            {(presenters?.windows ?? []).map((w) => (
              <li key={w.client}>
                {w.name}{' '}
                <span className={styles.muted}>
                  ({kindLabel(w.kind)}
                  {w.client === self ? ', this window' : ''})
                </span>
                {driver?.client === w.client ? (
                  <strong className={styles.driverMark}> · drives the demo</strong>
                ) : mayHand && w.kind !== 'screen' ? (
                  <button type="button" className={styles.handButton} onClick={() => void hand(w.client)} data-testid={`hand-demo-${w.kind}`}>
                    {w.client === self ? 'Take the demo' : 'Hand the demo'}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <p className={styles.muted} data-testid="demo-driver">
            {driver
              ? `Demo controls: ${driver.client === self ? 'you' : `${driver.name} (${kindLabel(driver.kind)})`} only.`
              : 'Demo controls: any presenter window.'}
            {driver?.client === self && (
              <button type="button" className={styles.handButton} onClick={() => void hand(null)} data-testid="free-demo">
                Let anyone drive
              </button>
            )}
          </p>
          {handError && (
            <p className={styles.error} role="alert">
              {handError}
            </p>
          )}
          {presenters?.lastDeck && <p className={styles.muted}>Deck: {describeMove(presenters.lastDeck, now + offset, self, presenters.windows)}</p>}
          {presenters?.lastDemo && <p className={styles.muted}>Demo: {describeMove(presenters.lastDemo, now + offset, self, presenters.windows)}</p>}
          {others.length === 0 && <p className={styles.muted}>No other presenter window is connected.</p>}
          {session && token && <RemoteLink url={remoteUrl(session.joinUrl, token)} />}
        </section>
      )}
    </div>
  );
}

/** How long the remote's QR code stays up: long enough to scan, not left on a mirrored display. */
const QR_SHOWN_MS = 60_000;

function RemoteLink({ url }: { url: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!shown) return;
    let live = true;
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((s) => live && setSvg(s));
    const hide = setTimeout(() => setShown(false), QR_SHOWN_MS);
    return () => {
      live = false;
      clearTimeout(hide);
    };
  }, [url, shown]);
  return (
    <div className={styles.remoteLink} data-testid="remote-link">
      <p>
        <strong>Phone remote</strong>: drives the slides and the demo from a phone. Its link holds the presenter token: show it to co-presenters only — not on a
        mirrored screen.
      </p>
      {!shown ? (
        <button type="button" className={styles.handButton} onClick={() => setShown(true)} data-testid="show-remote-qr">
          Show the remote&apos;s QR code (1 min)
        </button>
      ) : (
        <>
          {/* The SVG is drawn here by the qrcode library from our own URL. */}
          {svg && <div className={styles.remoteQr} dangerouslySetInnerHTML={{ __html: svg }} data-testid="remote-qr" />}
          <a href={url} target="_blank" rel="noreferrer" data-testid="remote-url">
            Open the remote here
          </a>{' '}
          <button type="button" className={styles.handButton} onClick={() => setShown(false)} data-testid="hide-remote-qr">
            Hide
          </button>
        </>
      )}
    </div>
  );
}
