// The lab controller runs as its own process, started by the web server's lab backend, so no
// measurement ever runs in the web server's event loop. These are the messages between the two.
import type { PolicyEnforcement } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import type { L7Policy } from '../../../lib/mesh/policies';
import type { TierRequest } from '../netns/preflight';
import type { LabEvent, LabLoad } from './lab-controller';
import type { ModePlan } from './mode-plan';

export interface LabStartOptions {
  windowMs: number;
  load: LabLoad;
  policy: L7Policy;
  cpu: number | null;
  tier: TierRequest;
}

export type LabCommand =
  | { id: number; cmd: 'mode'; mode: ModeId }
  | { id: number; cmd: 'policy'; policy: L7Policy }
  | { id: number; cmd: 'load'; load: LabLoad }
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
  | { t: 'reply'; id: number; ok: true; result: unknown }
  | { t: 'reply'; id: number; ok: false; error: string }
  | { t: 'event'; event: LabEvent };
