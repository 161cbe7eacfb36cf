// The scoreboard as it goes over the socket, about once a second to every screen in the room, as
// a delta of the rows that changed (a whole board every SCORES_WHOLE_EVERY broadcasts and on
// connect, so a phone that missed one is right again within seconds):
// each row a tuple in ModeScore's order, its condition (the offered load and the whole L7 policy,
// ~270 B as an object) a tuple of its numbers, and the proxies' CPU figures to three decimals —
// what the table shows is two. Packed in the hub, applied to the board a client holds in its store
// (lib/channel/channel-state.ts); nothing else sees this shape.
import type { ModeScore, Scoreboard } from '../../mesh/scoreboard';
import type { MeasureCondition } from '../../mesh/telemetry';

export type PackedCondition = [
  rps: number,
  payloadBytes: number,
  errorPercent: number,
  retries: 0 | 1,
  attempts: number,
  perTryTimeoutMs: number,
  timeout: 0 | 1,
  timeoutMs: number,
  abortPercent: number,
  abortStatus: number,
  delayPercent: number,
  delayMs: number,
  mtls: 0 | 1,
];

type PackedLatency = [count: number, p50Us: number, p90Us: number, p99Us: number, maxUs: number, distributionUs: number[] | null];

/** A row as a tuple, in ModeScore's order: no key repeated in every row of every broadcast. */
export type PackedScore = [
  mode: ModeScore['mode'],
  latency: PackedLatency | null,
  /** 0 in a delta: unchanged (13 numbers a second saved for a mode whose load stayed). */
  condition: PackedCondition | null | 0,
  rps: number,
  userSpaceHops: number | null,
  cpuPercent: number | null,
  rssMb: number | null,
  cpuPer1000Rps: number | null,
  publishedCpuPer1000Rps: number | null,
  updatedAt: number,
  /** Only on a row whose latency came from a recording: when it was made. */
  recordedAt?: string,
];
export interface PackedScoreboard {
  rev: number;
  rows: PackedScore[];
  /** 1: only the rows that changed since the previous broadcast (a frozen mode's row does not
   *  change, so most seconds this is the current mode's row alone); the others stay as the client
   *  has them. Without it the board is whole. */
  delta?: 1;
}

const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);
const milli = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

export function packCondition(c: MeasureCondition): PackedCondition {
  const { retries, timeout, fault, mtls } = c.policy;
  return [
    c.rps,
    c.payloadBytes,
    c.errorPercent,
    bit(retries.enabled),
    retries.attempts,
    retries.perTryTimeoutMs,
    bit(timeout.enabled),
    timeout.ms,
    fault.abortPercent,
    fault.abortStatus,
    fault.delayPercent,
    fault.delayMs,
    bit(mtls),
  ];
}

export function unpackCondition(p: PackedCondition): MeasureCondition {
  const [rps, payloadBytes, errorPercent, retries, attempts, perTryTimeoutMs, timeout, timeoutMs, abortPercent, abortStatus, delayPercent, delayMs, mtls] = p;
  return {
    rps,
    payloadBytes,
    errorPercent,
    policy: {
      retries: { enabled: retries === 1, attempts, perTryTimeoutMs },
      timeout: { enabled: timeout === 1, ms: timeoutMs },
      fault: { abortPercent, abortStatus, delayPercent, delayMs },
      mtls: mtls === 1,
    },
  };
}

export function packScoreboard(board: Scoreboard): PackedScoreboard {
  return {
    rev: board.rev,
    rows: board.rows.map((r): PackedScore => {
      const row: PackedScore = [
        r.mode,
        r.latency ? [r.latency.count, r.latency.p50Us, r.latency.p90Us, r.latency.p99Us, r.latency.maxUs, r.latency.distributionUs ?? null] : null,
        r.condition ? packCondition(r.condition) : null,
        Math.round(r.rps * 10) / 10,
        r.userSpaceHops,
        milli(r.cpuPercent),
        milli(r.rssMb),
        milli(r.cpuPer1000Rps),
        milli(r.publishedCpuPer1000Rps),
        r.updatedAt,
      ];
      if (r.recordedAt !== undefined) row.push(r.recordedAt);
      return row;
    }),
  };
}

export function unpackScoreboard(packed: PackedScoreboard): Scoreboard {
  return {
    rev: packed.rev,
    rows: packed.rows.map(
      ([mode, latency, condition, rps, userSpaceHops, cpuPercent, rssMb, cpuPer1000Rps, publishedCpuPer1000Rps, updatedAt, recordedAt]) => ({
        mode,
        latency: latency
          ? {
              count: latency[0],
              p50Us: latency[1],
              p90Us: latency[2],
              p99Us: latency[3],
              maxUs: latency[4],
              ...(latency[5] ? { distributionUs: latency[5] } : {}),
            }
          : null,
        condition: Array.isArray(condition) ? unpackCondition(condition) : null,
        rps,
        userSpaceHops,
        cpuPercent,
        rssMb,
        cpuPer1000Rps,
        publishedCpuPer1000Rps,
        updatedAt,
        ...(recordedAt === undefined ? {} : { recordedAt }),
      }),
    ),
  };
}

/** The rows of `next` that differ from `previous` (both packed), as a delta: what a screen that
 *  holds `previous` needs. A mode never leaves the board, so a row is only ever changed or new. */
export function scoreboardDelta(next: PackedScoreboard, previous: PackedScoreboard): PackedScoreboard {
  const before = new Map(previous.rows.map((r) => [r[0], r]));
  const changed = next.rows.filter((r) => JSON.stringify(before.get(r[0])) !== JSON.stringify(r));
  const condition = (r: PackedScore): PackedScore[2] => {
    const was = before.get(r[0]);
    return was && JSON.stringify(was[2]) === JSON.stringify(r[2]) ? 0 : r[2];
  };
  return { rev: next.rev, rows: changed.map((r): PackedScore => [r[0], r[1], condition(r), ...r.slice(3)] as PackedScore), delta: 1 };
}

/** The board a screen holds after `packed` arrives: a whole board replaces it, a delta replaces
 *  its rows by mode and appends new modes, as the server's board does. */
export function applyScoreboard(current: Scoreboard, packed: PackedScoreboard): Scoreboard {
  const incoming = unpackScoreboard(packed);
  if (!packed.delta) return incoming;
  const held = new Map(current.rows.map((r) => [r.mode, r]));
  const changed = new Map(incoming.rows.map((r, i) => [r.mode, packed.rows[i]![2] === 0 ? { ...r, condition: held.get(r.mode)?.condition ?? null } : r]));
  const rows = current.rows.map((r) => changed.get(r.mode) ?? r);
  for (const r of changed.values()) if (!held.has(r.mode)) rows.push(r);
  return { rev: incoming.rev, rows };
}
