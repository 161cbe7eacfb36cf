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
  since: number;
}

export function canApply(status: BackendStatus): boolean {
  return status.state === 'ready' || status.state === 'degraded';
}
