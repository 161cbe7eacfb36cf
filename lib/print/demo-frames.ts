// Which recorded frame the handout prints on each demo slide (pure): the recording as it stood at
// the end of its stretch on that slide — the last thing the replay shows there before it moves on.
// The same shapes the replay writes into its channel store, so the same components draw them.
import type { Deck } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { Recording, RecordingMeta } from '../replay/recording';
import { frameAt, type ReplayFrame } from '../replay/replay-state';
import { recordedStretches } from '../replay/talk-timeline';

/** What the dashboard reads from the store for one slide (the replay's `demo:frame`). */
export type DemoFrameData = Pick<ReplayFrame, 'demo' | 'latency' | 'hops' | 'history' | 'scores'>;

export interface PrintedDemoFrame {
  slideId: string;
  /** The recording's time of the printed frame (ms from its start). */
  recT: number;
  frame: DemoFrameData;
}

/** The time of the last event in [from, to): the next stretch's first events (its deck event, a
 *  mode switch at the same instant) belong to the next slide, as they do in the replay. */
export function stretchEnd(rec: Recording, stretch: { from: number; to: number }): number {
  let end = stretch.from;
  for (const e of rec.events) {
    if (e.t >= stretch.to) break;
    if (e.t >= stretch.from) end = e.t;
  }
  return end;
}

/** The replay's words for where its demo comes from (components/replay/ReplayView.tsx). */
export function recordedDetail(meta: RecordingMeta): string {
  const m = meta.machine;
  const backend = `${meta.backend.name}${meta.backend.variant ? ` (${meta.backend.variant})` : ''}`;
  return `Demo recorded ${new Date(meta.recordedAt).toISOString().slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, Linux ${m.kernel}, ${backend}.`;
}

/** The demo state marked recorded, with the recording's date, so no view calls it live. */
function asRecorded(demo: DemoState | null, meta: RecordingMeta): DemoState | null {
  return demo ? { ...demo, backend: { ...demo.backend, recorded: true, recordedAt: meta.recordedAt, detail: recordedDetail(meta) } } : null;
}

/** One frame per demo slide the recording was on, in deck order; a demo slide it never reached
 *  has none (the handout says so rather than borrowing another slide's numbers). */
export function demoSlideFrames(deck: Deck, rec: Recording): PrintedDemoFrame[] {
  const stretches = recordedStretches(deck, rec);
  return deck.slides.flatMap((slide) => {
    const stretch = stretches.get(slide.index);
    if (!slide.demo || !stretch) return [];
    const recT = stretchEnd(rec, stretch);
    const { demo, latency, hops, history, scores } = frameAt(rec, recT);
    return [{ slideId: slide.id, recT, frame: { demo: asRecorded(demo, rec.meta), latency, hops, history, scores } }];
  });
}
