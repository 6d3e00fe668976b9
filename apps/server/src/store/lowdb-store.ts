// The lowdb repository: state in memory, a durable snapshot (dondoc.json) written by lowdb, and an fsync'd
// journal (dondoc.journal) of operations since that snapshot. Start-up = snapshot + journal replay.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import {
  Board,
  Operation,
  Task,
  commitChange,
  emptyState,
  planOperation,
  sortTasksForDisplay,
  type BoardState,
  type BoardSummary,
  type OperationResult,
} from '@dondoc/shared';
import type { BoardRepository } from './repository.ts';
import { DurableJsonFile } from './durable-file.ts';
import { Journal, JournalBrokenError, readJournal, type OpenFile } from './journal.ts';
import { StoreFailedError, StoreOpenError } from './errors.ts';

/** Bump when the snapshot's shape changes; an older server refuses a newer file rather than lose data. */
export const SCHEMA_VERSION = 1;
export const SNAPSHOT_FILE = 'dondoc.json';
export const JOURNAL_FILE = 'dondoc.journal';

export interface Snapshot extends BoardState {
  schemaVersion: number;
  /** Sequence number of the last journal operation this snapshot includes. */
  lastSeq: number;
}

const SnapshotSchema = z.object({
  schemaVersion: z.number().int(),
  lastSeq: z.number().int().nonnegative(),
  boards: z.record(z.string(), Board),
  tasks: z.record(z.string(), z.record(z.string(), Task)),
});

const JournalLine = z.object({ seq: z.number().int().positive(), op: Operation });

export interface LowdbStoreOptions {
  /** Folder holding dondoc.json and dondoc.journal; created if missing. */
  dir: string;
  /** Compact after this many journal operations (default 1000). */
  compactAfterOps?: number;
  /** …or once the journal passes this many bytes (default 8 MiB). */
  compactAfterBytes?: number;
  /** Where compaction failures are reported (default console.error); they never fail a write. */
  onBackgroundError?: (err: unknown) => void;
  /** How the journal opens its files (tests inject failing or slow fsyncs). */
  openJournalFile?: OpenFile;
}

/**
 * Committed boards and tasks are frozen: plugins and routes get them by reference, and a change made in place
 * would alter the store without a journal entry. Frozen parts are skipped, as a new task shares them with the old.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

function freezeState(state: BoardState): void {
  for (const b of Object.values(state.boards)) deepFreeze(b);
  for (const tasks of Object.values(state.tasks)) for (const t of Object.values(tasks)) deepFreeze(t);
}

/** Tasks serialised 500 at a time, so the adapter can yield to requests between pieces. */
function* serializeSnapshot(s: Snapshot): Iterable<string> {
  yield `{"schemaVersion":${s.schemaVersion},"lastSeq":${s.lastSeq},"boards":${JSON.stringify(s.boards)},"tasks":{`;
  let firstBoard = true;
  for (const [boardId, tasks] of Object.entries(s.tasks)) {
    yield `${firstBoard ? '' : ','}${JSON.stringify(boardId)}:{`;
    firstBoard = false;
    const entries = Object.entries(tasks);
    for (let i = 0; i < entries.length; i += 500) {
      yield entries
        .slice(i, i + 500)
        .map(([id, t]) => `${JSON.stringify(id)}:${JSON.stringify(t)}`)
        .join(',') + (i + 500 < entries.length ? ',' : '');
    }
    yield '}';
  }
  yield '}}\n';
}

function parseSnapshot(file: string) {
  return (text: string): Snapshot => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new StoreOpenError(
        'corrupt-snapshot',
        file,
        `Không đọc được tệp dữ liệu ${file} (JSON hỏng: ${(err as Error).message}). Máy chủ dừng để không ghi đè dữ liệu; hãy khôi phục tệp từ bản sao lưu.`,
        `Cannot read data file ${file} (invalid JSON: ${(err as Error).message}). The server stops rather than overwrite it; restore the file from a backup.`,
      );
    }
    const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION)
      throw new StoreOpenError(
        'newer-schema',
        file,
        `Tệp dữ liệu ${file} có schemaVersion ${version}, mới hơn phiên bản máy chủ này hỗ trợ (${SCHEMA_VERSION}). Hãy nâng cấp dondoc; tệp không bị thay đổi.`,
        `Data file ${file} has schemaVersion ${version}, newer than this server supports (${SCHEMA_VERSION}). Upgrade dondoc; the file was left untouched.`,
      );
    const parsed = SnapshotSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.join('.') || '(gốc)' : '';
      throw new StoreOpenError(
        'corrupt-snapshot',
        file,
        `Tệp dữ liệu ${file} sai cấu trúc tại "${where}": ${issue?.message}. Máy chủ dừng để không ghi đè dữ liệu.`,
        `Data file ${file} is malformed at "${where}": ${issue?.message}. The server stops rather than overwrite it.`,
      );
    }
    return parsed.data as Snapshot;
  };
}

export class LowdbStore implements BoardRepository {
  readonly dir: string;
  readonly #db: Low<Snapshot>;
  readonly #adapter: DurableJsonFile<Snapshot>;
  readonly #journal: Journal;
  readonly #opts: Required<Omit<LowdbStoreOptions, 'dir' | 'openJournalFile'>>;
  #state: BoardState = emptyState();
  #seq = 0;
  /** Journal lines not yet covered by a snapshot, kept so compaction can rewrite the journal without them. */
  #unsnapshotted: Array<{ seq: number; line: string }> = [];
  /** One queue for every write: the next operation is planned against the last committed state. */
  #queue: Promise<unknown> = Promise.resolve();
  #compacting: Promise<void> | undefined;
  #closed = false;
  /** Set once a journal append could not be rolled back: every later write is refused with it. */
  #failed: StoreFailedError | undefined;
  #displayCache = new Map<string, { revision: number; tasks: Task[] }>();

  private constructor(opts: LowdbStoreOptions) {
    this.dir = opts.dir;
    this.#opts = {
      compactAfterOps: opts.compactAfterOps ?? 1000,
      compactAfterBytes: opts.compactAfterBytes ?? 8 * 1024 * 1024,
      onBackgroundError: opts.onBackgroundError ?? ((err) => console.error('[dondoc] nén dữ liệu thất bại / compaction failed:', err)),
    };
    const file = join(opts.dir, SNAPSHOT_FILE);
    this.#adapter = new DurableJsonFile<Snapshot>(file, serializeSnapshot, parseSnapshot(file));
    this.#db = new Low<Snapshot>(this.#adapter, { schemaVersion: SCHEMA_VERSION, lastSeq: 0, ...emptyState() });
    this.#journal = new Journal(join(opts.dir, JOURNAL_FILE), opts.openJournalFile);
  }

  /** Opens (or creates) the store in `dir`; throws StoreOpenError, touching nothing, if the data cannot be trusted. */
  static async open(opts: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(opts);
    await mkdir(opts.dir, { recursive: true });
    await store.#load();
    return store;
  }

  async #load(): Promise<void> {
    await this.#db.read();
    const snap = this.#db.data;
    this.#state = { boards: snap.boards, tasks: snap.tasks };
    this.#seq = snap.lastSeq;
    const file = this.#journal.file;
    const reading = await readJournal(file);
    for (const [i, line] of reading.lines.entries()) {
      let entry: z.infer<typeof JournalLine>;
      try {
        entry = JournalLine.parse(JSON.parse(line));
      } catch (err) {
        throw new StoreOpenError(
          'corrupt-journal',
          file,
          `Nhật ký ${file} hỏng ở dòng ${i + 1} (${(err as Error).message.slice(0, 200)}). Máy chủ dừng để không mất dữ liệu.`,
          `Journal ${file} is corrupt at line ${i + 1} (${(err as Error).message.slice(0, 200)}). The server stops rather than lose data.`,
        );
      }
      // Lines already folded into the snapshot (a crash between snapshot and journal rewrite) are skipped.
      if (entry.seq <= snap.lastSeq && this.#seq === snap.lastSeq) continue;
      // Any other gap or repeat means a line is missing or was written twice: replaying would silently
      // drop or double a write, so stop instead.
      if (entry.seq !== this.#seq + 1)
        throw new StoreOpenError(
          'corrupt-journal',
          file,
          `Nhật ký ${file} hỏng ở dòng ${i + 1}: thao tác #${entry.seq} đứng sau #${this.#seq} (phải là #${this.#seq + 1}). Máy chủ dừng để không mất dữ liệu; tệp không bị thay đổi.`,
          `Journal ${file} is corrupt at line ${i + 1}: operation #${entry.seq} follows #${this.#seq} (expected #${this.#seq + 1}). The server stops rather than lose data; the file was left untouched.`,
        );
      const result = planOperation(this.#state, entry.op);
      if (!result.ok)
        throw new StoreOpenError(
          'replay-failed',
          file,
          `Không áp dụng lại được thao tác #${entry.seq} (${entry.op.type}) ở dòng ${i + 1} của ${file}: ${result.failure.message}.`,
          `Cannot replay operation #${entry.seq} (${entry.op.type}) at line ${i + 1} of ${file}: ${result.failure.messageEn}.`,
        );
      commitChange(this.#state, result.change);
      this.#seq = entry.seq;
      this.#unsnapshotted.push({ seq: entry.seq, line: `${line}\n` });
    }
    freezeState(this.#state);
    // Only now, with everything read and trusted, touch the folder: drop crash leftovers and a torn tail.
    await this.#adapter.removeLeftovers();
    await this.#journal.open(reading.goodBytes, reading.tornBytes);
  }

  listBoards(): BoardSummary[] {
    return Object.values(this.#state.boards).map((b) => ({
      id: b.id,
      title: b.title,
      origin: b.origin,
      taskCount: Object.keys(this.#state.tasks[b.id] ?? {}).length,
      updatedAt: b.updatedAt,
    }));
  }

  getBoard(boardId: string): Board | undefined {
    return this.#state.boards[boardId];
  }

  getTasks(boardId: string): Task[] | undefined {
    const board = this.#state.boards[boardId];
    if (!board) return undefined;
    const cached = this.#displayCache.get(boardId);
    if (cached && cached.revision === board.revision) return cached.tasks;
    // Frozen because the cached array is handed to every caller: a reverse() would reorder it for the next one.
    const tasks = Object.freeze(sortTasksForDisplay(Object.values(this.#state.tasks[boardId] ?? {}), board)) as Task[];
    this.#displayCache.set(boardId, { revision: board.revision, tasks });
    return tasks;
  }

  getTask(boardId: string, taskId: string): Task | undefined {
    return this.#state.tasks[boardId]?.[taskId];
  }

  apply(op: Operation): Promise<OperationResult> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#enqueue(() => this.#applyNow(op));
  }

  async #applyNow(op: Operation): Promise<OperationResult> {
    if (this.#failed) throw this.#failed;
    const result = planOperation(this.#state, op);
    if (!result.ok) return result;
    const seq = this.#seq + 1;
    const line = `${JSON.stringify({ seq, op })}\n`;
    // Durable first, visible second: readers never see a write that a crash could take back.
    try {
      await this.#journal.append(line);
    } catch (err) {
      if (err instanceof JournalBrokenError) throw (this.#failed = new StoreFailedError(this.#journal.file, err.appendError));
      throw err;
    }
    this.#seq = seq;
    this.#unsnapshotted.push({ seq, line });
    deepFreeze(result.change.board);
    for (const t of result.change.tasks) deepFreeze(t);
    commitChange(this.#state, result.change);
    if (!this.#compacting && (this.#unsnapshotted.length >= this.#opts.compactAfterOps || this.#journal.bytes >= this.#opts.compactAfterBytes)) {
      this.#compacting = this.#compact()
        .catch(this.#opts.onBackgroundError)
        .finally(() => (this.#compacting = undefined));
    }
    return result;
  }

  /** Writes a snapshot and drops the journal lines it covers. Writes keep flowing while the snapshot is written. */
  compact(): Promise<void> {
    this.#compacting ??= this.#compact().finally(() => (this.#compacting = undefined));
    return this.#compacting;
  }

  async #compact(): Promise<void> {
    // A broken journal may end in a refused line; leave the files as they are for the person restoring them.
    if (this.#failed) throw this.#failed;
    // Capture between two operations: tasks are replaced, never mutated, so shallow copies are a consistent view.
    const view = await this.#enqueue(async () => {
      const tasks: BoardState['tasks'] = {};
      for (const [id, t] of Object.entries(this.#state.tasks)) tasks[id] = { ...t };
      return { schemaVersion: SCHEMA_VERSION, lastSeq: this.#seq, boards: { ...this.#state.boards }, tasks } satisfies Snapshot;
    });
    this.#db.data = view;
    await this.#db.write();
    await this.#enqueue(async () => {
      if (this.#failed) throw this.#failed;
      this.#unsnapshotted = this.#unsnapshotted.filter((e) => e.seq > view.lastSeq);
      await this.#journal.rewrite(this.#unsnapshotted.map((e) => e.line).join(''));
    });
  }

  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Journal operations not yet in the snapshot (for tests and diagnostics). */
  get pendingJournalOps(): number {
    return this.#unsnapshotted.length;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#compacting;
    if (this.#unsnapshotted.length > 0 && !this.#failed) await this.#compact();
    await this.#journal.close();
  }
}
