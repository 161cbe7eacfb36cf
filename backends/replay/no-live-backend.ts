// MESH_BACKEND=replay: no live data plane at all (a laptop without root or Docker, a rehearsal).
// It is permanently unavailable; the stage fallback, told so (recordingOnly), plays the recording
// from the start as the demo — with the recorded badge — and the presenter can still switch modes,
// policies and load over recorded data.
import type { BackendStatus } from '../../lib/mesh/backend-status';
import type { PolicyEnforcement } from '../../lib/mesh/capabilities';
import { BackendChannel, type BackendListener, BackendUnavailableError, type MeshBackend } from '../seam/index';

export class NoLiveBackend implements MeshBackend {
  readonly name = 'replay';
  readonly #channel = new BackendChannel(this.name, Date.now, {
    state: 'unavailable',
    detail: 'MESH_BACKEND=replay runs no live data plane.',
  });

  status(): BackendStatus {
    return this.#channel.status;
  }
  subscribe(listener: BackendListener): () => void {
    return this.#channel.subscribe(listener);
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async applyMode(): Promise<PolicyEnforcement[]> {
    throw new BackendUnavailableError(this.status());
  }
  async applyPolicy(): Promise<PolicyEnforcement[]> {
    throw new BackendUnavailableError(this.status());
  }
  async setLoad(): Promise<void> {
    throw new BackendUnavailableError(this.status());
  }
}
