import { describe, expect, it, vi } from 'vitest';
import type { LatencyWindow } from '../../lib/mesh/telemetry';
import { InMemoryBackend } from '../../backends/mock/index';
import { DemoEngine } from './demo-engine';
import { TelemetryStore } from './telemetry-store';

const summary = (p50Us: number, count: number) => ({ count, p50Us, p90Us: p50Us * 2, p99Us: p50Us * 3, maxUs: p50Us * 4 });
const win = (mode: LatencyWindow['mode'], at: number, p50Us: number, count: number, rps = 100): LatencyWindow => ({
  mode,
  at,
  windowMs: 250,
  window: summary(p50Us, 25),
  cumulative: summary(p50Us, count),
  rps,
  errors: 0,
  retries: 0,
  targetRps: rps,
});
const hops = (mode: LatencyWindow['mode'], at: number, cpuPercent: number) => ({ mode, at, hops: [], resources: [{ id: 'waypoint', cpuPercent, rssMb: 40 }] });

describe('the telemetry store', () => {
  it('freezes a mode’s figures when it is switched away: its draining windows and dying proxies do not count', async () => {
    const backend = new InMemoryBackend();
    const demo = new DemoEngine(backend);
    const store = new TelemetryStore(demo);
    await demo.setMode('ambient-waypoint');
    backend.emit({ type: 'latency', window: win('ambient-waypoint', 1, 2000, 4000) });
    backend.emit({ type: 'hops', sample: hops('ambient-waypoint', 2, 43) } as never);
    const row = () => store.scores().rows.find((r) => r.mode === 'ambient-waypoint')!;
    const live = { ...row() };
    expect(live.cpuPer1000Rps).toBeCloseTo(4.3, 1);

    let release!: () => void;
    backend.modeGate = new Promise((r) => (release = r));
    const switching = demo.setMode('ebpf');
    await vi.waitFor(() => expect(demo.state().switching).toMatchObject({ from: 'ambient-waypoint', to: 'ebpf' }));
    // Mid-switch: the waypoint's last windows drain (6 rps) and its proxy is torn down (busy).
    backend.emit({ type: 'latency', window: win('ambient-waypoint', 3, 9000, 4010, 6) });
    backend.emit({ type: 'hops', sample: hops('ambient-waypoint', 4, 90) } as never);
    release();
    await switching;
    // After it: a straggler of the old mode.
    backend.emit({ type: 'latency', window: win('ambient-waypoint', 5, 9000, 4020, 6) });
    expect(row()).toEqual(live);
    // The new mode counts.
    backend.emit({ type: 'latency', window: win('ebpf', 6, 900, 500) });
    expect(store.scores().rows.find((r) => r.mode === 'ebpf')?.latency?.p50Us).toBe(900);
    store.dispose();
  });
});
