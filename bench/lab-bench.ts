// npm run bench:lab — every mode of the local lab back to back at one fixed rate and payload,
// repeated and interleaved; prints medians. Not a test: numbers depend on the machine.
//   --rps N (default 100) --payload BYTES (1024) --seconds S per measurement (5) --runs R (3)
//   --no-pin (let the scheduler place processes) --tier auto|loopback|netns --json FILE (also write the rows)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODE_IDS, type ModeId } from '../lib/mesh/modes';
import { DEFAULT_POLICY } from '../lib/mesh/policies';
import type { LatencyWindow } from '../lib/mesh/telemetry';
import { LabController, type LabEvent } from '../demo-cluster/lab/src/controller/lab-controller';
import { userSpaceHops } from '../demo-cluster/lab/src/controller/mode-plan';
import type { TierRequest } from '../demo-cluster/lab/src/netns/preflight';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
const rps = flag('rps', 100);
const payload = flag('payload', 1024);
const seconds = flag('seconds', 5);
const runs = flag('runs', 3);
const pin = !args.includes('--no-pin');
const tierAt = args.indexOf('--tier');
const tier = (tierAt >= 0 ? args[tierAt + 1] : 'auto') as TierRequest;
const WARMUP_MS = 1500; // the load generator also keeps its first second out of the cumulative

interface Sample {
  p50: number;
  p90: number;
  p99: number;
  achieved: number;
  errors: number;
  cpuCores: number;
  rssMb: number;
  switchMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let last: LatencyWindow | null = null;
let completed = 0;
let errors = 0;
let cpuSamples: number[] = [];
let rssSamples: number[] = [];
let measuring = false;
const onEvent = (e: LabEvent) => {
  if (e.type === 'window') {
    last = e.window;
    if (measuring) {
      completed += (e.window.rps * e.window.windowMs) / 1000;
      errors += e.window.errors;
    }
  } else if (e.type === 'hops' && measuring) {
    cpuSamples.push(e.sample.resources.reduce((n, r) => n + r.cpuPercent, 0) / 100);
    rssSamples.push(e.sample.resources.reduce((n, r) => n + r.rssMb, 0));
  }
};

const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const lab = await LabController.start({ bundleDir, tier, cpu: pin ? 0 : null, load: { rps, payloadBytes: payload, errorPercent: 0 }, onEvent });
await lab.setPolicy(DEFAULT_POLICY);
const samples = new Map<ModeId, Sample[]>(MODE_IDS.map((m) => [m, []]));
const hops = new Map<ModeId, number>();
process.stderr.write(`bench:lab ${lab.tier} tier${lab.tierDecision.tier === 'netns' ? (lab.tierDecision.ebpf.available ? ' with eBPF' : ` without eBPF (${lab.tierDecision.ebpf.reason})`) : ''}, ${rps} rps, ${payload} B, mTLS on, ${runs} × ${seconds} s per mode, ${pin ? 'pinned to CPU 0' : 'unpinned'}\n`);

for (let run = 1; run <= runs; run++) {
  for (const mode of MODE_IDS) {
    const switched = await lab.setMode(mode);
    hops.set(mode, userSpaceHops(lab.plan));
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    completed = 0;
    errors = 0;
    cpuSamples = [];
    rssSamples = [];
    measuring = true;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    const w = last as LatencyWindow | null;
    if (!w || w.mode !== mode) throw new Error(`no measurement for ${mode}`);
    const cpu = cpuSamples.length ? cpuSamples.reduce((a, b) => a + b, 0) / cpuSamples.length : 0;
    samples.get(mode)!.push({
      p50: w.cumulative.p50Us, p90: w.cumulative.p90Us, p99: w.cumulative.p99Us,
      achieved: completed / seconds, errors, cpuCores: cpu, rssMb: rssSamples.length ? Math.max(...rssSamples) : 0, switchMs: switched.durationMs,
    });
    process.stderr.write(`  run ${run} ${mode.padEnd(16)} p50 ${(w.cumulative.p50Us / 1000).toFixed(2)} ms\n`);
  }
}
await lab.stop();

const rows = MODE_IDS.map((mode) => {
  const s = samples.get(mode)!;
  const achieved = median(s.map((x) => x.achieved));
  const cpu = median(s.map((x) => x.cpuCores));
  return {
    mode,
    hops: hops.get(mode)!,
    p50_us: Math.round(median(s.map((x) => x.p50))),
    p90_us: Math.round(median(s.map((x) => x.p90))),
    p99_us: Math.round(median(s.map((x) => x.p99))),
    cpu_per_krps: achieved > 0 ? +((cpu * 1000) / achieved).toFixed(3) : 0,
    rss_mb: Math.round(median(s.map((x) => x.rssMb))),
    achieved_rps: Math.round(achieved),
    errors: s.reduce((n, x) => n + x.errors, 0),
    switch_ms: Math.round(median(s.map((x) => x.switchMs))),
  };
});
const base = rows.find((r) => r.mode === 'none')!;
const ms = (us: number) => (us / 1000).toFixed(2);
const signed = (us: number) => `${us >= 0 ? '+' : '−'}${ms(Math.abs(us))}`;

console.log(`\nLocal lab (${lab.tier} tier), ${rps} rps offered, ${payload} B, mTLS on; client → web → catalog → inventory (3 calls, one cross-node);`);
console.log(`medians of ${runs} interleaved runs × ${seconds} s per mode; latency from intended send time (open loop), ms; ${pin ? 'chain pinned to CPU 0' : 'unpinned'}.`);
console.log('');
console.log('| mode | user-space hops | p50 | p90 | p99 | added p50 | added p90 | proxy CPU per 1000 rps (vCPU) | proxy RSS (MB) | achieved rps | errors | switch to it (ms) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.mode} | ${r.hops} | ${ms(r.p50_us)} | ${ms(r.p90_us)} | ${ms(r.p99_us)} | ${r.mode === 'none' ? '—' : signed(r.p50_us - base.p50_us)} | ${r.mode === 'none' ? '—' : signed(r.p90_us - base.p90_us)} | ${r.cpu_per_krps.toFixed(2)} | ${r.rss_mb} | ${r.achieved_rps} | ${r.errors} | ${r.switch_ms} |`,
  );
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(rows, null, 2));
process.exit(0);
