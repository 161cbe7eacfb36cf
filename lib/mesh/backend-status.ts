// What a backend says about itself. The UI shows this verbatim: never invented numbers.

export type BackendState = 'starting' | 'ready' | 'degraded' | 'unavailable' | 'stopped';

export interface BackendStatus {
  /** `lab`, `kind`, `replay`, ... */
  name: string;
  state: BackendState;
  /** Human-readable: what is running, or exactly why it is not. */
  detail: string;
  /** e.g. the lab tier (`netns` or `loopback`) or the kube context. */
  variant?: string;
  /** True when the data comes from a recording rather than live packets. */
  recorded: boolean;
  /** With recorded data: the ISO time the recording was made. */
  recordedAt?: string;
  /** With recorded data: set when the recording has no stretch of the current mode under the
   *  current policy and load — what is missing, in words. Nothing plays then, and the screens show
   *  no numbers: the last ones were measured under another condition. */
  unrecorded?: string;
  since: number;
}

export function canApply(status: BackendStatus): boolean {
  return status.state === 'ready' || status.state === 'degraded';
}

/** What the room is told when the backend is not simply ready: the state in plain words, no
 *  internals (a kube context, an iptables rule, an environment variable — those are the
 *  presenter's, in `detail`). Null when there is nothing to tell. */
export function roomNote(status: BackendStatus): string | null {
  if (status.recorded) {
    if (status.unrecorded) return 'Nothing recorded matches the demo as it is set now: no numbers to show.';
    // Ready where the recording is the demo (MESH_BACKEND=replay): the badge says recorded, and
    // there is no live lab to wait for.
    return status.state === 'ready' ? null : 'Showing a recording of the demo until the live lab is back.';
  }
  switch (status.state) {
    case 'ready':
      return null;
    case 'starting':
      return 'The demo is starting.';
    case 'degraded':
      return 'The live demo is running with a problem; its numbers may pause.';
    default:
      return 'The live demo is not running right now.';
  }
}
