// The demo's authoritative state (mode, L7 policy, load) and the one place that drives the
// backend. Commands run one at a time so a mode switch never interleaves with another.
import { SerialQueue } from '../../lib/async/async-helpers';
import { canApply, type BackendStatus } from '../../lib/mesh/backend-status';
import { enforcement } from '../../lib/mesh/capabilities';
import type { DemoState } from '../../lib/mesh/demo-state';
import type { ModeId } from '../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../lib/mesh/policies';
import type { HopsSample, LatencyWindow } from '../../lib/mesh/telemetry';
import { BackendUnavailableError, type MeshBackend } from '../../backends/seam/index';
import { CommandFailure } from './command-failure';
import { newEpoch } from './epoch';
import { Listeners } from './listeners';

export type Telemetry = { type: 'latency'; window: LatencyWindow } | { type: 'hops'; sample: HopsSample };

export class DemoEngine {
  readonly changes = new Listeners<DemoState>();
  /** High-rate measurements: passed through, never stored as state. */
  readonly telemetry = new Listeners<Telemetry>();
  #state: DemoState;
  #queue = new SerialQueue();
  #unsubscribe: () => void;

  constructor(
    private readonly backend: MeshBackend,
    private readonly now: () => number = Date.now,
    initialLoad: LoadSpec = DEFAULT_LOAD,
    epoch = newEpoch(),
  ) {
    this.#state = {
      epoch,
      rev: 0,
      mode: 'none',
      policy: DEFAULT_POLICY,
      enforcement: enforcement('none', DEFAULT_POLICY),
      load: initialLoad,
      backend: backend.status(),
      lastSwitch: null,
      switching: null,
      topology: null,
    };
    this.#unsubscribe = backend.subscribe((event) => {
      if (event.type === 'status') this.#commit({ backend: event.status });
      else if (event.type === 'topology') this.#commit({ topology: event.topology });
      else if (event.type === 'progress') {
        if (this.#state.switching) this.#commit({ switching: { ...this.#state.switching, ...event.progress } });
      } else if (event.type === 'latency') this.telemetry.emit({ type: 'latency', window: event.window });
      else this.telemetry.emit({ type: 'hops', sample: event.sample });
    });
  }

  state(): DemoState {
    return this.#state;
  }

  setMode(mode: ModeId): Promise<DemoState> {
    return this.#serial(async () => {
      const from = this.#state.mode;
      if (mode === from) return this.#state;
      this.#commit({ switching: { from, to: mode, startedAt: this.now(), step: `Switching to ${mode}`, done: 0, total: 0, waiting: [] } });
      try {
        // Policies stay as set; what the new mode enforces of them comes back with the switch.
        const report = await this.backend.applyMode(mode, this.#state.policy);
        return this.#commit({ mode, enforcement: report, lastSwitch: { from, to: mode, at: this.now() }, switching: null });
      } catch (error) {
        this.#commit({ switching: null });
        throw error;
      }
    });
  }

  setPolicy(policy: L7Policy): Promise<DemoState> {
    return this.#serial(async () => {
      const report = await this.backend.applyPolicy(policy);
      return this.#commit({ policy, enforcement: report });
    });
  }

  setLoad(load: LoadSpec): Promise<DemoState> {
    return this.#serial(async () => {
      await this.backend.setLoad(load);
      return this.#commit({ load });
    });
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #serial(run: () => Promise<DemoState>): Promise<DemoState> {
    return this.#queue.run(async () => {
      this.#requireBackend(this.backend.status());
      try {
        return await run();
      } catch (error) {
        if (error instanceof CommandFailure) throw error;
        // A backend refusing or failing is the presenter's business: say what it said.
        const code = error instanceof BackendUnavailableError ? 'unavailable' : 'failed';
        throw new CommandFailure(code, error instanceof Error ? error.message : String(error));
      }
    });
  }

  #requireBackend(status: BackendStatus): void {
    if (!canApply(status)) {
      throw new CommandFailure('unavailable', `Backend "${status.name}" is ${status.state}: ${status.detail} Nothing was changed.`);
    }
  }

  #commit(patch: Partial<Omit<DemoState, 'rev'>>): DemoState {
    this.#state = { ...this.#state, ...patch, rev: this.#state.rev + 1 };
    this.changes.emit(this.#state);
    return this.#state;
  }
}
