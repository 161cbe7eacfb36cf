import { describe, expect, it } from 'vitest';
import type { BackendStatus } from './backend-status';
import {
  comparisonSource,
  comparisonTitle,
  demoHeading,
  latencyTitle,
  LIVE,
  NOT_RECORDED,
  recordedTag,
  sourceLabel,
  sourceOf,
  sourceWord,
  unrecordedNotice,
} from './provenance';

const status = (s: Partial<BackendStatus>): BackendStatus => ({ name: 'lab', state: 'ready', detail: '', recorded: false, since: 0, ...s });
const recorded = sourceOf(status({ name: 'replay', recorded: true, recordedAt: '2026-12-02T14:03:00.000Z' }));

describe('provenance wording', () => {
  it('reads the backend: live, or recorded with its day', () => {
    expect(sourceOf(status({}))).toEqual(LIVE);
    expect(sourceOf(null)).toEqual(LIVE);
    expect(recorded).toEqual({ recorded: true, date: '2026-12-02' });
    expect(sourceOf(status({ recorded: true }))).toEqual({ recorded: true, date: null });
  });

  it('calls live data live and recorded data recorded, with its date, in every heading', () => {
    expect(sourceWord(LIVE)).toBe('live');
    expect(sourceWord(recorded)).toBe('recorded 2026-12-02');
    expect(demoHeading(LIVE)).toBe('Live demo');
    expect(demoHeading(recorded)).toBe('Recorded demo');
    expect(recordedTag(LIVE)).toBeNull();
    expect(recordedTag(recorded)).toBe('recorded 2026-12-02');
    expect(latencyTitle(LIVE)).toBe('Latency, live (ms)');
    expect(latencyTitle(recorded)).toBe('Latency, recorded 2026-12-02 (ms)');
  });

  it('never says live of recorded words', () => {
    const words = [sourceWord(recorded), demoHeading(recorded), recordedTag(recorded), latencyTitle(recorded)];
    words.push(comparisonTitle({ live: false, recorded: ['2026-12-02'] }, recorded), comparisonTitle({ live: false, recorded: [] }, recorded));
    for (const w of words) expect(w).not.toMatch(/\blive\b/i);
  });

  it('names where the comparison’s rows come from, mixed or not, and the backend’s word while there are none', () => {
    expect(comparisonTitle({ live: true, recorded: [] }, LIVE)).toBe('Measured live this session, one workload (ms)');
    expect(comparisonTitle({ live: false, recorded: [] }, LIVE)).toBe('Measured live this session, one workload (ms)');
    expect(comparisonTitle({ live: false, recorded: ['2026-12-02'] }, recorded)).toBe('Recorded 2026-12-02, one workload (ms)');
    expect(comparisonTitle({ live: false, recorded: [] }, recorded)).toBe('Recorded 2026-12-02, one workload (ms)');
    expect(comparisonTitle({ live: true, recorded: ['2026-12-02'] }, LIVE)).toBe('Measured live and recorded 2026-12-02, one workload (ms)');
    expect(comparisonSource({ live: false, recorded: [] }, recorded)).toBe('Recorded 2026-12-02');
    expect(sourceLabel({ live: true, recorded: [] })).toBe('Measured live');
    expect(sourceLabel({ live: false, recorded: ['2026-12-02', '2026-12-03'] })).toBe('Recorded 2026-12-02, 2026-12-03');
  });

  it('says a condition is not in the recording only when the recording lacks it', () => {
    const lacking = status({ recorded: true, unrecorded: 'No recording of eBPF with retries 3×500 ms' });
    expect(unrecordedNotice(lacking, 'ebpf')).toBe(`${NOT_RECORDED}: eBPF under this policy`);
    expect(unrecordedNotice(status({ recorded: true }), 'ebpf')).toBeNull();
    expect(unrecordedNotice(status({}), 'ebpf')).toBeNull();
    expect(unrecordedNotice(null, 'ebpf')).toBeNull();
  });
});
