// On fake time: the watchdog, the recording's player and the feeds below all run on timers, so a
// test says "within 5 s" of simulated time and never waits for real seconds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY, type L7Policy } from '../../lib/mesh/policies';
import type { LatencyWindow } from '../../lib/mesh/telemetry';
import type { Recording } from '../../lib/replay/recording';
import { InMemoryBackend } from '../mock/index';
import type { BackendEvent } from '../seam/index';
import { FallbackBackend } from './fallback-backend';
import { latencyWindow } from '../../lib/testing/latency-window.fixture';

const win = (mode: LatencyWindow['mode'], at: number, p50Us: number): LatencyWindow => latencyWindow(mode, { at, p50Us });
const topo = (mode: LatencyWindow['mode'], n: number) => ({
  mode,
  at: 0,
  nodes: ['a'],
  pods: [],
  proxies: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, kind: 'sidecar' as const, node: 'a' })),
  paths: [],
  userSpaceHops: n,
  kernelPrograms: [],
});
const state = (mode: LatencyWindow['mode'], n: number, policy: L7Policy = DEFAULT_POLICY) => ({
  rev: 1,
  mode,
  policy,
  enforcement: [],
  load: { rps: 100, payloadBytes: 1024, errorPercent: 0 },
  backend: {} as never,
  lastSwitch: null,
  switching: null,
  topology: topo(mode, n),
});
const recording: Recording = {
  meta: {
    format: 'meshstage-recording/1',
    title: 't',
    recordedAt: '2026-11-30T05:52:16.000Z',
    durationMs: 2000,
    backend: { name: 'lab', variant: 'netns', detail: 'd' },
    machine: { os: 'Linux', kernel: 'k', cpus: 2, cpuModel: 'AMD EPYC', memoryGb: 24, node: 'v20' },
    versions: {},
    source: 'scripted',
  },
  events: [
    { t: 0, k: 'demo', state: state('none', 0) },
    { t: 100, k: 'latency', window: win('none', 1, 1400) },
    { t: 200, k: 'latency', window: win('none', 2, 1500) },
    { t: 1000, k: 'demo', state: state('sidecar', 4) },
    { t: 1100, k: 'latency', window: win('sidecar', 3, 5000) },
    { t: 1200, k: 'latency', window: win('sidecar', 4, 5200) },
  ],
};

let fb: FallbackBackend | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(async () => {
  await fb?.stop();
  vi.useRealTimers();
});

/** Advances fake time in small steps until `check()` holds; fails once `withinMs` has passed. */
async function until(check: () => boolean, withinMs = 5000): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited >= withinMs) throw new Error(`condition not met within ${withinMs} ms of simulated time`);
    await vi.advanceTimersByTimeAsync(10);
  }
}

describe('FallbackBackend', () => {
  it('shows the recorded segment within seconds of the live backend failing, and goes back when it returns', async () => {
    const live = new InMemoryBackend();
    fb = new FallbackBackend(live, recording, { silenceMs: 300, checkEveryMs: 50 });
    const events: BackendEvent[] = [];
    fb.subscribe((e) => events.push(e));
    await fb.start();
    await fb.applyMode('sidecar', DEFAULT_POLICY);
    live.emit({ type: 'latency', window: win('sidecar', Date.now(), 4900) });
    expect(fb.status()).toMatchObject({ recorded: false });

    live.setStatus({ state: 'unavailable', detail: 'the lab controller exited' });
    await until(() => fb!.active, 5000);
    expect(fb.status()).toMatchObject({
      state: 'degraded',
      recorded: true,
      detail: expect.stringMatching(/live backend is unavailable \(the lab controller exited\).*recording made 2026-11-30 on 2 × AMD EPYC \(lab, netns\)/),
    });
    await until(() => events.filter((e) => e.type === 'latency' && e.window.window.p50Us === 5200).length > 0);
    expect(events.some((e) => e.type === 'topology' && e.topology.userSpaceHops === 4)).toBe(true);

    // Switching mode during the fallback plays that mode's recorded segment; live is left alone.
    const calls = live.calls.length;
    await fb.applyMode('none', DEFAULT_POLICY);
    expect(live.calls.length).toBe(calls);
    await until(() => events.some((e) => e.type === 'latency' && e.window.mode === 'none' && e.window.window.p50Us === 1500));
    const retries: L7Policy = {
      retries: { enabled: true, attempts: 2, perTryTimeoutMs: 100 },
      timeout: { enabled: false, ms: 1 },
      fault: { abortPercent: 0, abortStatus: 503, delayPercent: 0, delayMs: 0 },
      mtls: true,
    };
    expect(await fb.applyPolicy(retries)).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'retries', enforced: false })]));

    // The live backend returns (restarted, in its default mode): it is put in the presenter's mode
    // (under the presenter's policy) first, and its first window of that mode ends the fallback.
    expect(await fb.applyMode('sidecar', retries)).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'retries', enforced: true })]));
    live.mode = 'none';
    live.setStatus({ state: 'ready', detail: 'back' });
    await until(() => live.mode === 'sidecar');
    expect(live.policy).toEqual(retries); // the switch carried the presenter's policy
    expect(fb.active).toBe(true);
    live.emit({ type: 'latency', window: win('sidecar', Date.now(), 5300) });
    await until(() => !fb!.active);
    expect(fb.status()).toMatchObject({ state: 'ready', recorded: false });
  });

  it("plays the mode's stretch recorded under the policy set, and switches stretch when the policy changes during the fallback", async () => {
    const delay: L7Policy = { ...DEFAULT_POLICY, fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 } };
    const tour: Recording = {
      meta: recording.meta,
      events: [
        { t: 0, k: 'demo', state: state('sidecar', 4, delay) },
        { t: 100, k: 'latency', window: win('sidecar', 1, 104_000) },
        { t: 500, k: 'demo', state: state('none', 0) },
        { t: 600, k: 'latency', window: win('none', 2, 1400) },
        { t: 1000, k: 'demo', state: state('sidecar', 4) },
        { t: 1100, k: 'latency', window: win('sidecar', 3, 5000) },
        { t: 1200, k: 'latency', window: win('sidecar', 4, 5200) },
      ],
    };
    const live = new InMemoryBackend();
    fb = new FallbackBackend(live, { ...tour, meta: { ...tour.meta, durationMs: 1300 } }, { silenceMs: 200, checkEveryMs: 50 });
    const played: number[] = [];
    fb.subscribe((e) => e.type === 'latency' && played.push(e.window.window.p50Us));
    await fb.start();
    await fb.applyMode('sidecar', DEFAULT_POLICY);
    live.setStatus({ state: 'unavailable', detail: 'gone' });
    await until(() => played.filter((p) => p === 5200).length >= 2);
    expect(played).not.toContain(104_000);
    expect(played).toContain(5000);

    // The presenter sets the delay fault while recorded data shows: its stretch plays, and only it.
    await fb.applyPolicy(delay);
    const from = played.length;
    await until(() => played.length >= from + 3);
    expect(new Set(played.slice(from))).toEqual(new Set([104_000]));

    // A condition the recording lacks: nothing plays, and the status says so beside why it is recorded.
    await fb.setLoad({ rps: 100, payloadBytes: 1024, errorPercent: 10 });
    expect(fb.status()).toMatchObject({
      state: 'degraded',
      recorded: true,
      unrecorded: expect.stringMatching(/^No recording of Sidecar with a 100 ms delay on 30 %, 10 % backend errors/),
      detail: expect.stringMatching(
        /^No recording of Sidecar.*The live backend is unavailable \(gone\)\. Showing the recording made 2026-11-30 .* until it is back\.$/,
      ),
    });
    const still = played.length;
    await vi.advanceTimersByTimeAsync(2000);
    expect(played.length).toBe(still);
  });

  it('a live backend that goes silent with load on counts as failed; no load, no alarm', async () => {
    const live = new InMemoryBackend();
    fb = new FallbackBackend(live, recording, { silenceMs: 200, checkEveryMs: 50, load: { rps: 0, payloadBytes: 1024, errorPercent: 0 } });
    await fb.start();
    await vi.advanceTimersByTimeAsync(400);
    expect(fb.active).toBe(false);
    await fb.setLoad({ rps: 50, payloadBytes: 1024, errorPercent: 0 });
    await until(() => fb!.active);
  });

  it('a mode whose requests fail with nothing asking them to is a failing backend: recorded data stands in, labelled, until it recovers', async () => {
    const live = new InMemoryBackend();
    fb = new FallbackBackend(live, recording, { silenceMs: 5000, failingMs: 200, checkEveryMs: 50 });
    await fb.start();
    await fb.applyMode('sidecar', DEFAULT_POLICY);
    const failing = () => ({ ...win('sidecar', Date.now(), 5000), errors: 20, firstError: 'connection reset by peer' });
    const feed = setInterval(() => live.emit({ type: 'latency', window: failing() }), 50);
    try {
      await until(() => fb!.active);
      expect(fb.status()).toMatchObject({
        recorded: true,
        detail: expect.stringMatching(/failing: 20 of 25 requests failed in the last 250 ms \(first: connection reset by peer\)/),
      });
      // Still failing: it stays recorded.
      await vi.advanceTimersByTimeAsync(150);
      expect(fb.active).toBe(true);
    } finally {
      clearInterval(feed);
    }
    live.emit({ type: 'latency', window: win('sidecar', Date.now(), 5100) });
    await until(() => !fb!.active);
    expect(fb.status()).toMatchObject({ recorded: false });
  });

  it('failures the presenter asked for (an abort fault, a flaky backend) are the demo, not a failure', async () => {
    const live = new InMemoryBackend();
    fb = new FallbackBackend(live, recording, { silenceMs: 5000, failingMs: 100, checkEveryMs: 25 });
    await fb.start();
    await fb.applyMode('sidecar', DEFAULT_POLICY);
    await fb.applyPolicy({ ...DEFAULT_POLICY, fault: { abortPercent: 50, abortStatus: 503, delayPercent: 0, delayMs: 0 } });
    for (let i = 0; i < 8; i++) {
      live.emit({ type: 'latency', window: { ...win('sidecar', Date.now(), 5000), errors: 12, firstError: 'answered 503' } });
      await vi.advanceTimersByTimeAsync(40);
    }
    expect(fb.active).toBe(false);
    await fb.applyPolicy(DEFAULT_POLICY);
    await fb.setLoad({ rps: 100, payloadBytes: 1024, errorPercent: 10 });
    for (let i = 0; i < 8; i++) {
      live.emit({ type: 'latency', window: { ...win('sidecar', Date.now(), 5000), errors: 3, firstError: 'answered 502' } });
      await vi.advanceTimersByTimeAsync(40);
    }
    expect(fb.active).toBe(false);
  });
});
