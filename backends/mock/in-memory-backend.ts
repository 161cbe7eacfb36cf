// A test double for the MeshBackend seam: ready at once, records what it was asked, and answers
// enforcement from the shared capability table. Used only by tests of the engine and hub.
import type { BackendStatus } from '../../lib/mesh/backend-status';
import { enforcement } from '../../lib/mesh/capabilities';
import type { ModeId } from '../../lib/mesh/modes';
import { DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../lib/mesh/policies';
import type { BackendEvent, BackendListener, MeshBackend } from '../seam/index';

export class InMemoryBackend implements MeshBackend {
  readonly name = 'memory';
  readonly calls: string[] = [];
  mode: ModeId = 'none';
  policy: L7Policy = DEFAULT_POLICY;
  #listeners = new Set<BackendListener>();
  #status: BackendStatus = { name: this.name, state: 'ready', detail: 'in-memory test backend', recorded: false, since: 0 };

  async start() {}
  async stop() {}
  status() {
    return this.#status;
  }
  /** When set, applyMode waits for it (a switch that takes a while, like a cluster rollout). */
  modeGate: Promise<void> | null = null;
  async applyMode(mode: ModeId, policy: L7Policy) {
    this.calls.push(`mode:${mode}`);
    await this.modeGate;
    this.mode = mode;
    this.policy = policy;
    return enforcement(this.mode, this.policy);
  }
  async applyPolicy(policy: L7Policy) {
    this.calls.push('policy');
    this.policy = policy;
    return enforcement(this.mode, policy);
  }
  async setLoad(load: LoadSpec) {
    this.calls.push(`load:${load.rps}`);
  }
  subscribe(listener: BackendListener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Simulates the backend changing state (e.g. the lab failing). */
  setStatus(patch: Partial<BackendStatus>) {
    this.#status = { ...this.#status, ...patch };
    this.emit({ type: 'status', status: this.#status });
  }
  emit(event: BackendEvent) {
    for (const l of this.#listeners) l(event);
  }
}
