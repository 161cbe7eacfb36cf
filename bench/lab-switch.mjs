// node bench/lab-switch.mjs [--rounds 1] [--hold 10] [--json FILE] — the live app as on stage:
// the built server with the real lab (LAB_RPS, default the app's), the presenter view open in
// Chromium, and a presenter socket switching into every data plane under load. Prints, per
// switch: when the switch was acknowledged, when the new mode's first window and first
// cumulative figures reached the browser's socket, the cumulative p50 first shown against the
// mode's steady windows, and the errors; then the comparison the room sees (one condition per
// row, "added" over No mesh at the same load). Not a test: numbers depend on the machine.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { launchChromium, percentile, startServer, takeFlag } from './support.mjs';

const args = process.argv.slice(2);
const rounds = Number(takeFlag(args, '--rounds', '1'));
const holdS = Number(takeFlag(args, '--hold', '10'));
const jsonFile = takeFlag(args, '--json', null);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { url, token, server, backendLine } = await startServer(root, { STAGE_FALLBACK: 'off' });

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(`${url}/present?token=${token}`);

const presenter = io(url, { auth: { token }, transports: ['websocket'] });
await new Promise((r) => presenter.once('connect', r));
const windows = [];
let board = null;
// The window arrives packed (lib/contract/wire/window-wire.ts: [mode, at, windowMs, window, cumulative, …],
// each summary [count, p50, p90, p99, max]); this bench reads the mode and two counts.
presenter.on('latency:windows', (packed) => {
  for (const [mode, , , [count, p50Us], [cumulativeCount]] of packed)
    windows.push({ mode, window: { count, p50Us }, cumulative: { count: cumulativeCount }, got: now() });
});
// The scoreboard arrives packed (lib/contract/wire/scoreboard-wire.ts), whole or as the rows that changed: each row
// [mode, [count, p50, p90, p99, max, distribution], condition, …], each condition
// [rps, payloadBytes, errorPercent, …, mtls as 0/1 last]; this bench reads those.
presenter.on('scores:state', (b) => {
  const condition = (c) => c && { rps: c[0], payloadBytes: c[1], errorPercent: c[2], policy: { mtls: c[12] === 1 } };
  const latency = (l) => l && { count: l[0], p50Us: l[1], p90Us: l[2], p99Us: l[3] };
  // A delta's condition 0 means unchanged.
  const was = (mode) => board?.rows.find((r) => r.mode === mode)?.condition ?? null;
  const rows = b.rows.map(([mode, l, c]) => ({ mode, latency: latency(l), condition: c === 0 ? was(mode) : condition(c) }));
  // A delta (`delta: 1`) carries only the rows that changed: the others stay as they were.
  const kept = b.delta && board ? board.rows.filter((r) => !rows.some((n) => n.mode === r.mode)) : [];
  board = { rev: b.rev, rows: [...kept, ...rows] };
});
const emit = (event, input) => new Promise((r) => presenter.emit(event, input, r));

// The lab warms up from its start, as it does on stage before the talk.
const started = now();
while (now() - started < 60_000 && !windows.some((w) => w.mode === 'none' && w.cumulative.count > 0)) await sleep(200);
await sleep(3000);

const rows = [];
const modes = ['sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7', 'none'];
for (let round = 0; round < rounds; round++) {
  for (const mode of modes) {
    const t0 = now();
    const ack = await emit('mode:set', { mode });
    if (!ack.ok) throw new Error(`mode:set ${mode}: ${ack.error.message}`);
    const acked = now();
    await sleep(holdS * 1000);
    const mine = windows.filter((w) => w.got >= t0 && w.mode === mode);
    const firstWindow = mine.find((w) => w.window.count > 0);
    const firstCumulative = mine.find((w) => w.cumulative.count > 0);
    const steady = mine.filter((w) => w.got >= t0 + (holdS - 4) * 1000 && w.window.count > 0).map((w) => w.window.p50Us);
    rows.push({
      mode,
      ack_s: +((acked - t0) / 1000).toFixed(2),
      first_window_s: firstWindow ? +((firstWindow.got - t0) / 1000).toFixed(2) : null,
      cumulative_shown_s: firstCumulative ? +((firstCumulative.got - t0) / 1000).toFixed(2) : null,
      first_cumulative_p50_ms: firstCumulative ? +(firstCumulative.cumulative.p50Us / 1000).toFixed(3) : null,
      steady_window_p50_ms: steady.length ? +(percentile(steady, 50) / 1000).toFixed(3) : null,
      errors: mine.reduce((n, w) => n + w.errors, 0),
      condition: firstCumulative?.condition ? `${firstCumulative.condition.rps} rps` : null,
    });
    process.stderr.write(`  ${mode.padEnd(16)} cumulative shown after ${rows.at(-1).cumulative_shown_s ?? '—'} s\n`);
  }
}
await sleep(1500);
const added = (mode) => {
  const base = board?.rows.find((r) => r.mode === 'none');
  const row = board?.rows.find((r) => r.mode === mode);
  if (!base?.latency || !row?.latency || mode === 'none') return '—';
  const same =
    !base.condition ||
    !row.condition ||
    (base.condition.rps === row.condition.rps &&
      base.condition.payloadBytes === row.condition.payloadBytes &&
      base.condition.errorPercent === row.condition.errorPercent);
  return same ? `${((row.latency.p50Us - base.latency.p50Us) / 1000).toFixed(3)}` : 'different load';
};

console.log(`\nLive app: ${backendLine.replace(/^Backend: /, '')}`);
console.log(`The presenter view open in Chromium (1920×1080); switches from a presenter socket, ${holdS} s per mode; times from the command, s; latency ms.\n`);
console.log('| switch into | acknowledged | first window | cumulative shown | its p50 | steady window p50 (last 4 s) | errors |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.mode} | ${r.ack_s} | ${r.first_window_s ?? '—'} | ${r.cumulative_shown_s ?? '—'} | ${r.first_cumulative_p50_ms ?? '—'} | ${r.steady_window_p50_ms ?? '—'} | ${r.errors} |`,
  );
console.log('\nThe comparison as the room sees it (scoreboard at the end):\n');
console.log('| mode | p50 | p99 | added p50 over No mesh | measured under |');
console.log('|---|---|---|---|---|');
for (const r of board?.rows ?? []) {
  const c = r.condition;
  console.log(
    `| ${r.mode} | ${r.latency ? (r.latency.p50Us / 1000).toFixed(3) : '—'} | ${r.latency ? (r.latency.p99Us / 1000).toFixed(3) : '—'} | ${added(r.mode)} | ${c ? `${c.rps} rps, ${c.payloadBytes} B, errors ${c.errorPercent} %, mTLS ${c.policy.mtls ? 'on' : 'off'}` : '—'} |`,
  );
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ rows, board }, null, 2));
presenter.close();
await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
process.exit(0);
