// A board snapshot on its way to an exporter's thread, written a slice at a time. Posting the snapshot
// itself makes the request thread structured-clone every task in one go (~0.3–1 s at 10,000 tasks,
// measured with --cpu-prof in `pnpm bench`), and every other request waits; JSON bytes written in
// slices that yield to the event loop cost the same work in pieces of a few milliseconds, and a list of
// byte arrays crosses to the thread as plain memory copies.
import type { BoardSnapshot } from '@dondoc/shared';

/** The snapshot as UTF-8 JSON, in parts that each hold whole JSON tokens (so each decodes on its own). */
export interface EncodedSnapshot {
  parts: Uint8Array[];
}

export interface SliceOptions {
  /** Longest stretch of work before other requests get a turn (default 4 ms). */
  sliceMs?: number;
  /** How they get it (default: `setImmediate`, after pending I/O). */
  yieldTurn?: () => Promise<void>;
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Gives the event loop a turn whenever `sliceMs` of work has passed since the last one. */
export class Slicer {
  readonly #sliceMs: number;
  readonly #yieldTurn: () => Promise<void>;
  #since = performance.now();
  /** Turns given so far. */
  turns = 0;

  constructor(options: SliceOptions = {}) {
    this.#sliceMs = options.sliceMs ?? 4;
    this.#yieldTurn = options.yieldTurn ?? yieldToEventLoop;
  }

  /** True when the slice is used up (the caller then awaits `turn()`). */
  get due(): boolean {
    return performance.now() - this.#since >= this.#sliceMs;
  }

  async turn(): Promise<void> {
    this.turns++;
    await this.#yieldTurn();
    this.#since = performance.now();
  }
}

/** How many records are written between two looks at the clock. */
const CHECK_EVERY = 32;

/** Writes `snapshot` as JSON in slices: the tasks and their checks a few at a time, the rest at once (it is small). */
export async function encodeSnapshot(snapshot: BoardSnapshot, options: SliceOptions = {}): Promise<EncodedSnapshot> {
  const slicer = new Slicer(options);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let text = '';
  const flush = async (): Promise<void> => {
    parts.push(encoder.encode(text));
    text = '';
    await slicer.turn();
  };
  const { tasks, checks, ...rest } = snapshot;
  const head = JSON.stringify(rest);
  text = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tasks":[`;
  for (let i = 0; i < tasks.length; i++) {
    text += (i > 0 ? ',' : '') + JSON.stringify(tasks[i]);
    if (i % CHECK_EVERY === CHECK_EVERY - 1 && slicer.due) await flush();
  }
  text += '],"checks":{';
  let first = true;
  let n = 0;
  for (const id in checks) {
    text += `${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(checks[id])}`;
    first = false;
    if (++n % CHECK_EVERY === 0 && slicer.due) await flush();
  }
  text += '}}';
  parts.push(encoder.encode(text));
  return { parts };
}

/** Reads what `encodeSnapshot` wrote (in the exporter's thread). */
export function decodeSnapshot(encoded: EncodedSnapshot): BoardSnapshot {
  const decoder = new TextDecoder();
  return JSON.parse(encoded.parts.map((p) => decoder.decode(p)).join('')) as BoardSnapshot;
}
