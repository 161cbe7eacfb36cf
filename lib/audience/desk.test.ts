import { describe, expect, it } from 'vitest';
import type { PollSpec, PollView, QuestionView } from './types';
import { deskQuestions, pollsToMind, pollToMindLabel, type DeckPoll } from './desk';

const q = (id: string, status: QuestionView['status'], at: number, votes = 0): QuestionView => ({ id, text: id, name: null, at, votes, status });

describe('deskQuestions', () => {
  it('puts the waiting questions first, oldest first, then approved by votes, answered, hidden', () => {
    const list = [
      q('a1', 'approved', 1, 5),
      q('h', 'hidden', 0),
      q('p2', 'pending', 9, 7),
      q('ans', 'answered', 2, 9),
      q('a2', 'approved', 3, 8),
      q('p1', 'pending', 4),
    ];
    expect(deskQuestions(list).map((x) => x.id)).toEqual(['p1', 'p2', 'a2', 'a1', 'ans', 'h']);
  });
  it('published at once, the desk is the room’s list by votes (ties: asked first); one held while moderation was on still comes first', () => {
    const list = [
      q('new', 'approved', 9),
      q('top', 'approved', 5, 12),
      q('tie-late', 'approved', 7, 3),
      q('tie-early', 'approved', 2, 3),
      q('held', 'pending', 8),
    ];
    expect(deskQuestions(list).map((x) => x.id)).toEqual(['held', 'top', 'tie-early', 'tie-late', 'new']);
  });
  it('leaves its input as it was', () => {
    const list = [q('a', 'approved', 1), q('p', 'pending', 2)];
    deskQuestions(list);
    expect(list.map((x) => x.id)).toEqual(['a', 'p']);
  });
});

describe('pollsToMind', () => {
  const spec = (id: string, predicts?: PollSpec['predicts']): PollSpec => ({
    id,
    question: `${id}?`,
    options: [{ id: 'x', label: 'X' }],
    ...(predicts ? { predicts } : {}),
  });
  const polls: DeckPoll[] = [
    { slideId: 'mesh-today', spec: spec('in-prod') },
    { slideId: 'predict-p99', spec: spec('lowest-p99', 'lowest-p99') },
  ];
  const view = (id: string, status: PollView['status']): PollView => ({ id, status, counts: {}, total: 0, answer: null });

  it('offers a prediction closed but not revealed, and any poll open, off their slides', () => {
    expect(pollsToMind(polls, [view('in-prod', 'open'), view('lowest-p99', 'closed')], null).map(pollToMindLabel)).toEqual([
      'mesh-today — voting open',
      'predict-p99 — closed',
    ]);
  });
  it('leaves out a poll never opened, a plain poll closed, a revealed prediction', () => {
    expect(pollsToMind(polls, [view('in-prod', 'closed')], null)).toEqual([]);
    expect(pollsToMind(polls, [view('lowest-p99', 'revealed')], null)).toEqual([]);
  });
  it('offers a numeric poll that measures a figure, closed but not revealed; not one with nothing to reveal', () => {
    const number = (id: string, measures: boolean): PollSpec => ({
      id,
      question: `${id}?`,
      options: [],
      number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', ...(measures ? { measures: { figure: 'added-p99', mode: 'sidecar' } } : {}) },
    });
    const numeric: DeckPoll[] = [
      { slideId: 'guess-p99', spec: number('guess', true) },
      { slideId: 'how-many', spec: number('count', false) },
    ];
    expect(pollsToMind(numeric, [view('guess', 'closed'), view('count', 'closed')], null).map(pollToMindLabel)).toEqual(['guess-p99 — closed']);
  });
  it('leaves out the shown slide’s own poll (its card is on the desk)', () => {
    expect(pollsToMind(polls, [view('lowest-p99', 'open')], 'lowest-p99')).toEqual([]);
  });
});
