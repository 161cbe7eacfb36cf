// Starting and talking to one lab process (workload, proxy, load generator: roles of the Rust
// data-plane binary) over Node's IPC channel, which the binary reads and writes as JSON lines. On Linux
// every process of the measured chain is pinned to one CPU once it is up (cross-CPU wake-ups cost
// ≈ 50 µs in a small VM); its start-up burst runs anywhere, so a mode switch does not stall the
// traffic already flowing on that CPU.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ChildToController, ControllerToChild } from '../ipc';
import { withTimeout } from '../../../lib/async/async-helpers';

export interface ChildOptions {
  id: string;
  /** The program and its arguments, e.g. `[dataplane, 'proxy']`. */
  command: string[];
  /** CPU to pin to (Linux, via taskset), or null. */
  cpu: number | null;
  /** Extra command prefix, e.g. `ip netns exec <ns>` (netns tier). */
  prefix?: string[];
  env?: Record<string, string>;
  onMessage(message: ChildToController): void;
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
}

export class LabChild {
  readonly proc: ChildProcess;
  #pending = new Map<string, (m: ChildToController) => void>();
  #ready: Promise<void>;
  exited = false;

  constructor(readonly options: ChildOptions) {
    const argv = [...(options.prefix ?? []), ...options.command];
    this.proc = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...options.env, MESHSTAGE_LAB_CHILD: options.id },
    });
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.#ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    this.#ready.catch(() => undefined);
    this.proc.on('message', (m: ChildToController) => {
      if (m.t === 'ready') {
        if (options.cpu === null) resolveReady();
        else pinToCpu(this.proc.pid!, options.cpu).then(resolveReady, rejectReady);
      } else if (m.t === 'fatal') rejectReady(new Error(`${options.id}: ${m.message}`));
      const reqId = 'reqId' in m ? m.reqId : undefined;
      const waiter = reqId ? this.#pending.get(reqId) : undefined;
      if (waiter && reqId) {
        this.#pending.delete(reqId);
        waiter(m);
      } else options.onMessage(m);
    });
    this.proc.on('error', (e) => rejectReady(e));
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      rejectReady(new Error(`${options.id} exited (${code ?? signal}) before it was ready`));
      for (const [, waiter] of this.#pending) waiter({ t: 'fatal', id: options.id, message: 'process exited' });
      this.#pending.clear();
      options.onExit(code, signal);
    });
  }

  send(message: ControllerToChild): void {
    if (!this.exited && this.proc.connected) this.proc.send(message);
  }

  ready(timeoutMs = 10_000): Promise<void> {
    return withTimeout(this.#ready, timeoutMs, `${this.options.id} not ready within ${timeoutMs} ms`);
  }

  /** Sends a message carrying a fresh `reqId` and resolves with the child's reply to it. */
  request<T extends ChildToController>(make: (reqId: string) => ControllerToChild, timeoutMs = 5000): Promise<T> {
    const reqId = randomUUID();
    const reply = new Promise<T>((resolve) => this.#pending.set(reqId, resolve as (m: ChildToController) => void));
    this.send(make(reqId));
    return withTimeout(reply, timeoutMs, `${this.options.id} did not answer within ${timeoutMs} ms`);
  }

  /** Asks politely (IPC disconnect makes children exit), then insists. */
  async stop(graceMs = 1000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    if (this.proc.connected) this.proc.disconnect();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** All threads of the process (V8 and libuv threads included) onto one CPU. */
function pinToCpu(pid: number, cpu: number | string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], (error) =>
      error ? reject(new Error(`taskset failed for pid ${pid}: ${error.message}`)) : resolve(),
    ),
  );
}

/** Keeps this process (the controller: IPC, JSON, stats) off the CPU the measured chain is
 *  pinned to, where the machine has another; its work would otherwise land between the
 *  chain's requests now and then. */
export async function stayOffCpu(cpu: number, cpus: number): Promise<void> {
  const others = Array.from({ length: cpus }, (_, i) => i).filter((i) => i !== cpu);
  if (others.length > 0) await pinToCpu(process.pid, others.join(',')).catch(() => undefined);
}
