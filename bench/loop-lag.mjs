// Preloaded into a bench's server process (`node --import ./bench/loop-lag.mjs …`): how late the
// event loop runs (perf_hooks' event-loop delay histogram on a 10 ms timer). The histogram holds
// the time between the timer's runs, the 10 ms period included (an idle process reads ~10.2 ms):
// it is taken off, so a figure is the delay beyond the period. On SIGUSR2 it prints one line
// `LOOP-LAG <pid> {"p50":…,"p99":…,"max":…,"mean":…}` (ms) to stdout (the pid: a scale-out's
// processes share their front's stdout) covering the time since the last
// SIGUSR2 (or start) and starts again — the bench sends one when it starts counting and one when
// it stops.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => +Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(1);
  const line = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) };
  histogram.reset();
  process.stdout.write(`LOOP-LAG ${process.pid} ${JSON.stringify(line)}\n`);
});
