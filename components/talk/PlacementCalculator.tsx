'use client';
// Proxy-placement cost for your own cluster (lib/talk/placement-cost.ts): type pods, nodes,
// waypoints, replicas, the share of calls that need L7 and rps, choose what you pay for —
// the charts' requests or Istio's benchmark usage — and every row says what it assumes.
import { useState } from 'react';
import { CALCULATOR_FIELDS, DEFAULT_CALCULATOR, type CalculatorInputs } from '@/lib/talk/calculator-state';
import { CHART_REQUESTS } from '@/lib/mesh/published-figures';
import { placementCost, PUBLISHED, type CostBasis } from '@/lib/talk/placement-cost';
import styles from './talk.module.css';

const BASES: { id: CostBasis; label: string }[] = [
  { id: 'requests', label: 'reserved (chart requests)' },
  { id: 'usage', label: 'used (Istio benchmark)' },
];

interface Props {
  /** The inputs to price: held by the caller (the console's, the server's); without them the
   *  calculator keeps its own (a phone trying its own cluster). */
  inputs?: CalculatorInputs;
  /** Called with every edit; without it (and with `inputs`) the calculator only shows them — the
   *  projector, drawing what the console typed. */
  onChange?: (inputs: CalculatorInputs) => void;
}

export function PlacementCalculator({ inputs, onChange }: Props) {
  const [own, setOwn] = useState(DEFAULT_CALCULATOR);
  const values = inputs ?? own;
  const edit = inputs ? onChange : setOwn;
  const { basis } = values;
  const set = (next: CalculatorInputs) => edit?.(next);
  const rows = placementCost({ ...values, l7Share: values.l7Percent / 100 });
  const maxCpu = Math.max(...rows.map((r) => r.vcpu), 0.001);
  const maxMem = Math.max(...rows.map((r) => r.memoryGib), 0.001);
  const r = CHART_REQUESTS;
  return (
    <div className={styles.calc} data-testid="placement-calculator" data-shown={edit ? undefined : 'true'}>
      {edit ? (
        <>
          <div className={styles.inputs}>
            {CALCULATOR_FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <input
                  type="number"
                  min={0}
                  max={f.max}
                  step={1}
                  value={values[f.key]}
                  onChange={(e) => set({ ...values, [f.key]: Math.min(f.max, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
                  data-testid={`calc-${f.key}`}
                />
              </label>
            ))}
          </div>
          <fieldset className={styles.basis}>
            <legend>what you pay for</legend>
            {BASES.map((b) => (
              <label key={b.id}>
                <input
                  type="radio"
                  name="calc-basis"
                  value={b.id}
                  checked={basis === b.id}
                  onChange={() => set({ ...values, basis: b.id })}
                  data-testid={`calc-basis-${b.id}`}
                />
                {b.label}
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        // The projector: what the console typed, as one line to read.
        <p className={styles.given} data-testid="calc-given">
          {CALCULATOR_FIELDS.map((f) => (
            <span key={f.key}>
              <b data-testid={`calc-${f.key}`}>{values[f.key].toLocaleString('en')}</b> {f.label}
            </span>
          ))}
          <span data-testid="calc-basis">
            counting <b>{BASES.find((b) => b.id === basis)!.label}</b>
          </span>
        </p>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">data plane</th>
            <th scope="col">proxies</th>
            <th scope="col">vCPU {basis === 'requests' ? 'reserved' : 'used'}</th>
            <th scope="col">memory (GiB)</th>
            <th scope="col">L7</th>
            <th scope="col">mTLS</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.plane} data-testid={`calc-row-${row.plane}`}>
              <th scope="row">{row.label}</th>
              <td>{row.proxies.toLocaleString('en')}</td>
              <td>
                <span className={styles.bar} style={{ width: `${(row.vcpu / maxCpu) * 60}%` }} />
                {row.vcpu.toFixed(2)}
              </td>
              <td>
                <span className={styles.bar} style={{ width: `${(row.memoryGib / maxMem) * 60}%` }} />
                {row.memoryGib.toFixed(2)}
              </td>
              <td>{row.l7 ? '✓' : '✗'}</td>
              <td>{row.mtls ? '✓' : '✗'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className={styles.assumptions} data-testid="calc-assumptions">
        {rows.map((row) => (
          <li key={row.plane}>
            <b>{row.label}</b>: {row.assumption}
          </li>
        ))}
      </ul>
      <p className={styles.source}>
        {basis === 'requests'
          ? `Requests per proxy: sidecar and waypoint replica ${r.sidecar.vcpu * 1000}m / ${r.sidecar.memoryMib} MiB, ztunnel ${r.ztunnel.vcpu * 1000}m / ${r.ztunnel.memoryMib} MiB and istio-cni ${r.istioCni.vcpu * 1000}m / ${r.istioCni.memoryMib} MiB per node — ${r.source}.`
          : `Used per proxy at 1000 rps: sidecar ${PUBLISHED.sidecar.vcpuPer1000} vCPU / ${PUBLISHED.sidecar.memoryMb} MB, waypoint ${PUBLISHED.waypoint.vcpuPer1000} / ${PUBLISHED.waypoint.memoryMb} MB, ztunnel ${PUBLISHED.ztunnel.vcpuPer1000} / ${PUBLISHED.ztunnel.memoryMb} MB — ${PUBLISHED.source}; no published idle CPU.`}{' '}
        Control planes (istiod, Cilium agent) not counted.
      </p>
    </div>
  );
}
