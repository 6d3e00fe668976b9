// A board snapshot on its way to an exporter's thread or process, written a slice at a time. Posting the
// snapshot itself makes the request thread structured-clone every task in one go (~0.3–1 s at 10,000
// tasks, measured with --cpu-prof in `pnpm bench`), and every other request waits. Here the snapshot is
// written as UTF-8 JSON a slice of a millisecond at a time, yielding to the event loop between slices.
// A thread gets it in SharedArrayBuffers (a message shares those instead of copying them); a process
// down a pipe. And an exporter is sent only the records changed since its last snapshot of the board:
// the rest go as their place in that snapshot, which it still holds (`SentSnapshots`, `HeldSnapshots`).
import type { BoardSnapshot } from '@dondoc/shared';
import { JoinedBytes } from './process-bytes.mjs';

/**
 * The snapshot as UTF-8 JSON, in parts to be read in order; each part holds whole characters. Shared
 * memory for a thread; for a process, one part joining them, written down its pipe without a copy.
 */
export interface EncodedSnapshot {
  parts: Array<Uint8Array | JoinedBytes>;
  /**
   * Set when the snapshot was written for a `SentSnapshots`: the board, this snapshot's number, and the
   * number of the earlier one of the same board its unchanged records refer to (absent: none do).
   */
  sent?: { board: string; id: number; base?: number };
}

/**
 * On the wire (JSON), `tasks` lists a record, or the index of the same record in the base snapshot's
 * `tasks`; `checks` lists `[task id, results]`, or the index of the same pair in the base's list.
 */
interface WireSnapshot extends Omit<BoardSnapshot, 'tasks' | 'checks'> {
  tasks: Array<BoardSnapshot['tasks'][number] | number>;
  checks: Array<CheckEntry | number>;
}
type CheckEntry = [string, BoardSnapshot['checks'][string]];

/**
 * How many boards' last snapshots an exporter's thread or process holds, and the most tasks they may
 * hold between them (the newest is always held). The request thread keeps the same count: when the two
 * disagree, the snapshot is sent whole again (see `SNAPSHOT_NOT_HELD`).
 */
export const HELD_BOARDS = 8;
export const HELD_TASKS = 60_000;

/**
 * What one exporter's thread or process has been sent, on the request thread: per board, the number of
 * the last snapshot and where each of its frozen records stood in it. The next export of that board
 * then sends the index of each record unchanged since, not the record: at 10,000 tasks, ~0.1 MB instead
 * of ~18 MB for the request thread to write and the exporter to read. The exporter answers
 * `SNAPSHOT_NOT_HELD` when it does not hold that base (it was replaced, or never got it); the caller
 * then sends the snapshot whole. Forgotten `forgetAfterMs` after the last snapshot sent (default a
 * minute: a plugin's idle thread or process ends then, taking what it held), so the records of old
 * snapshots are not kept alive here.
 */
export class SentSnapshots {
  #next = 1;
  readonly #boards = new Map<string, SentBoard>();
  readonly #forgetAfterMs: number;
  #forget: NodeJS.Timeout | undefined;

  constructor(forgetAfterMs = 60_000) {
    this.#forgetAfterMs = forgetAfterMs;
  }

  /** The last snapshot sent of `board`, if any. */
  last(board: string): SentBoard | undefined {
    return this.#boards.get(board);
  }

  /** A number for the next snapshot. */
  number(): number {
    return this.#next++;
  }

  /** Records `sent` as the last snapshot of `board`, forgetting the board sent least recently past HELD_BOARDS. */
  remember(board: string, sent: SentBoard): void {
    clearTimeout(this.#forget);
    this.#forget = setTimeout(() => this.#boards.clear(), this.#forgetAfterMs);
    this.#forget.unref();
    this.#boards.delete(board);
    this.#boards.set(board, sent);
    for (const oldest of this.#boards.keys()) {
      if (this.#boards.size <= HELD_BOARDS) break;
      this.#boards.delete(oldest);
    }
  }
}

/** A snapshot as sent: the ids and records of its tasks, and of its checklist results, in order. */
interface SentBoard {
  id: number;
  tasks: SentRecords;
  checks: SentRecords;
}

interface SentRecords {
  ids: string[];
  records: object[];
}

/** How far past the last record found the next one is looked for. */
const LOOKAHEAD = 8;
/** Records in a row not found that far after which each is looked up by id (a view that keeps some of the records sent before). */
const MISSES_BEFORE_LOOKUP = 32;

/**
 * Finds each record of a snapshot in the one sent before. The records unchanged since keep their order:
 * they are in the store's display order (track, column, rank), and a record whose place changed is a new
 * object. So each is looked for just past the last one found, and a record changed, added or moved is a
 * miss that costs nothing more. Only after many misses in a row (a block of tasks removed, or a filtered
 * view) are records looked up by id, from a map built then: building a 10,000-entry map per export cost
 * the request thread more than the bytes it saved.
 */
class SentCursor {
  #next = 0;
  #misses = 0;
  #at: Map<string, number> | undefined;
  constructor(readonly sent: SentRecords) {}

  /** Where `record`, listed under `id`, stood in the snapshot sent before; undefined if it was not there unchanged. */
  find(id: string, record: object): number | undefined {
    // Only a frozen record is known unchanged by being the same object.
    if (!Object.isFrozen(record)) return this.#miss();
    const { ids, records } = this.sent;
    const end = Math.min(this.#next + LOOKAHEAD, ids.length);
    for (let j = this.#next; j < end; j++) if (records[j] === record && ids[j] === id) return this.#hit(j);
    if (this.#at || this.#misses >= MISSES_BEFORE_LOOKUP) {
      if (!this.#at) {
        this.#at = new Map();
        for (let j = 0; j < ids.length; j++) this.#at.set(ids[j]!, j);
      }
      const j = this.#at.get(id);
      if (j !== undefined && records[j] === record) return this.#hit(j);
    }
    return this.#miss();
  }

  #hit(at: number): number {
    this.#next = at + 1;
    this.#misses = 0;
    return at;
  }

  #miss(): undefined {
    this.#misses++;
    return undefined;
  }
}

/** What an exporter answers when it does not hold the snapshot an export's records refer to. */
export const SNAPSHOT_NOT_HELD = '\u0000snapshot-not-held';

/**
 * The last snapshot of each board an exporter's thread or process read, its records frozen (an exporter
 * changing one would change the next export's). Bounded by HELD_BOARDS and HELD_TASKS.
 */
export class HeldSnapshots {
  readonly #boards = new Map<string, { id: number; tasks: BoardSnapshot['tasks']; checks: CheckEntry[] }>();

  /**
   * Reads what `encodeSnapshot` wrote for a `SentSnapshots` (in the exporter's thread or process), its
   * indices replaced by the base's records; undefined when the base is not held.
   */
  read(encoded: EncodedSnapshot): BoardSnapshot | undefined {
    const { sent } = encoded;
    if (!sent) return decodeSnapshot(encoded);
    const base = sent.base === undefined ? undefined : this.#boards.get(sent.board);
    if (sent.base !== undefined && base?.id !== sent.base) return undefined;
    const wire = parseWire(encoded);
    const tasks = wire.tasks.map((t) => (typeof t === 'number' ? base!.tasks[t]! : deepFreeze(t)));
    const entries = wire.checks.map((c) => (typeof c === 'number' ? base!.checks[c]! : deepFreeze(c)));
    this.#boards.delete(sent.board);
    this.#boards.set(sent.board, { id: sent.id, tasks, checks: entries });
    let held = 0;
    for (const b of this.#boards.values()) held += b.tasks.length;
    for (const [board, b] of this.#boards) {
      if (this.#boards.size === 1 || (this.#boards.size <= HELD_BOARDS && held <= HELD_TASKS)) break;
      this.#boards.delete(board);
      held -= b.tasks.length;
    }
    const checks: BoardSnapshot['checks'] = {};
    for (const [id, results] of entries) checks[id] = results;
    return { ...wire, tasks, checks };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export interface EncodeOptions extends SliceOptions {
  /**
   * Parts in shared memory, for a thread (default true). For a process (false), one part that joins
   * the parts without copying them: they go straight down its pipe.
   */
  shared?: boolean;
  /** What the exporter was sent before: records unchanged since its last snapshot of the board go as indices. */
  sent?: SentSnapshots;
  /** Send every record, even with `sent` (the exporter did not hold the base). */
  whole?: boolean;
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
 * Most characters in one part (past it by at most one record): turning a part into UTF-8 happens after its
 * slice's clock has run out, so the part's size bounds that extra work (16 K: a fraction of a millisecond).
 */
export const MAX_PART_CHARS = 16_384;

/** Writes `snapshot` as JSON in slices: the tasks and their checks a few at a time, the rest at once (it is small). */
export async function encodeSnapshot(snapshot: BoardSnapshot, options: EncodeOptions = {}): Promise<EncodedSnapshot> {
  const slicer = new Slicer(options);
  const encoder = new TextEncoder();
  const shared = options.shared ?? true;
  /** The parts written (a thread's in shared memory; a process's gathered into one), and the text not yet encoded. */
  const parts: Uint8Array[] = [];
  let text = '';
  const endPart = (): void => {
    if (!text) return;
    const bytes = encoder.encode(text);
    text = '';
    if (!shared) return void parts.push(bytes);
    const view = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    view.set(bytes);
    parts.push(view);
  };
  const add = (piece: string): void => {
    text += piece;
    if (text.length >= MAX_PART_CHARS) endPart();
  };
  const { tasks, checks, ...rest } = snapshot;
  const ledger = options.sent;
  const base = ledger && !options.whole ? ledger.last(snapshot.board.id) : undefined;
  const now: SentBoard | undefined = ledger && { id: ledger.number(), tasks: { ids: [], records: [] }, checks: { ids: [], records: [] } };
  const sentTasks = base && new SentCursor(base.tasks);
  const sentChecks = base && new SentCursor(base.checks);
  const head = JSON.stringify(rest);
  add(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tasks":[`);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    const at = sentTasks?.find(task.id, task);
    add(`${i === 0 ? '' : ','}${at ?? JSON.stringify(task)}`);
    now?.tasks.ids.push(task.id);
    now?.tasks.records.push(task);
    if ((i + 1) % CHECK_EVERY === 0 && slicer.due) {
      endPart();
      await slicer.turn();
    }
  }
  add('],"checks":[');
  let n = 0;
  for (const id in checks) {
    const results = checks[id]!;
    const at = sentChecks?.find(id, results);
    add(`${n === 0 ? '' : ','}${at ?? `[${JSON.stringify(id)},${JSON.stringify(results)}]`}`);
    now?.checks.ids.push(id);
    now?.checks.records.push(results);
    if (++n % CHECK_EVERY === 0 && slicer.due) {
      endPart();
      await slicer.turn();
    }
  }
  add(']}');
  endPart();
  if (ledger && now) ledger.remember(snapshot.board.id, now);
  const sent = now && { board: snapshot.board.id, id: now.id, ...(base ? { base: base.id } : {}) };
  return { parts: shared ? parts : [new JoinedBytes(parts)], ...(sent ? { sent } : {}) };
}

/** The JSON `encodeSnapshot` wrote, parsed. */
function parseWire(encoded: EncodedSnapshot): WireSnapshot {
  // TextDecoder refuses views of shared memory; a Buffer over a part reads it without a copy.
  const text = (p: Uint8Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8');
  // In a process the joined part has come as one array; read here (a test) it is still its runs.
  return JSON.parse(encoded.parts.map((p) => (p instanceof JoinedBytes ? Buffer.concat(p.runs).toString('utf8') : text(p))).join('')) as WireSnapshot;
}

/** Reads a snapshot `encodeSnapshot` wrote whole (one written against a base needs `HeldSnapshots.read`). */
export function decodeSnapshot(encoded: EncodedSnapshot): BoardSnapshot {
  if (encoded.sent?.base !== undefined) throw new Error('snapshot refers to an earlier one: read it with HeldSnapshots');
  const wire = parseWire(encoded);
  const checks: BoardSnapshot['checks'] = {};
  for (const c of wire.checks) if (typeof c !== 'number') checks[c[0]] = c[1];
  return { ...wire, tasks: wire.tasks.filter((t) => typeof t !== 'number'), checks };
}
