import { describe, expect, it } from 'vitest';
import { countsWithheld, pollDisplay, roomPollView } from './poll-visibility';
import type { PollSpec, PollView } from './types';

const prediction: PollSpec = {
  id: 'p99',
  question: 'Lowest p99?',
  options: [
    { id: 'sidecar', label: 'Sidecar' },
    { id: 'ebpf', label: 'eBPF' },
  ],
  predicts: 'lowest-p99',
};
const opinion: PollSpec = { id: 'prod', question: 'Mesh in production?', options: prediction.options };
const view = (status: PollView['status']): PollView => ({ id: 'p99', status, counts: { sidecar: 2, ebpf: 5 }, total: 7, answer: null });

describe('poll visibility', () => {
  it('withholds a prediction poll’s counts from the room until it is revealed; an opinion poll’s never', () => {
    expect(['idle', 'open', 'closed', 'revealed'].map((s) => countsWithheld(prediction, s as PollView['status']))).toEqual([true, true, true, false]);
    expect(countsWithheld(opinion, 'open')).toBe(false);
  });

  it('the room is sent an open or closed prediction poll with its total and no counts; revealed, all of it', () => {
    expect(roomPollView(prediction, view('open'))).toEqual({ id: 'p99', status: 'open', counts: {}, total: 7, answer: null });
    expect(roomPollView(prediction, view('closed')).counts).toEqual({});
    expect(roomPollView(prediction, view('revealed')).counts).toEqual({ sidecar: 2, ebpf: 5 });
    expect(roomPollView(opinion, view('open')).counts).toEqual({ sidecar: 2, ebpf: 5 });
  });

  it('a prediction poll shows no results to a voter or the projector before the reveal, and says so; the presenter sees them', () => {
    expect(pollDisplay(prediction, 'open', 'voter', 'ebpf')).toEqual({ results: false, note: expect.stringMatching(/reveal/) });
    expect(pollDisplay(prediction, 'open', 'room')).toEqual({ results: false, note: expect.stringMatching(/reveal/) });
    expect(pollDisplay(prediction, 'closed', 'room')).toEqual({ results: false, note: 'Results at the reveal.' });
    expect(pollDisplay(prediction, 'idle', 'room')).toEqual({ results: false, note: null });
    expect(pollDisplay(prediction, 'revealed', 'room')).toEqual({ results: true, note: null });
    expect(pollDisplay(prediction, 'revealed', 'voter')).toEqual({ results: true, note: null });
    expect(pollDisplay(prediction, 'open', 'presenter')).toEqual({ results: true, note: 'The room sees no counts until you reveal.' });
    expect(pollDisplay(prediction, 'revealed', 'presenter')).toEqual({ results: true, note: null });
  });

  it('an opinion poll shows results to a voter once they voted or voting is over, to the projector always', () => {
    expect(pollDisplay(opinion, 'open', 'voter').results).toBe(false);
    expect(pollDisplay(opinion, 'open', 'voter', 'sidecar').results).toBe(true);
    expect(pollDisplay(opinion, 'closed', 'voter').results).toBe(true);
    expect(pollDisplay(opinion, 'open', 'room').results).toBe(true);
  });
});

describe('numeric poll visibility', () => {
  const numeric: PollSpec = {
    id: 'guess',
    question: 'Added p99?',
    options: [],
    number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
  };
  const summary = { n: 3, q1: 1, median: 2, q3: 4, bins: [3] };

  it('the room is sent the distribution live (it has no counts to withhold)', () => {
    const v: PollView = { id: 'guess', status: 'open', counts: {}, total: 3, answer: null, estimates: summary };
    expect(roomPollView(numeric, v)).toEqual(v);
    expect(countsWithheld(numeric, 'open')).toBe(false);
  });

  it('the console and the projector show it live; a phone only once it answered (0 counts as an answer) or voting is over', () => {
    expect(pollDisplay(numeric, 'open', 'presenter')).toEqual({ results: true, note: null });
    expect(pollDisplay(numeric, 'open', 'room')).toEqual({ results: true, note: null });
    expect(pollDisplay(numeric, 'open', 'voter')).toEqual({ results: false, note: "The room's answers show once you have answered." });
    expect(pollDisplay(numeric, 'open', 'voter', 0).results).toBe(true);
    expect(pollDisplay(numeric, 'open', 'voter', 4.5).results).toBe(true);
    expect(pollDisplay(numeric, 'closed', 'voter').results).toBe(true);
    expect(pollDisplay(numeric, 'revealed', 'voter').results).toBe(true);
    expect(pollDisplay(numeric, 'idle', 'voter')).toEqual({ results: false, note: null });
  });
});
