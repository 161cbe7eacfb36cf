// Which recorded frame the handout prints on each demo slide (pure): the recording as it stood at
// the end of its stretch on that slide — the last thing the replay shows there before it moves on.
// The same shapes the replay writes into its channel store, so the same components draw them.
import type { Deck } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import { recordedDetail, type Recording, type RecordingMeta } from '../replay/recording';
import { frameAt, type ReplayFrame } from '../replay/replay-state';
import { recordedStretches, type Chapter } from '../replay/talk-timeline';
import { chapterBeats } from '../replay/caption-beats';
import { MODES, type ModeId } from '../mesh/modes';
import { bigFigures, slideFigures, type FigureId } from '../viz/live-figures';

/** What the dashboard reads from the store for one slide (the replay's `demo:frame`). */
export type DemoFrameData = Pick<ReplayFrame, 'demo' | 'latency' | 'hops' | 'history' | 'scores'>;

/** One beat of a demo slide's story on paper (lib/replay/caption-beats.ts): its words and the
 *  slide's figures as they stood at the end of it. */
export interface PrintedBeat {
  mode: ModeId;
  label: string;
  text: string;
  refused: boolean;
  /** e.g. `errors 48 /s · retries 0.0 /s`, measured as the panel measures them. */
  figures: string;
  /** What the figures were measured over ("at the client, last 5 s"). */
  window: string;
}

export interface PrintedDemoFrame {
  slideId: string;
  /** The recording's time of the printed frame (ms from its start). */
  recT: number;
  frame: DemoFrameData;
  /** The slide's story step by step, when it walks more than one data plane (else none). */
  beats: PrintedBeat[];
}

/** The figures a beat is summed up by: the slide's own (`data-demo-figures`), else the tail. */
const beatFigureIds = (html: string): FigureId[] => {
  const declared = slideFigures(html);
  return declared.length > 0 ? declared : ['p50', 'p99'];
};

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

/** The time of the last latency window `mode` measured in [from, to) (`from` if none): a switch's
 *  first windows come from the next mode before its state does, and would read as no measurement. */
export function lastWindowOf(rec: Recording, mode: ModeId, from: number, to: number): number {
  let at = from;
  for (const e of rec.events) {
    if (e.t >= to) break;
    if (e.t >= from && e.k === 'latency' && e.window.mode === mode) at = e.t;
  }
  return at;
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
    // The chapter in the recording's own time: a beat's end is where its figures are read.
    const chapter: Chapter = { slide: slide.index, slideId: slide.id, title: slide.title, from: stretch.from, to: stretch.to, rec: stretch, reveals: [] };
    const steps = slide.demo === 'compare' ? [] : chapterBeats(rec, chapter).filter((b) => !b.switching);
    const ids = beatFigureIds(slide.html);
    const beats =
      steps.length < 2
        ? []
        : steps.map((b): PrintedBeat => {
            const at = frameAt(rec, lastWindowOf(rec, b.mode, b.from, Math.min(recT + 1, b.to)));
            const read = at.demo ? bigFigures(ids, at.demo, at.history, at.latency) : null;
            const figures = read ? read.figures.map((f) => `${f.id} ${f.value === null ? f.missing : `${f.value} ${f.unit}`}`).join(' · ') : '';
            return { mode: b.mode, label: MODES[b.mode].label, text: b.text, refused: b.refused, figures, window: read?.window ?? '' };
          });
    return [{ slideId: slide.id, recT, frame: { demo: asRecorded(demo, rec.meta), latency, hops, history, scores }, beats }];
  });
}
