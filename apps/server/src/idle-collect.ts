// Gives memory back when the server goes quiet: V8 collects old garbage only when the heap grows, so
// after a burst of work (a meeting's moves, an import) a server that then sits idle would keep the
// burst's garbage — at 10,000 tasks ~130 MB of it — for hours. Once requests stop for a moment, one
// full collection runs (at most every `minIntervalMs`), while nobody is waiting. Only after a burst:
// the collection holds the request thread (~200 ms at 10,000 tasks), and a user clicking every second
// or two would otherwise meet it every ten seconds for a few megabytes' worth. Needs Node's
// --expose-gc (given by `pnpm start`); without it this does nothing.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

export interface IdleCollectOptions {
  /** Quiet this long after the last request before collecting (default 1 s). */
  quietMs?: number;
  /** At most one collection this often (default 10 s). */
  minIntervalMs?: number;
  /** The collection (default `compactingCollection` of Node's gc(), present under --expose-gc). */
  collect?: () => void;
  /** Collect only when the heap in use has grown this much since the last collection left it (default 32 MB). */
  minGrowthBytes?: number;
  /** The heap in use, in bytes (default V8's used heap size). */
  heapUsed?: () => number;
}

/** Starts watching `server`'s requests; returns the stop function. */
/** What is watched of the HTTP server: its requests. */
interface Requests {
  on(event: 'request', listener: () => void): unknown;
  off(event: 'request', listener: () => void): unknown;
}

/**
 * A full collection that also compacts every page. A plain one frees the garbage but leaves the pages
 * it was spread over committed: after 20 s of moves at 10,000 tasks the old space stayed at 118-148 MB
 * holding 52 MB, and the process at ~260 MB; compacted, 55 MB and ~160 MB (twice as long a pause,
 * ~200 ms, which is why it runs only when idle). V8 reads the flag when a collection starts, so it is
 * set around this one only; every other collection stays V8's own choice.
 */
export function compactingCollection(gc: () => void): () => void {
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

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
  const timer = setInterval(() => {
    const now = performance.now();
    if (!busySinceCollect || now - lastRequest < quietMs || now - lastCollect < minIntervalMs) return;
    busySinceCollect = false;
    if (heapUsed() - leftInUse < minGrowth) return;
    lastCollect = now;
    gc();
    leftInUse = heapUsed();
  }, Math.min(quietMs, 500));
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}
