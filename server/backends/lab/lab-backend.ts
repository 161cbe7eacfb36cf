// The local lab backend (default). Its data planes — workloads, proxies, netns/iptables/eBPF and
// the load generator — are not part of this build yet, so it reports exactly that and refuses
// commands rather than showing invented numbers.
import type { BackendStatus } from '../../../lib/mesh/backend-status';
import type { BackendListener, MeshBackend } from '../mesh-backend';
import { BackendUnavailableError } from '../backend-errors';

const NOT_BUILT =
  'The local lab data planes are not part of this build yet: no workload or proxy is running, so no measurements are shown.';

export class LabBackend implements MeshBackend {
  readonly name = 'lab';
  #status: BackendStatus;

  constructor(now: () => number = Date.now) {
    this.#status = { name: this.name, state: 'unavailable', detail: NOT_BUILT, recorded: false, since: now() };
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  status(): BackendStatus {
    return this.#status;
  }
  async applyMode(): Promise<void> {
    throw new BackendUnavailableError(this.#status);
  }
  async applyPolicy(): Promise<never> {
    throw new BackendUnavailableError(this.#status);
  }
  async setLoad(): Promise<void> {
    throw new BackendUnavailableError(this.#status);
  }
  subscribe(_listener: BackendListener): () => void {
    return () => {};
  }
}
