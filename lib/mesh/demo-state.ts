// The demo's state as every client sees it. Pure data; the engine owns the only mutable copy.
import type { BackendStatus } from './backend-status';
import type { PolicyEnforcement } from './capabilities';
import type { ModeId } from './modes';
import type { L7Policy, LoadSpec } from './policies';
import type { TopologySnapshot } from './topology';

export interface ModeSwitch {
  from: ModeId;
  to: ModeId;
  /** Server time (ms since epoch) when the backend finished the switch; charts mark it. */
  at: number;
}

/** A mode switch under way: what the backend is waiting for (a cluster rollout takes seconds). */
export interface SwitchProgress {
  from: ModeId;
  to: ModeId;
  startedAt: number;
  /** What is happening now, e.g. `Restarting web, catalog to inject sidecars`. */
  step: string;
  /** Parts serving in the new mode, of `total` (0 of 0 while nothing is counted yet). */
  done: number;
  total: number;
  /** What is still missing, in words. */
  waiting: string[];
}

export interface DemoState {
  /** The server process that set it (as DeckState.epoch). */
  epoch: string;
  rev: number;
  mode: ModeId;
  policy: L7Policy;
  enforcement: PolicyEnforcement[];
  load: LoadSpec;
  backend: BackendStatus;
  lastSwitch: ModeSwitch | null;
  /** Set while a mode switch runs; null otherwise. */
  switching: SwitchProgress | null;
  /** Where the proxies sit and how each call travels, as the backend reports it (null until known). */
  topology: TopologySnapshot | null;
}
