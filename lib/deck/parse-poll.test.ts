import { describe, expect, it } from 'vitest';
import { parseSlide } from './parse-markdown';
import { parsePoll } from './parse-poll';

describe('polls in slide markdown', () => {
  it('a prediction poll: mode ids with their labels, and a slot where the comment was', () => {
    const s = parseSlide(
      '## Predict\n\n<!-- .poll: id="lowest-p99" question="Which data plane will have the lowest p99?" predicts="lowest-p99" options="sidecar|ambient|ebpf" -->\n',
    );
    expect(s.poll).toEqual({
      id: 'lowest-p99',
      question: 'Which data plane will have the lowest p99?',
      predicts: 'lowest-p99',
      options: [
        { id: 'sidecar', label: 'Sidecar' },
        { id: 'ambient', label: 'Ambient' },
        { id: 'ebpf', label: 'eBPF' },
      ],
    });
    expect(s.html).toContain('<div class="poll-slot" data-poll-slot="lowest-p99"></div>');
  });

  it('an opinion poll with labels', () => {
    expect(parsePoll('id="in-prod" question="Mesh in production?" options="yes=Yes|no=No|soon=Not yet"', 'x').options).toEqual([
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
      { id: 'soon', label: 'Not yet' },
    ]);
  });

  it('says exactly what is wrong with a poll', () => {
    expect(() => parsePoll('question="q" options="a|b"', 'slides/x.md slide 2')).toThrow('slides/x.md slide 2: poll needs id="…"');
    expect(() => parsePoll('id="p" question="q" options="a"', 'w')).toThrow('poll "p" needs at least two options');
    expect(() => parsePoll('id="p" question="q" predicts="lowest-p99" options="sidecar|istio"', 'w')).toThrow(/option "istio" must be a mode id/);
    expect(() => parsePoll('id="p" question="q" predicts="fastest" options="a|b"', 'w')).toThrow(/predicts="fastest" is not one of/);
    expect(() => parseSlide('<!-- .poll: id="a" question="q" options="x|y" -->\n<!-- .poll: id="b" question="q" options="x|y" -->', 's')).toThrow(
      's: one poll per slide',
    );
  });
});
