'use client';
// The moderator's page (/moderate?token=…): the questions desk alone, for someone in the room on a
// phone or a laptop — hide, un-hide, approve, mark answered, and the publishing switch. Its token
// may do nothing else (lib/contract/commands.ts, access 'moderator'); the slide the talk is on is
// shown so the moderator knows when the Questions slide is near.
import { useEffect, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import { ConnectionDot } from '../shared/ConnectionDot';
import { ChannelProvider, useAudiencePresenter, useDeckState, useSend, useSession } from '../shared/channel-hooks';
import { useChannelConnection } from '../shared/use-channel';
import { AudienceDesk } from './AudienceDesk';
import styles from './audience.module.css';

interface Props {
  title: string;
  slideTitles: readonly string[];
}

export function ModeratorView(props: Props) {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token') ?? ''), []);
  // A moderator never votes or asks: no audience identity to earn.
  const channel = useChannelConnection(token, { earn: false });
  return (
    <ChannelProvider channel={channel}>
      <Desk {...props} />
    </ChannelProvider>
  );
}

const NO_POLLS: [] = [];
const noPolls = (): Promise<Ack<unknown>> => Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'Polls are the presenter’s.' } });

function Desk({ title, slideTitles }: Props) {
  const session = useSession();
  const state = useDeckState();
  const view = useAudiencePresenter();
  const send = useSend();
  const [error, setError] = useState<string | null>(null);
  const report = (result: Ack<unknown>) => (setError(result.ok ? null : result.error.message), result);
  const refused = session && session.role === 'attendee';
  return (
    <main className={styles.moderate} data-testid="moderator-view" data-role={session?.role ?? 'unknown'}>
      <header className={styles.moderateTop}>
        <h1 className={styles.moderateTitle}>Questions desk</h1>
        <ConnectionDot />
        <p className={styles.moderateTalk} data-testid="moderator-slide">
          <bdi>{title}</bdi>
          {state ? ` · slide ${state.slide + 1} / ${slideTitles.length}: ${slideTitles[state.slide] ?? ''}` : ''}
        </p>
      </header>
      {refused && (
        <p className={styles.error} role="alert" data-testid="moderator-refused-token">
          The server did not accept this moderator token. Ask the presenter for the Moderator URL printed by npm start.
        </p>
      )}
      {error && (
        <p className={styles.error} role="alert" data-testid="moderator-error">
          {error}
        </p>
      )}
      <AudienceDesk
        poll={null}
        polls={NO_POLLS}
        view={view}
        onPoll={noPolls}
        onModerate={(id, status) => send('question:moderate', { id, status }).then(report)}
        onPublishing={(atOnce) => send('questions:publishing', { atOnce }).then(report)}
      />
    </main>
  );
}
