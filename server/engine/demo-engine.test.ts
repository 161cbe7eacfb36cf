import { describe, expect, it } from 'vitest';
import { until } from '../../lib/testing/until';
import { InMemoryBackend } from '../../backends/mock/index';
import { DemoEngine } from './demo-engine';

function gated() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { gate, open, fail };
}

describe('DemoEngine mode switches', () => {
  it('shows a switch under way with the backend’s progress, then the new mode', async () => {
    const backend = new InMemoryBackend();
    const { gate, open } = gated();
    backend.modeGate = gate;
    let t = 1000;
    const engine = new DemoEngine(backend, () => t);
    const switching = engine.setMode('sidecar');
    await until(() => engine.state().switching !== null);
    expect(engine.state().switching).toEqual({ from: 'none', to: 'sidecar', startedAt: 1000, step: 'Switching to sidecar', done: 0, total: 0, waiting: [] });
    backend.emit({ type: 'progress', progress: { step: 'Restarting web', done: 3, total: 4, waiting: ['web: 1 pod not ready'] } });
    expect(engine.state()).toMatchObject({ mode: 'none', switching: { to: 'sidecar', step: 'Restarting web', done: 3, total: 4 } });
    t = 4000;
    open();
    const done = await switching;
    expect(done).toMatchObject({ mode: 'sidecar', switching: null, lastSwitch: { from: 'none', to: 'sidecar', at: 4000 } });
  });

  it('a failed switch clears the progress and keeps the old mode; progress outside a switch is ignored', async () => {
    const backend = new InMemoryBackend();
    const { gate, fail } = gated();
    backend.modeGate = gate;
    const engine = new DemoEngine(backend);
    const switching = engine.setMode('ambient');
    fail(new Error('meshstage-ambient is not serving in ambient after 240 s'));
    await expect(switching).rejects.toThrow(/not serving/);
    expect(engine.state()).toMatchObject({ mode: 'none', switching: null, lastSwitch: null });
    const rev = engine.state().rev;
    backend.emit({ type: 'progress', progress: { step: 'late', done: 1, total: 1, waiting: [] } });
    expect(engine.state().rev).toBe(rev);
  });
});
