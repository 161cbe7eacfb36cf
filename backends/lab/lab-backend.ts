// The local lab backend (default): real workloads and proxies as separate processes, driven by
// a lab controller process. Nothing measured runs in the web server's event loop; this class only
// relays commands and converts the controller's events at this one edge.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BackendStatus } from '../../lib/mesh/backend-status';
import type { PolicyEnforcement } from '../../lib/mesh/capabilities';
import type { ModeId } from '../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../lib/mesh/policies';
import type { LabCommand, LabCommandResults, LabMessage, LabStartOptions } from './controller/controller-protocol';
import { planToTopology } from './controller/mode-plan';
import type { TierRequest } from './netns/preflight';
import { withTimeout } from '../../lib/async/async-helpers';
import { BackendChannel, type BackendEvent, type BackendListener, BackendUnavailableError, type MeshBackend } from '../seam/index';

const RESTART_FIRST_MS = 2000;

export interface LabBackendOptions {
  /** Folder holding the bundled lab (dist/lab). */
  bundleDir: string;
  load?: LoadSpec;
  windowMs?: number;
  cpu?: number | null;
  startTimeoutMs?: number;
  tier?: TierRequest;
  now?: () => number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A lab command answers within this, or fails saying which. */
export const LAB_COMMAND_TIMEOUT_MS = 15_000;
/** A mode switch starts and stops proxies, captures and eBPF programs: 3.5–14 s here, so four
 *  times the slowest seen before it is called failed. */
export const LAB_SWITCH_TIMEOUT_MS = 60_000;

export class LabBackend implements MeshBackend {
  readonly name = 'lab';
  readonly #channel: BackendChannel;
  #child: ChildProcess | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopping = false;
  readonly #now: () => number;
  #commandsSent = 0;

  #restartDelayMs = RESTART_FIRST_MS;
  #restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LabBackendOptions) {
    this.#now = options.now ?? Date.now;
    this.#channel = new BackendChannel(this.name, this.#now, { state: 'starting', detail: 'Starting the local lab…' });
  }

  /** Commands sent to the controller so far (a switch is one: its reply carries the enforcement). */
  get commandsSent(): number {
    return this.#commandsSent;
  }

  status(): BackendStatus {
    return this.#channel.status;
  }

  subscribe(listener: BackendListener): () => void {
    return this.#channel.subscribe(listener);
  }

  async start(): Promise<void> {
    const entry = path.join(this.options.bundleDir, 'controller.js');
    if (!existsSync(entry)) {
      this.#setStatus('unavailable', `The lab is not built (${entry} is missing): run npm run build.`);
      return;
    }
    const startOptions: LabStartOptions = {
      windowMs: this.options.windowMs ?? 250,
      load: this.options.load ?? DEFAULT_LOAD,
      policy: DEFAULT_POLICY,
      cpu: this.options.cpu === undefined ? 0 : this.options.cpu,
      tier: this.options.tier ?? 'auto',
    };
    const child = fork(entry, [JSON.stringify(startOptions)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--enable-source-maps'] });
    this.#child = child;
    const started = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#setStatus('unavailable', `The lab did not start within ${(this.options.startTimeoutMs ?? 30_000) / 1000} s.`);
        resolve();
      }, this.options.startTimeoutMs ?? 30_000);
      child.on('message', (m: LabMessage) => {
        if (m.t === 'started' || m.t === 'failed') {
          clearTimeout(timer);
          resolve();
        }
        this.#onMessage(m);
      });
    });
    child.on('exit', (code, signal) => {
      this.#child = null;
      for (const p of this.#pending.values()) p.reject(new Error('the lab controller exited'));
      this.#pending.clear();
      if (this.#stopping) return;
      // On stage a crashed lab comes back by itself (its next start cleans up what the crash left).
      const delay = this.#restartDelayMs;
      this.#restartDelayMs = Math.min(30_000, delay * 2);
      this.#setStatus('unavailable', `The lab controller exited unexpectedly (${code ?? signal}); restarting it in ${Math.round(delay / 1000)} s.`);
      this.#restartTimer = setTimeout(() => void this.start(), delay);
    });
    await started;
    if (this.status().state === 'ready') this.#restartDelayMs = RESTART_FIRST_MS;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.#setStatus('stopped', 'The local lab was stopped.');
  }

  async applyMode(mode: ModeId, policy: L7Policy): Promise<PolicyEnforcement[]> {
    // The policy goes with the switch and the reply carries what the new mode enforces of it:
    // one trip, and a controller that restarted is put right.
    return (await this.#command('mode', { mode, policy }, LAB_SWITCH_TIMEOUT_MS)).enforcement;
  }

  async applyPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    return this.#command('policy', { policy });
  }

  async setLoad(load: LoadSpec): Promise<void> {
    await this.#command('load', { load });
  }

  #command<C extends LabCommand['cmd']>(
    cmd: C,
    args: Omit<Extract<LabCommand, { cmd: C }>, 'id' | 'cmd'>,
    timeoutMs = LAB_COMMAND_TIMEOUT_MS,
  ): Promise<LabCommandResults[C]> {
    const child = this.#child;
    if (!child?.connected || this.status().state === 'unavailable' || this.status().state === 'starting') {
      return Promise.reject(new BackendUnavailableError(this.status()));
    }
    const id = this.#nextId++;
    this.#commandsSent++;
    const reply = new Promise<LabCommandResults[C]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args } as LabCommand);
    });
    return withTimeout(reply, timeoutMs, `the lab did not answer "${cmd}" within ${timeoutMs / 1000} s`).finally(() => this.#pending.delete(id));
  }

  #onMessage(m: LabMessage): void {
    switch (m.t) {
      case 'started':
        this.#setStatus('ready', m.detail, m.tier);
        this.#emit({ type: 'topology', topology: planToTopology(m.plan, m.kernelPrograms, this.#now()) });
        break;
      case 'failed':
        this.#setStatus('unavailable', `The lab failed to start: ${m.error}`);
        break;
      case 'reply': {
        const p = this.#pending.get(m.id);
        if (!p) return;
        this.#pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error));
        break;
      }
      case 'event': {
        const e = m.event;
        if (e.type === 'window') this.#emit({ type: 'latency', window: e.window });
        else if (e.type === 'hops') this.#emit({ type: 'hops', sample: e.sample });
        else if (e.type === 'switch') this.#emit({ type: 'topology', topology: planToTopology(e.plan, e.kernelPrograms, e.at) });
        else if (e.type === 'degraded') this.#setStatus('degraded', e.detail, this.status().variant);
        break;
      }
    }
  }

  #setStatus(state: BackendStatus['state'], detail: string, variant?: string): void {
    this.#channel.setStatus(state, detail, variant);
  }

  #emit(event: BackendEvent): void {
    this.#channel.emit(event);
  }
}
