// Performance marks for the web bench (and anyone profiling a big board in DevTools): when the
// first card reached the DOM and the frame that showed it, and how long a move took to repaint.

/**
 * Runs `cb` once the next frame has been produced: a rAF callback runs just before that frame's
 * style, layout and paint, and a message posted from it is handled only after them.
 */
export function afterNextPaint(cb: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return;
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      cb();
    };
    channel.port2.postMessage(null);
  });
}

/** Resolves once the next frame has been produced (at once where there are no frames, as in unit tests). */
export function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return Promise.resolve();
  return new Promise((done) => afterNextPaint(done));
}

/**
 * Resolves after the next frame, once the callbacks already waiting for that frame have run (a
 * measure of it, say): work deferred to "after the panel has shown" must not land inside that frame's
 * measure. At once where there are no frames.
 */
export function afterFrame(): Promise<void> {
  return nextPaint().then(() => new Promise<void>((done) => setTimeout(done, 0)));
}

/**
 * Resolves in a task of its own, after the browser has had its turn (input, a frame if one is due): a
 * message to itself, which unlike a nested `setTimeout(0)` is not held back 4 ms. At once where there is
 * no MessageChannel.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return Promise.resolve();
  return new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
}

let boardMarked = false;

/** Called by every card as it mounts; only the first call of a page load marks anything. */
export function markFirstCard(): void {
  if (boardMarked) return;
  boardMarked = true;
  // Cards mount together, so this counts what the first frame builds.
  performance.mark('dondoc:first-card', { detail: { cards: document.querySelectorAll('[data-task-id]').length } });
  afterNextPaint(() => performance.mark('dondoc:board-painted'));
}

/** Measures from now (the optimistic apply) to the frame that shows its result, as `name`. */
export function measureRepaint(name: string): void {
  const start = performance.now();
  afterNextPaint(() => performance.measure(name, { start, end: performance.now() }));
}
