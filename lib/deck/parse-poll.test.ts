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

describe('numeric polls in slide markdown', () => {
  const attrs = 'id="sidecar-p99" question="Added p99?" kind="number" unit="ms" min="0.1" max="100" scale="log" measures="added-p99:sidecar"';

  it('a number with a unit, a range, a scale and what the reveal measures; no options', () => {
    const s = parseSlide(`## Guess\n\n<!-- .poll: ${attrs} -->\n`);
    expect(s.poll).toEqual({
      id: 'sidecar-p99',
      question: 'Added p99?',
      options: [],
      number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
    });
    expect(s.html).toContain('data-poll-slot="sidecar-p99"');
  });

  it('linear by default, and measures is optional', () => {
    expect(parsePoll('id="n" question="How many services?" kind="number" unit="services" min="0" max="500"', 'w').number).toEqual({
      unit: 'services',
      min: 0,
      max: 500,
      scale: 'linear',
    });
  });

  it('says exactly what is wrong with a numeric poll', () => {
    const bad = (extra: string) => () => parsePoll(`id="p" question="q" ${extra}`, 'w');
    expect(bad('kind="number" min="0" max="1"')).toThrow('poll "p" is numeric: needs unit="…"');
    expect(bad('kind="number" unit="ms" max="1"')).toThrow('needs min="…"');
    expect(bad('kind="number" unit="ms" min="x" max="1"')).toThrow('min="x" is not a number');
    expect(bad('kind="number" unit="ms" min="" max="1"')).toThrow('min="" is not a number');
    expect(bad('kind="number" unit="ms" min="5" max="5"')).toThrow('needs min below max');
    expect(bad('kind="number" unit="ms" min="0" max="5" scale="log"')).toThrow('scale="log": min must be above 0');
    expect(bad('kind="number" unit="ms" min="1" max="5" scale="cubic"')).toThrow('scale="cubic" is not one of linear, log');
    expect(bad('kind="number" unit="ms" min="1" max="5" options="a|b"')).toThrow('it takes no options');
    expect(bad('kind="number" unit="ms" min="1" max="5" predicts="lowest-p99"')).toThrow('not predicts');
    expect(bad('kind="number" unit="ms" min="1" max="5" measures="p95:sidecar"')).toThrow('the figure is one of p50, p99, added-p50, added-p99');
    expect(bad('kind="number" unit="ms" min="1" max="5" measures="p99:istio"')).toThrow('"istio" is not a mode id');
    expect(bad('kind="number" unit="ms" min="1" max="5" measures="added-p99:none"')).toThrow('No mesh adds nothing');
    expect(bad('kind="number" unit="s" min="1" max="5" measures="p99:sidecar"')).toThrow('unit="s" must be one of ms, µs, us');
    expect(bad('kind="number" unit="ms" min=0 max="5"')).toThrow('min=0: put the value in double quotes');
    expect(bad('kind="slider" unit="ms" min="0" max="5"')).toThrow('kind="slider" is not one of choice, number');
    expect(bad('options="a|b" unit="ms"')).toThrow('has unit="…", which only a numeric poll (kind="number") takes');
  });
});
