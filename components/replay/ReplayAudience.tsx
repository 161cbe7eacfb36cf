'use client';
// The room in the replay: a poll slide shows the poll as the room saw it at that point of the
// recorded talk (its results, and the reveal when it came), the Questions slide the questions as
// they stood, and a small tally of the reactions of the last second. Read-only copies of the cards
// the projector shows. A recording that kept no room (the scripted lab tour, older recordings) says
// so rather than showing empty results as if nobody had voted.
import { useMemo } from 'react';
import type { Deck } from '@/lib/deck/types';
import type { PollSpec } from '@/lib/audience/types';
import type { Recording } from '@/lib/replay/recording';
import { roomAt, type ReplayRoom } from '@/lib/replay/replay-state';
import { PollCard } from '../audience/PollCard';
import { formatEstimate } from '@/lib/audience/estimates';
import { TopQuestionList } from '../audience/TopQuestions';
import styles from './replay-audience.module.css';

interface At {
  rec: Recording | null;
  /** The recording's time on a slide it was on; null on any other (the room as the talk left it). */
  recT: number | null;
}

interface Room {
  room: ReplayRoom | null;
  /** At the recorded time of this slide, or the end of the talk. */
  atSlide: boolean;
  /** The room at the end of the talk (what was ever opened). */
  final: ReplayRoom | null;
}

function useRoom({ rec, recT }: At): Room | null {
  return useMemo(() => {
    if (!rec) return null;
    const final = roomAt(rec, rec.meta.durationMs);
    return { room: recT === null ? final : roomAt(rec, recT), atSlide: recT !== null, final };
  }, [rec, recT]);
}

const day = (rec: Recording) => rec.meta.recordedAt.slice(0, 10);

/** Why there are no results to show, in words. */
function noRoom(rec: Recording | null, what: 'poll' | 'questions'): string {
  if (!rec) return what === 'poll' ? 'No recording loaded: no votes to show.' : 'No recording loaded: no questions to show.';
  const lead = what === 'poll' ? 'No room was recorded for this poll' : 'No questions were recorded';
  return rec.meta.source === 'scripted' ? `${lead}: this is the scripted lab tour, not a talk given to a room.` : `${lead}: this recording kept only the demo.`;
}

function ReplayPoll({ spec, at }: { spec: PollSpec; at: At }) {
  const r = useRoom(at);
  const recorded = r?.room?.specs.find((s) => s.id === spec.id) ?? spec;
  const view = r?.room?.polls.find((p) => p.id === spec.id) ?? null;
  if (!r?.room || !view) {
    const never = r?.final && !r.final.polls.some((p) => p.id === spec.id);
    const note = !r?.room
      ? noRoom(at.rec, 'poll')
      : never
        ? 'This poll was not opened in the recorded talk.'
        : 'The poll was not open yet at this point of the talk.';
    return (
      <div className={`${styles.room} ${styles.unrecorded}`} data-testid="replay-poll" data-room="none">
        <p className={styles.question}>{recorded.question}</p>
        {recorded.number ? (
          <p className={styles.note}>
            Answered with a number from {formatEstimate(recorded.number.min)} to {formatEstimate(recorded.number.max)} {recorded.number.unit}
            {recorded.number.scale === 'log' ? ' (log scale)' : ''}.
          </p>
        ) : (
          <ul className={styles.options}>
            {recorded.options.map((o) => (
              <li key={o.id}>{o.label}</li>
            ))}
          </ul>
        )}
        <p className={styles.note} data-testid="replay-poll-note">
          {note}
        </p>
      </div>
    );
  }
  return (
    <div className={styles.room} data-testid="replay-poll-recorded" data-room="recorded">
      <PollCard spec={recorded} view={view} viewer="room" testId="replay-poll" past />
      <p className={styles.note} data-testid="replay-poll-note">
        {r.atSlide
          ? `The room's ${recorded.number ? 'answers' : 'votes'} as they stood at this point of the talk (recorded ${day(at.rec!)}).`
          : `As the room left it at the end of the talk (recorded ${day(at.rec!)}).`}
      </p>
    </div>
  );
}

function ReplayQuestions({ at }: { at: At }) {
  const r = useRoom(at);
  if (!r?.room)
    return (
      <p className={`${styles.room} ${styles.note}`} data-testid="replay-top-questions" data-room="none">
        {noRoom(at.rec, 'questions')}
      </p>
    );
  return (
    <div className={styles.room} data-room="recorded">
      <TopQuestionList questions={r.room.questions} testId="replay-top-questions" />
      <p className={styles.note}>
        {r.atSlide ? 'The most upvoted questions as they stood at this point of the talk.' : 'The most upvoted questions as the talk left them.'}
      </p>
    </div>
  );
}

/** What a replay puts into a slide's poll and questions slots (RevealDeck's `pollSlot`, `questionsSlot`). */
export function replayAudienceSlots(deck: Deck, rec: Recording | null, recT: number | null) {
  const at: At = { rec, recT };
  return {
    pollSlot: (pollId: string) => {
      const spec = deck.polls.find((p) => p.id === pollId);
      return spec ? <ReplayPoll spec={spec} at={at} /> : null;
    },
    questionsSlot: () => <ReplayQuestions at={at} />,
  };
}

/** The reactions of the last second of the recorded talk, as a small tally (nothing when none). */
export function ReplayReactions({ rec, recT }: At) {
  const reactions = useMemo(() => (rec && recT !== null ? roomAt(rec, recT)?.reactions : undefined), [rec, recT]);
  const entries = Object.entries(reactions ?? {});
  if (entries.length === 0) return null;
  return (
    <span className={styles.reactions} data-testid="replay-reactions" role="status" aria-label="Reactions in the room this second">
      {entries.map(([emoji, n]) => `${emoji} ${n}`).join('  ')}
    </span>
  );
}
