// The seam between the demo engine and whatever runs the data planes (local lab, kind cluster,
// recording). Backend internals — processes, namespaces, Kubernetes objects — never cross it.
import type { BackendStatus } from '../../lib/mesh/backend-status';
import type { SwitchProgress } from '../../lib/mesh/demo-state';
import type { PolicyEnforcement } from '../../lib/mesh/capabilities';
import type { ModeId } from '../../lib/mesh/modes';
import type { L7Policy, LoadSpec } from '../../lib/mesh/policies';
import type { HopsSample, LatencyWindow } from '../../lib/mesh/telemetry';
import type { TopologySnapshot } from '../../lib/mesh/topology';

export type BackendEvent =
  | { type: 'status'; status: BackendStatus }
  | { type: 'topology'; topology: TopologySnapshot }
  | { type: 'latency'; window: LatencyWindow }
  | { type: 'hops'; sample: HopsSample }
  /** While applyMode runs: what the switch is waiting for. */
  | { type: 'progress'; progress: SwitchStep };

export type SwitchStep = Pick<SwitchProgress, 'step' | 'done' | 'total' | 'waiting'>;

export type BackendListener = (event: BackendEvent) => void;

export interface MeshBackend {
  readonly name: string;
  /** Brings the backend up; resolves once its status is known (ready or, with the reason, not). */
  start(): Promise<void>;
  /** Tears down everything the backend started. Safe to call twice. */
  stop(): Promise<void>;
  status(): BackendStatus;
  /** Switches the data plane to `mode` under `policy` (the engine's: it owns what the presenter
   *  set, so a backend that restarted is put right by the next switch); resolves when traffic
   *  flows through the new mode (emitting `progress` events meanwhile when that takes a while)
   *  with what the new mode enforces of the policy — one call, one trip to the data plane. */
  applyMode(mode: ModeId, policy: L7Policy): Promise<PolicyEnforcement[]>;
  /** Applies a policy and reports, per active policy, whether the current mode enforces it. */
  applyPolicy(policy: L7Policy): Promise<PolicyEnforcement[]>;
  setLoad(load: LoadSpec): Promise<void>;
  subscribe(listener: BackendListener): () => void;
}

export const BACKEND_NAMES = ['lab', 'kind', 'replay'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
