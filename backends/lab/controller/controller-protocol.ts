// The lab controller runs as its own process, started by the web server's lab backend, so no
// measurement ever runs in the web server's event loop. These are the messages between the two.
import type { PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import type { L7Policy, LoadSpec } from '../../../lib/mesh/policies';
import type { HopsSample, LatencySummary, LatencyWindow } from '../../../lib/mesh/telemetry';
import type { TierRequest } from '../netns/preflight';
import type { ModePlan } from './mode-plan';

export interface LabStartOptions {
  windowMs: number;
  load: LoadSpec;
  policy: L7Policy;
  cpu: number | null;
  tier: TierRequest;
}

export type LabCommand =
  | { id: number; cmd: 'mode'; mode: ModeId; policy: L7Policy }
  | { id: number; cmd: 'policy'; policy: L7Policy }
  | { id: number; cmd: 'load'; load: LoadSpec }
  | { id: number; cmd: 'stop' };

export interface LabCommandResults {
  mode: { at: number; durationMs: number; enforcement: PolicyEnforcement[] };
  policy: PolicyEnforcement[];
  load: null;
  stop: null;
}

export type LabMessage =
  | { t: 'started'; tier: 'loopback' | 'netns'; detail: string; plan: ModePlan; kernelPrograms: string[] }
  | { t: 'failed'; error: string }
  | { t: 'reply'; id: number; ok: true; result: LabCommandResults[LabCommand['cmd']] }
  | { t: 'reply'; id: number; ok: false; error: string }
  | { t: 'event'; event: LabEvent };

/** What the lab reports as it runs (carried by `{ t: 'event' }`). */
export type LabEvent =
  /** `sendLag`: how late the generator sent, over the span of `window.cumulative`. */
  | { type: 'window'; window: LatencyWindow; sendLag: LatencySummary }
  | { type: 'hops'; sample: HopsSample }
  | { type: 'switch'; from: ModeId; to: ModeId; at: number; durationMs: number; plan: ModePlan; kernelPrograms: string[] }
  | { type: 'degraded'; detail: string };
