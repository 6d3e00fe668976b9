// Gives memory back when the server goes quiet: V8 collects old garbage only when the heap grows, so
// after a burst of work (a meeting's moves, an import) a server that then sits idle would keep the
// burst's garbage — at 10,000 tasks ~130 MB of it — for hours. Once requests stop for a moment, the
// collections of `compactingCollection` run (at most every `minIntervalMs`), while nobody is waiting.
// Only after a burst: they hold the request thread (~70 ms each, ~200 ms the last, at 10,000 tasks), and
// a user clicking every second or two would otherwise meet them every ten seconds for a few megabytes'
// worth. Needs Node's --expose-gc (given by `pnpm start`); without it this does nothing.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { yieldToEventLoop } from './workers/snapshot-wire.ts';

/** Collects; `stillQuiet` says whether the server is still without requests. Answers whether it finished. */
export type IdleCollection = (stillQuiet: () => boolean) => boolean | Promise<boolean>;

export interface IdleCollectOptions {
  /** Quiet this long after the last request before collecting (default 1 s). */
  quietMs?: number;
  /** At most one collection this often (default 10 s). */
  minIntervalMs?: number;
  /** The collection (default `compactingCollection` of Node's gc(), present under --expose-gc). */
  collect?: IdleCollection;
  /** Collect only when the heap in use has grown this much since the last collection left it (default 32 MB). */
  minGrowthBytes?: number;
  /** The heap in use, in bytes (default V8's used heap size). */
  heapUsed?: () => number;
}

/** What is watched of the HTTP server: its requests. */
interface Requests {
  on(event: 'request', listener: () => void): unknown;
  off(event: 'request', listener: () => void): unknown;
}

/** One collection with a V8 flag set around it: V8 reads it when a collection starts, so every other stays V8's own choice. */
function collectWith(flag: string, gc: () => void): void {
  setFlagsFromString(`--${flag}`);
  try {
    gc();
  } finally {
    setFlagsFromString(`--no-${flag}`);
  }
}

/** At most this many memory-saving collections before the compacting one. */
const MAX_SAVING_STEPS = 4;
/** A memory-saving collection that gave back less than this ends the steps. */
const STEP_GAIN_BYTES = 1024 * 1024;

/**
 * Full collections that give back the pages a burst left committed. A plain one frees the garbage but
 * leaves the pages it was spread over: after 20 s of moves at 10,000 tasks the old space stayed at
 * 118-148 MB holding 52 MB, and the process at ~260 MB. One that compacts every page gets it to ~55 MB,
 * but copies all 52 MB into fresh pages before it lets the old ones go: the process peaked at 266-276 MB
 * during that collection, above anything the burst itself reached (~210-235 MB). So first, collections
 * in V8's memory-saving mode (`--optimize-for-size`), each of which moves only a few megabytes, out of the
 * most fragmented pages, until one gives back less than a megabyte (2-3 at 10,000 tasks, ~70 ms each);
 * then the compacting one, on a heap already shrunk (226 -> 171 MB before it). The event loop turns
 * between collections, and a request that arrived meanwhile ends the run, unfinished.
 */
export function compactingCollection(gc: () => void, committed: () => number = () => getHeapStatistics().total_heap_size): IdleCollection {
  return async (stillQuiet) => {
    for (let step = 0; step < MAX_SAVING_STEPS; step++) {
      const before = committed();
      collectWith('optimize-for-size', gc);
      await yieldToEventLoop();
      if (!stillQuiet()) return false;
      if (before - committed() < STEP_GAIN_BYTES) break;
    }
    collectWith('compact-on-every-full-gc', gc);
    return true;
  };
}

/** Starts watching `server`'s requests; returns the stop function. */
export function collectWhenIdle(server: Requests, opts: IdleCollectOptions = {}): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  const gc = opts.collect ?? (typeof exposed === 'function' ? compactingCollection(exposed) : undefined);
  if (!gc) return () => {};
  const quietMs = opts.quietMs ?? 1000;
  const minIntervalMs = opts.minIntervalMs ?? 10_000;
  const minGrowth = opts.minGrowthBytes ?? 32 * 1024 * 1024;
  const heapUsed = opts.heapUsed ?? (() => getHeapStatistics().used_heap_size);
  /** What the last collection left; before the first, what the server started with (its garbage counts). */
  let leftInUse = 0;
  let lastRequest = 0;
  let lastCollect = performance.now();
  let busySinceCollect = false;
  const onRequest = () => {
    lastRequest = performance.now();
    busySinceCollect = true;
  };
  server.on('request', onRequest);
  let running = false;
  const timer = setInterval(() => {
    const now = performance.now();
    if (running || !busySinceCollect || now - lastRequest < quietMs || now - lastCollect < minIntervalMs) return;
    busySinceCollect = false;
    if (heapUsed() - leftInUse < minGrowth) return;
    lastCollect = now;
    running = true;
    const finish = (finished: boolean) => {
      running = false;
      // Unfinished (a request came): the pages are still to give back once the server is quiet again.
      if (finished) leftInUse = heapUsed();
      else busySinceCollect = true;
    };
    const result = gc(() => lastRequest <= now);
    if (typeof result === 'boolean') finish(result);
    else void result.then(finish, () => finish(false));
  }, Math.min(quietMs, 500));
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}
