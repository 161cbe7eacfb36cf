// Which stretches of a recording may stand in for the demo as the presenter set it (pure). A tour
// runs each mode under a few conditions — no policy, retries over a flaky backend, a delay fault —
// and a stretch measured under one condition says nothing true about another: played under
// "retries on, 10 % errors", a plain ambient stretch showed 0 errors/s beside "retries not
// enforced", and under a delay fault a p50 the fault never touched. So a stretch plays only where
// its condition is the one set now, as the mode enforces it; where none is, nothing plays and the
// demo says what the recording lacks.
import { capability, effectivePolicy } from '../mesh/capabilities';
import { MODES, type ModeId } from '../mesh/modes';
import { perTryTimeout, type L7Policy, type LoadSpec } from '../mesh/policies';
import { conditionOf, type HopsSample, type LatencyWindow, type MeasureCondition } from '../mesh/telemetry';
import type { TopologySnapshot } from '../mesh/topology';
import type { RecordedDemoState, Recording } from './recording';

/** What the demo is set to now: the policy as the presenter set it (not as the mode enforces it). */
export interface DemoCondition {
  mode: ModeId;
  policy: L7Policy;
  load: Pick<LoadSpec, 'rps' | 'errorPercent'>;
}

/** A measurement to play, with the time since the one before it in its stretch (the first: 0). */
export type RecordedBeat = { dt: number; k: 'latency'; window: LatencyWindow } | { dt: number; k: 'hops'; sample: HopsSample };

/** Part of a recording in which one mode ran under one condition, with no switch under way. */
export interface RecordedStretch {
  mode: ModeId;
  /** The policy as the mode enforced it: what it cannot enforce is off (it did nothing). */
  policy: L7Policy;
  errorPercent: number;
  from: number;
  to: number;
  beats: RecordedBeat[];
  /** The slowest successful request of its windows and the requests that failed: whether a
   *  timeout could have fired in it (see sameTimeout). */
  slowestUs: number;
  errors: number;
}

export interface RecordingIndex {
  stretches: RecordedStretch[];
  /** Each mode's last recorded topology: where its proxies sit does not depend on the policy. */
  topology: Partial<Record<ModeId, TopologySnapshot>>;
}

export type StandIn =
  /** Every stretch recorded under the condition set now, in recording order; `beats` is them end to end. */
  | { kind: 'recorded'; stretches: RecordedStretch[]; beats: RecordedBeat[]; topology: TopologySnapshot | null }
  /** No load is offered: live, nothing would be measured either. */
  | { kind: 'no-load'; say: string; topology: TopologySnapshot | null }
  /** The recording never ran this mode under this condition: nothing plays rather than another condition's numbers. */
  | { kind: 'unrecorded'; say: string; topology: TopologySnapshot | null };

/** Splits a recording into its stretches: a new one at every change of mode, enforced policy or
 *  backend error rate; none while a switch runs (its windows are the old mode draining). */
export function indexRecording(rec: Recording): RecordingIndex {
  const stretches: RecordedStretch[] = [];
  const topology: RecordingIndex['topology'] = {};
  let open: RecordedStretch | null = null;
  let lastT = 0;
  const close = (t: number) => {
    if (open) {
      open.to = t;
      if (open.beats.length > 0) stretches.push(open);
    }
    open = null;
  };
  for (const e of rec.events) {
    // The demo's kinds only: slides and the room (a live talk's audience) are not the demo.
    if (e.k !== 'demo' && e.k !== 'latency' && e.k !== 'hops') continue;
    if (e.k === 'demo') {
      const s = e.state;
      if (s.topology) topology[s.topology.mode] = s.topology;
      if (open && (s.switching || !sameStretch(open, s))) close(e.t);
      if (!open && !s.switching) {
        const measured = conditionOf(s.mode, s.load, s.policy);
        open = {
          mode: s.mode,
          policy: measured.policy,
          errorPercent: measured.errorPercent,
          from: e.t,
          to: e.t,
          beats: [],
          slowestUs: 0,
          errors: 0,
        };
      }
      continue;
    }
    const stretch: RecordedStretch | null = open;
    if (!stretch) continue;
    const dt = stretch.beats.length === 0 ? 0 : e.t - lastT;
    if (e.k === 'latency') {
      const w = e.window;
      // Settled windows only (the cumulative figures start once the path settled), and none that
      // says it was measured under another condition (the first after a change holds older requests).
      if (w.mode !== stretch.mode || w.cumulative.count === 0 || (w.condition && !agrees(w.condition, stretch))) continue;
      stretch.beats.push({ dt, k: 'latency', window: w });
      if (w.window.count > 0) stretch.slowestUs = Math.max(stretch.slowestUs, w.window.maxUs);
      stretch.errors += w.errors;
    } else {
      // A stretch starts at its first settled window: hop samples before it would play seconds
      // of a panel with no numbers (a delay fault's stretch settles ~10 s in).
      if (e.sample.mode !== stretch.mode || !stretch.beats.some((b) => b.k === 'latency')) continue;
      stretch.beats.push({ dt, k: 'hops', sample: e.sample });
    }
    lastT = e.t;
  }
  close(rec.meta.durationMs);
  return { stretches, topology };
}

/** What of the recording may play for the demo as it is set now. */
export function standIn(index: RecordingIndex, asked: DemoCondition): StandIn {
  const topology = index.topology[asked.mode] ?? null;
  const label = MODES[asked.mode].label;
  if (asked.load.rps <= 0) return { kind: 'no-load', say: 'No load is set: nothing is measured, so nothing recorded plays.', topology };
  const policy = effectivePolicy(asked.mode, asked.policy);
  const ofMode = index.stretches.filter((s) => s.mode === asked.mode);
  const stretches = ofMode.filter((s) => s.errorPercent === asked.load.errorPercent && samePolicy(s, policy));
  if (stretches.length === 0) {
    const recorded = [...new Set(ofMode.map((s) => describeCondition(s.mode, s.policy, s.errorPercent)))];
    const has = recorded.length > 0 ? `The recording has ${label} with ${recorded.join('; with ')}.` : `The recording never ran ${label}.`;
    return {
      kind: 'unrecorded',
      say: `No recording of ${label} with ${describeCondition(asked.mode, policy, asked.load.errorPercent)}: no numbers rather than another condition's. ${has}`,
      topology,
    };
  }
  return { kind: 'recorded', stretches, beats: stretches.flatMap((s) => s.beats), topology };
}

/** The condition in words, as the panel sets it: `retries (3 tries, 300 ms per try), 10 % backend errors`. */
export function describeCondition(mode: ModeId, policy: L7Policy, errorPercent: number): string {
  const { retries, timeout, fault } = policy;
  const perTry = perTryTimeout(retries);
  const parts = [
    retries.enabled ? `retries (${retries.attempts} tries, ${perTry === null ? 'no per-try timeout' : `${perTry} ms per try`})` : null,
    timeout.enabled ? `a ${timeout.ms} ms timeout` : null,
    fault.abortPercent > 0 ? `${fault.abortPercent} % aborted (${fault.abortStatus})` : null,
    fault.delayPercent > 0 ? `a ${fault.delayMs} ms delay on ${fault.delayPercent} %` : null,
    // Only where the mode could have it on: "mTLS off" for No mesh would be noise.
    !policy.mtls && capability(mode, 'mtls').supported ? 'mTLS off' : null,
    errorPercent > 0 ? `${errorPercent} % backend errors` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : 'no L7 policy and no backend errors';
}

/** Whether a recorded demo state is still the open stretch's: looser than sameCondition (the
 *  backends' rule for restarting a measurement) on purpose — a stretch is one mode, one policy in
 *  effect (canonical) and one backend error rate, whatever the offered load. */
function sameStretch(open: RecordedStretch, s: RecordedDemoState): boolean {
  const measured = conditionOf(s.mode, s.load, s.policy);
  return (
    open.mode === s.mode && open.errorPercent === measured.errorPercent && JSON.stringify(canonical(open.policy)) === JSON.stringify(canonical(measured.policy))
  );
}

/** A window's own condition (as the backend measured it) against its stretch's, by the stretch's
 *  looser rule (sameStretch). */
function agrees(c: MeasureCondition, s: RecordedStretch): boolean {
  return c.errorPercent === s.errorPercent && JSON.stringify(canonical(effectivePolicy(s.mode, c.policy))) === JSON.stringify(canonical(s.policy));
}

/** Only what does something: the attempts of retries that are off, the status of no aborts and the
 *  length of no delays do not make two conditions differ. */
function canonical(p: L7Policy) {
  return {
    retries: p.retries.enabled ? { attempts: p.retries.attempts, perTryTimeoutMs: perTryTimeout(p.retries) } : null,
    timeout: p.timeout.enabled ? p.timeout.ms : null,
    abort: p.fault.abortPercent > 0 ? [p.fault.abortPercent, p.fault.abortStatus] : null,
    delay: p.fault.delayPercent > 0 ? [p.fault.delayPercent, p.fault.delayMs] : null,
    mtls: p.mtls,
  };
}

/** The stretch's enforced policy against the one asked for (both as the mode enforces them). */
function samePolicy(s: RecordedStretch, asked: L7Policy): boolean {
  const a = canonical(s.policy);
  const b = canonical(asked);
  if (a.mtls !== b.mtls || JSON.stringify([a.abort, a.delay]) !== JSON.stringify([b.abort, b.delay])) return false;
  if ((a.retries === null) !== (b.retries === null) || a.retries?.attempts !== b.retries?.attempts) return false;
  return sameTimeout(s, a.retries?.perTryTimeoutMs ?? null, b.retries?.perTryTimeoutMs ?? null) && sameTimeout(s, a.timeout, b.timeout);
}

/**
 * Two timeouts (null: none) gave the same numbers over a stretch if they are equal, or if neither
 * could have fired in it: no request failed and every one was faster than both. The panel's
 * retry toggle sets a 500 ms per-try timeout; over a stretch whose slowest request took 8 ms, one
 * recorded with 300 ms is the same measurement. A stretch with failures keeps its timeout exact:
 * a failure may have been that timeout firing.
 */
function sameTimeout(s: RecordedStretch, recordedMs: number | null, askedMs: number | null): boolean {
  if (recordedMs === askedMs) return true;
  const firedOnNothing = (ms: number | null) => ms === null || (s.errors === 0 && ms * 1000 > s.slowestUs);
  return firedOnNothing(recordedMs) && firedOnNothing(askedMs);
}
