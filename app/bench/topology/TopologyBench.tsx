'use client';
import { useMemo } from 'react';
import type { LatencyWindow } from '@/lib/mesh/telemetry';
import { syntheticTopology } from '@/lib/viz/synthetic-topology';
import { TopologyView } from '@/components/viz/TopologyView';

export function TopologyBench({ pods, edges, rps }: { pods: number; edges: number; rps: number }) {
  const topology = useMemo(() => syntheticTopology(pods, edges), [pods, edges]);
  const latency: LatencyWindow = useMemo(
    () => ({ mode: 'sidecar', at: 0, windowMs: 1000, rps, errors: Math.round(rps * 0.02), retries: 0, targetRps: rps, window: { count: rps, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 }, cumulative: { count: rps, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0 } }),
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
