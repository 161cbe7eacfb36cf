// The numeric poll's card rendered to HTML (no browser): what a phone, the projector and the
// console are shown of the same poll.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PollSpec, PollView } from '@/lib/audience/types';
import { PollCard } from './PollCard';

const spec: PollSpec = {
  id: 'guess',
  question: 'How many ms does the sidecar add to p99?',
  options: [],
  number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
};
const estimates = { n: 20, q1: 1.63, median: 4.11, q3: 10.3, bins: [0, 0, 0, 0, 0, 0, 2, 2, 4, 2, 4, 4, 2, 4, 4, 4, 2, 2, 4, 0] };
const open: PollView = { id: 'guess', status: 'open', counts: {}, total: 20, answer: null, estimates };
const revealed: PollView = {
  ...open,
  status: 'revealed',
  answer: {
    option: null,
    detail: 'Measured live: Sidecar, added p99 over No mesh 2.4 ms (…)',
    value: 2.4,
    unit: 'ms',
    measurement: {
      figure: 'Sidecar, added p99 over No mesh',
      window: 'cumulative: Sidecar 4,200 requests, No mesh 5,000 requests',
      condition: '500 rps · 1 KB · mTLS',
      source: 'Measured live',
    },
  },
};
const html = (el: React.ReactElement) => renderToStaticMarkup(el);
const ack = () => Promise.resolve({ ok: true as const, data: null });

describe('the numeric poll card', () => {
  it('a phone that has not answered: slider, keypad (decimal), send disabled; no distribution', () => {
    const out = html(<PollCard spec={spec} view={open} onEstimate={ack} />);
    expect(out).toContain('type="range"');
    expect(out).toContain('inputMode="decimal"');
    expect(out).toMatch(/<button type="submit"[^>]*disabled=""[^>]*data-testid="poll-send"/);
    expect(out).toContain('data-results="hidden"');
    expect(out).not.toContain('poll-histogram');
    expect(out).toContain('once you have answered');
  });

  it('a phone that answered: its answer marked, the distribution shown', () => {
    const out = html(<PollCard spec={spec} view={open} onEstimate={ack} myEstimate={3} />);
    expect(out).toContain('data-results="shown"');
    expect(out).toContain('data-n="20"');
    expect(out).toContain('dotted: your answer');
    expect(out).toMatch(/value="3"/);
  });

  it('the projector: histogram with median, middle half, n and the unit on the axis, live; no controls', () => {
    const out = html(<PollCard spec={spec} view={open} testId="screen-poll" />);
    expect(out).not.toContain('type="range"');
    expect(out).toContain('data-testid="screen-poll-median"');
    expect(out).toContain('data-testid="screen-poll-iqr"');
    expect(out).toMatch(/n = <b>20<\/b>/);
    expect(out).toMatch(/median <b>4\.11 ms<\/b>/);
    expect(out).toContain('middle half 1.63–10.3 ms');
    expect(out).toContain('ms, log scale');
    expect(out).not.toContain('screen-poll-marker');
  });

  it('revealed: the marker lands on the measured value, with figure, window, condition and source', () => {
    const out = html(<PollCard spec={spec} view={revealed} testId="screen-poll" />);
    expect(out).toMatch(/data-testid="screen-poll-marker"[^>]*>.*measured 2\.4 ms/);
    expect(out).toContain('Measured live: Sidecar, added p99 over No mesh <b>2.4 ms</b>');
    expect(out).toContain('cumulative: Sidecar 4,200 requests, No mesh 5,000 requests · 500 rps · 1 KB · mTLS');
  });

  it('revealed: the value written as the comparison table writes it, on the marker and the line alike', () => {
    const written: PollView = { ...revealed, answer: { ...revealed.answer!, measurement: { ...revealed.answer!.measurement!, written: '+2.40 ms' } } };
    const out = html(<PollCard spec={spec} view={written} testId="screen-poll" />);
    expect(out).toMatch(/data-testid="screen-poll-marker"[^>]*>.*measured \+2\.40 ms/);
    expect(out).toContain('Measured live: Sidecar, added p99 over No mesh <b>+2.40 ms</b>');
  });

  it('revealed with nothing measured: the reason, no marker', () => {
    const none: PollView = {
      ...open,
      status: 'revealed',
      answer: { option: null, detail: 'Sidecar has not been measured yet this session: nothing to reveal.', value: null, unit: 'ms' },
    };
    const out = html(<PollCard spec={spec} view={none} testId="screen-poll" />);
    expect(out).not.toContain('screen-poll-marker');
    expect(out).toContain('Sidecar has not been measured yet this session');
  });

  it('off the scale (a negative added p99): pinned to the end and said so', () => {
    const below: PollView = { ...revealed, answer: { ...revealed.answer!, value: -1.5 } };
    const out = html(<PollCard spec={spec} view={below} testId="screen-poll" />).replace(/<!-- -->/g, '');
    expect(out).toMatch(/style="left:0\.00%" data-testid="screen-poll-marker"/);
    expect(out).toContain('◀ measured -1.5 ms (off the scale)');
  });

  it('the desk: the figures in words, no histogram (the slide beside it draws one)', () => {
    const out = html(<PollCard spec={spec} view={revealed} viewer="presenter" testId="desk-poll" compact />);
    expect(out).toContain('median <b>4.11 ms</b>');
    expect(out).not.toContain('desk-poll-median');
    expect(out).toContain('Measured live: Sidecar');
  });
});
