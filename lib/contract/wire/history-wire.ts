// The last minute of latency points as sent to a connecting screen: columns instead of one object
// per point (no key repeated 240 times), times as steps from the first, each run of one mode once.
// It was 18.5 KB of every phone's first snapshot; packed it is under half (its test checks). Packed on the
// server, unpacked at the client's edge (use-channel); nothing else sees this shape.
import type { ModeId } from '../../mesh/modes';
import type { LatencyPoint } from '../../mesh/telemetry';

export interface PackedHistory {
  /** Time of the first point (ms); `dt[i]` is point i's time minus point i − 1's (dt[0] = 0). */
  t0: number;
  dt: number[];
  /** Runs of one mode: [mode, how many points in a row]. */
  modes: [ModeId, number][];
  p50Us: number[];
  p90Us: number[];
  p99Us: number[];
  rps: number[];
  errors: number[];
  retries: number[];
}

export function packHistory(points: LatencyPoint[]): PackedHistory {
  const modes: [ModeId, number][] = [];
  for (const p of points) {
    const run = modes[modes.length - 1];
    if (run && run[0] === p.mode) run[1]++;
    else modes.push([p.mode, 1]);
  }
  const column = (key: 'p50Us' | 'p90Us' | 'p99Us' | 'rps' | 'errors' | 'retries') => points.map((p) => p[key]);
  return {
    t0: points[0]?.at ?? 0,
    dt: points.map((p, i) => (i === 0 ? 0 : p.at - points[i - 1]!.at)),
    modes,
    p50Us: column('p50Us'),
    p90Us: column('p90Us'),
    p99Us: column('p99Us'),
    rps: column('rps'),
    errors: column('errors'),
    retries: column('retries'),
  };
}

export function unpackHistory(packed: PackedHistory): LatencyPoint[] {
  const modes = packed.modes.flatMap(([mode, n]) => Array<ModeId>(n).fill(mode));
  let at = packed.t0;
  return packed.dt.map((dt, i) => {
    at += dt;
    return {
      at,
      mode: modes[i]!,
      p50Us: packed.p50Us[i]!,
      p90Us: packed.p90Us[i]!,
      p99Us: packed.p99Us[i]!,
      rps: packed.rps[i]!,
      errors: packed.errors[i]!,
      retries: packed.retries[i]!,
    };
  });
}
