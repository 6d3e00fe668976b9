// A board snapshot on its way to an exporter's thread, written a slice at a time. Posting the snapshot
// itself makes the request thread structured-clone every task in one go (~0.3–1 s at 10,000 tasks,
// measured with --cpu-prof in `pnpm bench`), and every other request waits. Here the snapshot is written
// as UTF-8 JSON a slice of a few milliseconds at a time, yielding to the event loop between slices,
// into SharedArrayBuffers: a thread message shares those instead of copying them (copying 13 MB of
// strings or bytes in one message still took 0.1–0.6 s on a busy machine).
import type { BoardSnapshot } from '@dondoc/shared';

/** The snapshot as UTF-8 JSON in shared memory, in parts to be read in order; each part holds whole characters. */
export interface EncodedSnapshot {
  parts: SharedArrayBuffer[];
}

export interface SliceOptions {
  /** Longest stretch of work before other requests get a turn (default 1 ms; a part's encoding comes on top). */
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
    this.#sliceMs = options.sliceMs ?? 1;
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
export const CHECK_EVERY = 16;
/**
 * Most characters in one part: turning a part into UTF-8 in shared memory happens after its slice's
 * clock has run out, so the part's size bounds that extra work (16 K characters: a fraction of a millisecond).
 */
export const MAX_PART_CHARS = 16_384;

/** Writes `snapshot` as JSON in slices: the tasks and their checks a few at a time, the rest at once (it is small). */
export async function encodeSnapshot(snapshot: BoardSnapshot, options: SliceOptions = {}): Promise<EncodedSnapshot> {
  const slicer = new Slicer(options);
  const encoder = new TextEncoder();
  const parts: SharedArrayBuffer[] = [];
  let pieces: string[] = [];
  let size = 0;
  const add = (piece: string): void => {
    pieces.push(piece);
    size += piece.length;
  };
  const share = (): void => {
    if (size === 0) return;
    const bytes = encoder.encode(pieces.join(''));
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    parts.push(shared);
    pieces = [];
    size = 0;
  };
  /** Ends the part and gives the event loop a turn (when the slice is used up). */
  const flush = async (): Promise<void> => {
    share();
    await slicer.turn();
  };
  const { tasks, checks, ...rest } = snapshot;
  const head = JSON.stringify(rest);
  add(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tasks":[`);
  for (let i = 0; i < tasks.length; i++) {
    add((i > 0 ? ',' : '') + JSON.stringify(tasks[i]));
    if (size >= MAX_PART_CHARS) share();
    if ((i + 1) % CHECK_EVERY === 0 && slicer.due) await flush();
  }
  add('],"checks":{');
  let n = 0;
  for (const id in checks) {
    add(`${n > 0 ? ',' : ''}${JSON.stringify(id)}:${JSON.stringify(checks[id])}`);
    if (size >= MAX_PART_CHARS) share();
    if (++n % CHECK_EVERY === 0 && slicer.due) await flush();
  }
  add('}}');
  share();
  return { parts };
}

/** Reads what `encodeSnapshot` wrote (in the exporter's thread). */
export function decodeSnapshot(encoded: EncodedSnapshot): BoardSnapshot {
  // TextDecoder refuses views of shared memory; a Buffer over it reads it without a copy.
  return JSON.parse(encoded.parts.map((p) => Buffer.from(p).toString('utf8')).join('')) as BoardSnapshot;
}
