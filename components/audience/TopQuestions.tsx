'use client';
// The Questions slide on the projector (and the console's copy of it): the room's top approved
// questions, most upvoted first, a few, large. Attendee text renders as text, isolated in <bdi>.
import { topQuestions } from '@/lib/audience/top-questions';
import type { QuestionView } from '@/lib/audience/types';
import { useAudiencePublic } from '../shared/channel-hooks';
import styles from './audience.module.css';

export function TopQuestions({ testId = 'top-questions' }: { testId?: string }) {
  return <TopQuestionList questions={useAudiencePublic()?.questions ?? []} testId={testId} />;
}

/** The list itself, from questions given (the replay passes the recorded room's). */
export function TopQuestionList({ questions, testId = 'top-questions' }: { questions: readonly QuestionView[]; testId?: string }) {
  const top = topQuestions(questions);
  if (top.length === 0)
    return (
      <p className={styles.topEmpty} data-testid={testId} data-count={0}>
        No questions on the list yet.
      </p>
    );
  return (
    <ol className={styles.topQuestions} data-testid={testId} data-count={top.length} aria-label="Top questions">
      {top.map((q) => (
        <li key={q.id} data-testid="top-question">
          <span className={styles.topVotes}>
            <span aria-hidden="true">▲ </span>
            {q.votes}
            <span className={styles.srOnly}> upvotes</span>
          </span>
          <span className={styles.topText}>
            <bdi>{q.text}</bdi>
            {q.name && (
              <span className={styles.topName}>
                {' — '}
                <bdi>{q.name}</bdi>
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
