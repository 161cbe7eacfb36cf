'use client';
// A demo slide's recorded view, drawn once on paper: the frame the recording stood at when it left
// this slide, written into a store of its own as the replay writes its playhead's frame, read by
// the same dashboard the projector shows. Nothing animates and nothing is sent.
import { useState } from 'react';
import { createChannelStore } from '@/lib/channel/channel-store';
import { fail } from '@/lib/contract/ack';
import { formatClock } from '@/lib/deck/pacing';
import { MODES } from '@/lib/mesh/modes';
import type { PrintedBeat, PrintedDemoFrame } from '@/lib/print/demo-frames';
import { asDemoView } from '@/lib/viz/demo-views';
import { asFigures } from '@/lib/viz/live-figures';
import { ChannelProvider } from '../shared/channel-hooks';
import type { Channel, Send } from '../shared/use-channel';
import { DemoDashboard } from '../viz/DemoDashboard';

const sendNothing = (() => Promise.resolve(fail('unavailable', 'A handout sends nothing.'))) as unknown as Send;

interface Props {
  view: string;
  figures: string | undefined;
  printed: PrintedDemoFrame | undefined;
  /** The recording's own words for where and when it was made (lib/print/demo-frames.ts). */
  detail: string;
}

export function PrintDemo({ view, figures, printed, detail }: Props) {
  const [channel] = useState<Channel | null>(() => {
    if (!printed) return null;
    const store = createChannelStore();
    store.dispatch({ type: 'demo:frame', frame: printed.frame });
    return { store, send: sendNothing, windowId: null };
  });
  if (!channel || !printed) {
    return (
      <p className="handout-demo-missing" data-testid="handout-demo-missing">
        The recording has no demo on this slide.
      </p>
    );
  }
  return (
    <div className="handout-demo" data-testid={`handout-demo-${printed.slideId}`}>
      <ChannelProvider channel={channel}>
        <DemoDashboard view={asDemoView(view)} figures={asFigures(figures)} scope={`print-${printed.slideId}-`} inSlide />
      </ChannelProvider>
      <p className="handout-recorded" data-testid="handout-recorded">
        Recorded{printed.frame.demo ? ` in ${MODES[printed.frame.demo.mode].label}` : ''}, as it stood at {formatClock(printed.recT)} into the recording, when
        the talk left this slide. {detail}
      </p>
    </div>
  );
}

/** A demo slide's story on paper, a row per data plane it walked (none: the slide shows one). */
export function PrintBeats({ beats }: { beats: readonly PrintedBeat[] }) {
  if (beats.length === 0) return null;
  return (
    <table data-testid="handout-beats">
      <caption>Step by step, as recorded (figures at the end of each step, {beats[0]!.window})</caption>
      <tbody>
        {beats.map((b, i) => (
          <tr key={i} data-refused={b.refused || undefined}>
            <td>{b.text.replace(/^Now: /, '')}</td>
            <td>{b.figures}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
