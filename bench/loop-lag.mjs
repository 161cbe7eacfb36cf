// Preloaded into a bench's server process (`node --import ./bench/loop-lag.mjs …`): how late the
// event loop runs (perf_hooks' event-loop delay histogram, 10 ms resolution timer). On SIGUSR2 it
// prints one line `LOOP-LAG {"p50":…,"p99":…,"max":…}` (ms) to stdout covering the time since the
// last SIGUSR2 (or start) and starts again — the bench sends one when it starts counting and one
// when it stops.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => +(ns / 1e6).toFixed(1);
  const line = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) };
  histogram.reset();
  process.stdout.write(`LOOP-LAG ${JSON.stringify(line)}\n`);
});
