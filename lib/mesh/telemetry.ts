// What backends stream while traffic flows: latency windows, per-hop timing and proxy overhead.
// All times are microseconds; every value is measured, never derived from a model.
import { effectivePolicy } from './capabilities';
import type { ModeId } from './modes';
import type { L7Policy, LoadSpec } from './policies';
import type { ProxyKind } from './proxy-roles';

/** The percentiles of a latency distribution curve (HDR style), in this order. */
export const DISTRIBUTION_PERCENTILES = [50, 75, 90, 95, 99, 99.9] as const;

export interface LatencySummary {
  count: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  /** Values at DISTRIBUTION_PERCENTILES; cumulative summaries carry it, windows need not. */
  distributionUs?: number[];
}

/** What a latency figure was measured under: the offered load and the L7 policy as the mode
 *  enforces it (what it cannot enforce is off). A comparison row is one condition. */
export interface MeasureCondition {
  rps: number;
  payloadBytes: number;
  /** Share of requests the leaf service fails on purpose (a flaky backend). */
  errorPercent: number;
  policy: L7Policy;
}

/** The condition `mode`'s figures are measured under with this load and this policy as the
 *  presenter set it: the policy as `mode` enforces it (effectivePolicy). Every backend builds its
 *  windows' condition with this, and compares two of them with sameCondition. */
export function conditionOf(mode: ModeId, load: Pick<LoadSpec, 'rps' | 'payloadBytes' | 'errorPercent'>, policy: L7Policy): MeasureCondition {
  return { rps: load.rps, payloadBytes: load.payloadBytes, errorPercent: load.errorPercent, policy: effectivePolicy(mode, policy) };
}

/** Whether two conditions are one measurement. A changed condition resets the measurement: the
 *  mode's cumulative figures start afresh, so a comparison row is always one condition. Any change
 *  of the offered load, the payload, the backend error rate or the policy as enforced counts,
 *  a setting of a policy that is off included (the replay's stand-in is looser on purpose:
 *  lib/replay/stand-in.ts). */
export function sameCondition(a: MeasureCondition, b: MeasureCondition): boolean {
  return sameLoad(a, b) && sameData(a.policy, b.policy);
}

/** Same offered load, payload and backend error rate: a mode's figures compare with the
 *  baseline's (No mesh enforces no policy, so the policy is the mode's own part of the difference).
 *  Null: a backend or older recording that does not say (they were one load throughout). */
export function sameLoad(a: MeasureCondition | null, b: MeasureCondition | null): boolean {
  if (!a || !b) return true;
  return a.rps === b.rps && a.payloadBytes === b.payloadBytes && a.errorPercent === b.errorPercent;
}

/** Equal plain data (numbers, booleans, strings, objects of them), whatever the order of keys. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** A window's errors and retries per second: the one way every view states them (the panel and
 *  the topology legend once disagreed — per window in one, per second in the other). */
export function perSecond(w: Pick<LatencyWindow, 'errors' | 'retries' | 'windowMs'>): { errors: number; retries: number } {
  const seconds = w.windowMs / 1000;
  return seconds > 0 ? { errors: Math.round(w.errors / seconds), retries: Math.round(w.retries / seconds) } : { errors: 0, retries: 0 };
}

export interface LatencyWindow {
  mode: ModeId;
  /** Server time at the end of the window. */
  at: number;
  windowMs: number;
  /** Requests completed in this window. */
  window: LatencySummary;
  /** Successful requests since the mode was switched on or its condition last changed, once
   *  the path settled (older recordings: since the mode was switched on). */
  cumulative: LatencySummary;
  rps: number;
  /** Failed, reset or timed-out requests and 5xx answers in the window. */
  errors: number;
  /** The window's first error, e.g. `answered 503` or `connection refused`. */
  firstError?: string;
  retries: number;
  /** The offered load, to show whether the generator kept up. */
  targetRps: number;
  /** The condition `cumulative` was measured under (absent in older recordings). */
  condition?: MeasureCondition;
  /** Set on a window played from a recording (the stage fallback, MESH_BACKEND=replay): the ISO
   *  time the recording was made, so what is built from it (the scoreboard, a poll's reveal) says
   *  recorded rather than measured live. */
  recordedAt?: string;
}

/** A proxy's role (the one list: lib/mesh/proxy-roles.ts). */
export type { ProxyKind };

export interface HopTiming {
  proxyId: string;
  /** The proxy's listener: path hops name it, so a waterfall can put each share where it belongs. */
  listener: string;
  kind: ProxyKind;
  /** Requests (L7) or relayed chunks (L4) seen in the window. */
  count: number;
  /** Time the proxy itself spent per request (L7: total minus upstream; L4: per-chunk relay). */
  selfP50Us: number;
  selfP90Us: number;
  l7: boolean;
}

export interface ProxyResources {
  proxyId: string;
  kind: ProxyKind;
  /** CPU time per wall time over the window, in percent of one core. */
  cpuPercent: number;
  rssMb: number;
}

/** One latency window, compact, as charts keep it (the server's recent history is a list of these). */
export interface LatencyPoint {
  at: number;
  mode: ModeId;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  rps: number;
  errors: number;
  retries: number;
}

export const toPoint = (w: LatencyWindow): LatencyPoint => ({
  at: w.at,
  mode: w.mode,
  p50Us: w.window.p50Us,
  p90Us: w.window.p90Us,
  p99Us: w.window.p99Us,
  rps: w.rps,
  errors: w.errors,
  retries: w.retries,
});

export interface HopsSample {
  mode: ModeId;
  at: number;
  /** The span each hop timing covers: every proxy's stats window (the lab's `windowMs`), so a view
   *  can say which window a figure is the p50 of. Absent in older recordings. */
  windowMs?: number;
  hops: HopTiming[];
  resources: ProxyResources[];
}
