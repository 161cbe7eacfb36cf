import { describe, expect, it } from 'vitest';
import type { Scoreboard } from '../../mesh/scoreboard';
import { applyScoreboard, packScoreboard, scoreboardDelta, unpackScoreboard } from './scoreboard-wire';

const condition = {
  rps: 500,
  payloadBytes: 1024,
  errorPercent: 10,
  policy: {
    retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 },
    timeout: { enabled: false, ms: 2000 },
    fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 },
    mtls: true,
  },
};
const row = (mode: 'none' | 'sidecar', withCondition: boolean) => ({
  mode,
  latency: { count: 5000, p50Us: 1200, p90Us: 2600, p99Us: 13800, maxUs: 20000, distributionUs: [1200, 1800, 2600, 3100, 13800, 19000] },
  condition: withCondition ? condition : null,
  rps: 499.97,
  userSpaceHops: 6,
  cpuPercent: 12.345678,
  rssMb: 41.2,
  cpuPer1000Rps: 0.24691356,
  publishedCpuPer1000Rps: 1.2,
  updatedAt: 1_796_171_440_655,
});
const board: Scoreboard = { rev: 42, rows: [row('none', false), row('sidecar', true)] };

describe('the scoreboard on the wire', () => {
  it('comes back with every condition whole and the figures to the precision shown', () => {
    const back = unpackScoreboard(JSON.parse(JSON.stringify(packScoreboard(board))));
    expect(back.rev).toBe(42);
    expect(back.rows[0]!.condition).toBeNull();
    expect(back.rows[1]!.condition).toEqual(condition);
    expect(back.rows[1]!.latency).toEqual(board.rows[1]!.latency);
    expect(back.rows[1]).toMatchObject({ rps: 500, cpuPercent: 12.346, cpuPer1000Rps: 0.247, publishedCpuPer1000Rps: 1.2, userSpaceHops: 6 });
  });

  it('says which rows were recorded, and when, and leaves live rows as they were', () => {
    const mixed: Scoreboard = { rev: 3, rows: [row('none', false), { ...row('sidecar', true), recordedAt: '2026-12-02T00:30:15.560Z' }] };
    const back = unpackScoreboard(JSON.parse(JSON.stringify(packScoreboard(mixed))));
    expect(back.rows.map((r) => r.recordedAt)).toEqual([undefined, '2026-12-02T00:30:15.560Z']);
    expect('recordedAt' in back.rows[0]!).toBe(false);
  });

  it('costs under two fifths of the object form', () => {
    const six: Scoreboard = { rev: 1, rows: Array.from({ length: 6 }, () => row('sidecar', true)) };
    expect(JSON.stringify(packScoreboard(six)).length).toBeLessThan((JSON.stringify(six).length * 2) / 5);
  });

  it('keeps a summary without a distribution without one', () => {
    const plain: Scoreboard = { rev: 2, rows: [{ ...row('none', false), latency: { count: 10, p50Us: 1, p90Us: 2, p99Us: 3, maxUs: 4 } }] };
    expect(unpackScoreboard(packScoreboard(plain)).rows[0]!.latency).toEqual({ count: 10, p50Us: 1, p90Us: 2, p99Us: 3, maxUs: 4 });
  });

  it('sends only the rows that changed, and a screen holding the previous board ends up with the whole new one', () => {
    const before = packScoreboard(board);
    const sidecar = { ...board.rows[1]!, rps: 250, updatedAt: board.rows[1]!.updatedAt + 1000 };
    const ambient = { ...row('none', true), mode: 'ambient' as const };
    const after: Scoreboard = { rev: 50, rows: [board.rows[0]!, sidecar, ambient] };
    const delta = scoreboardDelta(packScoreboard(after), before);
    expect(delta.delta).toBe(1);
    expect(delta.rows.map((r) => r[0])).toEqual(['sidecar', 'ambient']); // the frozen row is not sent
    expect(delta.rows.map((r) => r[2])).toEqual([0, packScoreboard(after).rows[2]![2]]); // sidecar's condition as it was
    const held = applyScoreboard(unpackScoreboard(before), JSON.parse(JSON.stringify(delta)));
    expect(held).toEqual(unpackScoreboard(packScoreboard(after)));
  });

  it('replaces the board with a whole one, whatever the screen held', () => {
    const held = applyScoreboard({ rev: 900, rows: [{ ...board.rows[0]!, mode: 'ebpf' }] }, packScoreboard(board));
    expect(held).toEqual(unpackScoreboard(packScoreboard(board)));
  });
});
