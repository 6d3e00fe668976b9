// A board snapshot on its way to an exporter's thread, written a slice at a time. Posting the snapshot
// itself makes the request thread structured-clone every task in one go (~0.3–1 s at 10,000 tasks,
// measured with --cpu-prof in `pnpm bench`), and every other request waits. Here the snapshot is written
// as UTF-8 JSON a slice of a few milliseconds at a time, yielding to the event loop between slices,
// into SharedArrayBuffers: a thread message shares those instead of copying them (copying 13 MB of
// strings or bytes in one message still took 0.1–0.6 s on a busy machine).
import type { BoardSnapshot } from '@dondoc/shared';
import { JoinedBytes } from './process-bytes.mjs';

/**
 * The snapshot as UTF-8 JSON, in parts to be read in order; each part holds whole characters. Shared
 * memory for a thread; a process gets parts of its own (copied once, down its IPC channel).
 */
export interface EncodedSnapshot {
  parts: Array<Uint8Array | JoinedBytes>;
}

export interface EncodeOptions extends SliceOptions {
  /**
   * Parts in shared memory, for a thread (default true). For a process (false), one part that joins
   * the records' kept bytes without copying them: they go straight down its pipe.
   */
  shared?: boolean;
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
 * Most characters (or bytes, for records kept encoded) in one part: turning a part into UTF-8 in shared
 * memory happens after its slice's clock has run out, so the part's size bounds that extra work (16 K: a
 * fraction of a millisecond).
 */
export const MAX_PART_CHARS = 16_384;
/**
 * Most bytes in one part when they are mostly records' kept bytes (copied, not encoded): a part is a
 * SharedArrayBuffer of its own, and making 800 of 16 KB for a 10,000-task board cost more than copying.
 */
export const MAX_PART_BYTES = 512 * 1024;

/**
 * How long the JSON bytes of a board's records are kept after the last export that used them (as long as
 * an exporter's thread stays up when idle). Exports of the same board then re-encode only the tasks
 * changed since: at 10,000 tasks encoding every task was ~0.2–0.4 s of the request thread's time per
 * export, slowing moves made while exports ran.
 */
export const KEEP_RECORD_BYTES_MS = 60_000;

/**
 * The JSON bytes of frozen records (the stores freeze every committed record deeply, and a change makes a
 * new object; the board payload freezes each task's checklist results), by the record itself: a record
 * changed in place cannot be, so its bytes stay right. Each is kept with the comma that separates it
 * from the record before (the first of a list is written without it), and a task's checks with the task
 * id they are listed under: one array a record. Forgotten KEEP_RECORD_BYTES_MS after the last export.
 */
let recordBytes = new WeakMap<object, { key: string | undefined; bytes: Uint8Array }>();
let forget: NodeJS.Timeout | undefined;
function keepRecordBytes(): void {
  clearTimeout(forget);
  forget = setTimeout(() => (recordBytes = new WeakMap()), KEEP_RECORD_BYTES_MS);
  forget.unref();
}

/** Whether the last `bytesOfRecord` made its bytes now (rather than keeping them from an earlier export). */
interface Made {
  fresh: boolean;
}

/**
 * `,<JSON>` of a record (`,"<key>":<JSON>` with a key). Called for every record of every export, so it
 * allocates nothing when the bytes are kept: freshness is told through `made`.
 */
function bytesOfRecord(value: object, encoder: TextEncoder, made: Made, key?: string): Uint8Array {
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const kept = recordBytes.get(value);
    if (kept && kept.key === key) {
      made.fresh = false;
      return kept.bytes;
    }
  }
  made.fresh = true;
  const bytes = encoder.encode(key === undefined ? `,${JSON.stringify(value)}` : `,${JSON.stringify(key)}:${JSON.stringify(value)}`);
  if (frozen) recordBytes.set(value, { key, bytes });
  return bytes;
}

/** Writes `snapshot` as JSON in slices: the tasks and their checks a few at a time, the rest at once (it is small). */
export async function encodeSnapshot(snapshot: BoardSnapshot, options: EncodeOptions = {}): Promise<EncodedSnapshot> {
  keepRecordBytes();
  const slicer = new Slicer(options);
  const encoder = new TextEncoder();
  const parts: EncodedSnapshot['parts'] = [];
  const shared = options.shared ?? true;
  /** The part being gathered: UTF-8 runs, then text not yet encoded (after them). */
  let runs: Uint8Array[] = [];
  let text = '';
  /** The part's work (characters written or encoded now) and its bytes (kept ones are only copied). */
  let size = 0;
  let bytes = 0;
  const encodeText = (): void => {
    if (!text) return;
    runs.push(encoder.encode(text));
    text = '';
  };
  const addText = (piece: string): void => {
    text += piece;
    size += piece.length;
  };
  const made: Made = { fresh: false };
  /** A record's bytes, without their leading comma when it is the first of its list. */
  const addRecord = (record: Uint8Array, first: boolean): void => {
    encodeText();
    runs.push(first ? record.subarray(1) : record);
    bytes += record.byteLength;
    if (made.fresh) size += record.byteLength;
  };
  const full = () => size >= MAX_PART_CHARS || bytes >= MAX_PART_BYTES;
  /** Ends a thread's part: its runs copied into shared memory. A process's one part gathers every run, none copied. */
  const share = (): void => {
    encodeText();
    if (!shared || runs.length === 0) return;
    const view = new Uint8Array(new SharedArrayBuffer(runs.reduce((n, r) => n + r.byteLength, 0)));
    let at = 0;
    for (const r of runs) {
      view.set(r, at);
      at += r.byteLength;
    }
    parts.push(view);
    runs = [];
    size = 0;
    bytes = 0;
  };
  /** Ends the part and gives the event loop a turn (when the slice is used up). */
  const flush = async (): Promise<void> => {
    share();
    await slicer.turn();
  };
  const { tasks, checks, ...rest } = snapshot;
  const head = JSON.stringify(rest);
  addText(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tasks":[`);
  for (let i = 0; i < tasks.length; i++) {
    addRecord(bytesOfRecord(tasks[i]!, encoder, made), i === 0);
    if (full()) share();
    if ((i + 1) % CHECK_EVERY === 0 && slicer.due) await flush();
  }
  addText('],"checks":{');
  let n = 0;
  for (const id in checks) {
    addRecord(bytesOfRecord(checks[id]!, encoder, made, id), n === 0);
    if (full()) share();
    if (++n % CHECK_EVERY === 0 && slicer.due) await flush();
  }
  addText('}}');
  share();
  return shared ? { parts } : { parts: [new JoinedBytes(runs)] };
}

/** Reads what `encodeSnapshot` wrote (in the exporter's thread). */
export function decodeSnapshot(encoded: EncodedSnapshot): BoardSnapshot {
  // TextDecoder refuses views of shared memory; a Buffer over a part reads it without a copy.
  const text = (p: Uint8Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8');
  // In a process the joined part has come as one array; read here (a test) it is still its runs.
  return JSON.parse(encoded.parts.map((p) => (p instanceof JoinedBytes ? Buffer.concat(p.runs).toString('utf8') : text(p))).join('')) as BoardSnapshot;
}
