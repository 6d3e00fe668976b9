// Preloaded into the bench's server (NODE_OPTIONS=--import): measures the server's own event-loop
// delay, which the client's timings blur with its own turns on a busy machine. On SIGUSR2 it prints
// `loop-delay {"max":…,"p99":…,"mean":…}` (ms) since the last signal, then starts afresh.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    process.stdout.write(`loop-delay ${JSON.stringify({ max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) })}\n`);
    histogram.reset();
  });
}
