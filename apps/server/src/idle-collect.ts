// Gives memory back when the server goes quiet: V8 collects old garbage only when the heap grows, so
// after a burst of work (a meeting's moves, an import) a server that then sits idle would keep the
// burst's garbage — at 10,000 tasks ~130 MB of it — for hours. Once requests stop for a moment, one
// full collection runs (at most every `minIntervalMs`), while nobody is waiting. Needs Node's
// --expose-gc (given by `pnpm start`); without it this does nothing.
export interface IdleCollectOptions {
  /** Quiet this long after the last request before collecting (default 1 s). */
  quietMs?: number;
  /** At most one collection this often (default 10 s). */
  minIntervalMs?: number;
  /** The collection (default Node's gc(), present under --expose-gc). */
  collect?: () => void;
}

/** Starts watching `server`'s requests; returns the stop function. */
/** What is watched of the HTTP server: its requests. */
interface Requests {
  on(event: 'request', listener: () => void): unknown;
  off(event: 'request', listener: () => void): unknown;
}

export function collectWhenIdle(server: Requests, opts: IdleCollectOptions = {}): () => void {
  const gc = opts.collect ?? (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return () => {};
  const quietMs = opts.quietMs ?? 1000;
  const minIntervalMs = opts.minIntervalMs ?? 10_000;
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
    lastCollect = now;
    gc();
  }, Math.min(quietMs, 500));
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}
