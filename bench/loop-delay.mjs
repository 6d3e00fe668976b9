// Preloaded into the bench's server (NODE_OPTIONS=--import): measures the server's own event-loop
// delay, which the client's timings blur with its own turns on a busy machine. On SIGUSR2 it prints
// `loop-delay {"max":…,"p99":…,"mean":…,"ownMax":…,"waitMax":…}` (ms) since the last signal, then starts
// afresh. `ownMax` is the longest stretch the request thread spent running between two turns of its event
// loop (its own work: what a slice that forgot to yield shows), `waitMax` the longest it sat ready but
// without a core (other processes' turns on a shared machine): Linux's per-thread schedstat splits the two.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

/** [ns on a core, ns waiting for one] of the main thread, or undefined where the kernel does not say. */
function schedstat() {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}

if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  let ownMax = 0;
  let waitMax = 0;
  let last = schedstat();
  if (last) {
    // A 2 ms tick: the run and wait time between two ticks is what held the loop between two of its turns.
    setInterval(() => {
      const now = schedstat();
      if (!now || !last) return;
      ownMax = Math.max(ownMax, (now[0] - last[0]) / 1e6);
      waitMax = Math.max(waitMax, (now[1] - last[1]) / 1e6);
      last = now;
    }, 2).unref();
  }
  process.on('SIGUSR2', () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const round = (x) => Math.round(x * 100) / 100;
    process.stdout.write(`loop-delay ${JSON.stringify({ max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean), ownMax: round(ownMax), waitMax: round(waitMax) })}\n`);
    histogram.reset();
    ownMax = 0;
    waitMax = 0;
  });
}
