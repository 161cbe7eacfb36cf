// A poll on paper: the question and its options, and — when a session's votes are given — each
// option's votes as a bar. Nothing live: no status, no "0 votes" for a room it was not given.
import type { PollSpec } from '@/lib/audience/types';
import { pollRows, type PollResults } from '@/lib/print/poll-results';
import { formatEstimate } from '@/lib/audience/estimates';

interface Props {
  spec: PollSpec;
  /** The room's votes by option id, from a session recording that has them (`/print?recording=`).
   *  The shipped lab tour has no room: without this the poll prints question and options. */
  results?: PollResults;
}

export function PrintPoll({ spec, results }: Props) {
  if (spec.number) {
    // A numeric poll prints what it asked and in what range; the room's distribution and the
    // measured value are in the replay and the export, not on paper.
    const n = spec.number;
    return (
      <div className="handout-poll" data-testid={`handout-poll-${spec.id}`} data-results="none">
        <p className="handout-poll-question">Numeric poll: {spec.question}</p>
        <p className="handout-poll-note">
          Answered with a number from {formatEstimate(n.min)} to {formatEstimate(n.max)} {n.unit}
          {n.scale === 'log' ? ' (log scale)' : ''}. The room&apos;s answers and the measured value are in the talk&apos;s replay and its audience export.
        </p>
      </div>
    );
  }
  const { rows, total } = pollRows(spec, results);
  return (
    <div className="handout-poll" data-testid={`handout-poll-${spec.id}`} data-results={total === null ? 'none' : 'shown'}>
      <p className="handout-poll-question">
        {spec.predicts ? 'Prediction poll: ' : 'Poll: '}
        {spec.question}
      </p>
      <ol className="handout-poll-options">
        {rows.map((row) => (
          <li key={row.id} data-option={row.id} data-top={row.top || undefined}>
            <span className="handout-poll-label">{row.label}</span>
            {row.share !== null && (
              <>
                <span className="handout-poll-bar" style={{ width: `${row.share * 0.5}%` }} aria-hidden="true" />
                <span className="handout-poll-count">
                  {row.share}% ({row.votes})
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="handout-poll-note">
        {total === null
          ? 'No votes on this page: this handout comes from the recorded lab tour, which had no room. A handout of a talk given to a room shows its votes here.'
          : `${total} vote${total === 1 ? '' : 's'} in the session, as the room last saw them (the talk as given, recorded).`}
      </p>
    </div>
  );
}
