import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/mesh/policies';
import type { BackendEvent } from '../seam/index';
import { LabBackend } from './lab-backend';

describe('LabBackend', () => {
  it('says exactly what is missing when the lab is not built, and refuses commands', async () => {
    const backend = new LabBackend({ bundleDir: '/nonexistent/dist/lab' });
    await backend.start();
    expect(backend.status()).toMatchObject({ state: 'unavailable', detail: expect.stringMatching(/controller\.js is missing\): run npm run build/) });
    await expect(backend.applyMode('sidecar', DEFAULT_POLICY)).rejects.toThrow(/Backend "lab" is unavailable/);
  });

  it('drives the real lab (loopback tier) and converts its events at this edge', async () => {
    const events: BackendEvent[] = [];
    const backend = new LabBackend({ bundleDir: 'dist/lab', tier: 'loopback', windowMs: 200, load: { rps: 40, payloadBytes: 256, errorPercent: 0 } });
    backend.subscribe((e) => events.push(e));
    try {
      await backend.start();
      expect(backend.status()).toMatchObject({ state: 'ready', variant: 'loopback', recorded: false });
      const retries = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 2, perTryTimeoutMs: 500 } };
      await backend.applyMode('ambient', DEFAULT_POLICY);
      const report = await backend.applyPolicy(retries);
      expect(report).toContainEqual(expect.objectContaining({ key: 'retries', enforced: false }));
      // Traffic through the new mode: its drawing, its measured windows and the ztunnels' own time.
      await vi.waitFor(
        () => {
          expect(events.some((e) => e.type === 'topology' && e.topology.mode === 'ambient')).toBe(true);
          const windows = events.flatMap((e) => (e.type === 'latency' ? [e.window] : []));
          expect(windows.some((w) => w.mode === 'ambient' && w.window.count > 0)).toBe(true);
          expect(events.some((e) => e.type === 'hops' && e.sample.hops.some((h) => h.proxyId === 'ztunnel/node-a'))).toBe(true);
        },
        { timeout: 10_000, interval: 50 },
      );
      const topologies = events.flatMap((e) => (e.type === 'topology' ? [e.topology] : []));
      expect(topologies.map((t) => t.mode)).toEqual(['none', 'ambient']);
      expect(topologies[1]!.proxies.map((p) => p.id)).toEqual(['ztunnel/node-a', 'ztunnel/node-b']);
      expect(topologies[1]!.userSpaceHops).toBe(6);

      // One trip per switch: the policy goes with it, and the controller's reply carries what the
      // new mode enforces of it (the sidecar's Envoy does retries).
      const sent = backend.commandsSent;
      const enforced = await backend.applyMode('sidecar', retries);
      expect(backend.commandsSent - sent).toBe(1);
      expect(enforced).toContainEqual(expect.objectContaining({ key: 'retries', enforced: true }));
    } finally {
      await backend.stop();
    }
    expect(backend.status().state).toBe('stopped');
  }, 30_000);
});
