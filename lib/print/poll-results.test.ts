import { describe, expect, it } from 'vitest';
import type { PollSpec } from '../audience/types';
import { pollRows, sessionPollResults } from './poll-results';

const spec: PollSpec = {
  id: 'in-prod',
  question: 'Mesh in production?',
  options: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
    { id: 'soon', label: 'Not yet' },
  ],
};

describe('pollRows', () => {
  it('lists question options with no votes when the handout has none', () => {
    expect(pollRows(spec)).toEqual({
      total: null,
      rows: [
        { id: 'yes', label: 'Yes', votes: null, share: null, top: false },
        { id: 'no', label: 'No', votes: null, share: null, top: false },
        { id: 'soon', label: 'Not yet', votes: null, share: null, top: false },
      ],
    });
  });

  it('counts the room’s votes per option, with shares and the most voted (ties included)', () => {
    const { rows, total } = pollRows(spec, { yes: 3, no: 3, soon: 2, stray: 9 });
    expect(total).toBe(8);
    expect(rows.map((r) => [r.id, r.votes, r.share, r.top])).toEqual([
      ['yes', 3, 38, true],
      ['no', 3, 38, true],
      ['soon', 2, 25, false],
    ]);
  });

  it('shows a poll nobody voted in as zero, with no option on top', () => {
    const { rows, total } = pollRows(spec, {});
    expect(total).toBe(0);
    expect(rows.every((r) => r.votes === 0 && r.share === 0 && !r.top)).toBe(true);
  });
});

describe('sessionPollResults', () => {
  it('keeps the counts the room saw, none of a poll never opened or a prediction never revealed', () => {
    expect(
      sessionPollResults([
        { id: 'in-prod', status: 'closed', counts: { yes: 2, no: 1 }, total: 3 },
        { id: 'idle', status: 'idle', counts: {}, total: 0 },
        { id: 'predict', status: 'closed', counts: {}, total: 4 },
        { id: 'empty', status: 'open', counts: { a: 0 }, total: 0 },
      ]),
    ).toEqual({ 'in-prod': { yes: 2, no: 1 }, empty: { a: 0 } });
  });
});
