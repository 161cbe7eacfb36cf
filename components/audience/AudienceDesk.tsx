'use client';
// The presenter's side of the audience: the current slide's poll (open, close, reveal) and the
// question queue to moderate (approve, hide, mark answered).
import type { Ack } from '@/lib/contract/ack';
import type { PollSpec, PresenterAudience, QuestionStatus } from '@/lib/audience/types';
import { PollCard } from './PollCard';
import styles from './audience.module.css';

interface Props {
  poll: PollSpec | null;
  view: PresenterAudience | null;
  onPoll: (pollId: string, status: 'open' | 'closed' | 'revealed') => Promise<Ack<unknown>>;
  onModerate: (id: string, status: QuestionStatus) => Promise<Ack<unknown>>;
  /** The presenter token, for the export links (server/audience/export-route.ts). */
  token: string;
}

export function AudienceDesk({ poll, view, onPoll, onModerate, token }: Props) {
  const pollView = poll ? (view?.polls.find((p) => p.id === poll.id) ?? null) : null;
  const questions = view?.questions ?? [];
  const pending = view?.waiting ?? 0;
  const pendingShown = questions.filter((q) => q.status === 'pending').length;
  return (
    <section className={styles.desk} aria-label="Audience" data-testid="audience-desk">
      {poll && (
        <div className={styles.deskPoll}>
          <div className={styles.deskButtons}>
            <button type="button" onClick={() => void onPoll(poll.id, 'open')} disabled={pollView?.status === 'open'} data-testid="poll-open">
              Open voting
            </button>
            <button type="button" onClick={() => void onPoll(poll.id, 'closed')} disabled={pollView?.status !== 'open'} data-testid="poll-close">
              Close
            </button>
            {poll.predicts && (
              <button
                type="button"
                onClick={() => void onPoll(poll.id, 'revealed')}
                disabled={!pollView || pollView.status === 'idle'}
                data-testid="poll-reveal"
                title="Compare the votes with what the demo measured"
              >
                Reveal vs. measured
              </button>
            )}
          </div>
          {/* Below its controls, so Open/Close/Reveal never go below the fold on a short screen. */}
          <PollCard spec={poll} view={pollView} viewer="presenter" testId="desk-poll" />
        </div>
      )}
      <h2 className={styles.heading}>
        Questions <span className={styles.muted}>({pending} waiting)</span>
      </h2>
      <ol className={styles.questionList}>
        {questions.map((q) => (
          <li key={q.id} data-testid="desk-question" data-status={q.status}>
            <span className={styles.votes}>▲ {q.votes}</span>
            <span className={styles.questionText}>
              <bdi>{q.text}</bdi>
              <span className={styles.muted}>
                {q.name ? (
                  <>
                    {' — '}
                    <bdi>{q.name}</bdi>
                  </>
                ) : (
                  ''
                )}{' '}
                · {q.status}
              </span>
            </span>
            <span className={styles.deskActions}>
              {q.status !== 'approved' && (
                <button type="button" onClick={() => void onModerate(q.id, 'approved')} data-testid="question-approve">
                  Approve
                </button>
              )}
              {q.status !== 'answered' && q.status !== 'hidden' && (
                <button type="button" onClick={() => void onModerate(q.id, 'answered')} data-testid="question-answered">
                  Answered
                </button>
              )}
              {q.status !== 'hidden' && (
                <button type="button" onClick={() => void onModerate(q.id, 'hidden')} data-testid="question-hide">
                  Hide
                </button>
              )}
            </span>
          </li>
        ))}
        {questions.length === 0 && <li className={styles.muted}>No questions yet.</li>}
        {pending > pendingShown && (
          <li className={styles.muted} data-testid="desk-more-waiting">
            {pending - pendingShown} more waiting: the oldest {pendingShown} are shown; approve or hide them to see the next.
          </li>
        )}
      </ol>
      <p className={styles.muted} data-testid="audience-export">
        Export every poll and question:{' '}
        <a href={`/api/audience/export.csv?token=${encodeURIComponent(token)}`} download data-testid="export-csv">
          CSV
        </a>{' '}
        ·{' '}
        <a href={`/api/audience/export.json?token=${encodeURIComponent(token)}`} download data-testid="export-json">
          JSON
        </a>
      </p>
    </section>
  );
}
