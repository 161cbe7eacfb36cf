// The stage fallback: wraps the live backend, and when it fails mid-talk (its status goes
// unavailable, no measurement arrives for a few seconds while load is on, or its requests fail
// for a few seconds when nothing the presenter set asks them to) it plays the shipped
// recording's segment for the current mode instead — clearly marked recorded — and switches back
// as soon as live measurements flow again. During the fallback the presenter can still switch
// modes and policies: the recording's segment for that mode plays; the live backend is left alone.
import type { BackendStatus } from '../../lib/mesh/backend-status';
import { enforcement, type PolicyEnforcement } from '../../lib/mesh/capabilities';
import type { ModeId } from '../../lib/mesh/modes';
import { activePolicyKeys, DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../lib/mesh/policies';
import type { HopsSample, LatencyWindow } from '../../lib/mesh/telemetry';
import type { TopologySnapshot } from '../../lib/mesh/topology';
import type { Recording } from '../../lib/replay/recording';
import { modeSegments } from '../../lib/replay/replay-state';
import type { BackendEvent, BackendListener, MeshBackend } from './mesh-backend';

export interface FallbackOptions {
  /** The load the live backend starts with (silence only counts while load is on). */
  load?: LoadSpec;
  /** No live window for this long (with load on) counts as a failure. */
  silenceMs?: number;
  /** Requests failing for this long, with no fault or flaky backend set, count as a failure. */
  failingMs?: number;
  checkEveryMs?: number;
  now?: () => number;
}

type Beat = { dt: number; event: { type: 'latency'; window: LatencyWindow } | { type: 'hops'; sample: HopsSample } };

export class FallbackBackend implements MeshBackend {
  readonly #listeners = new Set<BackendListener>();
  #active = false;
  #mode: ModeId = 'none';
  #policy: L7Policy = DEFAULT_POLICY;
  #load: LoadSpec = DEFAULT_LOAD;
  #lastLive: number;
  #wasState: BackendStatus['state'] = 'starting';
  /** Since when live windows of the current mode show failures nothing asked for. */
  #failingSince: number | null = null;
  #failure = '';
  #switching = false;
  #liveTopology: TopologySnapshot | null = null;
  #watchdog: NodeJS.Timeout | null = null;
  #player: NodeJS.Timeout | null = null;
  #off: (() => void) | null = null;
  readonly #now: () => number;

  constructor(
    private readonly live: MeshBackend,
    private readonly recording: Recording,
    private readonly options: FallbackOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#lastLive = this.#now();
    this.#load = options.load ?? DEFAULT_LOAD;
  }

  get name(): string {
    return this.live.name;
  }

  /** Whether recorded data is being shown in place of the live backend. */
  get active(): boolean {
    return this.#active;
  }

  status(): BackendStatus {
    const live = this.live.status();
    if (!this.#active) return live;
    const m = this.recording.meta;
    const why = this.#failure ? `failing: ${this.#failure}` : live.state === 'ready' || live.state === 'degraded' ? 'silent' : live.state;
    return {
      ...live,
      state: 'degraded',
      recorded: true,
      detail: `The live backend is ${why} (${live.detail}). Showing the recording made ${m.recordedAt.slice(0, 10)} on ${m.machine.cpus} × ${m.machine.cpuModel} (${m.backend.name}${m.backend.variant ? `, ${m.backend.variant}` : ''}) until it is back.`,
    };
  }

  subscribe(listener: BackendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.#off = this.live.subscribe((e) => this.#fromLive(e));
    this.#lastLive = this.#now();
    this.#watchdog = setInterval(() => this.#check(), this.options.checkEveryMs ?? 500);
    await this.live.start();
  }

  async stop(): Promise<void> {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#stopPlayer();
    this.#off?.();
    await this.live.stop();
  }

  async applyMode(mode: ModeId): Promise<void> {
    if (this.#active) {
      this.#mode = mode;
      this.#play();
      return;
    }
    // A switch pauses measurements for a moment: that is not silence.
    this.#switching = true;
    this.#failingSince = null;
    try {
      await this.live.applyMode(mode);
      this.#mode = mode;
    } finally {
      this.#switching = false;
      this.#lastLive = this.#now();
    }
  }

  async applyPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    this.#policy = policy;
    // Recorded: what the mode can enforce, from the capability table (nothing is applied).
    return this.#active ? enforcement(this.#mode, policy) : this.live.applyPolicy(policy);
  }

  async setLoad(load: LoadSpec): Promise<void> {
    if (!this.#active) await this.live.setLoad(load);
    this.#load = load;
  }

  #fromLive(e: BackendEvent): void {
    if (e.type === 'topology') this.#liveTopology = e.topology;
    if (e.type === 'latency') {
      this.#lastLive = this.#now();
      const failing = e.window.mode === this.#mode && this.#unasked(e.window);
      if (failing) this.#failingSince ??= this.#now();
      else if (e.window.mode === this.#mode) this.#failingSince = null;
      if (this.#active && e.window.mode === this.#mode && !failing) void this.#recover();
    }
    // A backend that just became ready gets its first window's worth of time before silence counts;
    // one that came back while recorded data showed is first put where the presenter went.
    if (e.type === 'status' && e.status.state === 'ready' && this.#wasState !== 'ready') {
      this.#lastLive = this.#now();
      if (this.#active) void this.#resync();
    }
    if (e.type === 'status') this.#wasState = e.status.state;
    if (this.#active) return; // while recorded data shows, live events would contradict it
    if (e.type === 'status') this.#emit({ type: 'status', status: this.status() });
    else this.#emit(e);
  }

  #check(): void {
    if (this.#active || this.#switching) return;
    const s = this.live.status().state;
    const down = s === 'unavailable';
    const silent = (s === 'ready' || s === 'degraded') && this.#load.rps > 0 && this.#now() - this.#lastLive > (this.options.silenceMs ?? 4000);
    const failing = this.#failingSince !== null && this.#now() - this.#failingSince > (this.options.failingMs ?? 3000);
    if (!down && !silent && !failing) return;
    if (!failing) this.#failure = '';
    this.#active = true;
    this.#emit({ type: 'status', status: this.status() });
    this.#play();
  }

  /**
   * A window in which at least a tenth of the requests failed although nothing the presenter set
   * asks for failures (no abort fault, no flaky backend, no delay fault meeting a timeout): the
   * data plane itself is broken, and showing its numbers would mislead.
   */
  #unasked(w: LatencyWindow): boolean {
    const completed = (w.rps * w.windowMs) / 1000;
    if (w.errors === 0 || w.errors < 0.1 * completed) return false;
    const { fault, timeout } = this.#policy;
    const asked = fault.abortPercent > 0 || this.#load.errorPercent > 0 || (fault.delayPercent > 0 && timeout.enabled);
    if (asked) return false;
    this.#failure = `${w.errors} of ${Math.round(completed)} requests failed in the last ${w.windowMs} ms${w.firstError ? ` (first: ${w.firstError})` : ''}`;
    return true;
  }

  /** Live measurements of the current mode flow again: back to live. */
  async #recover(): Promise<void> {
    if (!this.#active) return;
    this.#active = false;
    this.#failure = '';
    this.#stopPlayer();
    this.#emit({ type: 'status', status: this.status() });
    const topology = this.#liveTopology;
    if (topology?.mode === this.#mode) this.#emit({ type: 'topology', topology });
  }

  /** Puts a live backend that came back where the presenter went while it was away. */
  async #resync(): Promise<void> {
    try {
      await this.live.applyMode(this.#mode);
      await this.live.applyPolicy(this.#policy);
      await this.live.setLoad(this.#load);
    } catch {
      // It will say what is wrong in its status; recorded data keeps showing meanwhile.
    }
  }

  /** Loops the recording's measurements for the current mode, at their recorded pace. */
  #play(): void {
    this.#stopPlayer();
    const { beats, topology } = this.#segment(this.#mode);
    if (topology) this.#emit({ type: 'topology', topology: { ...topology, at: this.#now() } });
    if (beats.length === 0) return;
    let i = 0;
    const next = () => {
      const beat = beats[i % beats.length]!;
      i++;
      const at = this.#now();
      this.#emit(
        beat.event.type === 'latency' ? { type: 'latency', window: { ...beat.event.window, at } } : { type: 'hops', sample: { ...beat.event.sample, at } },
      );
      this.#player = setTimeout(next, Math.max(50, beats[i % beats.length]!.dt));
    };
    next();
  }

  /** The mode's recorded measurements. A tour visits a mode with faults, retries or a flaky
   *  backend too; those stretches stand in only if the mode has no plain one (the recording's
   *  demo state says which policy and error rate each stretch ran with). */
  #segment(mode: ModeId): { beats: Beat[]; topology: TopologySnapshot | null } {
    const plain: Beat[] = [];
    const any: Beat[] = [];
    let topology: TopologySnapshot | null = null;
    for (const seg of modeSegments(this.recording).filter((s) => s.mode === mode)) {
      let isPlain = true;
      const prev = { plain: seg.from, any: seg.from };
      for (const e of this.recording.events) {
        if (e.t < seg.from || e.t >= seg.to) continue;
        if (e.k === 'demo') {
          if (e.state.topology?.mode === mode) topology = e.state.topology;
          isPlain = activePolicyKeys(e.state.policy).every((k) => k === 'mtls') && e.state.load.errorPercent === 0;
          continue;
        }
        const event =
          e.k === 'latency' && e.window.mode === mode && e.window.cumulative.count > 0
            ? ({ type: 'latency', window: e.window } as const)
            : e.k === 'hops' && e.sample.mode === mode
              ? ({ type: 'hops', sample: e.sample } as const)
              : null;
        if (!event) continue;
        any.push({ dt: e.t - prev.any, event });
        prev.any = e.t;
        if (isPlain) {
          plain.push({ dt: e.t - prev.plain, event });
          prev.plain = e.t;
        }
      }
    }
    return { beats: plain.length > 0 ? plain : any, topology };
  }

  #stopPlayer(): void {
    if (this.#player) clearTimeout(this.#player);
    this.#player = null;
  }

  #emit(e: BackendEvent): void {
    for (const l of this.#listeners) l(e);
  }
}
