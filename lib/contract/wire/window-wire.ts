// A latency window as it goes over the socket, 4 times a second to every screen in the room: a
// tuple of the numbers the screens draw, instead of an object that repeated its keys and carried
// the measurement's condition (the policy, ~270 B) and the cumulative distribution — both on the
// scoreboard already, once a second. ~75 B instead of ~580 (its test checks the ratio). Packed
// on the server, unpacked at the client's edge (use-channel); nothing else sees this shape.
import type { ModeId } from '../../mesh/modes';
import type { LatencySummary, LatencyWindow } from '../../mesh/telemetry';

type Summary4 = [count: number, p50Us: number, p90Us: number, p99Us: number, maxUs: number];

export type PackedWindow = [
  mode: ModeId,
  at: number,
  windowMs: number,
  window: Summary4,
  cumulative: Summary4,
  rps: number,
  errors: number,
  retries: number,
  targetRps: number,
  firstError?: string,
];

const pack4 = (s: LatencySummary): Summary4 => [s.count, Math.round(s.p50Us), Math.round(s.p90Us), Math.round(s.p99Us), Math.round(s.maxUs)];
const unpack4 = ([count, p50Us, p90Us, p99Us, maxUs]: Summary4): LatencySummary => ({ count, p50Us, p90Us, p99Us, maxUs });
/** Rates to one decimal: the screens show whole requests per second. */
const tenth = (n: number) => Math.round(n * 10) / 10;

export function packWindow(w: LatencyWindow): PackedWindow {
  const packed: PackedWindow = [w.mode, w.at, w.windowMs, pack4(w.window), pack4(w.cumulative), tenth(w.rps), w.errors, w.retries, tenth(w.targetRps)];
  if (w.firstError) packed.push(w.firstError);
  return packed;
}

/** The window as the screens use it: no condition (the scoreboard has it), no distribution. */
export function unpackWindow(p: PackedWindow): LatencyWindow {
  const [mode, at, windowMs, window, cumulative, rps, errors, retries, targetRps, firstError] = p;
  return {
    mode,
    at,
    windowMs,
    window: unpack4(window),
    cumulative: unpack4(cumulative),
    rps,
    errors,
    retries,
    targetRps,
    ...(firstError ? { firstError } : {}),
  };
}
