// The presenter's pacing timer: elapsed/remaining time and whether the talk is ahead or behind
// the timing plan in slides/manifest.json.
import type { Deck, DeckSection, TimerState } from './types';

export const STOPPED_TIMER: TimerState = { running: false, startedAt: null, accumulatedMs: 0 };

export function elapsedMs(timer: TimerState, now: number): number {
  return timer.accumulatedMs + (timer.running && timer.startedAt !== null ? Math.max(0, now - timer.startedAt) : 0);
}

export function startTimer(timer: TimerState, now: number): TimerState {
  return timer.running ? timer : { running: true, startedAt: now, accumulatedMs: timer.accumulatedMs };
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  return timer.running ? { running: false, startedAt: null, accumulatedMs: elapsedMs(timer, now) } : timer;
}

/** The section holding `slide` and where it starts on the plan (null past the last slide). */
function locate(deck: Deck, slide: number): { section: DeckSection; startsMs: number } | null {
  let startsMs = 0;
  for (const section of deck.sections) {
    if (slide < section.firstSlide + section.slideCount) return { section, startsMs };
    startsMs += section.minutes * 60_000;
  }
  return null;
}

/** When, in the plan, the talk should reach `slide`: a section's minutes are spread evenly over its slides. */
export function plannedStartMs(deck: Deck, slide: number): number {
  const at = locate(deck, slide);
  if (!at) return deck.sections.reduce((ms, s) => ms + s.minutes * 60_000, 0);
  const perSlide = (at.section.minutes * 60_000) / Math.max(1, at.section.slideCount);
  return at.startsMs + Math.max(0, slide - at.section.firstSlide) * perSlide;
}

export interface Pacing {
  elapsedMs: number;
  remainingMs: number;
  /** Positive: behind the plan by this much; negative: ahead. */
  behindMs: number;
}

export function pacing(deck: Deck, slide: number, timer: TimerState, now: number): Pacing {
  const elapsed = elapsedMs(timer, now);
  return {
    elapsedMs: elapsed,
    remainingMs: deck.minutes * 60_000 - elapsed,
    behindMs: elapsed - plannedStartMs(deck, slide),
  };
}

export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${sign}${m}:${String(s).padStart(2, '0')}`;
}

export interface SectionPlan {
  title: string;
  minutes: number;
  /** Where the section starts and ends on the plan, from the start of the talk. */
  startsMs: number;
  endsMs: number;
}

/** The section `slide` belongs to and its slot in the timing plan. */
export function sectionPlan(deck: Deck, slide: number): SectionPlan | null {
  const at = locate(deck, slide);
  return at && { title: at.section.title, minutes: at.section.minutes, startsMs: at.startsMs, endsMs: at.startsMs + at.section.minutes * 60_000 };
}
