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

/** Parts of a job waiting for a frame each, first come first served (see `framePart`). */
const parts: (() => void)[] = [];

/**
 * Runs `part` once the next frame is out, after the parts queued before it, one part a frame: each
 * part's render (Vue renders in a microtask, in the part's task) and that frame's style and layout of
 * what it built stay small, and a key press gets its turn between parts instead of after the whole job.
 */
export function framePart(part: () => void): void {
  parts.push(part);
  if (parts.length === 1) void runParts();
}

async function runParts(): Promise<void> {
  while (parts.length > 0) {
    await nextPaint();
    try {
      parts[0]!();
    } catch (err) {
      // Reported as uncaught, as it would be without the queue; the parts after it still run.
      queueMicrotask(() => {
        throw err;
      });
    }
    parts.shift();
  }
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
