// The presenter's pacing timer: elapsed/remaining time and whether the talk is ahead or behind
// the timing plan in slides/manifest.json.
import type { Deck, TimerState } from './types';

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

/** When, in the plan, the talk should reach `slide`: a section's minutes are spread evenly over its slides. */
export function plannedStartMs(deck: Deck, slide: number): number {
  let ms = 0;
  for (const section of deck.sections) {
    const end = section.firstSlide + section.slideCount;
    const perSlide = (section.minutes * 60_000) / Math.max(1, section.slideCount);
    if (slide >= end) {
      ms += section.minutes * 60_000;
      continue;
    }
    return ms + Math.max(0, slide - section.firstSlide) * perSlide;
  }
  return ms;
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
  let startsMs = 0;
  for (const section of deck.sections) {
    const endsMs = startsMs + section.minutes * 60_000;
    if (slide >= section.firstSlide && slide < section.firstSlide + section.slideCount) {
      return { title: section.title, minutes: section.minutes, startsMs, endsMs };
    }
    startsMs = endsMs;
  }
  return null;
}
