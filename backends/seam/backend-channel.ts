// The status and event plumbing every backend shares: the current status, the listeners, and
// the one way to change status (which also tells the listeners).
import type { BackendState, BackendStatus } from '../../lib/mesh/backend-status';
import type { BackendEvent, BackendListener } from './mesh-backend';

export class BackendChannel {
  #status: BackendStatus;
  #listeners = new Set<BackendListener>();

  constructor(
    private readonly name: string,
    private readonly now: () => number,
    initial: { state: BackendState; detail: string; variant?: string },
  ) {
    this.#status = this.#make(initial.state, initial.detail, initial.variant);
  }

  get status(): BackendStatus {
    return this.#status;
  }

  subscribe(listener: BackendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Changes the status and announces it; an unchanged state and detail is not news. */
  setStatus(state: BackendState, detail: string, variant?: string): void {
    if (this.#status.state === state && this.#status.detail === detail && this.#status.variant === variant) return;
    this.#status = this.#make(state, detail, variant);
    this.emit({ type: 'status', status: this.#status });
  }

  emit(event: BackendEvent): void {
    for (const l of this.#listeners) l(event);
  }

  #make(state: BackendState, detail: string, variant?: string): BackendStatus {
    return { name: this.name, state, detail, recorded: false, since: this.now(), ...(variant ? { variant } : {}) };
  }
}
