'use client';
// The presenter's side of the audience: the current slide's poll (open, close, reveal), on every
// slide the polls that still need the presenter (lib/audience/desk.ts: a prediction is revealed
// from the slide that shows the measurements), and the questions to moderate (hide, un-hide,
// approve, mark answered), waiting questions first, each text on its own full-width line. The
// switch "Publish questions at once" says whether a new question is public as it is asked (the
// desk hides it later) or waits here. The moderator's page (/moderate) shows the questions only.
import type { Ack } from '@/lib/contract/ack';
import type { PollSpec, PresenterAudience, QuestionStatus } from '@/lib/audience/types';
import { deskQuestions, pollsToMind, pollToMindLabel, type DeckPoll } from '@/lib/audience/desk';
import { revealable } from '@/lib/audience/poll-visibility';
import { PollCard } from './PollCard';
import styles from './audience.module.css';

interface Props {
  poll: PollSpec | null;
  /** Every poll of the talk with its slide, for the ones to mind off their slide. */
  polls: readonly DeckPoll[];
  view: PresenterAudience | null;
  onPoll: (pollId: string, status: 'open' | 'closed' | 'revealed') => Promise<Ack<unknown>>;
  onModerate: (id: string, status: QuestionStatus) => Promise<Ack<unknown>>;
  /** The switch: publish new questions at once (true) or hold them for moderation. */
  onPublishing: (atOnce: boolean) => Promise<Ack<unknown>>;
  /** The presenter token, for the export links (server/audience/export-route.ts); none on the
   *  moderator's page (the export is the presenter's). */
  token?: string;
}

/** The moderation button that makes a question public again, named for where it comes from. */
const SHOW_LABEL: Record<QuestionStatus, string> = { pending: 'Approve', hidden: 'Unhide', answered: 'Reopen', approved: '' };

export function AudienceDesk({ poll, polls, view, onPoll, onModerate, onPublishing, token }: Props) {
  const pollView = poll ? (view?.polls.find((p) => p.id === poll.id) ?? null) : null;
  const toMind = pollsToMind(polls, view?.polls ?? [], poll?.id ?? null);
  const questions = deskQuestions(view?.questions ?? []);
  const pending = view?.waiting ?? 0;
  const pendingShown = questions.filter((q) => q.status === 'pending').length;
  const atOnce = view?.publishAtOnce ?? true;
  return (
    <section className={styles.desk} aria-label="Audience" data-testid="audience-desk">
      {toMind.length > 0 && (
        <ul className={styles.deskPolls} aria-label="Polls to mind" data-testid="desk-polls">
          {toMind.map((p) => (
            <li key={p.spec.id} data-testid="desk-polls-item" data-poll={p.spec.id} data-status={p.status} title={p.spec.question}>
              <span className={styles.deskPollsLabel}>
                Poll: <bdi>{pollToMindLabel(p)}</bdi>
              </span>
              <span className={styles.deskActions}>
                {p.status === 'open' ? (
                  <button type="button" onClick={() => void onPoll(p.spec.id, 'closed')} data-testid="desk-polls-close">
                    Close
                  </button>
                ) : (
                  <button type="button" onClick={() => void onPoll(p.spec.id, 'open')} data-testid="desk-polls-open">
                    Reopen
                  </button>
                )}
                {revealable(p.spec) && (
                  <button
                    type="button"
                    onClick={() => void onPoll(p.spec.id, 'revealed')}
                    data-testid="desk-polls-reveal"
                    title="Compare the votes with what the demo measured"
                  >
                    Reveal
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {poll && (
        <div className={styles.deskPoll}>
          <div className={styles.deskButtons}>
            <button type="button" onClick={() => void onPoll(poll.id, 'open')} disabled={pollView?.status === 'open'} data-testid="poll-open">
              Open voting
            </button>
            <button type="button" onClick={() => void onPoll(poll.id, 'closed')} disabled={pollView?.status !== 'open'} data-testid="poll-close">
              Close
            </button>
            {revealable(poll) && (
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
          <PollCard spec={poll} view={pollView} viewer="presenter" testId="desk-poll" compact />
        </div>
      )}
      <div className={styles.deskQuestionsHead}>
        <h2 className={styles.heading}>
          Questions{' '}
          <span className={styles.muted} data-testid="desk-questions-count">
            ({atOnce && pending === 0 ? `${view?.hidden ?? 0} hidden` : `${pending} waiting`})
          </span>
        </h2>
        <label
          className={styles.publishSwitch}
          title="On: a question is public the moment it is asked and can be upvoted at once; hide it here. Off: it waits for approval."
        >
          <input
            type="checkbox"
            role="switch"
            checked={atOnce}
            disabled={!view}
            onChange={(e) => void onPublishing(e.target.checked)}
            data-testid="publish-at-once"
          />
          Publish questions at once (hide later)
        </label>
      </div>
      <ol className={`${styles.questionList} ${styles.deskQuestions}`}>
        {questions.map((q) => (
          <li key={q.id} className={styles.deskQuestion} data-testid="desk-question" data-status={q.status}>
            <p className={styles.deskQuestionText} data-testid="desk-question-text">
              <bdi>{q.text}</bdi>
            </p>
            <div className={styles.deskQuestionRow}>
              <span className={styles.votes} aria-label={`${q.votes} upvotes`}>
                ▲ {q.votes}
              </span>
              <span className={styles.deskQuestionMeta}>
                {q.name ? (
                  <>
                    <bdi>{q.name}</bdi>
                    {' · '}
                  </>
                ) : (
                  ''
                )}
                <span data-status={q.status}>{q.status}</span>
              </span>
              <span className={styles.deskActions}>
                {q.status !== 'approved' && (
                  <button type="button" onClick={() => void onModerate(q.id, 'approved')} data-testid="question-approve">
                    {SHOW_LABEL[q.status]}
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
            </div>
          </li>
        ))}
        {questions.length === 0 && <li className={styles.muted}>No questions yet.</li>}
        {view?.published !== undefined && view.published > questions.filter((q) => q.status === 'approved' || q.status === 'answered').length && (
          <li className={styles.muted} data-testid="desk-more-public">
            {view.published} public: the most upvoted and the newest are shown (as on the phones); hide some to see the others.
          </li>
        )}
        {pending > pendingShown && (
          <li className={styles.muted} data-testid="desk-more-waiting">
            {pending - pendingShown} more waiting: the oldest {pendingShown} are shown; approve or hide them to see the next.
          </li>
        )}
      </ol>
      {token !== undefined && (
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
      )}
    </section>
  );
}
