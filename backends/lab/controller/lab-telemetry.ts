// What the lab reports while it runs: a latency window per generator window (with the condition
// it was measured under and the retries the proxies made in it), and every `windowMs` a sample of
// each planned proxy's own time per listener and its CPU and memory.
import type { ModeId } from '../../../lib/mesh/modes';
import type { MeasureCondition } from '../../../lib/mesh/telemetry';
import type { LabEvent } from './controller-protocol';
import type { LoadgenWindow, ProxyStats } from '../ipc';

export class LabTelemetry {
  #lastRetries = 0;

  constructor(private readonly emit: (event: LabEvent) => void) {}

  /** A generator window of `mode`, measured under `condition`; `stats` are every proxy's latest. */
  window(w: LoadgenWindow, mode: ModeId, condition: MeasureCondition, stats: Iterable<ProxyStats>): void {
    if (w.mode !== mode) return; // a window straddling the switch belongs to neither mode
    const retriesNow = [...stats].reduce((n, s) => n + s.counters.retries, 0);
    const retries = Math.max(0, retriesNow - this.#lastRetries);
    this.#lastRetries = retriesNow;
    this.emit({
      type: 'window',
      window: {
        mode,
        at: Date.now(),
        windowMs: w.windowMs,
        window: w.window,
        cumulative: w.cumulative,
        rps: (w.completed * 1000) / w.windowMs,
        errors: w.errors,
        ...(w.firstError ? { firstError: w.firstError } : {}),
        retries,
        targetRps: w.targetRps,
        condition,
      },
      sendLag: w.sendLag,
    });
  }

  /** Each planned proxy's own time per listener over its last stats window of `windowMs`, and its CPU and memory. */
  hops(mode: ModeId, live: ProxyStats[], windowMs: number): void {
    this.emit({
      type: 'hops',
      sample: {
        mode,
        at: Date.now(),
        windowMs,
        hops: live.flatMap((s) =>
          Object.entries(s.selfByListener).map(([listener, self]) => ({
            proxyId: s.id,
            listener,
            kind: s.kind,
            count: self.count,
            selfP50Us: self.p50Us,
            selfP90Us: self.p90Us,
            l7: s.l7,
          })),
        ),
        resources: live.map((s) => ({ proxyId: s.id, kind: s.kind, cpuPercent: s.cpuPercent, rssMb: s.rssMb })),
      },
    });
  }
}
