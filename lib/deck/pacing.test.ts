import { describe, expect, it } from 'vitest';
import { testDeck } from '../testing/test-deck';
import { elapsedMs, formatClock, pacing, pauseTimer, plannedStartMs, sectionPlan, startTimer, STOPPED_TIMER } from './pacing';

const deck = testDeck();

describe('timer', () => {
  it('accumulates across pauses', () => {
    let t = startTimer(STOPPED_TIMER, 1000);
    expect(elapsedMs(t, 4000)).toBe(3000);
    t = pauseTimer(t, 4000);
    expect(elapsedMs(t, 99_000)).toBe(3000);
    t = startTimer(t, 100_000);
    expect(elapsedMs(t, 101_000)).toBe(4000);
    expect(startTimer(t, 200_000)).toBe(t);
  });
});

describe('plan', () => {
  it("spreads a section's minutes over its slides", () => {
    expect(plannedStartMs(deck, 0)).toBe(0);
    expect(plannedStartMs(deck, 1)).toBe(2 * 60_000);
    expect(plannedStartMs(deck, 2)).toBe(4 * 60_000);
  });

  it('says how far behind or ahead the talk is', () => {
    const t = startTimer(STOPPED_TIMER, 0);
    const p = pacing(deck, 1, t, 5 * 60_000);
    expect(p.behindMs).toBe(3 * 60_000);
    expect(p.remainingMs).toBe(5 * 60_000);
    expect(pacing(deck, 2, t, 60_000).behindMs).toBe(-3 * 60_000);
  });

  it("gives each slide its section's slot in the plan", () => {
    expect(sectionPlan(deck, 1)).toEqual({ title: 'A', minutes: 4, startsMs: 0, endsMs: 4 * 60_000 });
    expect(sectionPlan(deck, 2)).toEqual({ title: 'B', minutes: 6, startsMs: 4 * 60_000, endsMs: 10 * 60_000 });
    expect(sectionPlan(deck, 3)).toBeNull();
  });

  it('formats clocks, including overtime', () => {
    expect(formatClock(65_400)).toBe('1:05');
    expect(formatClock(-5_000)).toBe('−0:05');
  });
});
