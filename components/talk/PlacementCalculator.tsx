'use client';
// Proxy-placement cost for your own cluster, from published per-proxy figures (see
// lib/talk/placement-cost.ts): type pods, nodes, waypoints and rps; every row says what it assumes.
import { useState } from 'react';
import { placementCost, PUBLISHED } from '@/lib/talk/placement-cost';
import styles from './talk.module.css';

const FIELDS = [
  { key: 'pods', label: 'pods', max: 100_000 },
  { key: 'nodes', label: 'nodes', max: 10_000 },
  { key: 'waypoints', label: 'waypoints', max: 10_000 },
  { key: 'rps', label: 'requests / s', max: 10_000_000 },
] as const;

export function PlacementCalculator() {
  const [values, setValues] = useState({ pods: 500, nodes: 20, waypoints: 10, rps: 5000 });
  const rows = placementCost(values);
  const maxCpu = Math.max(...rows.map((r) => r.vcpu), 0.001);
  const maxMem = Math.max(...rows.map((r) => r.memoryGb), 0.001);
  return (
    <div className={styles.calc} data-testid="placement-calculator">
      <div className={styles.inputs}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              min={0}
              max={f.max}
              step={1}
              value={values[f.key]}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: Math.min(f.max, Math.max(0, Math.round(Number(e.target.value) || 0))) }))}
              data-testid={`calc-${f.key}`}
            />
          </label>
        ))}
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">data plane</th>
            <th scope="col">proxies</th>
            <th scope="col">proxy CPU (vCPU)</th>
            <th scope="col">proxy memory (GB)</th>
            <th scope="col">L7</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.plane} data-testid={`calc-row-${r.plane}`} title={r.assumption}>
              <th scope="row">{r.label}</th>
              <td>{r.proxies.toLocaleString('en')}</td>
              <td>
                <span className={styles.bar} style={{ width: `${(r.vcpu / maxCpu) * 60}%` }} />
                {r.vcpu.toFixed(2)}
              </td>
              <td>
                <span className={styles.bar} style={{ width: `${(r.memoryGb / maxMem) * 60}%` }} />
                {r.memoryGb.toFixed(1)}
              </td>
              <td>{r.l7 ? '✓' : '✗'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.source}>
        Per proxy at 1000 rps: sidecar {PUBLISHED.sidecar.vcpuPer1000} vCPU / {PUBLISHED.sidecar.memoryMb} MB, waypoint {PUBLISHED.waypoint.vcpuPer1000} vCPU /{' '}
        {PUBLISHED.waypoint.memoryMb} MB, ztunnel {PUBLISHED.ztunnel.vcpuPer1000} vCPU / {PUBLISHED.ztunnel.memoryMb} MB — {PUBLISHED.source}. Assumptions:{' '}
        {rows.map((r) => `${r.label}: ${r.assumption}`).join('; ')}.
      </p>
    </div>
  );
}
