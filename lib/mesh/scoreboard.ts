// The per-mode comparison the audience remembers, built from what the backend measured this
// session: each mode's cumulative latency, the user-space hops its path crosses, what its proxies
// cost. Pure reducers; the server holds the one copy and broadcasts it about once a second.
import type { ModeId } from './modes';
import { sameLoad, type HopsSample, type LatencySummary, type LatencyWindow, type MeasureCondition } from './telemetry';
import type { TopologySnapshot } from './topology';
import { publishedPathCpuPer1000 } from './published-figures';

export interface ModeScore {
  mode: ModeId;
  /** Cumulative latency since the mode was last switched on or its condition changed (null
   *  until it carried traffic). */
  latency: LatencySummary | null;
  /** What `latency` was measured under (null from backends and recordings that do not say). */
  condition: MeasureCondition | null;
  /** Achieved requests per second in the latest window. */
  rps: number;
  /** User-space proxies one request crosses end to end (from the backend's topology). */
  userSpaceHops: number | null;
  /** All of the mode's proxies together: CPU in percent of one core, and resident memory. */
  cpuPercent: number | null;
  rssMb: number | null;
  /** Proxy CPU per 1000 requests per second, in vCPU (cpu / rps, scaled). */
  cpuPer1000Rps: number | null;
  /** What Istio's published per-proxy figures charge the same path, in the same unit (null when
   *  a proxy on it has none, e.g. Cilium's node Envoy): shown beside the lab's own figure. */
  publishedCpuPer1000Rps: number | null;
  updatedAt: number;
  /** When `latency` came from a recording (the stage fallback, MESH_BACKEND=replay, /replay): the
   *  ISO time it was made. Absent: measured live. */
  recordedAt?: string;
}

export interface Scoreboard {
  rev: number;
  rows: ModeScore[];
}

export const EMPTY_SCOREBOARD: Scoreboard = { rev: 0, rows: [] };

/** Weight of the newest resource sample: proxies' CPU jitters sample to sample. */
const SMOOTHING = 0.3;

function upsert(board: Scoreboard, mode: ModeId, at: number, patch: (row: ModeScore) => Partial<ModeScore>): Scoreboard {
  const current = board.rows.find((r) => r.mode === mode) ?? {
    mode,
    latency: null,
    condition: null,
    rps: 0,
    userSpaceHops: null,
    cpuPercent: null,
    rssMb: null,
    cpuPer1000Rps: null,
    publishedCpuPer1000Rps: null,
    updatedAt: at,
  };
  const next = { ...current, ...patch(current), updatedAt: at };
  const rows = board.rows.some((r) => r.mode === mode) ? board.rows.map((r) => (r.mode === mode ? next : r)) : [...board.rows, next];
  return { rev: board.rev + 1, rows };
}

export function withLatency(board: Scoreboard, w: LatencyWindow): Scoreboard {
  if (w.cumulative.count === 0) return board;
  return upsert(board, w.mode, w.at, (row) => {
    // A smaller cumulative count means the mode was switched on again or its condition changed:
    // its cost starts over too.
    const fresh = row.latency !== null && w.cumulative.count < row.latency.count;
    const cpuPercent = fresh ? null : row.cpuPercent;
    return {
      latency: w.cumulative,
      condition: w.condition ?? null,
      rps: w.rps,
      cpuPercent,
      cpuPer1000Rps: perThousand(cpuPercent, w.rps),
      recordedAt: w.recordedAt,
    };
  });
}

/** Where rows' figures came from: measured live, recorded (the recordings' dates), or both. */
export function provenance(rows: Pick<ModeScore, 'recordedAt'>[]): { live: boolean; recorded: string[] } {
  return {
    live: rows.some((r) => r.recordedAt === undefined),
    recorded: [...new Set(rows.flatMap((r) => (r.recordedAt === undefined ? [] : [r.recordedAt.slice(0, 10)])))],
  };
}

/** Whether a measurement of `mode` counts on the scoreboard: only while `mode` is the demo's
 *  mode and no switch is under way. A mode's figures are frozen when it is switched away — its
 *  last windows (the load draining) and the samples of its proxies being torn down had sent a
 *  waypoint's vCPU per 1000 rps from 4.29 to 14.36 after the switch. */
export function counts(demo: { mode: ModeId; switching: unknown } | null, mode: ModeId): boolean {
  return demo !== null && demo.mode === mode && !demo.switching;
}

export function withHops(board: Scoreboard, sample: HopsSample): Scoreboard {
  const cpu = sample.resources.reduce((a, r) => a + r.cpuPercent, 0);
  const rss = sample.resources.reduce((a, r) => a + r.rssMb, 0);
  return upsert(board, sample.mode, sample.at, (row) => {
    const cpuPercent = row.cpuPercent === null ? cpu : row.cpuPercent + SMOOTHING * (cpu - row.cpuPercent);
    return { cpuPercent, rssMb: rss, cpuPer1000Rps: perThousand(cpuPercent, row.rps) };
  });
}

export function withTopology(board: Scoreboard, topology: TopologySnapshot): Scoreboard {
  const row = board.rows.find((r) => r.mode === topology.mode);
  const published = publishedPathCpuPer1000(topology);
  if (row && row.userSpaceHops === topology.userSpaceHops && row.publishedCpuPer1000Rps === published) return board;
  return upsert(board, topology.mode, topology.at, () => ({ userSpaceHops: topology.userSpaceHops, publishedCpuPer1000Rps: published }));
}

function perThousand(cpuPercent: number | null, rps: number): number | null {
  if (cpuPercent === null || rps <= 0) return null;
  return cpuPercent / 100 / (rps / 1000);
}

/** Samples a percentile needs before a difference of two of them means anything: ten beyond it
 *  (a p99 of 300 requests is their third-slowest — one stall, not a tail). */
export const MIN_SAMPLES = { p50Us: 20, p90Us: 100, p99Us: 1000 } as const;

/** Latency this mode adds over the no-mesh baseline at a percentile, in µs: null without both,
 *  with too few samples on either side, or when the two were measured under different loads (sameLoad). */
export function addedUs(board: Scoreboard, mode: ModeId, at: keyof typeof MIN_SAMPLES): number | null {
  const base = board.rows.find((r) => r.mode === 'none');
  const mine = board.rows.find((r) => r.mode === mode);
  if (!base?.latency || !mine?.latency || mode === 'none' || !sameLoad(base.condition, mine.condition)) return null;
  if (Math.min(base.latency.count, mine.latency.count) < MIN_SAMPLES[at]) return null;
  return mine.latency[at] - base.latency[at];
}
