// The stage fallback: wraps the live backend, and when it fails mid-talk (its status goes
// unavailable, no measurement arrives for a few seconds while load is on, or its requests fail
// for a few seconds when nothing the presenter set asks them to) it plays the shipped
// recording instead — clearly marked recorded — and switches back as soon as live measurements
// flow again. During the fallback the presenter can still switch modes, policies and load: what
// plays is the recording's stretch of that mode under that condition (lib/replay/stand-in.ts),
// or nothing, said in the status, where the recording has none; the live backend is left alone.
// With MESH_BACKEND=replay there is no live backend to wait for: the recording is the demo.
import type { BackendStatus } from '../../lib/mesh/backend-status';
import { enforcement, type PolicyEnforcement } from '../../lib/mesh/capabilities';
import type { ModeId } from '../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy, type LoadSpec } from '../../lib/mesh/policies';
import type { LatencyWindow } from '../../lib/mesh/telemetry';
import type { TopologySnapshot } from '../../lib/mesh/topology';
import type { Recording } from '../../lib/replay/recording';
import { indexRecording, standIn, type RecordingIndex } from '../../lib/replay/stand-in';
import type { BackendEvent, BackendListener, MeshBackend } from '../seam/index';

export interface FallbackOptions {
  /** The load the live backend starts with (silence only counts while load is on). */
  load?: LoadSpec;
  /** No live window for this long (with load on) counts as a failure. */
  silenceMs?: number;
  /** Requests failing for this long, with no fault or flaky backend set, count as a failure. */
  failingMs?: number;
  checkEveryMs?: number;
  /** MESH_BACKEND=replay: the live backend is never there; the recording plays from the start,
   *  and is the demo rather than a stand-in (ready, not degraded; nothing to wait for). */
  recordingOnly?: boolean;
  now?: () => number;
}

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
  readonly #index: RecordingIndex;
  /** The stretches playing (their start times), so re-applying the same condition does not restart them. */
  #playing = '';
  /** Why nothing recorded plays for the current mode, policy and load (null: a stretch plays). */
  #unrecorded: string | null = null;
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
    this.#index = indexRecording(recording);
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
    const made = `made ${m.recordedAt.slice(0, 10)} on ${m.machine.cpus} × ${m.machine.cpuModel} (${m.backend.name}${m.backend.variant ? `, ${m.backend.variant}` : ''})`;
    const unrecorded = this.#unrecorded ? { unrecorded: this.#unrecorded } : {};
    const missing = this.#unrecorded ? `${this.#unrecorded} ` : '';
    if (this.options.recordingOnly) {
      return {
        ...live,
        state: 'ready',
        recorded: true,
        recordedAt: m.recordedAt,
        ...unrecorded,
        detail: `${missing}The demo is the recording ${made}; ${live.detail}`,
      };
    }
    const why = this.#failure ? `failing: ${this.#failure}` : live.state === 'ready' || live.state === 'degraded' ? 'silent' : live.state;
    return {
      ...live,
      state: 'degraded',
      recorded: true,
      recordedAt: m.recordedAt,
      ...unrecorded,
      detail: `${missing}The live backend is ${why} (${live.detail}). Showing the recording ${made} until it is back.`,
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
    if (this.options.recordingOnly) this.#activate();
  }

  async stop(): Promise<void> {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#stopPlayer();
    this.#off?.();
    await this.live.stop();
  }

  async applyMode(mode: ModeId, policy: L7Policy): Promise<PolicyEnforcement[]> {
    if (this.#active) {
      this.#mode = mode;
      this.#policy = policy;
      this.#play();
      return enforcement(mode, policy);
    }
    // A switch pauses measurements for a moment: that is not silence.
    this.#switching = true;
    this.#failingSince = null;
    try {
      const report = await this.live.applyMode(mode, policy);
      this.#mode = mode;
      this.#policy = policy;
      return report;
    } finally {
      this.#switching = false;
      this.#lastLive = this.#now();
    }
  }

  async applyPolicy(policy: L7Policy): Promise<PolicyEnforcement[]> {
    this.#policy = policy;
    if (!this.#active) return this.live.applyPolicy(policy);
    // Recorded: what the mode can enforce, from the capability table (nothing is applied), and
    // the stretch recorded under the new policy.
    this.#play();
    return enforcement(this.#mode, policy);
  }

  async setLoad(load: LoadSpec): Promise<void> {
    if (!this.#active) await this.live.setLoad(load);
    this.#load = load;
    if (this.#active) this.#play();
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
    this.#activate();
  }

  #activate(): void {
    this.#active = true;
    this.#play();
    this.#emit({ type: 'status', status: this.status() });
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
    this.#unrecorded = null;
    this.#stopPlayer();
    this.#emit({ type: 'status', status: this.status() });
    const topology = this.#liveTopology;
    if (topology?.mode === this.#mode) this.#emit({ type: 'topology', topology });
  }

  /** Puts a live backend that came back where the presenter went while it was away. */
  async #resync(): Promise<void> {
    try {
      // The switch carries the policy: no separate policy call after it.
      await this.live.applyMode(this.#mode, this.#policy);
      await this.live.setLoad(this.#load);
    } catch {
      // It will say what is wrong in its status; recorded data keeps showing meanwhile.
    }
  }

  /** Loops the recording's measurements for the current mode under the current policy and load,
   *  at their recorded pace; where the recording has none, plays nothing and says so. */
  #play(): void {
    const found = standIn(this.#index, { mode: this.#mode, policy: this.#policy, load: this.#load });
    const unrecorded = found.kind === 'recorded' ? null : found.say;
    const playing = `${this.#mode}@${found.kind === 'recorded' ? found.stretches.map((s) => s.from).join(',') : found.kind}`;
    if (unrecorded !== this.#unrecorded) {
      this.#unrecorded = unrecorded;
      this.#emit({ type: 'status', status: this.status() });
    }
    if (playing === this.#playing) return; // the same stretches, already playing (a switch under the same policy)
    this.#stopPlayer();
    this.#playing = playing;
    if (found.topology) this.#emit({ type: 'topology', topology: { ...found.topology, at: this.#now() } });
    if (found.kind !== 'recorded') return;
    const beats = found.beats;
    const { recordedAt } = this.recording.meta;
    let i = 0;
    const next = () => {
      const beat = beats[i % beats.length]!;
      i++;
      const at = this.#now();
      this.#emit(beat.k === 'latency' ? { type: 'latency', window: { ...beat.window, at, recordedAt } } : { type: 'hops', sample: { ...beat.sample, at } });
      this.#player = setTimeout(next, Math.max(50, beats[i % beats.length]!.dt));
    };
    next();
  }

  #stopPlayer(): void {
    if (this.#player) clearTimeout(this.#player);
    this.#player = null;
    this.#playing = '';
  }

  #emit(e: BackendEvent): void {
    for (const l of this.#listeners) l(e);
  }
}
