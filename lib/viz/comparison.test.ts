import { describe, expect, it } from 'vitest';
import { EMPTY_SCOREBOARD, withHops, withLatency, withTopology } from '../mesh/scoreboard';
import type { LatencyWindow } from '../mesh/telemetry';
import { DEFAULT_POLICY } from '../mesh/policies';
import { comparisonRows, sharedCondition } from './comparison';
import { addedMs, conditionLabel } from './format';
import { labTopology } from '../testing/lab-topology.fixture';
import { comparisonSummary, topologySummary } from './summaries';
import { latencyWindow } from '../testing/latency-window.fixture';

const win = (mode: LatencyWindow['mode'], p50Us: number, p99Us: number): LatencyWindow => latencyWindow(mode, { p50Us, p99Us, cumulativeCount: 1000 });

describe('comparison rows', () => {
  it('every mode, measured or not, with added latency over no mesh and what L7 it can do', () => {
    let b = withLatency(EMPTY_SCOREBOARD, win('none', 1400, 2500));
    b = withLatency(b, win('ambient', 2100, 6100));
    b = withTopology(b, labTopology('ambient'));
    b = withHops(b, { mode: 'ambient', at: 2, hops: [], resources: [{ proxyId: 'ztunnel/node-a', kind: 'ztunnel', cpuPercent: 9, rssMb: 68 }] });
    const rows = comparisonRows(b);
    expect(rows.map((r) => r.mode)).toEqual(['none', 'sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7']);
    expect(rows[2]).toMatchObject({ measured: true, userSpaceHops: 6, addedP50Us: 700, addedP99Us: 3600, rssMb: 68, l7: { retries: false, mtls: true } });
    expect(rows[2]!.cpuPer1000Rps).toBeCloseTo(0.9);
    expect(rows[1]).toMatchObject({ measured: false, p50Us: null, l7: { retries: true, timeout: true, fault: true, mtls: true } });
    expect(comparisonSummary(rows)).toBe('Measured so far: No mesh p50 1.40 ms, p99 2.50 ms; Ambient p50 2.10 ms, p99 6.10 ms.');
  });

  it('the topology summary says what a person would see', () => {
    expect(topologySummary(labTopology('ambient'))).toBe(
      'Ambient: 2 nodes, 4 pods, 2 proxies (ztunnel); a request crosses 6 user-space proxies; calls are encrypted with mutual TLS.',
    );
    expect(topologySummary(labTopology('ebpf'))).toMatch(
      /no user-space proxy; a request crosses 0 user-space proxies; eBPF programs: connect4, sockops, sk_msg\.$/,
    );
  });

  it('a row is one condition: it says which, and "added" needs No mesh at the same load', () => {
    const at = (rps: number, errorPercent = 0) => ({ rps, payloadBytes: 1024, errorPercent, policy: DEFAULT_POLICY });
    let b = withLatency(EMPTY_SCOREBOARD, { ...win('none', 400, 900), condition: at(100) });
    b = withLatency(b, { ...win('sidecar', 1100, 2000), condition: at(500) });
    b = withLatency(b, { ...win('ebpf', 350, 800), condition: at(100) });
    const rows = comparisonRows(b);
    expect(rows[1]).toMatchObject({ condition: '500 rps · 1 KB · mTLS', addedP50Us: null });
    // Said once above the table only when every measured row shares it.
    expect(sharedCondition(rows)).toBeNull();
    expect(sharedCondition(rows.filter((r) => r.mode !== 'sidecar'))).toBe('100 rps · 1 KB · mTLS');
    expect(sharedCondition(comparisonRows(EMPTY_SCOREBOARD))).toBeNull();
    expect(rows[4]).toMatchObject({ condition: '100 rps · 1 KB · mTLS', addedP50Us: -50 });
    expect(addedMs(rows[4]!.addedP50Us!)).toBe('faster by 0.050');
    // The same load again, with retries on: comparable, and the row says what was on.
    b = withLatency(b, {
      ...win('sidecar', 1300, 2400),
      cumulative: { count: 40, p50Us: 1300, p90Us: 1300, p99Us: 2400, maxUs: 2400 },
      condition: { ...at(100), policy: { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 } } },
    });
    expect(comparisonRows(b)[1]).toMatchObject({ condition: '100 rps · 1 KB · mTLS · retries (3 tries × 500 ms)', addedP50Us: 900 });
    expect(
      conditionLabel({
        rps: 1000,
        payloadBytes: 100,
        errorPercent: 10,
        policy: { ...DEFAULT_POLICY, mtls: false, fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 } },
      }),
    ).toBe('1000 rps · 100 B · no mTLS · delay 100 ms on 30% · backend errors 10%');
    // Cilium's node Envoy retries with no per-try timeout (0), and the label says so.
    expect(
      conditionLabel({
        rps: 500,
        payloadBytes: 1024,
        errorPercent: 0,
        policy: { ...DEFAULT_POLICY, mtls: false, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 0 } },
      }),
    ).toBe('500 rps · 1 KB · no mTLS · retries (3 tries, no per-try timeout)');
  });
});
