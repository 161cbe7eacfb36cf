// `npm run record [-- --seconds 15 --warmup 30 --out public/recordings/lab-tour.json]`: drives
// the real lab through every data plane and the L7 policies, on the demo slides, exactly as a
// presenter would (the same engine, backend and deck controller as the live app), and records it
// for /replay.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy } from '../lib/mesh/policies';
import type { ModeId } from '../lib/mesh/modes';
import { LabBackend } from '../backends/lab/lab-backend';
import { loadDeck } from '../content/load-deck';
import { DeckController } from '../server/engine/deck-controller';
import { DemoEngine } from '../server/engine/demo-engine';
import { Recorder } from '../server/replay/recorder';
import { recordingMeta } from '../server/replay/recording-meta';

const args = process.argv.slice(2);
const take = (flag: string, fallback: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args.splice(i, 2)[1]! : fallback;
};
const seconds = Number(take('--seconds', '15'));
const warmupSeconds = Number(take('--warmup', '30'));
const here = path.dirname(fileURLToPath(import.meta.url)); // dist/lab
const root = path.resolve(here, '..', '..');
const out = path.resolve(root, take('--out', 'public/recordings/lab-tour.json'));
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const deck = loadDeck(path.join(root, 'slides'));
const slide = (id: string) => {
  const i = deck.slides.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no slide ${id}`);
  return i;
};
const backend = new LabBackend({ bundleDir: here, load: DEFAULT_LOAD });
const demo = new DemoEngine(backend, Date.now, DEFAULT_LOAD);
const deckCtl = new DeckController(deck);
const stop = async () => {
  await backend.stop();
  process.exit(1);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

await backend.start();
log(`backend: ${backend.status().state} (${backend.status().variant ?? ''}) ${backend.status().detail}`);
if (backend.status().state !== 'ready') {
  await backend.stop();
  throw new Error('the lab is not ready; nothing recorded');
}
// On stage the lab has carried the load since `npm start` when the demo begins; a recording that
// started at once would show the baseline with cold processes (V8 still compiling the services
// and the load generator) — slower than the ambient path measured later. Warm up first,
// unrecorded, on the same services with no proxy (eBPF mode), then switch to "No mesh": the
// switch restarts that mode's cumulative numbers, so none of the warm-up is in the comparison.
log(`warm-up: the services at ${demo.state().load.rps} rps, not recorded (${warmupSeconds} s)`);
await demo.setMode('ebpf');
await sleep(warmupSeconds);
await demo.setMode('none');
deckCtl.goto({ slide: slide('demo-baseline'), fragment: -1 });
const recorder = new Recorder(deckCtl, demo);

// The panel's retry toggle as the presenter clicks it (its default attempts and per-try timeout):
// the stage fallback and MESH_BACKEND=replay play a stretch only under the policy set on the panel
// (lib/replay/stand-in.ts), so the tour records what the panel sets.
const retries: L7Policy = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } };
const delay: L7Policy = { ...DEFAULT_POLICY, fault: { abortPercent: 0, abortStatus: 503, delayPercent: 30, delayMs: 100 } };
// The talk's demo beats in slide order, every mode the speaker notes walk through on the retries
// and faults slides (a replay has nothing to show for a mode and policy the tour did not record).
// A mode's comparison row restarts whenever the mode is switched on or its condition changes, and
// says its condition; each mode's last visit runs with no policy and no backend errors, so the
// comparison compares data planes at one load.
const beats: { slide: string; mode: ModeId; policy?: L7Policy; errorPercent?: number; s: number; say: string }[] = [
  { slide: 'demo-baseline', mode: 'none', s: seconds, say: 'baseline' },
  ...(['sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7'] as const).map((mode) => ({
    slide: 'demo-topology',
    mode,
    s: seconds / 2,
    say: `topology: ${mode}`,
  })),
  { slide: 'demo-latency', mode: 'sidecar', s: seconds, say: 'latency: sidecars' },
  { slide: 'demo-retries', mode: 'sidecar', policy: retries, errorPercent: 10, s: seconds, say: 'sidecars: a flaky inventory, retries on' },
  { slide: 'demo-retries', mode: 'ambient', policy: retries, errorPercent: 10, s: seconds, say: 'ambient: retries asked for, not enforced by ztunnel' },
  { slide: 'demo-retries', mode: 'ambient-waypoint', policy: retries, errorPercent: 10, s: seconds, say: 'ambient + waypoint: retries enforced' },
  { slide: 'demo-retries', mode: 'ebpf', policy: retries, errorPercent: 10, s: seconds, say: 'eBPF: retries asked for, not enforced at L3/L4' },
  { slide: 'demo-retries', mode: 'ebpf-l7', policy: retries, errorPercent: 10, s: seconds, say: 'eBPF + node L7: retries enforced at the node proxy' },
  { slide: 'demo-faults', mode: 'sidecar', policy: delay, errorPercent: 0, s: seconds, say: 'sidecars: 100 ms delay on 30 %' },
  { slide: 'demo-faults', mode: 'ambient-waypoint', policy: delay, errorPercent: 0, s: seconds, say: 'waypoint: 100 ms delay on 30 %' },
  {
    slide: 'demo-faults',
    mode: 'ebpf-l7',
    policy: delay,
    errorPercent: 0,
    s: seconds,
    say: "eBPF + node L7: fault refused (Cilium's Envoy has no fault filter)",
  },
  { slide: 'demo-waterfall', mode: 'ambient', policy: DEFAULT_POLICY, errorPercent: 0, s: seconds, say: 'waterfall: ambient' },
  { slide: 'demo-waterfall', mode: 'ambient-waypoint', policy: DEFAULT_POLICY, errorPercent: 0, s: seconds, say: 'waterfall: ambient + waypoint' },
  { slide: 'demo-waterfall', mode: 'sidecar', policy: DEFAULT_POLICY, errorPercent: 0, s: seconds, say: 'waterfall: sidecars' },
  { slide: 'demo-waterfall', mode: 'ebpf-l7', policy: DEFAULT_POLICY, errorPercent: 0, s: seconds, say: 'waterfall: eBPF + node L7' },
  { slide: 'demo-compare', mode: 'ebpf', policy: DEFAULT_POLICY, errorPercent: 0, s: seconds, say: 'the comparison' },
];
for (const b of beats) {
  log(`${b.say} (${b.s} s)`);
  deckCtl.goto({ slide: slide(b.slide), fragment: -1 });
  if (b.errorPercent !== undefined) await demo.setLoad({ ...demo.state().load, errorPercent: b.errorPercent });
  if (demo.state().mode !== b.mode) await demo.setMode(b.mode);
  if (b.policy) await demo.setPolicy(b.policy);
  await sleep(b.s);
}

const recording = recorder.finish(recordingMeta(root, deck.title, backend.status(), 'scripted'));
await backend.stop();
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(recording));
log(
  `wrote ${path.relative(root, out)}: ${recording.events.length} events over ${(recording.meta.durationMs / 1000).toFixed(0)} s, ${(JSON.stringify(recording).length / 1024).toFixed(0)} KB`,
);
process.exit(0);
