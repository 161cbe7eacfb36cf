import { describe, expect, it } from 'vitest';
import { AudienceState } from './audience-state';
import { PRESENTER_QUEUE_PAGE, PUBLIC_QUESTIONS_NEWEST, PUBLIC_QUESTIONS_PAGE, type AudienceEvent, type PollSpec } from './types';

const specs: PollSpec[] = [
  {
    id: 'p99',
    question: 'Lowest p99?',
    options: [
      { id: 'sidecar', label: 'Sidecar' },
      { id: 'ambient', label: 'Ambient' },
      { id: 'ebpf', label: 'eBPF' },
    ],
    predicts: 'lowest-p99',
  },
  {
    id: 'prod',
    question: 'Mesh in production?',
    options: [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ],
  },
];
const at = 1;

describe('AudienceState', () => {
  it('one vote per attendee per poll: a new vote replaces the old, only while open', () => {
    const s = new AudienceState(specs);
    expect(s.check({ t: 'vote', pollId: 'prod', attendee: 'a', option: 'yes', at })).toBe('This poll is not open.');
    s.apply({ t: 'poll', pollId: 'prod', status: 'open', at });
    s.apply({ t: 'vote', pollId: 'prod', attendee: 'a', option: 'yes', at });
    s.apply({ t: 'vote', pollId: 'prod', attendee: 'b', option: 'yes', at });
    s.apply({ t: 'vote', pollId: 'prod', attendee: 'a', option: 'no', at });
    expect(s.poll('prod')).toMatchObject({ total: 2, counts: { yes: 1, no: 1 } });
    expect(s.check({ t: 'vote', pollId: 'prod', attendee: 'c', option: 'maybe', at })).toMatch(/not an option/);
    s.apply({ t: 'poll', pollId: 'prod', status: 'closed', at });
    expect(s.apply({ t: 'vote', pollId: 'prod', attendee: 'c', option: 'yes', at })).toBe(false);
    expect(s.mine('a').votes).toEqual({ prod: 'no' });
  });

  it('the room gets an open or closed prediction poll without its counts (the total only); the presenter gets them; revealed, everyone', () => {
    const s = new AudienceState(specs);
    s.apply({ t: 'poll', pollId: 'p99', status: 'open', at });
    s.apply({ t: 'poll', pollId: 'prod', status: 'open', at });
    s.apply({ t: 'vote', pollId: 'p99', attendee: 'a', option: 'ebpf', at });
    s.apply({ t: 'vote', pollId: 'p99', attendee: 'b', option: 'sidecar', at });
    s.apply({ t: 'vote', pollId: 'prod', attendee: 'a', option: 'yes', at });
    const room = (id: string) => s.publicView().polls.find((p) => p.id === id);
    expect(room('p99')).toEqual({ id: 'p99', status: 'open', counts: {}, total: 2, answer: null });
    expect(room('prod')).toMatchObject({ counts: { yes: 1, no: 0 } });
    expect(s.presenterView().polls.find((p) => p.id === 'p99')).toMatchObject({ counts: { sidecar: 1, ambient: 0, ebpf: 1 } });
    s.apply({ t: 'poll', pollId: 'p99', status: 'closed', at });
    expect(room('p99')!.counts).toEqual({});
    s.apply({ t: 'poll', pollId: 'p99', status: 'revealed', at, answer: { option: 'ebpf', detail: 'Measured live: eBPF' } });
    expect(room('p99')).toMatchObject({ status: 'revealed', counts: { sidecar: 1, ambient: 0, ebpf: 1 }, answer: { option: 'ebpf' } });
  });

  it('questions: attendees see approved and answered ones and their own pending; the presenter sees all', () => {
    const s = new AudienceState(specs);
    s.apply({ t: 'ask', id: 'q1', attendee: 'a', text: 'Does eBPF replace Envoy?', name: 'Ana', at: 1 });
    s.apply({ t: 'ask', id: 'q2', attendee: 'b', text: 'spam', name: null, at: 2 });
    s.apply({ t: 'ask', id: 'q3', attendee: 'b', text: 'What about HTTP/2?', name: null, at: 3 });
    s.apply({ t: 'moderate', id: 'q1', status: 'approved', at });
    s.apply({ t: 'moderate', id: 'q2', status: 'hidden', at });
    expect(s.publicView().questions.map((q) => q.id)).toEqual(['q1']);
    expect(s.mine('b').questions.map((q) => [q.id, q.status, q.mine])).toEqual([
      ['q2', 'hidden', true],
      ['q3', 'pending', true],
    ]);
    expect(s.presenterView().questions.map((q) => [q.id, q.status])).toEqual([
      ['q1', 'approved'],
      ['q2', 'hidden'],
      ['q3', 'pending'],
    ]);
    expect(s.check({ t: 'upvote', id: 'q3', attendee: 'c', at })).toBe('This question is not public yet.');
    s.apply({ t: 'moderate', id: 'q3', status: 'approved', at });
    expect(s.check({ t: 'upvote', id: 'q3', attendee: 'b', at })).toBe('You cannot upvote your own question.');
    s.apply({ t: 'upvote', id: 'q3', attendee: 'c', at });
    expect(s.check({ t: 'upvote', id: 'q3', attendee: 'c', at })).toBe('You already upvoted this question.');
    expect(s.check({ t: 'upvote', id: 'q2', attendee: 'c', at })).toBe('No such question.');
    // Most upvoted first.
    expect(s.publicView().questions.map((q) => [q.id, q.votes])).toEqual([
      ['q3', 1],
      ['q1', 0],
    ]);
    expect(s.mine('c').upvoted).toEqual(['q3']);
  });

  it('replaying the log rebuilds the same state', () => {
    const log: AudienceEvent[] = [
      { t: 'poll', pollId: 'p99', status: 'open', at },
      { t: 'vote', pollId: 'p99', attendee: 'a', option: 'ebpf', at },
      { t: 'vote', pollId: 'p99', attendee: 'b', option: 'sidecar', at },
      { t: 'poll', pollId: 'p99', status: 'closed', at },
      { t: 'poll', pollId: 'p99', status: 'revealed', at, answer: { option: 'ebpf', detail: 'Measured live: eBPF' } },
      { t: 'ask', id: 'q1', attendee: 'a', text: 'Hi', name: null, at },
      { t: 'upvote', id: 'q1', attendee: 'b', at },
    ];
    const a = new AudienceState(specs);
    for (const e of log) a.apply(e);
    const b = new AudienceState(specs);
    for (const e of log) b.apply(e);
    expect(b.presenterView()).toEqual(a.presenterView());
    expect(b.mine('a')).toEqual(a.mine('a'));
    expect(b.poll('p99')).toMatchObject({ status: 'revealed', total: 2, answer: { option: 'ebpf' } });
    expect(a.check({ t: 'poll', pollId: 'prod', status: 'revealed', at })).toMatch(/not a prediction/);
  });

  it('the presenter’s desk carries the public questions and a page of the queue — the oldest waiting, the latest hidden — with the counts', () => {
    const s = new AudienceState(specs);
    for (let i = 0; i < 45; i++) s.apply({ t: 'ask', id: `q${i}`, attendee: `x${i}`, text: `question ${i}`, name: null, at: 1000 + i });
    s.apply({ t: 'moderate', id: 'q44', status: 'approved', at });
    for (let i = 30; i < 44; i++) s.apply({ t: 'moderate', id: `q${i}`, status: 'hidden', at });
    const view = s.presenterView();
    expect({ waiting: view.waiting, hidden: view.hidden }).toEqual({ waiting: 30, hidden: 14 });
    const ids = (status: string) => view.questions.filter((q) => q.status === status).map((q) => q.id);
    expect(ids('pending')).toEqual(Array.from({ length: PRESENTER_QUEUE_PAGE }, (_, i) => `q${i}`));
    expect(ids('hidden')).toHaveLength(14);
    expect(ids('approved')).toEqual(['q44']);
    // Approving one brings the next waiting question onto the page.
    s.apply({ t: 'moderate', id: 'q0', status: 'approved', at });
    expect(
      s
        .presenterView()
        .questions.filter((q) => q.status === 'pending')
        .map((q) => q.id)
        .at(-1),
    ).toBe(`q${PRESENTER_QUEUE_PAGE}`);
  });

  describe('publishing at once', () => {
    const ask = (id: string, attendee: string, status?: 'pending' | 'approved'): AudienceEvent => ({
      t: 'ask',
      id,
      attendee,
      text: `question ${id}`,
      name: null,
      at: 1000,
      ...(status ? { status } : {}),
    });

    it('is on until a publishing event turns it off; the desk is told where it stands', () => {
      const s = new AudienceState(specs);
      expect(s.publishAtOnce).toBe(true);
      expect(s.presenterView().publishAtOnce).toBe(true);
      s.apply({ t: 'publishing', atOnce: false, at });
      expect(s.publishAtOnce).toBe(false);
      expect(s.presenterView().publishAtOnce).toBe(false);
      expect(s.moderatorView().publishAtOnce).toBe(false);
    });

    it('a question asked public is everyone’s at once and may be upvoted before any moderation; hidden, it leaves the room’s view and takes no upvotes', () => {
      const s = new AudienceState(specs);
      s.apply(ask('q1', 'a', 'approved'));
      expect(s.publicView().questions.map((q) => q.id)).toEqual(['q1']);
      expect(s.apply({ t: 'upvote', id: 'q1', attendee: 'b', at })).toBe(true);
      expect(s.publicView().questions[0]).toMatchObject({ id: 'q1', votes: 1, status: 'approved' });
      s.apply({ t: 'moderate', id: 'q1', status: 'hidden', at });
      expect(s.publicView().questions).toEqual([]);
      expect(s.check({ t: 'upvote', id: 'q1', attendee: 'c', at })).toBe('No such question.');
      // Un-hidden, it is back with its votes.
      s.apply({ t: 'moderate', id: 'q1', status: 'approved', at });
      expect(s.publicView().questions[0]).toMatchObject({ id: 'q1', votes: 1 });
    });

    it('a question asked pending waits for the desk, whatever the switch says when the log is replayed', () => {
      const s = new AudienceState(specs);
      s.apply(ask('q1', 'a', 'pending'));
      expect(s.publicView().questions).toEqual([]);
      expect(s.check({ t: 'upvote', id: 'q1', attendee: 'b', at })).toBe('This question is not public yet.');
      expect(s.presenterView()).toMatchObject({ waiting: 1, questions: [{ id: 'q1', status: 'pending' }] });
    });

    it('an ask event from before the switch (no status) replays as pending, as it was acknowledged', () => {
      const s = new AudienceState(specs);
      expect(s.publishAtOnce).toBe(true);
      s.apply(ask('q-old', 'a'));
      expect(s.presenterView().questions[0]).toMatchObject({ id: 'q-old', status: 'pending' });
    });

    it('replaying a log that turns the switch off and on gives each question the status it was asked with, and the switch as last set', () => {
      const log: AudienceEvent[] = [
        ask('q1', 'a', 'approved'),
        { t: 'publishing', atOnce: false, at },
        ask('q2', 'b', 'pending'),
        { t: 'upvote', id: 'q1', attendee: 'b', at },
        { t: 'publishing', atOnce: true, at },
        ask('q3', 'c', 'approved'),
        { t: 'publishing', atOnce: false, at },
      ];
      const live = new AudienceState(specs);
      for (const e of log) expect(live.apply(e)).toBe(true);
      const replayed = new AudienceState(specs);
      for (const e of log) replayed.apply(e);
      expect(replayed.presenterView()).toEqual(live.presenterView());
      expect(replayed.publishAtOnce).toBe(false);
      const status = Object.fromEntries(replayed.presenterView().questions.map((q) => [q.id, q.status]));
      expect(status).toEqual({ q1: 'approved', q2: 'pending', q3: 'approved' });
      expect(replayed.publicView().questions.map((q) => [q.id, q.votes])).toEqual([
        ['q1', 1],
        ['q3', 0],
      ]);
    });

    it('a moderator’s view is the presenter’s questions desk with the polls as the room sees them (no prediction counts before the reveal)', () => {
      const s = new AudienceState(specs);
      s.apply({ t: 'poll', pollId: 'p99', status: 'open', at });
      s.apply({ t: 'vote', pollId: 'p99', attendee: 'a', option: 'ebpf', at });
      s.apply(ask('q1', 'a', 'pending'));
      const presenter = s.presenterView();
      const moderator = s.moderatorView();
      expect(presenter.polls.find((p) => p.id === 'p99')!.counts).toMatchObject({ ebpf: 1 });
      expect(moderator.polls.find((p) => p.id === 'p99')!.counts).not.toMatchObject({ ebpf: 1 });
      expect(moderator.polls).toEqual(s.publicView().polls);
      expect({ ...moderator, polls: presenter.polls }).toEqual(presenter);
    });
    it('a flood published at once costs every broadcast one page: the most upvoted, then the newest; the desk sees the same page and how many there are', () => {
      const s = new AudienceState(specs);
      const flood = 3 * PUBLIC_QUESTIONS_PAGE;
      for (let i = 0; i < flood; i++) s.apply({ ...ask(`q${i}`, `x${i}`, 'approved'), at: 1000 + i });
      // The room's real questions, upvoted; asked early, they would be off a page of the newest.
      for (const id of ['q3', 'q7']) for (const voter of ['v1', 'v2']) s.apply({ t: 'upvote', id, attendee: voter, at });
      const view = s.publicView();
      expect(view.published).toBe(flood);
      expect(view.questions).toHaveLength(PUBLIC_QUESTIONS_PAGE);
      expect(view.questions.slice(0, 2).map((q) => q.id)).toEqual(['q3', 'q7']);
      const ids = new Set(view.questions.map((q) => q.id));
      for (let i = flood - PUBLIC_QUESTIONS_NEWEST; i < flood; i++) expect(ids.has(`q${i}`), `q${i}`).toBe(true);
      expect(s.presenterView()).toMatchObject({ published: flood, questions: view.questions });
      // Hiding the flood brings the page back to what is left.
      for (let i = 0; i < flood; i++) if (i !== 3 && i !== 7) s.apply({ t: 'moderate', id: `q${i}`, status: 'hidden', at });
      expect(s.publicView()).toMatchObject({ published: 2, questions: [{ id: 'q3' }, { id: 'q7' }] });
    });
  });
});

describe('AudienceState: a numeric poll', () => {
  const numeric: PollSpec = {
    id: 'guess',
    question: 'Added p99?',
    options: [],
    number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
  };
  const plain: PollSpec = { id: 'svc', question: 'How many services?', options: [], number: { unit: 'services', min: 0, max: 500, scale: 'linear' } };
  const est = (attendee: string, value: number, pollId = 'guess'): AudienceEvent => ({ t: 'estimate', pollId, attendee, value, at });

  it('one number per attendee, replaced while open, within the range; no option votes', () => {
    const s = new AudienceState([numeric, ...specs]);
    expect(s.check(est('a', 2))).toBe('This poll is not open.');
    s.apply({ t: 'poll', pollId: 'guess', status: 'open', at });
    expect(s.check(est('a', 0.05))).toBe('Answer between 0.1 and 100 ms.');
    expect(s.check(est('a', 101))).toBe('Answer between 0.1 and 100 ms.');
    expect(s.check(est('a', Number.NaN))).toBe('The answer is not a number.');
    expect(s.check(est('a', Number.POSITIVE_INFINITY))).toBe('The answer is not a number.');
    expect(s.check({ t: 'vote', pollId: 'guess', attendee: 'a', option: 'sidecar', at })).toBe('This poll asks for a number.');
    s.apply({ t: 'poll', pollId: 'prod', status: 'open', at });
    expect(s.check(est('a', 1, 'prod'))).toBe('This poll asks for a choice, not a number.');
    for (const [who, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 8],
      ['a', 16],
    ] as const)
      expect(s.apply(est(who, v))).toBe(true);
    expect(s.poll('guess')).toMatchObject({ total: 4, counts: {}, estimates: { n: 4, q1: 3.5, median: 6, q3: 10 } });
    expect(s.poll('guess')!.estimates!.bins.reduce((a, b) => a + b, 0)).toBe(4);
    expect(s.mine('a').estimates).toEqual({ guess: 16 });
    s.apply({ t: 'poll', pollId: 'guess', status: 'closed', at });
    expect(s.apply(est('e', 3))).toBe(false);
    expect(s.poll('guess')!.total).toBe(4);
  });

  it('the room sees the summary live (no raw values anywhere in it); revealed with its measurement', () => {
    const s = new AudienceState([numeric]);
    s.apply({ t: 'poll', pollId: 'guess', status: 'open', at });
    s.apply(est('a', 1.5));
    s.apply(est('b', 3.25));
    const room = s.publicView().polls[0]!;
    expect(room.estimates).toMatchObject({ n: 2, median: 2.375 });
    expect(Object.keys(room).sort()).toEqual(['answer', 'counts', 'estimates', 'id', 'status', 'total']);
    expect(JSON.stringify(room.estimates!.bins)).not.toContain('1.5');
    const answer = { option: null, detail: 'Measured live: 2.4 ms', value: 2.4, unit: 'ms' };
    s.apply({ t: 'poll', pollId: 'guess', status: 'revealed', at, answer });
    expect(s.publicView().polls[0]).toMatchObject({ status: 'revealed', answer, estimates: { n: 2 } });
  });

  it('a numeric poll without measures has nothing to reveal', () => {
    const s = new AudienceState([plain]);
    expect(s.check({ t: 'poll', pollId: 'svc', status: 'revealed', at })).toMatch(/nothing to reveal/);
    s.apply({ t: 'poll', pollId: 'svc', status: 'open', at });
    s.apply(est('a', 0, 'svc'));
    expect(s.mine('a').estimates).toEqual({ svc: 0 });
  });

  it('the export has the summary, the answer and the numbers sorted, not whose they were', () => {
    const s = new AudienceState([numeric]);
    s.apply({ t: 'poll', pollId: 'guess', status: 'open', at });
    s.apply(est('alice', 9));
    s.apply(est('bob', 0.5));
    const [poll] = s.export().polls;
    expect(poll).toMatchObject({ id: 'guess', number: { unit: 'ms' }, total: 2, values: [0.5, 9], estimates: { n: 2, median: 4.75 } });
    expect(JSON.stringify(s.export())).not.toMatch(/alice|bob/);
  });

  it('a log from before numeric polls (votes with options only) still folds', () => {
    const old: AudienceEvent[] = [
      { t: 'poll', pollId: 'prod', status: 'open', at },
      { t: 'vote', pollId: 'prod', attendee: 'a', option: 'yes', at },
      { t: 'poll', pollId: 'p99', status: 'revealed', at, answer: { option: 'ebpf', detail: 'Measured live' } },
    ];
    const s = new AudienceState([numeric, ...specs]);
    expect(old.map((e) => s.apply(e))).toEqual([true, true, true]);
    expect(s.poll('prod')!.counts).toEqual({ yes: 1, no: 0 });
    expect(s.poll('p99')!.answer).toEqual({ option: 'ebpf', detail: 'Measured live' });
    expect(s.poll('guess')).toMatchObject({ status: 'idle', total: 0, estimates: { n: 0, median: null } });
  });
});
