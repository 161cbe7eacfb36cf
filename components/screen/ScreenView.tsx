'use client';
// The projector's window (reveal.js users know it as the audience display): the current slide
// full-screen, the live demo inside demo slides at full size, the poll's results where the slide
// puts them (a prediction's only once revealed), the top questions on the Questions slide, the join
// QR code on the title, demo and poll slides, the room's reactions of the last minute as a quiet
// count in a corner — and no control, note or queue. It follows the
// presenter like a phone does. Opened from the console (S or its button), it carries the
// console's token, so its updates come with the presenter's, first (server/hub/fan-out.ts); it
// sends only the presenter's talk keys (next, back, a slide number, black out, D, M 1–6). F toggles full screen.
import { useEffect, useState } from 'react';
import type { Deck } from '@/lib/deck/types';
import type { FirstHtmlPageProps, FirstSlide } from '@/lib/deck/first-html';
import { useRoomDeck } from '../deck/use-room-deck';
import { RevealDeck } from '../deck/RevealDeck';
import { liveSlots } from '../deck/live-slots';
import { usePreloadSlideParts } from '../deck/on-demand';
import { ChannelProvider, useConnection, useDeckState, useSession } from '../shared/channel-hooks';
import { usePresenterKeys } from '../presenter/use-presenter-keys';
import { useStageActions } from '../presenter/use-stage-actions';
import { useChannelConnection } from '../shared/use-channel';
import { toggleFullscreen } from './fullscreen';
import { usePresenterName } from '../presenter/presenter-name';
import { ReactionCount } from './ReactionCount';
import styles from './screen.module.css';

/** The page's first HTML is the slide the presenter is on; the rest of the deck comes after. */
export function ScreenView({ deck, first = null, firstSlide = null, deckUrl = null }: FirstHtmlPageProps) {
  // A token in the URL (opened from the console) joins with the presenters; without one, as the room.
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token') ?? ''), []);
  const [name, , nameLoaded] = usePresenterName();
  // The projector follows; it never votes, so it does not earn an audience identity. With the
  // token it is one of the presenter windows, named after the console's holder on this device.
  // Without the token it says it draws the room's reactions (a phone draws none, and is sent none).
  const channel = useChannelConnection(token === '' ? undefined : nameLoaded ? token : null, {
    earn: false,
    presenter: { kind: 'screen', name },
    first,
    reactions: true,
  });
  const room = useRoomDeck(deck, deckUrl);
  return (
    <ChannelProvider channel={channel}>
      <Screen deck={room.deck} complete={room.complete} firstSlide={firstSlide} />
    </ChannelProvider>
  );
}

function Screen({ deck, complete, firstSlide }: { deck: Deck; complete: boolean; firstSlide: FirstSlide | null }) {
  const state = useDeckState();
  const session = useSession();
  const join = session ? { url: session.joinUrl, qrSvg: session.joinQrSvg } : null;
  usePreloadSlideParts(deck.slides, state);

  // Opened from the console (the presenter's token), the projector window obeys the clicker as
  // the console does: focus sits here after F, and reveal.js handles keys in both windows too.
  // The server still decides (the token is checked per command); as the room, only F.
  const stage = useStageActions(deck);
  const presenter = session?.role === 'presenter';
  usePresenterKeys((action) => {
    if (action.type === 'fullscreen') toggleFullscreen(document.documentElement);
    else if (presenter) void stage(action);
  });

  return (
    <main className={styles.screen} data-testid="screen-view" data-role={session?.role ?? 'unknown'} data-blank={state?.blank ? 'true' : undefined}>
      <RevealDeck
        slides={deck.slides}
        position={state}
        join={join}
        testId="screen-slide"
        label="Slide"
        complete={complete}
        firstSlide={firstSlide}
        {...liveSlots(deck, 'screen-', 'screen')}
      />
      <ReactionCount />
      {state?.blank && <div className={styles.blank} data-testid="screen-blank" aria-label="Screen paused" />}
      <OfflineNote />
    </main>
  );
}

function OfflineNote() {
  return useConnection() === 'connected' ? null : (
    <span className={styles.offline} data-testid="screen-offline">
      reconnecting…
    </span>
  );
}
