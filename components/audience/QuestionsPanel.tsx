'use client';
// Q&A for attendees: ask (with an optional name), see approved questions most-upvoted first,
// upvote once each, and follow what happened to your own. All text renders as text.
import { useState } from 'react';
import type { MyAudience, QuestionView } from '@/lib/audience/types';
import styles from './audience.module.css';

interface Props {
  questions: QuestionView[];
  mine: MyAudience | null;
  onAsk: (text: string, name: string | null) => Promise<string | null>;
  onUpvote: (id: string) => void;
  /** False where the page's own heading already says Questions (a phone on the Questions slide). */
  heading?: boolean;
}

const NAME_KEY = 'meshstage.name';
const STATUS = { pending: 'waiting for the presenter', approved: 'on the list', hidden: 'not shown', answered: 'answered' } as const;

export function QuestionsPanel({ questions, mine, onAsk, onUpvote, heading = true }: Props) {
  const [text, setText] = useState('');
  const [name, setName] = useState(() => {
    try {
      return localStorage.getItem(NAME_KEY) ?? '';
    } catch {
      return '';
    }
  });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const upvoted = new Set(mine?.upvoted ?? []);
  // The server refuses an upvote of one's own question; the button says so before it is pressed.
  const asked = new Set((mine?.questions ?? []).map((q) => q.id));
  const listed = new Set(questions.map((q) => q.id));
  return (
    <section className={styles.questions} aria-label="Questions" data-testid="questions">
      {heading && <h2 className={styles.heading}>Questions</h2>}
      <form
        className={styles.ask}
        onSubmit={async (e) => {
          e.preventDefault();
          setSending(true);
          const failure = await onAsk(text, name.trim() || null);
          setSending(false);
          setError(failure);
          if (!failure) setText('');
          try {
            localStorage.setItem(NAME_KEY, name.trim());
          } catch {
            // not remembered; fine
          }
        }}
      >
        <label>
          Your question
          <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={280} rows={2} required data-testid="question-text" />
        </label>
        <div className={styles.askRow}>
          <label>
            Name (optional)
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} autoComplete="nickname" data-testid="question-name" />
          </label>
          <span className={styles.counter}>{280 - text.length}</span>
          <button type="submit" disabled={sending || !text.trim()} data-testid="question-submit">
            Ask
          </button>
        </div>
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
      </form>
      {/* One's own questions that the list does not show: waiting, hidden, or public but off the
          page a flood of questions leaves (lib/audience/types.ts, PUBLIC_QUESTIONS_PAGE). */}
      {(mine?.questions ?? [])
        .filter((q) => !listed.has(q.id))
        .map((q) => (
          <p key={q.id} className={styles.myQuestion} data-testid="my-question">
            “<bdi>{q.text}</bdi>” — {STATUS[q.status]}
          </p>
        ))}
      <ol className={styles.questionList}>
        {questions.map((q) => (
          <li key={q.id} data-testid="question" data-status={q.status}>
            <button
              type="button"
              className={styles.upvote}
              aria-pressed={upvoted.has(q.id)}
              disabled={upvoted.has(q.id) || asked.has(q.id) || q.status === 'answered'}
              onClick={() => onUpvote(q.id)}
              data-testid="question-upvote"
            >
              <span aria-hidden="true">▲ </span>
              {q.votes}
              <span className={styles.srOnly}> upvotes: upvote this question</span>
            </button>
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
                )}
                {q.status === 'answered' ? ' · answered' : ''}
              </span>
            </span>
          </li>
        ))}
        {questions.length === 0 && <li className={styles.muted}>No questions on the list yet.</li>}
      </ol>
    </section>
  );
}
