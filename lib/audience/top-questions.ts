// The questions the projector shows on the Questions slide (pure): the room's open questions, most
// upvoted first (ties: asked first), a few — legible from the back, not the whole list.
import type { QuestionView } from './types';

/** How many the Questions slide shows on the projector. */
export const STAGE_QUESTIONS = 5;

export function topQuestions(questions: readonly QuestionView[], count = STAGE_QUESTIONS): QuestionView[] {
  return questions
    .filter((q) => q.status === 'approved')
    .sort((a, b) => b.votes - a.votes || a.at - b.at)
    .slice(0, count);
}
