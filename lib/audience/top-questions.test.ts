import { describe, expect, it } from 'vitest';
import { topQuestions } from './top-questions';
import type { QuestionView } from './types';

const q = (id: string, votes: number, at: number, status: QuestionView['status'] = 'approved'): QuestionView => ({
  id,
  text: id,
  name: null,
  at,
  votes,
  status,
});

describe('topQuestions', () => {
  it('the approved questions, most upvoted first, the earlier first on a tie, a few of them; answered and unmoderated ones stay off', () => {
    const list = [q('a', 1, 1), q('b', 4, 2), q('c', 4, 1), q('done', 9, 0, 'answered'), q('new', 9, 0, 'pending'), q('d', 0, 3), q('e', 2, 9), q('f', 0, 1)];
    expect(topQuestions(list).map((x) => x.id)).toEqual(['c', 'b', 'e', 'a', 'f']);
    expect(topQuestions(list, 2).map((x) => x.id)).toEqual(['c', 'b']);
    expect(list[0]!.id).toBe('a'); // the list it was given is left as it was
  });
});
