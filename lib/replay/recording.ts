// A recorded session: everything the screens showed, on one timeline. Written by the recorder
// (a live session, or `npm run record` driving the lab through every mode and policy), played
// by /replay without a server. Times are milliseconds from the start of the recording.
import type { DeckPosition } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { HopsSample, LatencyWindow } from '../mesh/telemetry';

export const RECORDING_FORMAT = 'meshstage-recording/1';

export interface RecordingMeta {
  format: typeof RECORDING_FORMAT;
  title: string;
  /** ISO date the recording started. */
  recordedAt: string;
  durationMs: number;
  /** e.g. `lab`, with its variant (`netns`) and the backend's own description. */
  backend: { name: string; variant?: string; detail: string };
  machine: { os: string; kernel: string; cpus: number; cpuModel: string; memoryGb: number; node: string };
  versions: Record<string, string>;
  /** What drove it: `npm run record` (the scripted tour) or a live talk. */
  source: 'scripted' | 'live';
}

/** A demo state as recorded: the epoch of the process that recorded it means nothing to a replay. */
export type RecordedDemoState = Omit<DemoState, 'epoch'>;

export type RecordedEvent =
  /** `slideId` keeps a replay on the right slide after slides are added or moved. */
  | { t: number; k: 'deck'; position: DeckPosition; slideId?: string }
  | { t: number; k: 'demo'; state: RecordedDemoState }
  | { t: number; k: 'latency'; window: LatencyWindow }
  | { t: number; k: 'hops'; sample: HopsSample };

export interface Recording {
  meta: RecordingMeta;
  events: RecordedEvent[];
}
