// Where the demo's numbers come from, in the words every demo view uses (pure): live packets, or
// a recording and the day it was made. Recorded data is never called "live" on a screen, and a
// condition the recording never ran says so instead of showing another one's numbers.
import type { BackendStatus } from './backend-status';
import { MODES, type ModeId } from './modes';

export interface Source {
  recorded: boolean;
  /** With recorded data: the day the recording was made (YYYY-MM-DD), when known. */
  date: string | null;
}

export const LIVE: Source = { recorded: false, date: null };

/** The backend's own word on where its numbers come from; no backend yet reads as live. */
export function sourceOf(status: Pick<BackendStatus, 'recorded' | 'recordedAt'> | null | undefined): Source {
  if (!status?.recorded) return LIVE;
  return { recorded: true, date: status.recordedAt ? status.recordedAt.slice(0, 10) : null };
}

/** `live`, or `recorded 2026-12-02`. */
export function sourceWord(source: Source): string {
  if (!source.recorded) return 'live';
  return source.date ? `recorded ${source.date}` : 'recorded';
}

/** What comes before the mode in the panel's heading and the phone's line: `Live demo`, `Recorded demo`. */
export function demoHeading(source: Source): string {
  return source.recorded ? 'Recorded demo' : 'Live demo';
}

/** The small tag a demo view carries in its heading line when its data is recorded (null when live). */
export function recordedTag(source: Source): string | null {
  return source.recorded ? sourceWord(source) : null;
}

/** The latency chart's title: `Latency, live (ms)`, `Latency, recorded 2026-12-02 (ms)`. */
export function latencyTitle(source: Source): string {
  return `Latency, ${sourceWord(source)} (ms)`;
}

/** Where a set of figures comes from (`provenance` of the scoreboard's rows: any live, the days
 *  recorded): `Measured live`, `Recorded 2026-12-02`, or both when they mix. With no rows yet it
 *  is the backend's word. */
export function sourceLabel(rows: { live: boolean; recorded: string[] }, backend: Source = LIVE): string {
  if (rows.recorded.length === 0) return !rows.live && backend.recorded ? capitalized(sourceWord(backend)) : 'Measured live';
  const dates = rows.recorded.join(', ');
  return rows.live ? `Measured live and recorded ${dates}` : `Recorded ${dates}`;
}

/** Where the comparison table's rows come from: `Measured live this session`, `Recorded 2026-12-02`, … */
export function comparisonSource(rows: { live: boolean; recorded: string[] }, backend: Source): string {
  const label = sourceLabel(rows, backend);
  return label === 'Measured live' ? 'Measured live this session' : label;
}

/** The comparison table's title on a slide: `Measured live this session, one workload (ms)`,
 *  `Recorded 2026-12-02, one workload (ms)`. */
export function comparisonTitle(rows: { live: boolean; recorded: string[] }, backend: Source): string {
  return `${comparisonSource(rows, backend)}, one workload (ms)`;
}

/** A figure the recording has nothing for. */
export const NOT_RECORDED = 'not in the recording';

/** Said over the latency chart while the recording has no stretch of `mode` as set now (null otherwise). */
export function unrecordedNotice(status: Pick<BackendStatus, 'recorded' | 'unrecorded'> | null | undefined, mode: ModeId): string | null {
  return status?.recorded && status.unrecorded ? `${NOT_RECORDED}: ${MODES[mode].label} under this policy` : null;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
