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

export interface DemoState {
  rev: number;
  mode: ModeId;
  policy: L7Policy;
  enforcement: PolicyEnforcement[];
  load: LoadSpec;
  backend: BackendStatus;
  lastSwitch: ModeSwitch | null;
  /** Where the proxies sit and how each call travels, as the backend reports it (null until known). */
  topology: TopologySnapshot | null;
}
