// How far V8 lets the heap grow past what survived the last full collection before it collects again.
// Its own factor rises towards 4× while collections are quick next to the work between them: at 10,000
// tasks, 20 s of moves from 10 clients grew the old space to ~150 MB around 52 MB that lived, and the
// process peaked at 320-380 MB. At 2× the same burst peaks at 277-286 MB, with moves/s within the
// machine's noise (1,777-2,035 against 1,854-1,923, runs alternating). Set from inside the process,
// so every way of starting the server gets it.
import { setFlagsFromString } from 'node:v8';

/** The next full collection comes once the heap is this much larger than what the last one left. */
const HEAP_GROWING_PERCENT = 100;

export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
