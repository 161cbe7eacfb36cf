import { describe, expect, it } from 'vitest';
import type { Ack } from '../contract/ack';
import type { DeckState } from '../deck/types';
import { DeckStepper, MAX_WAITING_STEPS, type StepSend } from './deck-stepper';

const state = (rev: number, slide: number): DeckState => ({
  epoch: 'e',
  rev,
  slide,
  fragment: -1,
  timer: { running: false, startedAt: null, accumulatedMs: 0 },
  blank: false,
  light: false,
  updatedAt: 0,
});

/** A server holding one deck: a step naming a revision older than its last move is stale. */
function server() {
  let deck = state(0, 0);
  const seen: (number | undefined)[] = [];
  const answer = (input: Parameters<StepSend>[0]): Ack<DeckState> => {
    seen.push(input.at?.rev);
    if (input.at && input.at.rev < deck.rev) return { ok: false, error: { code: 'stale', message: 'stale', deck } };
    deck = state(deck.rev + 1, deck.slide + (input.direction === 'next' ? 1 : -1));
    return { ok: true, data: deck };
  };
  return { answer, seen, now: () => deck, moveElsewhere: () => (deck = state(deck.rev + 1, deck.slide + 1)) };
}

/** A window holding what it was last told. */
function window(send: StepSend, start: DeckState | null = state(0, 0)) {
  let held = start;
  const stepper = new DeckStepper(
    send,
    () => held,
    (d) => (held = !held || d.rev >= held.rev ? d : held),
  );
  return { stepper, held: () => held, hear: (d: DeckState) => (held = d) };
}

describe('DeckStepper', () => {
  it("a window's burst of presses goes in turn, each naming the state the one before left", async () => {
    const s = server();
    const w = window(async (i) => s.answer(i));
    const results = await Promise.all([w.stepper.step('next'), w.stepper.step('next'), w.stepper.step('next')]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.seen).toEqual([0, 1, 2]);
    expect(w.held()).toMatchObject({ slide: 3 });
  });

  it('a step refused as stale shows where the deck is; a press queued behind it names what was on screen, and is refused too', async () => {
    const s = server();
    const w = window(async (i) => s.answer(i));
    s.moveElsewhere(); // a co-presenter moved; this window has not heard yet
    const [first, second] = await Promise.all([w.stepper.step('next'), w.stepper.step('next')]);
    expect(first).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(s.seen).toEqual([0, 0]);
    expect(w.held()).toMatchObject({ slide: 1, rev: 1 });
    // A press after that names the state it now holds, and goes.
    expect(await w.stepper.step('next')).toMatchObject({ ok: true, data: { slide: 2 } });
  });

  it("a press behind a step that got no answer does not ride over a co-presenter's move", async () => {
    const s = server();
    let lose = true;
    const w = window(async (i) => {
      if (lose) {
        lose = false;
        s.moveElsewhere(); // meanwhile the co-presenter moves (rev 1)
        return { ok: false, error: { code: 'unavailable', message: 'no answer' } };
      }
      return s.answer(i);
    });
    const [first, second] = await Promise.all([w.stepper.step('next'), w.stepper.step('next')]);
    expect(first.ok).toBe(false);
    // The second was pressed on rev 0, as the screen showed: refused, not applied on top of rev 1.
    expect(second).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(s.now()).toMatchObject({ rev: 1, slide: 1 });
  });

  it("a press made after the window saw the co-presenter's move names that move, and goes", async () => {
    const s = server();
    const w = window(async (i) => s.answer(i));
    w.hear(s.moveElsewhere());
    expect(await w.stepper.step('next')).toMatchObject({ ok: true, data: { slide: 2, rev: 2 } });
  });

  it('refuses presses beyond the waiting limit without sending them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sent = 0;
    const w = window(async () => {
      sent++;
      await gate;
      return { ok: true, data: state(sent, sent) };
    }, null);
    const presses = Array.from({ length: MAX_WAITING_STEPS + 2 }, () => w.stepper.step('next'));
    release();
    const results = await Promise.all(presses);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate-limited')).toHaveLength(2);
    expect(sent).toBe(MAX_WAITING_STEPS);
  });
});
