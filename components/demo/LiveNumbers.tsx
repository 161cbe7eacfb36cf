'use client';
// The live measurements as text: this window's percentiles and the current condition's (mode,
// load, policy — restarted on any change), throughput and
// errors, and the path a request takes. Numbers appear only when the backend measured them (under
// recorded data, only when the recording has the demo as it is set: else it says what it lacks).
// It reads the latest window itself (four times a second), so only it re-renders for one.
import type { DemoState } from '@/lib/mesh/demo-state';
import { selectHops } from '@/lib/channel/selectors';
import { perSecond } from '@/lib/mesh/telemetry';
import { useChannelSelector, useLatency } from '../shared/channel-hooks';
import styles from './demo.module.css';

const ms = (us: number) => (us >= 10_000 ? (us / 1000).toFixed(0) : (us / 1000).toFixed(2));

const noHops = () => null;

/** `withHops`: the proxies' CPU and memory too (the console; a phone is sent hop samples only on
 *  a slide that draws them, so what it holds elsewhere is stale). */
export function LiveNumbers({ demo, withHops = false }: { demo: DemoState; withHops?: boolean }) {
  const latency = useLatency();
  const hops = useChannelSelector(withHops ? selectHops : noHops);
  const current = latency && latency.mode === demo.mode ? latency : null;
  const path = demo.topology?.mode === demo.mode ? demo.topology.paths : null;
  const proxies = hops && hops.mode === demo.mode ? hops.resources : [];
  return (
    <div className={styles.live} data-testid="live-numbers">
      {current && (current.window.count > 0 || current.errors > 0) ? (
        <table className={styles.numbers} aria-label="Latency in milliseconds">
          <thead>
            <tr>
              <th />
              <th>p50</th>
              <th>p90</th>
              <th>p99</th>
            </tr>
          </thead>
          <tbody>
            <tr data-testid="latency-window" data-at={current.at}>
              <th>last {current.windowMs} ms</th>
              {current.window.count > 0 ? (
                <>
                  <td>{ms(current.window.p50Us)}</td>
                  <td>{ms(current.window.p90Us)}</td>
                  <td>{ms(current.window.p99Us)}</td>
                </>
              ) : (
                <td colSpan={3} className={styles.failed}>
                  every request failed
                </td>
              )}
            </tr>
            <tr data-testid="latency-condition">
              <th title="Since the mode or its load or policy last changed, once the path settled">this condition</th>
              {current.cumulative.count > 0 ? (
                <>
                  <td>{ms(current.cumulative.p50Us)}</td>
                  <td>{ms(current.cumulative.p90Us)}</td>
                  <td>{ms(current.cumulative.p99Us)}</td>
                </>
              ) : (
                <td colSpan={3} className={styles.muted}>
                  warming up
                </td>
              )}
            </tr>
          </tbody>
        </table>
      ) : (
        <p className={styles.muted} data-testid={demo.backend.unrecorded ? 'unrecorded' : undefined}>
          {demo.backend.unrecorded ?? (demo.load.rps > 0 ? 'Waiting for measurements…' : 'No load: set a request rate to measure.')}
        </p>
      )}
      {current && (
        <p className={styles.muted} data-testid="throughput">
          {current.rps.toFixed(0)} of {current.targetRps} rps · {perSecond(current).errors} errors/s
          {current.firstError ? ` (first: ${current.firstError})` : ''} · {perSecond(current).retries} retries/s (ms, end to end, successful requests,{' '}
          {demo.load.payloadBytes} B)
        </p>
      )}
      {path && (
        <ol className={styles.paths} data-testid="request-path" aria-label="Request path">
          {path.map((p) => (
            <li key={`${p.from}-${p.to}`}>{p.hops.map((h) => h.id).join(' → ')}</li>
          ))}
        </ol>
      )}
      {(demo.mode === 'ebpf' || demo.mode === 'ebpf-l7') && demo.topology?.mode === demo.mode && (
        <p className={styles.muted} data-testid="kernel-programs">
          {demo.topology.kernelPrograms.length > 0
            ? `eBPF loaded: ${demo.topology.kernelPrograms.join(' · ')}`
            : 'No eBPF program is loaded here: this mode takes the plain kernel path (see the backend status for why).'}
        </p>
      )}
      {proxies.length > 0 && (
        <p className={styles.muted} data-testid="proxy-overhead">
          {proxies.map((r) => `${r.proxyId} ${r.cpuPercent.toFixed(0)}% CPU ${r.rssMb.toFixed(0)} MB`).join(' · ')}
        </p>
      )}
    </div>
  );
}
