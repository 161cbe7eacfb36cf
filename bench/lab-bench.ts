// npm run bench:lab — every mode of the local lab at one fixed rate and payload, repeated and
// interleaved, medians printed beside the kernel floor of the same path and Istio's published
// figures. Not a test: numbers depend on the machine.
//   --path pair|chain  pair (default): one call, client and server on different nodes — the shape
//                      of Istio's benchmark, so "added per call" is one proxy pair's; chain: the
//                      demo's client → web → catalog → inventory (three calls)
//   --rps N (1000) --payload BYTES (1024) --seconds S per measurement (5) --runs R (3)
//   --floor-rounds N (5000, back to back) --no-pin --tier auto|loopback|netns --json FILE (also write the rows)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODE_IDS, type ModeId } from '../lib/mesh/modes';
import { DEFAULT_POLICY } from '../lib/mesh/policies';
import { PUBLISHED_PAIR_LATENCY, PUBLISHED_PER_PROXY } from '../lib/mesh/published-figures';
import { MIN_SAMPLES } from '../lib/mesh/scoreboard';
import type { HopsSample, LatencySummary, LatencyWindow, ProxyKind } from '../lib/mesh/telemetry';
import { LabController, type LabEvent } from '../backends/lab/controller/lab-controller';
import { userSpaceHops, type ModePlan } from '../backends/lab/controller/mode-plan';
import type { TierRequest } from '../backends/lab/netns/preflight';
import { edges, type WorkloadPath } from '../backends/lab/topology';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const number = (name: string, fallback: number) => {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${v}")`);
  return n;
};
const rps = number('rps', 1000);
const payload = number('payload', 1024);
const seconds = number('seconds', 5);
const runs = number('runs', 3);
const floorRounds = number('floor-rounds', 5000);
const jsonFile = option('json') ?? null;
const pin = !args.includes('--no-pin');
const tier = (option('tier') ?? 'auto') as TierRequest;
const workloadPath = (option('path') ?? 'pair') as WorkloadPath;
if (!['pair', 'chain'].includes(workloadPath)) throw new Error(`--path must be pair or chain (got "${workloadPath}")`);
const calls = edges(workloadPath).length;
/** After a switch the generator keeps the ramp and the settling out of the cumulative itself;
 *  this only lets it settle before the measured stretch starts. */
const SETTLE_MS = 1500;

/** One mode, one run. Latency percentiles are of successful requests (µs). */
interface Sample {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  count: number;
  achieved: number;
  errors: number;
  firstError: string | null;
  /** vCPU and RSS of every proxy kind on the path (summed over its proxies, mean over samples). */
  cpuByKind: Map<ProxyKind, number>;
  rssByKind: Map<ProxyKind, number>;
  proxiesByKind: Map<ProxyKind, number>;
  sendLagP50: number;
  switchMs: number;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

let last: { window: LatencyWindow; sendLag: LatencySummary } | null = null;
let measuring = false;
let completed = 0;
let errors = 0;
let firstError: string | null = null;
let hopSamples: HopsSample[] = [];
const onEvent = (e: LabEvent) => {
  if (e.type === 'window') {
    last = { window: e.window, sendLag: e.sendLag };
    if (measuring) {
      completed += (e.window.rps * e.window.windowMs) / 1000;
      errors += e.window.errors;
      if (e.window.errors > 0 && firstError === null) firstError = e.window.firstError ?? 'unknown';
    }
  } else if (e.type === 'hops' && measuring) {
    hopSamples.push(e.sample);
  }
};

/** Proxy traversals of each kind per request (a sidecar between two calls counts twice). */
function traversalsByKind(plan: ModePlan): Map<ProxyKind, number> {
  const n = new Map<ProxyKind, number>();
  for (const p of plan.paths)
    for (const h of p.hops)
      if (h.kind === 'sidecar' || h.kind === 'ztunnel' || h.kind === 'waypoint' || h.kind === 'node-l7') n.set(h.kind, (n.get(h.kind) ?? 0) + 1);
  return n;
}

const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const lab = await LabController.start({
  bundleDir,
  tier,
  path: workloadPath,
  cpu: pin ? 0 : null,
  load: { rps, payloadBytes: payload, errorPercent: 0 },
  onEvent,
});
await lab.setPolicy(DEFAULT_POLICY);
const samples = new Map<ModeId, Sample[]>(MODE_IDS.map((m) => [m, []]));
/** The floor at the load's pace (one round per 1/rps) and back to back (closed loop). */
const floors: LatencySummary[] = [];
const closedFloors: LatencySummary[] = [];
const floorIntervalUs = Math.max(1, Math.round(1e6 / rps));
// As many rounds as a mode's measurement has requests, and never fewer than the p50 needs.
const pacedFloorRounds = Math.max(MIN_SAMPLES.p50Us, Math.min(floorRounds, Math.round(rps * seconds)));
const plans = new Map<ModeId, ModePlan>();
const tierNote = lab.tierDecision.tier === 'netns' ? (lab.tierDecision.ebpf.available ? ' with eBPF' : ` without eBPF (${lab.tierDecision.ebpf.reason})`) : '';
process.stderr.write(
  `bench:lab ${lab.tier} tier${tierNote}, ${workloadPath} path (${calls} call${calls > 1 ? 's' : ''}), ${rps} rps, ${payload} B, mTLS on, ${runs} × ${seconds} s per mode, ${pin ? 'pinned to CPU 0' : 'unpinned'}\n`,
);

for (let run = 1; run <= runs; run++) {
  // The floor shares the CPU with what runs: measure it with no proxies and no load on.
  await lab.setMode('none');
  await lab.setLoad({ rps: 0, payloadBytes: payload, errorPercent: 0 });
  await new Promise((r) => setTimeout(r, 300));
  // Paced like the load, every round starts on a CPU that has been idle for the rest of the
  // interval — the wake-up every request of an open-loop load pays at this rate (≈ 2 × the
  // back-to-back figure on this project's VMs). The ratio column divides by this one.
  const floor = await lab.kernelFloor(pacedFloorRounds, floorIntervalUs);
  const closed = await lab.kernelFloor(floorRounds);
  floors.push(floor);
  closedFloors.push(closed);
  await lab.setLoad({ rps, payloadBytes: payload, errorPercent: 0 });
  process.stderr.write(`  run ${run} kernel floor     p50 ${(floor.p50Us / 1000).toFixed(3)} ms paced, ${(closed.p50Us / 1000).toFixed(3)} ms back to back\n`);
  for (const mode of MODE_IDS) {
    const switched = await lab.setMode(mode);
    plans.set(mode, lab.plan);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    completed = 0;
    errors = 0;
    firstError = null;
    hopSamples = [];
    measuring = true;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    const current = last as { window: LatencyWindow; sendLag: LatencySummary } | null;
    const w = current?.window;
    if (!w || w.mode !== mode) throw new Error(`no measurement for ${mode}`);
    const ok = w.cumulative.count > 0;
    const kinds = new Set(hopSamples.flatMap((s) => s.resources.map((r) => r.kind)));
    const byKind = (pick: (r: HopsSample['resources'][number]) => number) =>
      new Map([...kinds].map((k) => [k, mean(hopSamples.map((s) => s.resources.filter((r) => r.kind === k).reduce((n, r) => n + pick(r), 0)))]));
    samples.get(mode)!.push({
      p50: ok ? w.cumulative.p50Us : null,
      p90: ok ? w.cumulative.p90Us : null,
      p99: ok ? w.cumulative.p99Us : null,
      count: w.cumulative.count,
      achieved: completed / seconds,
      errors,
      firstError,
      cpuByKind: byKind((r) => r.cpuPercent / 100),
      rssByKind: byKind((r) => r.rssMb),
      proxiesByKind: new Map([...kinds].map((k) => [k, Math.max(1, ...hopSamples.map((s) => s.resources.filter((r) => r.kind === k).length))])),
      sendLagP50: current!.sendLag.p50Us,
      switchMs: switched.durationMs,
    });
    process.stderr.write(
      `  run ${run} ${mode.padEnd(16)} ${ok ? `p50 ${(w.cumulative.p50Us / 1000).toFixed(3)} ms` : 'no successful request'}${errors ? `, ${errors} errors (first: ${firstError})` : ''}\n`,
    );
  }
}
await lab.stop();

/** A floor's median percentile over the runs; null where a run counted too few rounds for it
 *  (a p99 of 50 rounds is one slow round) — the same rule the comparison uses. */
const floorAt = (runs: LatencySummary[], at: keyof typeof MIN_SAMPLES) =>
  runs.every((f) => f.count >= MIN_SAMPLES[at]) ? median(runs.map((f) => f[at])) : null;
const floorP50 = floorAt(floors, 'p50Us')!;
const floorP90 = floorAt(floors, 'p90Us');
const floorP99 = floorAt(floors, 'p99Us');
const floorCount = Math.min(...floors.map((f) => f.count));
const closedP50 = floorAt(closedFloors, 'p50Us');
const closedP90 = floorAt(closedFloors, 'p90Us');
const closedP99 = floorAt(closedFloors, 'p99Us');
const closedCount = Math.min(...closedFloors.map((f) => f.count));
const rows = MODE_IDS.map((mode) => {
  const s = samples.get(mode)!;
  const plan = plans.get(mode)!;
  const traversals = traversalsByKind(plan);
  const achieved = median(s.map((x) => x.achieved)) ?? 0;
  const good = s.filter((x) => x.p50 !== null);
  const pick = (f: (x: Sample) => number | null) => (good.length === s.length ? median(good.map((x) => f(x)!)) : null);
  const kinds = [...traversals.keys()];
  const perKind = kinds.map((kind) => {
    const cpu = median(s.map((x) => x.cpuByKind.get(kind) ?? 0)) ?? 0;
    const through = traversals.get(kind)! * (achieved / 1000);
    const proxies = Math.max(...s.map((x) => x.proxiesByKind.get(kind) ?? 1));
    return {
      kind,
      traversals: traversals.get(kind)!,
      proxies,
      cpu_per_krps_per_traversal: through > 0 ? +(cpu / through).toFixed(3) : null,
      rss_mb_per_proxy: +((median(s.map((x) => x.rssByKind.get(kind) ?? 0)) ?? 0) / proxies).toFixed(1),
      published_cpu_per_krps: PUBLISHED_PER_PROXY[kind]?.vcpuPer1000 ?? null,
      published_rss_mb: PUBLISHED_PER_PROXY[kind]?.memoryMb ?? null,
    };
  });
  const proxyCpu = perKind.reduce((n, k) => n + (median(s.map((x) => x.cpuByKind.get(k.kind) ?? 0)) ?? 0), 0);
  const allTraversals = userSpaceHops(plan);
  return {
    mode,
    hops: allTraversals,
    proxy_traversals: allTraversals,
    p50_us: pick((x) => x.p50),
    p90_us: pick((x) => x.p90),
    p99_us: pick((x) => x.p99),
    achieved_rps: Math.round(achieved),
    errors: s.reduce((n, x) => n + x.errors, 0),
    first_error: s.find((x) => x.firstError)?.firstError ?? null,
    cpu_per_krps: achieved > 0 ? +((proxyCpu * 1000) / achieved).toFixed(3) : null,
    cpu_per_krps_per_traversal: achieved > 0 && allTraversals > 0 ? +((proxyCpu * 1000) / achieved / allTraversals).toFixed(3) : null,
    rss_mb: Math.round(perKind.reduce((n, k) => n + k.rss_mb_per_proxy * k.proxies, 0)),
    send_lag_p50_us: Math.round(median(s.map((x) => x.sendLagP50)) ?? 0),
    switch_ms: Math.round(median(s.map((x) => x.switchMs)) ?? 0),
    per_kind: perKind,
  };
});
const base = rows.find((r) => r.mode === 'none')!;
const published = (mode: ModeId) =>
  workloadPath !== 'pair' ? null : mode === 'sidecar' ? PUBLISHED_PAIR_LATENCY.sidecar : mode === 'ambient' ? PUBLISHED_PAIR_LATENCY.ztunnel : null;
const withAdded = rows.map((r) => {
  const added = r.mode !== 'none' && r.p90_us !== null && base.p90_us !== null ? Math.round((r.p90_us - base.p90_us) / calls) : null;
  const pub = published(r.mode);
  return {
    ...r,
    added_p90_per_call_us: added,
    published_added_p90_us: pub?.p90Us ?? null,
    ratio_to_published: added !== null && pub ? +(added / pub.p90Us).toFixed(2) : null,
  };
});

const ms = (us: number | null) => (us === null ? '—' : (us / 1000).toFixed(3));
const signed = (us: number | null) => (us === null ? '—' : `${us >= 0 ? '+' : '−'}${(Math.abs(us) / 1000).toFixed(3)}`);
const failed = (r: (typeof withAdded)[number]) => r.p50_us === null;

console.log(
  `\nLocal lab (${lab.tier} tier${tierNote}), ${workloadPath === 'pair' ? "one call client → inventory, client and server on different nodes (the shape of Istio's benchmark)" : 'client → web → catalog → inventory (3 calls, one cross-node)'};`,
);
console.log(
  `${rps} rps offered, ${payload} B responses, mTLS on (where the mode has it); medians of ${runs} interleaved runs × ${seconds} s per mode; latency of successful requests from their intended send time (open loop), ms; ${pin ? 'every process pinned to CPU 0' : 'unpinned'}.`,
);
console.log(
  `Kernel floor (raw TCP ping-pong over the same veths and links, blocking sockets, no HTTP): one round every ${ms(floorIntervalUs)} ms like the load (${floorCount} rounds counted) p50 ${ms(floorP50)}, p90 ${ms(floorP90)}, p99 ${ms(floorP99)} ms — "÷ floor" divides by this one; back to back (closed loop, ${closedCount} rounds counted) p50 ${ms(closedP50)}, p90 ${ms(closedP90)}, p99 ${ms(closedP99)} ms, what the path costs when the CPU never idles. The generator's own send lag (timer wake-up) p50 ${ms(base.send_lag_p50_us)} ms is in every mode's latency.`,
);
console.log('');
console.log(
  '| mode | proxies on the path | p50 | p90 | p99 | p50 ÷ floor | added p90 per call | Istio published (per pair) | ratio | achieved rps | errors | switch to it (ms) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of withAdded) {
  const pub = published(r.mode);
  const cells = failed(r)
    ? [`failed: ${r.errors} errors (first: ${r.first_error ?? 'none answered'})`, '', '', '', '']
    : [ms(r.p50_us), ms(r.p90_us), ms(r.p99_us), (r.p50_us! / floorP50).toFixed(1), r.mode === 'none' ? '—' : signed(r.added_p90_per_call_us)];
  console.log(
    `| ${r.mode} | ${r.proxy_traversals} | ${cells.join(' | ')} | ${pub ? `+${(pub.p90Us / 1000).toFixed(3)} (${pub.source.replace(' performance page', '')})` : '—'} | ${r.ratio_to_published ?? '—'} | ${r.achieved_rps} | ${r.errors} | ${r.switch_ms} |`,
  );
}
console.log('');
console.log(`Proxy cost per kind: vCPU per 1000 requests through one proxy, and resident memory per proxy, beside ${PUBLISHED_PER_PROXY.source}.`);
console.log('');
console.log('| mode | proxy | traversals per request | vCPU per 1000 rps per traversal | Istio | ratio | RSS per proxy (MB) | Istio | ratio |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of withAdded) {
  for (const k of r.per_kind) {
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? (a / b).toFixed(2) : '—');
    console.log(
      `| ${r.mode} | ${k.kind} | ${k.traversals} | ${k.cpu_per_krps_per_traversal?.toFixed(3) ?? '—'} | ${k.published_cpu_per_krps ?? '—'} | ${ratio(k.cpu_per_krps_per_traversal, k.published_cpu_per_krps)} | ${k.rss_mb_per_proxy} | ${k.published_rss_mb ?? '—'} | ${ratio(k.rss_mb_per_proxy, k.published_rss_mb)} |`,
    );
  }
}
if (jsonFile) {
  const floorRow = {
    mode: 'floor',
    hops: 0,
    proxy_traversals: 0,
    p50_us: floorP50,
    p90_us: floorP90,
    p99_us: floorP99,
    count: floorCount,
    interval_us: floorIntervalUs,
  };
  const closedRow = {
    mode: 'floor-closed-loop',
    hops: 0,
    proxy_traversals: 0,
    p50_us: closedP50,
    p90_us: closedP90,
    p99_us: closedP99,
    count: closedCount,
    interval_us: 0,
  };
  writeFileSync(jsonFile, JSON.stringify([floorRow, closedRow, ...withAdded], null, 2));
}
process.exit(0);
