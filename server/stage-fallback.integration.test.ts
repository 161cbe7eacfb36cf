// The stage fallback with the real lab: its controller is killed mid-demo (as a crash would),
// the shipped recording stands in within seconds, the lab restarts by itself, and live
// measurements take over again. Loopback tier, from a private copy of the bundle so the kill
// cannot hit another test's lab.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/testing/until';
import { DEFAULT_POLICY } from '../lib/mesh/policies';
import { FallbackBackend, readRecording } from '../backends/replay/index';
import type { BackendEvent } from '../backends/seam/index';
import { LabBackend } from '../backends/lab/index';

describe('stage fallback on the real lab', () => {
  it('a crashed lab is replaced by the recording within 5 s, and live again once it has restarted', async () => {
    // Inside the repository: the bundle resolves its packages from node_modules above it.
    const dir = path.resolve(mkdtempSync(path.join('dist', 'lab-fallback-')));
    cpSync('dist/lab', dir, { recursive: true });
    const recording = readRecording('public/recordings/lab-tour.json');
    expect(recording).not.toBeNull();
    const load = { rps: 40, payloadBytes: 256, errorPercent: 0 };
    const fb = new FallbackBackend(new LabBackend({ bundleDir: dir, tier: 'loopback', load, windowMs: 250 }), recording!, { load });
    const events: BackendEvent[] = [];
    fb.subscribe((e) => events.push(e));
    try {
      await fb.start();
      expect(fb.status()).toMatchObject({ state: 'ready', recorded: false });
      await fb.applyMode('ambient', DEFAULT_POLICY);
      await until(() => events.some((e) => e.type === 'latency' && e.window.mode === 'ambient'), 10_000);

      const controller = execFileSync('ps', ['-eo', 'pid,args'])
        .toString()
        .split('\n')
        .find((l) => l.includes(`${dir}/controller.js`));
      expect(controller).toBeDefined();
      const killedAt = Date.now();
      process.kill(Number(controller!.trim().split(/\s+/)[0]), 'SIGKILL');
      await until(() => fb.active, 5000);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      expect(fb.status()).toMatchObject({
        state: 'degraded',
        recorded: true,
        detail: expect.stringMatching(/exited unexpectedly.*Showing the recording made/),
      });
      const from = events.length;
      await until(() => events.slice(from).some((e) => e.type === 'latency' && e.window.mode === 'ambient'), 3000); // the recorded ambient segment

      // The lab restarts by itself, is put back in ambient, and its first window ends the fallback.
      await until(() => !fb.active, 45_000);
      expect(fb.status()).toMatchObject({ state: 'ready', recorded: false });
    } finally {
      await fb.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
