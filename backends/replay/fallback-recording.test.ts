// The shipped recording played as the demo (MESH_BACKEND=replay; the stage fallback plays the same
// way): what plays never contradicts what the panel says of the policy. The policies are the ones
// the demo slides state, read from the slides, so a slide that changes them fails here until the
// tour is recorded again (npm run record). On fake time: 15 s of recorded windows in milliseconds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomNote, type BackendStatus } from '../../lib/mesh/backend-status';
import { capability, type PolicyEnforcement } from '../../lib/mesh/capabilities';
import { MODE_IDS, type ModeId } from '../../lib/mesh/modes';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy } from '../../lib/mesh/policies';
import type { LatencyWindow } from '../../lib/mesh/telemetry';
import { readRecording } from './read-recording';
import { FallbackBackend } from './fallback-backend';
import type { BackendEvent } from '../seam/index';
import { NoLiveBackend } from './no-live-backend';

const recording = readRecording('public/recordings/lab-tour.json')!;

/** The caption of the slide with this id (the viewer's text: what the demo shows, with its figures). */
function caption(id: string): string {
  const slides = readdirSync('slides')
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => readFileSync(path.join('slides', f), 'utf8').split(/^---$/m));
  const slide = slides.find((s) => s.includes(`id="${id}"`));
  const text = slide?.match(/^Caption:\n([\s\S]*?)(?:\n\n|\nNote:|$)/m)?.[1];
  if (!text) throw new Error(`no slide ${id} with a caption`);
  return text.replace(/\s+/g, ' ');
}
const number = (text: string, re: RegExp, i = 1) => {
  const m = text.match(re);
  if (!m) throw new Error(`${re} not in "${text}"`);
  return Number(m[i]);
};

/** The panel's retry toggle (its default attempts and per-try timeout) over the flaky backend the slide states. */
const retriesSlide = caption('demo-retries');
const flakyPercent = number(retriesSlide, /failing (\d+) % of requests/);
const retryToggle: L7Policy = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } };
/** The fault the demo-faults slide states: "a 100 ms delay on 30 % of requests". */
const faultsSlide = caption('demo-faults');
const delayMs = number(faultsSlide, /a (\d+) ms delay on (\d+) %/);
const delay: L7Policy = { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, delayPercent: number(faultsSlide, /a (\d+) ms delay on (\d+) %/, 2), delayMs } };

let fb: FallbackBackend;
let events: BackendEvent[];
beforeEach(async () => {
  vi.useFakeTimers();
  fb = new FallbackBackend(new NoLiveBackend(), recording, { recordingOnly: true });
  events = [];
  fb.subscribe((e) => events.push(e));
  await fb.start();
});
afterEach(async () => {
  await fb.stop();
  vi.useRealTimers();
});

interface Played {
  windows: LatencyWindow[];
  hops: number;
  status: BackendStatus;
  enforced: PolicyEnforcement[];
}

/** Sets the demo as the engine does (the load, then the policy, then the mode under it) and takes what plays for 15 s. */
async function play(mode: ModeId, policy: L7Policy, errorPercent: number): Promise<Played> {
  await fb.setLoad({ ...DEFAULT_LOAD, errorPercent });
  await fb.applyPolicy(policy);
  const enforced = await fb.applyMode(mode, policy);
  const from = events.length;
  await vi.advanceTimersByTimeAsync(15_000);
  const later = events.slice(from);
  return {
    windows: later.flatMap((e) => (e.type === 'latency' && e.window.mode === mode ? [e.window] : [])),
    hops: later.filter((e) => e.type === 'hops').length,
    status: fb.status(),
    enforced,
  };
}

const sum = (ws: LatencyWindow[], f: (w: LatencyWindow) => number) => ws.reduce((a, w) => a + f(w), 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianP50 = (ws: LatencyWindow[]) => median(ws.filter((w) => w.window.count > 0).map((w) => w.window.p50Us));

describe('the recording as the demo: numbers that agree with the panel', () => {
  it(`retries on over a ${flakyPercent} % flaky backend (demo-retries): errors only where the mode cannot retry, ≈ 0 where it can`, async () => {
    const recorded: ModeId[] = [];
    for (const mode of MODE_IDS) {
      const { windows, status, enforced } = await play(mode, retryToggle, flakyPercent);
      const canRetry = capability(mode, 'retries').supported;
      expect(enforced.find((e) => e.key === 'retries')?.enforced, mode).toBe(canRetry);
      if (status.unrecorded) {
        expect(windows, `${mode}: nothing plays where the recording has no stretch`).toEqual([]);
        continue;
      }
      recorded.push(mode);
      const errors = sum(windows, (w) => w.errors);
      const share = errors / (errors + sum(windows, (w) => w.window.count));
      if (canRetry) {
        expect(share, `${mode} retries: its errors`).toBeLessThan(flakyPercent / 100 / 10);
        expect(
          sum(windows, (w) => w.retries),
          `${mode} retries: it retried`,
        ).toBeGreaterThan(0);
      } else {
        expect(share, `${mode} cannot retry: the backend's errors reach the client`).toBeGreaterThan(flakyPercent / 100 / 2);
        expect(sum(windows, (w) => w.retries)).toBe(0);
      }
    }
    // The modes the slide's caption walks through, one that retries and one that cannot among them.
    expect(recorded).toEqual(expect.arrayContaining(['sidecar', 'ambient', 'ambient-waypoint']));
  });

  it(`a ${delayMs} ms delay fault (demo-faults) moves p50 by about the delay where the mode injects it, not at all where it refuses it`, async () => {
    const injected: ModeId[] = [];
    for (const mode of MODE_IDS) {
      const plain = await play(mode, DEFAULT_POLICY, 0);
      const faulted = await play(mode, delay, 0);
      const canFault = capability(mode, 'fault').supported;
      expect(faulted.enforced.find((e) => e.key === 'fault')?.enforced, mode).toBe(canFault);
      if (faulted.status.unrecorded) {
        expect(faulted.windows, `${mode}: nothing plays where the recording has no stretch`).toEqual([]);
        continue;
      }
      expect(plain.windows.length, mode).toBeGreaterThan(10);
      const movedUs = medianP50(faulted.windows) - medianP50(plain.windows);
      if (canFault) {
        injected.push(mode);
        expect(Math.abs(movedUs - delayMs * 1000), `${mode}: p50 moved ${movedUs} µs`).toBeLessThan(delayMs * 1000 * 0.25);
      } else {
        expect(Math.abs(movedUs), `${mode} does not inject: p50 moved ${movedUs} µs`).toBeLessThan(delayMs * 1000 * 0.1);
      }
    }
    expect(injected).toContain('ambient-waypoint'); // the caption's example
  });

  it("a combination the recording lacks (the panel's default fault, abort 20 %, on sidecars): says so, and plays no numbers", async () => {
    const abort: L7Policy = { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, abortPercent: 20, abortStatus: 503 } };
    const { windows, hops, status } = await play('sidecar', abort, 0);
    expect(status).toMatchObject({
      state: 'ready',
      recorded: true,
      unrecorded: expect.stringMatching(/^No recording of Sidecar with 20 % aborted \(503\): no numbers/),
    });
    expect(status.detail.startsWith(status.unrecorded!)).toBe(true);
    expect(roomNote(status)).toMatch(/no numbers/);
    expect(windows).toEqual([]);
    expect(hops).toBe(0);
    // Where its proxies sit is still true, and shown.
    expect(events.some((e) => e.type === 'topology' && e.topology.mode === 'sidecar')).toBe(true);

    const back = await play('sidecar', DEFAULT_POLICY, 0);
    expect(back.status.unrecorded).toBeUndefined();
    expect(back.windows.length).toBeGreaterThan(10);
  });

  it('MESH_BACKEND=replay says recorded, with its date — never degraded, never waiting for a live lab', async () => {
    const { windows, status } = await play('ambient', DEFAULT_POLICY, 0);
    expect(status).toMatchObject({ name: 'replay', state: 'ready', recorded: true, recordedAt: recording.meta.recordedAt });
    expect(status.detail).toMatch(new RegExp(`recording made ${recording.meta.recordedAt.slice(0, 10)}`));
    expect(status.detail).not.toMatch(/degraded|until|back/);
    expect(roomNote(status)).toBeNull();
    // What it plays says where it came from: the scoreboard and a poll's reveal call it recorded.
    expect(windows.length).toBeGreaterThan(10);
    expect(windows.every((w) => w.recordedAt === recording.meta.recordedAt)).toBe(true);
  });
});
