'use client';
// One poll: the question, its options as big buttons (attendees, while open), and the live
// results as bars; a numeric poll is drawn by NumericPoll (a slider and keypad, a histogram). A revealed prediction poll marks what the demo measured; before the reveal its
// results are the presenter's alone (lib/audience/poll-visibility.ts).
import type { PollSpec, PollView } from '@/lib/audience/types';
import { pollDisplay, type PollViewer } from '@/lib/audience/poll-visibility';
import type { Ack } from '@/lib/contract/ack';
import { NumericPoll } from './NumericPoll';
import styles from './audience.module.css';

interface Props {
  spec: PollSpec;
  view: PollView | null;
  myVote?: string | undefined;
  /** Attendees vote; without it the card only shows results (the projector). */
  onVote?: (option: string) => void;
  /** Who looks: `voter` with onVote, else `room` (the projector) unless given as `presenter`. */
  viewer?: PollViewer;
  testId?: string;
  /** A recorded poll (the replay): its status as it was then, not as if voting were open now. */
  past?: boolean;
  /** A numeric poll: the phone's own answer, and how it answers (without it: results only). */
  myEstimate?: number | undefined;
  onEstimate?: (value: number) => Promise<Ack<unknown>>;
  /** A numeric poll without its histogram (the desk: the slide beside it draws it). */
  compact?: boolean;
}

const STATUS = { idle: 'Not open yet', open: 'Voting is open', closed: 'Voting closed', revealed: 'Revealed' } as const;
const PAST = { idle: 'Not open yet', open: 'Voting was open (recorded)', closed: 'Voting closed (recorded)', revealed: 'Revealed (recorded)' } as const;

export function PollCard({ spec, view, myVote, onVote, viewer, testId = 'poll', past = false, myEstimate, onEstimate, compact }: Props) {
  if (spec.number) {
    const who = viewer ?? (onEstimate ? 'voter' : 'room');
    return (
      <NumericPoll
        spec={{ ...spec, number: spec.number }}
        view={view}
        mine={myEstimate}
        onEstimate={onEstimate}
        viewer={who}
        testId={testId}
        past={past}
        compact={compact}
      />
    );
  }
  return <ChoicePoll spec={spec} view={view} myVote={myVote} onVote={onVote} viewer={viewer ?? (onVote ? 'voter' : 'room')} testId={testId} past={past} />;
}

function ChoicePoll({
  spec,
  view,
  myVote,
  onVote,
  viewer,
  testId,
  past,
}: Required<Pick<Props, 'spec' | 'view' | 'viewer' | 'testId' | 'past'>> & Pick<Props, 'myVote' | 'onVote'>) {
  const status = view?.status ?? 'idle';
  const total = view?.total ?? 0;
  const canVote = Boolean(onVote) && status === 'open';
  const { results: showResults, note } = pollDisplay(spec, status, viewer, myVote);
  return (
    <div className={styles.poll} data-testid={testId} data-status={status} data-results={showResults ? 'shown' : 'hidden'}>
      <p className={styles.pollQuestion}>{spec.question}</p>
      <p className={styles.pollStatus} aria-live="polite">
        {(past ? PAST : STATUS)[status]} · {total} vote{total === 1 ? '' : 's'}
      </p>
      {note && (
        <p className={styles.pollNote} data-testid={`${testId}-note`}>
          {note}
        </p>
      )}
      <ul className={styles.options}>
        {spec.options.map((o) => {
          const count = view?.counts[o.id] ?? 0;
          const share = total ? Math.round((count / total) * 100) : 0;
          const winner = status === 'revealed' && view?.answer?.option === o.id;
          const content = (
            <>
              <span className={styles.optionLabel}>
                {winner ? '★ ' : ''}
                {o.label}
                {myVote === o.id ? ' (your vote)' : ''}
              </span>
              {showResults && (
                <>
                  <span className={styles.optionBar} style={{ width: `${share}%` }} aria-hidden="true" />
                  <span className={styles.optionCount}>
                    {share}% ({count})
                  </span>
                </>
              )}
            </>
          );
          return (
            <li key={o.id} data-option={o.id} data-winner={winner || undefined}>
              {onVote ? (
                <button
                  type="button"
                  className={styles.option}
                  aria-pressed={myVote === o.id}
                  disabled={!canVote}
                  onClick={() => onVote(o.id)}
                  data-testid={`${testId}-option-${o.id}`}
                >
                  {content}
                </button>
              ) : (
                // On the projector and the console the options are results, not controls.
                <div className={styles.option} data-testid={`${testId}-option-${o.id}`}>
                  {content}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {status === 'revealed' && view?.answer && (
        <p className={styles.answer} data-testid={`${testId}-answer`}>
          {view.answer.detail}
        </p>
      )}
    </div>
  );
}
