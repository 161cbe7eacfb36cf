import { describe, expect, it } from 'vitest';
import type { Ack } from '../contract/ack';
import type { DeckState } from '../deck/types';
import { DeckStepper, MAX_WAITING_STEPS } from './deck-stepper';

const state = (rev: number, slide: number): DeckState => ({
  epoch: 'e',
  rev,
  slide,
  fragment: -1,
  timer: { running: false, startedAt: null, accumulatedMs: 0 },
  blank: false,
  updatedAt: 0,
});

/** A server holding one deck: a step naming a revision older than its last move is stale. */
function server() {
  let deck = state(0, 0);
  const seen: (number | undefined)[] = [];
  const answer = (input: { direction: 'next' | 'prev'; at?: { epoch: string; rev: number } }): Ack<DeckState> => {
    seen.push(input.at?.rev);
    if (input.at && input.at.rev < deck.rev) return { ok: false, error: { code: 'stale', message: 'stale', deck } };
    deck = state(deck.rev + 1, deck.slide + (input.direction === 'next' ? 1 : -1));
    return { ok: true, data: deck };
  };
  return { answer, seen, now: () => deck, moveElsewhere: () => (deck = state(deck.rev + 1, deck.slide + 1)) };
}

describe('DeckStepper', () => {
  it("a window's burst of presses goes in turn, each naming the state the one before left", async () => {
    const s = server();
    let held: DeckState | null = state(0, 0);
    const stepper = new DeckStepper(
      async (i) => s.answer(i),
      () => held,
      (d) => (held = d),
    );
    const results = await Promise.all([stepper.step('next'), stepper.step('next'), stepper.step('next')]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.seen).toEqual([0, 1, 2]);
    expect(held).toMatchObject({ slide: 3 });
  });

  it('a step refused as stale shows where the deck is, and the presses queued behind it are not sent', async () => {
    const s = server();
    let held: DeckState | null = state(0, 0);
    s.moveElsewhere(); // another presenter moved; this window has not heard yet
    const stepper = new DeckStepper(
      async (i) => s.answer(i),
      () => held,
      (d) => (held = d),
    );
    const [first, second] = await Promise.all([stepper.step('next'), stepper.step('next')]);
    expect(first).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(s.seen).toEqual([0]);
    expect(held).toMatchObject({ slide: 1, rev: 1 });
    // A press after that names the state it now holds, and goes.
    expect(await stepper.step('next')).toMatchObject({ ok: true, data: { slide: 2 } });
  });

  it('refuses presses beyond the waiting limit without sending them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sent = 0;
    const stepper = new DeckStepper(
      async () => {
        sent++;
        await gate;
        return { ok: true, data: state(sent, sent) };
      },
      () => null,
      () => {},
    );
    const presses = Array.from({ length: MAX_WAITING_STEPS + 2 }, () => stepper.step('next'));
    release();
    const results = await Promise.all(presses);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate-limited')).toHaveLength(2);
    expect(sent).toBe(MAX_WAITING_STEPS);
  });
});
