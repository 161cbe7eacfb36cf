'use client';
// Proxy-placement cost for your own cluster (lib/talk/placement-cost.ts): type pods, nodes,
// waypoints, replicas, the share of calls that need L7 and rps, choose what you pay for —
// the charts' requests or Istio's benchmark usage — and every row says what it assumes.
// On the projector it follows what the console typed (calculator-share.ts), read-only and large.
import { CHART_REQUESTS } from '@/lib/mesh/published-figures';
import { placementCost, PUBLISHED, type CostBasis } from '@/lib/talk/placement-cost';
import { useCalculatorInputs } from './calculator-share';
import styles from './talk.module.css';

const FIELDS = [
  { key: 'pods', label: 'pods', max: 100_000 },
  { key: 'nodes', label: 'nodes', max: 10_000 },
  { key: 'waypoints', label: 'waypoints', max: 10_000 },
  { key: 'waypointReplicas', label: 'replicas each', max: 100 },
  { key: 'l7Percent', label: '% calls needing L7', max: 100 },
  { key: 'rps', label: 'requests / s', max: 10_000_000 },
] as const;

const BASES: { id: CostBasis; label: string }[] = [
  { id: 'requests', label: 'reserved (chart requests)' },
  { id: 'usage', label: 'used (Istio benchmark)' },
];

/** `share`: `lead` (the console) shares what is typed with the projector; `follow` (the
 *  projector) shows it, with nothing to type into. Without it (a phone) the inputs stay here. */
export function PlacementCalculator({ share }: { share?: 'lead' | 'follow' }) {
  const [{ values, basis }, setInputs] = useCalculatorInputs(share);
  const setValues = (update: (v: typeof values) => typeof values) => setInputs((prev) => ({ ...prev, values: update(prev.values) }));
  const setBasis = (b: CostBasis) => setInputs((prev) => ({ ...prev, basis: b }));
  const rows = placementCost({ ...values, l7Share: values.l7Percent / 100, basis });
  const maxCpu = Math.max(...rows.map((r) => r.vcpu), 0.001);
  const maxMem = Math.max(...rows.map((r) => r.memoryGib), 0.001);
  const r = CHART_REQUESTS;
  const follow = share === 'follow';
  return (
    <div className={styles.calc} data-testid="placement-calculator" data-follow={follow || undefined}>
      {follow ? (
        // The projector: what the console typed, as one line to read.
        <p className={styles.given} data-testid="calc-given">
          {FIELDS.map((f) => (
            <span key={f.key}>
              <b>{values[f.key].toLocaleString('en')}</b> {f.label}
            </span>
          ))}
          <span>
            counting <b>{BASES.find((b) => b.id === basis)!.label}</b>
          </span>
        </p>
      ) : (
        <>
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
          <fieldset className={styles.basis}>
            <legend>what you pay for</legend>
            {BASES.map((b) => (
              <label key={b.id}>
                <input
                  type="radio"
                  name="calc-basis"
                  value={b.id}
                  checked={basis === b.id}
                  onChange={() => setBasis(b.id)}
                  data-testid={`calc-basis-${b.id}`}
                />
                {b.label}
              </label>
            ))}
          </fieldset>
        </>
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
