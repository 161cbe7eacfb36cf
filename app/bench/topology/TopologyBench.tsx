'use client';
import { useEffect, useMemo, useState } from 'react';
import type { LatencyWindow } from '@/lib/mesh/telemetry';
import { syntheticTopology } from '@/lib/viz/synthetic-topology';
import { TopologyView } from '@/components/viz/TopologyView';

const n = (v: string | null, d: number, max: number) => Math.min(max, Math.max(1, Number(v) || d));

export function TopologyBench() {
  const [size, setSize] = useState<{ pods: number; edges: number; rps: number } | null>(null);
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    setSize({ pods: n(q.get('pods'), 100, 400), edges: n(q.get('edges'), 300, 2000), rps: n(q.get('rps'), 100, 5000) });
  }, []);
  return size ? <Bench {...size} /> : null;
}

function Bench({ pods, edges, rps }: { pods: number; edges: number; rps: number }) {
  const topology = useMemo(() => syntheticTopology(pods, edges), [pods, edges]);
  const latency: LatencyWindow = useMemo(
    () => ({
      mode: 'sidecar',
      at: 0,
      windowMs: 1000,
      rps,
      errors: Math.round(rps * 0.02),
      retries: 0,
      targetRps: rps,
      window: { count: rps, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 },
      cumulative: { count: rps, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 },
    }),
    [rps],
  );
  return (
    <main style={{ padding: 16 }} data-testid="topology-bench">
      <p style={{ margin: '0 0 8px', color: 'var(--ms-muted)' }}>
        Renderer benchmark — synthetic topology ({pods} pods, {edges} calls, {rps} rps of particles). Not a measurement of any mesh.
      </p>
      <TopologyView topology={topology} latency={latency} />
    </main>
  );
}
