import { describe, expect, it } from 'vitest';
import { DeckController } from '../engine/deck-controller';
import { DemoEngine } from '../engine/demo-engine';
import { Recorder } from './recorder';
import { InMemoryBackend } from '../../backends/mock/index';
import { testDeck } from '../../lib/testing/test-deck';
import type { LatencyWindow } from '../../lib/mesh/telemetry';
import { frameAt, lastAtOrBefore, modeJumps, modeSegments } from '../../lib/replay/replay-state';
import { latencyWindow } from '../../lib/testing/latency-window.fixture';

const win = (mode: LatencyWindow['mode'], at: number, p50Us: number): LatencyWindow => latencyWindow(mode, { at, p50Us });

describe('recording and replaying', () => {
  it('records the session on one timeline and replays what was on screen at any time', async () => {
    let now = 10_000;
    const backend = new InMemoryBackend();
    const deck = new DeckController(testDeck(), () => now);
    const demo = new DemoEngine(backend, () => now);
    const rec = new Recorder(deck, demo, () => now);
    now += 1000;
    backend.emit({ type: 'latency', window: win('none', now, 1400) });
    now += 1000;
    deck.goto({ slide: 2, fragment: -1 });
    await demo.setMode('sidecar');
    now += 500;
    backend.emit({ type: 'latency', window: win('sidecar', now, 5000) });
    backend.emit({
      type: 'hops',
      sample: { mode: 'sidecar', at: now, hops: [], resources: [{ proxyId: 'sidecar/web', kind: 'sidecar', cpuPercent: 50, rssMb: 70 }] },
    });
    now += 70_000;
    backend.emit({ type: 'latency', window: win('sidecar', now, 5100) });
    const recording = rec.finish({
      format: 'meshstage-recording/1',
      title: 't',
      backend: { name: 'memory', detail: 'x' },
      machine: { os: 'linux', kernel: 'k', cpus: 2, cpuModel: 'c', memoryGb: 1, node: 'v20' },
      versions: {},
      source: 'scripted',
    });
    expect(recording.meta.durationMs).toBe(72_500);
    expect(recording.events.map((e) => [e.t, e.k])).toEqual([
      [0, 'deck'],
      [0, 'demo'],
      [1000, 'latency'],
      [2000, 'deck'],
      [2000, 'demo'],
      [2000, 'demo'],
      [2500, 'latency'],
      [2500, 'hops'],
      [72_500, 'latency'],
    ]);

    expect(frameAt(recording, 1500)).toMatchObject({ deck: { slide: 0 }, slideId: 'a-1', demo: { mode: 'none' }, latency: { window: { p50Us: 1400 } } });
    const at = frameAt(recording, 2600);
    expect(at).toMatchObject({ deck: { slide: 2 }, slideId: 'b-1', demo: { mode: 'sidecar' }, hops: { mode: 'sidecar' } });
    expect(at.scores.rows.map((r) => r.mode)).toEqual(['none', 'sidecar']);
    // The history is the last minute before t, as live.
    expect(frameAt(recording, 72_500).history.map((p) => p.p50Us)).toEqual([5100]);
    expect(modeSegments(recording)).toEqual([
      { mode: 'none', from: 0, to: 2000 },
      { mode: 'sidecar', from: 2000, to: 72_500 },
    ]);
    expect(lastAtOrBefore(recording.events, -1)).toBe(-1);
  });

  it('offers one jump per data plane, to where it first appears', () => {
    const seg = (mode: 'none' | 'sidecar' | 'ambient', from: number, to: number) => ({ mode, from, to });
    expect(modeJumps([seg('none', 0, 1), seg('sidecar', 1, 2), seg('ambient', 2, 3), seg('sidecar', 3, 4)])).toEqual([
      seg('none', 0, 1),
      seg('sidecar', 1, 2),
      seg('ambient', 2, 3),
    ]);
  });
});
