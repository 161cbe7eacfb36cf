// The demo's story step by step (pure): a recorded chapter that walks several data planes under one
// slide is cut into beats, one per stretch of the recording the screens showed one thing — a mode,
// and what it did with the slide's policy — each said in words from the recorded state itself
// ("Now: Ambient — retries not enforced: the backend's errors reach the client", and why: "ztunnel
// is L4 only…"), timed where the recording has it. Nothing here is written per slide: a beat says what
// the recorded demo state says.
import { MODES, type ModeId } from '../mesh/modes';
import type { PolicyEnforcement } from '../mesh/capabilities';
import { RATE_SPAN_MS, slideFigures, type FigureId } from '../viz/live-figures';
import type { RecordedDemoState, Recording } from './recording';
import type { Chapter } from './talk-timeline';

export interface Beat {
  mode: ModeId;
  /** Talk time the beat starts and ends (inside its chapter). */
  from: number;
  to: number;
  /** What the screens show in this stretch, in words. */
  text: string;
  /** Why a policy is refused, or how calls are secured (null: nothing to add). */
  detail: string | null;
  /** Whether the slide's policy is refused by this mode (the part of the story said in warning). */
  refused: boolean;
  /** A mode switch under way (no chip of its own: the mode after it has one). */
  switching: boolean;
  /** Where its chip and the arrow keys land (talk time): once the screens show its mode measured
   *  under its condition — a settled latency window and, where the recording has them, a hop
   *  sample — and its rates cover only it (RATE_SPAN_MS later, within the beat), so a jump never
   *  lands on "warming up" or a half-counted rate under words that claim a result. Its start when
   *  the recording has no measurement of it. */
  landing: number;
}

/** A stretch shorter than this is a transition (a policy set a moment after its mode), not a beat:
 *  the beat of its mode beside it takes it. */
export const MIN_BEAT_MS = 1_500;

const percent = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} %`;

/** One policy as this mode applies it: the headline's words, and why when it is refused. */
function policyPhrase(state: RecordedDemoState, e: PolicyEnforcement): { words: string; why: string | null } | null {
  const { policy, load } = state;
  const why = e.enforced ? null : (e.reason ?? 'no L7 proxy on the path');
  switch (e.key) {
    case 'retries':
      if (!policy.retries.enabled) return null;
      if (load.errorPercent === 0) return { words: e.enforced ? 'retries enforced' : 'retries not enforced', why };
      return {
        words: e.enforced
          ? "retries enforced: the backend's errors are retried before the client sees them"
          : "retries not enforced: the backend's errors reach the client",
        why,
      };
    case 'timeout':
      if (!policy.timeout.enabled) return null;
      return { words: e.enforced ? `a ${policy.timeout.ms} ms timeout enforced` : 'timeout not enforced', why };
    case 'fault': {
      const { delayPercent, delayMs, abortPercent, abortStatus } = policy.fault;
      const faults = [
        delayPercent > 0 ? `${delayMs} ms delay on ${percent(delayPercent)} of requests` : null,
        abortPercent > 0 ? `${abortStatus} on ${percent(abortPercent)} of requests` : null,
      ].filter(Boolean);
      if (faults.length === 0) return null;
      return { words: e.enforced ? `faults injected: ${faults.join(', ')}` : `no fault injected (asked: ${faults.join(', ')})`, why };
    }
    case 'mtls':
      return null;
  }
}

/** A reason as the capability table words it, closed (its first word keeps its case: "ztunnel", "eBPF"). */
const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** What a recorded demo state shows, in words: a headline, the reason a policy is refused (or how
 *  calls are secured), and whether a policy of the slide is refused. */
export function beatText(state: RecordedDemoState): { text: string; detail: string | null; refused: boolean } {
  const mode = MODES[state.mode];
  // A recording from before enforcement was recorded says where the proxies sit, and no more.
  const enforcement = state.enforcement ?? [];
  if (state.switching)
    return { text: `Switching from ${MODES[state.switching.from].label} to ${MODES[state.switching.to].label}…`, detail: null, refused: false };
  const phrases = enforcement.map((e) => policyPhrase(state, e)).filter((p) => p !== null);
  if (phrases.length > 0) {
    const whys = [...new Set(phrases.flatMap((p) => (p.why ? [sentence(p.why)] : [])))];
    return { text: `Now: ${mode.label} — ${phrases.map((p) => p.words).join('; ')}`, detail: whys.join(' ') || null, refused: whys.length > 0 };
  }
  // No L7 policy on the slide: where the proxies sit, and whether calls are mTLS.
  const mtls = enforcement.find((e) => e.key === 'mtls');
  const detail = !mtls ? null : mtls.enforced ? 'mTLS on every call.' : `No mTLS — ${sentence(mtls.reason ?? 'nothing carries it')}`;
  return { text: `Now: ${mode.label} — ${mode.placement}`, detail, refused: false };
}

/** The beats of a chapter that plays a recorded stretch (none for a chapter without one). */
export function chapterBeats(rec: Recording, chapter: Chapter): Beat[] {
  if (!chapter.rec) return [];
  const { from: recFrom, to: recTo } = chapter.rec;
  const talk = (recT: number) => chapter.from + Math.max(0, recT - recFrom);
  // Each demo state the recording holds in the stretch, the one already on screen at its start first.
  const states: { t: number; state: RecordedDemoState }[] = [];
  for (const e of rec.events) {
    if (e.k !== 'demo') continue;
    if (e.t <= recFrom) states.splice(0, states.length, { t: recFrom, state: e.state });
    else if (e.t < recTo) states.push({ t: e.t, state: e.state });
    else break;
  }
  // Each beat remembers when its own state came (a transition merged in before it is not it).
  const raw: (Beat & { stateAt: number })[] = [];
  for (const { t, state } of states) {
    const words = beatText(state);
    const last = raw[raw.length - 1];
    if (last && last.text === words.text && last.detail === words.detail) continue;
    if (last) last.to = talk(t);
    raw.push({ mode: state.mode, from: talk(t), to: chapter.to, ...words, switching: state.switching !== null, landing: talk(t), stateAt: t });
  }
  // A transition (a policy set a moment after its mode, the mode before it winding down) joins the
  // beat of its own mode next to it, so no beat names a mode the screens are not showing; one with
  // no neighbour of its mode stays its own, however short (the slide opens on what was running).
  const beats: (Beat & { stateAt: number })[] = [];
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    const prev = beats[beats.length - 1];
    const next = raw[i + 1];
    const short = b.to - b.from < MIN_BEAT_MS;
    if (short && next && next.mode === b.mode && !b.switching)
      next.from = b.from; // keeps its own stateAt
    else if (prev && ((short && prev.mode === b.mode) || (prev.text === b.text && prev.detail === b.detail))) prev.to = b.to;
    else beats.push({ ...b });
  }
  return beats.map(({ stateAt, ...b }) => {
    const end = recFrom + (b.to - chapter.from);
    const measured = landingOf(rec, b.mode, stateAt, end);
    // Once measured, a rate still counts the seconds before it (its window is RATE_SPAN_MS): land
    // when that window is the mode's own, or just before the beat ends if it is shorter.
    const landing = measured === stateAt ? measured : Math.max(measured, Math.min(measured + RATE_SPAN_MS, end - SETTLE_MARGIN_MS));
    return { ...b, landing: talk(landing) };
  });
}

/** How long before a beat's end a jump may land at the latest. */
const SETTLE_MARGIN_MS = 500;

/** The first time in [from, to) the recording has `mode` measured: a latency window with a settled
 *  summary and, if it has any there, a hop sample (`from` when it has neither). */
function landingOf(rec: Recording, mode: ModeId, from: number, to: number): number {
  let settled: number | null = null;
  let hops: number | null = null;
  for (const e of rec.events) {
    if (e.t < from) continue;
    if (e.t >= to) break;
    if (settled === null && e.k === 'latency' && e.window.mode === mode && e.window.cumulative.count > 0) settled = e.t;
    if (hops === null && e.k === 'hops' && e.sample.mode === mode) hops = e.t;
    if (settled !== null && hops !== null) break;
  }
  return Math.max(settled ?? from, hops ?? from);
}

/** The beat playing at talk time t (null outside the beats). */
export function beatAt(beats: readonly Beat[], t: number): Beat | null {
  return beats.find((b) => t >= b.from && t < b.to) ?? (beats.length > 0 && t >= beats[beats.length - 1]!.to ? beats[beats.length - 1]! : null);
}

/** The one number a demo chapter's story turns on, to show big beside its beats where the slide does
 *  not: a slide that names its figures (`data-demo-figures`: the errors of the retries story, the
 *  p50 and p99 of a fault's delay) shows them large in its own panel; a latency or waterfall
 *  slide's story is the tail (p99); a topology or comparison slide is about something else. The
 *  value itself is the panel's (lib/viz/live-figures.ts), so two views of it never disagree. */
export function storyFigure(slide: { html: string; demo?: string | undefined }): FigureId | null {
  if (slideFigures(slide.html).length > 0) return null;
  return slide.demo === 'latency' || slide.demo === 'waterfall' ? 'p99' : null;
}
