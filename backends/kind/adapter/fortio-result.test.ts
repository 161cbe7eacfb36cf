import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fortioSummary, fortioWindow, type FortioResult } from './fortio-result';

const run = JSON.parse(readFileSync('backends/kind/adapter/fixtures/fortio-run.json', 'utf8')) as FortioResult;

describe('fortio results', () => {
  it('turns fortio’s histogram (seconds) into the app’s summary (microseconds)', () => {
    expect(fortioSummary(run)).toEqual({ count: 200, p50Us: 1450, p90Us: 2100, p99Us: 3800, maxUs: 4973 });
  });

  it('one run is one window: throughput, errors from non-2xx/3xx codes, the offered rate', () => {
    const w = fortioWindow(run, 'sidecar', 123, fortioSummary(run));
    expect(w).toMatchObject({ mode: 'sidecar', at: 123, windowMs: 1002, rps: 199.6, errors: 3, targetRps: 200, retries: 0 });
  });
});
