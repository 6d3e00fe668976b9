// The embedded repository: state in memory (a BoardIndex), a durable snapshot (dondoc.json) written by
// lowdb, a segmented journal of change records since that snapshot, and the hash-chained audit trail.
// Writes are group-committed: operations that arrive while a batch is being made durable are planned
// on top of it (Staging) and go to disk together in one journal write and one fsync, each acknowledged
// only once its bytes are durable; the audit trail follows from the journal. Readers only ever see
// durable state.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import {
  Agency,
  Board,
  BoardIndex,
  BoardRecord,
  type BoardRecordKind,
  type BoardRecordOf,
  type Task,
  COLUMN_IDS,
  User,
  effectsOf,
  planOperation,
  recordOf,
  type ChangeRecord,
  type Effects,
  type Operation,
  type OperationResult,
} from '@dondoc/shared';
import type { ApplyOptions, BoardContext, BoardRead, ChangeEvent, Repository, AuditTrail, Session } from './repository.ts';
import { DurableJsonFile } from './durable-file.ts';
import { Journal, JournalBrokenError, readJournal, type OpenFile, type WriteBatch } from './journal.ts';
import { AuditLog } from './audit-log.ts';
import { LocalAuthStore, LocalFileStore } from './auth-files.ts';
import { StoreFailedError, StoreOpenError } from './errors.ts';
import { Staging } from './staging.ts';
import { changeEventOf } from './change-events.ts';
import { migrateV1 } from './migrate-v1.ts';
import { deepFreeze, deepFreezeSliced, isBigRecord, journalLineBytes } from './sliced-records.ts';
import { Slicer, yieldToEventLoop } from '../workers/snapshot-wire.ts';

/**
 * Bump when the snapshot's shape changes; an older server refuses a newer file rather than lose data.
 * 3: `records` (meetings, indicator readings, daily counts); a schema-2 file reads as having none.
 */
export const SCHEMA_VERSION = 3;
export const SNAPSHOT_FILE = 'dondoc.json';
/** Journal operations between compactions, unless a store is opened with its own count. */
export const COMPACT_AFTER_OPS = 10_000;
export const JOURNAL_DIR = 'journal';
export const AUDIT_FILE = 'audit.jsonl';
export const AUDIT_KEY_FILE = 'audit-key.pem';

export interface Snapshot {
  schemaVersion: number;
  /** Sequence number of the last operation this snapshot includes. */
  lastSeq: number;
  boards: Board[];
  tasks: Task[];
  trash: Task[];
  users: User[];
  directory: Agency[];
  records: BoardRecord[];
}

/**
 * Boards, users and the directory are few and fully checked. Tasks are many (a 10,000-task board
 * would spend most of its start-up in a full schema check): this file is only ever written whole by
 * the store itself (temp file, fsync, rename), so each task's frame is checked — the fields every
 * index and reducer relies on — and a file with anything else wrong there is refused just the same.
 */
const TaskFrame = z.object({ id: z.string(), boardId: z.string(), version: z.number(), track: z.string(), column: z.enum(COLUMN_IDS), rank: z.number() }).loose();
const SnapshotSchema = z.object({
  schemaVersion: z.union([z.literal(2), z.literal(SCHEMA_VERSION)]),
  lastSeq: z.number().int().nonnegative(),
  boards: z.array(Board),
  tasks: z.array(z.unknown()),
  trash: z.array(z.unknown()),
  users: z.array(User),
  directory: z.array(Agency),
  records: z.array(BoardRecord).default([]),
});

/** The first task whose frame is wrong, as a zod issue path, or undefined. */
function badTaskFrame(list: unknown[], key: 'tasks' | 'trash'): { path: string; message: string } | undefined {
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Record<string, unknown> | null;
    // The common case without zod: six typeof checks.
    if (t && typeof t === 'object' && typeof t.id === 'string' && typeof t.boardId === 'string' && typeof t.version === 'number' && typeof t.track === 'string' && typeof t.rank === 'number' && (COLUMN_IDS as readonly unknown[]).includes(t.column))
      continue;
    const issue = TaskFrame.safeParse(t).error?.issues[0];
    return { path: [key, i, ...(issue?.path ?? [])].join('.'), message: issue?.message ?? 'invalid' };
  }
  return undefined;
}

/** A journal line: a change record as `recordOf` made it. Only its frame is checked here; `effectsOf` checks it against the state. */
const RecordFrame = z.object({ seq: z.number().int().positive(), op: z.string(), changes: z.array(z.object({ entity: z.string() }).passthrough()) }).passthrough();

export interface LowdbStoreOptions {
  /** Folder holding the store; created if missing. */
  dir: string;
  /**
   * Compact after this many journal operations (default COMPACT_AFTER_OPS). A compaction rewrites the
   * whole snapshot (~13 MB at 10,000 tasks) for journal lines of ~0.5 KB a move, serialising it on the
   * request thread a slice at a time: every 5,000 operations that was ~7 % of the thread's time under
   * ten clients' moves (moves/s 1,880-1,945 against 2,143-2,207 every 20,000, alternating runs). A start
   * after a crash replays what the snapshot lacks: opening a 10,000-task store took 0.35-0.45 s with
   * 5,000 moves to replay, 0.43-0.54 s with 10,000 and 0.62-0.86 s with 20,000, against the 1 s a start
   * may take (the scale bench prints a start with a full journal).
   */
  compactAfterOps?: number;
  /** …or once the journal segment passes this many bytes (default 16 MiB: edits of long texts fill it before the count). */
  compactAfterBytes?: number;
  /** Where compaction failures are reported (default console.error); they never fail a write. */
  onBackgroundError?: (err: unknown) => void;
  /** How the journal opens its files (tests inject failing or slow fsyncs). */
  openJournalFile?: OpenFile;
  /** How the journal writes a batch (tests inject failing or short writes). */
  writeJournalBatch?: WriteBatch;
  /** How many change events are kept for live-update clients resuming after a drop (default 10,000). */
  keepEvents?: number;
}

/** What an operation's effects write: frozen once committed (`deepFreeze` says why). */
function* writtenValues(e: Effects): Generator<unknown> {
  for (const w of e.boards) yield w.after;
  for (const w of e.tasks) yield w.after;
  for (const w of e.users) yield w.after;
  if (e.directory) yield e.directory.after;
  for (const w of e.records ?? []) yield w.after;
}

/** A batch's journal lines: small records in one `JSON.stringify`, a big one (a board restored whole) a slice at a time. */
async function journalText(records: readonly ChangeRecord[], slicer: Slicer): Promise<string | Buffer[]> {
  if (!records.some(isBigRecord)) return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  const bytes: Buffer[] = [];
  for (const r of records) bytes.push(...(isBigRecord(r) ? await journalLineBytes(r, slicer) : [Buffer.from(`${JSON.stringify(r)}\n`)]));
  return bytes;
}

const SNAPSHOT_PIECE = 100;

/** Records serialised SNAPSHOT_PIECE at a time (a few milliseconds each), so the adapter can yield to requests between pieces. */
function* serializeSnapshot(s: Snapshot): Iterable<string> {
  yield `{"schemaVersion":${s.schemaVersion},"lastSeq":${s.lastSeq},"boards":${JSON.stringify(s.boards)},"users":${JSON.stringify(s.users)},"directory":${JSON.stringify(s.directory)},"records":${JSON.stringify(s.records)}`;
  for (const key of ['tasks', 'trash'] as const) {
    yield `,"${key}":[`;
    const list = s[key];
    for (let i = 0; i < list.length; i += SNAPSHOT_PIECE) yield list.slice(i, i + SNAPSHOT_PIECE).map((t) => JSON.stringify(t)).join(',') + (i + SNAPSHOT_PIECE < list.length ? ',' : '');
    yield ']';
  }
  yield '}\n';
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
    if (version === 1) return migrateV1.snapshot(raw, file);
    const parsed = SnapshotSchema.safeParse(raw);
    const issue = parsed.success ? (badTaskFrame(parsed.data.tasks, 'tasks') ?? badTaskFrame(parsed.data.trash, 'trash')) : { path: parsed.error.issues[0]?.path.join('.') || '(gốc)', message: parsed.error.issues[0]?.message ?? '' };
    if (issue || !parsed.success)
      throw new StoreOpenError(
        'corrupt-snapshot',
        file,
        `Tệp dữ liệu ${file} sai cấu trúc tại "${issue?.path}": ${issue?.message}. Máy chủ dừng để không ghi đè dữ liệu.`,
        `Data file ${file} is malformed at "${issue?.path}": ${issue?.message}. The server stops rather than overwrite it.`,
      );
    // Frames checked above; the rest of each task is as this store wrote it.
    return { ...parsed.data, schemaVersion: SCHEMA_VERSION } as unknown as Snapshot;
  };
}

interface Pending {
  record: ChangeRecord;
  effects: Effects;
  op: Operation;
  resolve: (r: OperationResult) => void;
  reject: (err: unknown) => void;
}

const emptySnapshot = (): Snapshot => ({ schemaVersion: SCHEMA_VERSION, lastSeq: 0, boards: [], tasks: [], trash: [], users: [], directory: [], records: [] });

export class LowdbStore implements Repository {
  readonly dir: string;
  readonly #db: Low<Snapshot>;
  readonly #adapter: DurableJsonFile<Snapshot>;
  readonly #journal: Journal;
  readonly #opts: Required<Omit<LowdbStoreOptions, 'dir' | 'openJournalFile' | 'writeJournalBatch'>>;
  readonly #state = new BoardIndex();
  readonly #staging = new Staging(this.#state);
  #audit!: AuditLog;
  #auth!: LocalAuthStore;
  readonly files: LocalFileStore;
  /** Highest sequence number handed out (staged) and highest durable. */
  #seq = 0;
  #committedSeq = 0;
  /** Operations since the last snapshot, to decide when to compact. */
  #sinceSnapshot = 0;
  #filling: Pending[] = [];
  #flushing: Promise<void> | undefined;
  /** Settles when the last staged operation is durable (or failed): a failure planned on staged state waits for it. */
  #lastStaged: Promise<unknown> | undefined;
  #compacting: Promise<void> | undefined;
  #compactRequested = false;
  /** Callers of compact() waiting to be handed the compaction their request started (its end, or its failure to start). */
  readonly #compactionWaiters: ((compaction: Promise<void>) => void)[] = [];
  #closed = false;
  /** Set once the journal or the audit trail could not take a write: every later write is refused with it. */
  #failed: StoreFailedError | undefined;
  #closing: Promise<void> | undefined;
  /** The audit appends still in flight (`#auditLater`), in order. */
  #audited: Promise<void> = Promise.resolve();
  #events: ChangeEvent[] = [];
  readonly #listeners = new Set<(events: readonly ChangeEvent[]) => void>();
  #displayCache = new Map<string, { revision: number; tasks: readonly Task[] }>();

  private constructor(opts: LowdbStoreOptions) {
    this.dir = opts.dir;
    this.#opts = {
      compactAfterOps: opts.compactAfterOps ?? COMPACT_AFTER_OPS,
      compactAfterBytes: opts.compactAfterBytes ?? 16 * 1024 * 1024,
      onBackgroundError: opts.onBackgroundError ?? ((err) => console.error('[dondoc] nén dữ liệu thất bại / compaction failed:', err)),
      keepEvents: opts.keepEvents ?? 10_000,
    };
    const file = join(opts.dir, SNAPSHOT_FILE);
    this.#adapter = new DurableJsonFile<Snapshot>(file, serializeSnapshot, parseSnapshot(file));
    this.#db = new Low<Snapshot>(this.#adapter, emptySnapshot());
    this.#journal = new Journal(join(opts.dir, JOURNAL_DIR), opts.openJournalFile, opts.writeJournalBatch);
    this.files = new LocalFileStore(join(opts.dir, 'files'));
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
    this.#state.load(snap);
    this.#seq = snap.lastSeq;
    const records: ChangeRecord[] = [];
    // A store written before the journal held change records: replay its operations once.
    const legacy = await migrateV1.journal(this.dir, this.#state, this.#seq);
    records.push(...legacy.records);
    this.#seq = legacy.lastSeq;
    const segments = await readJournal(this.#journal.dir);
    for (const segment of segments) {
      for (const [i, line] of segment.lines.entries()) {
        const corrupt = (why: string, whyEn: string) =>
          new StoreOpenError('corrupt-journal', segment.file, `Nhật ký ${segment.file} hỏng ở dòng ${i + 1}: ${why}. Máy chủ dừng để không mất dữ liệu; tệp không bị thay đổi.`, `Journal ${segment.file} is corrupt at line ${i + 1}: ${whyEn}. The server stops rather than lose data; the file was left untouched.`);
        let record: ChangeRecord;
        try {
          record = RecordFrame.parse(JSON.parse(line)) as unknown as ChangeRecord;
        } catch (err) {
          throw corrupt((err as Error).message.slice(0, 200), (err as Error).message.slice(0, 200));
        }
        // Records already in the snapshot (a crash before the old segments were deleted) are skipped.
        if (record.seq <= snap.lastSeq) continue;
        // Any other gap or repeat means a line is missing or was written twice: replaying would silently
        // drop or double a write, so stop instead.
        if (record.seq !== this.#seq + 1) throw corrupt(`thao tác #${record.seq} đứng sau #${this.#seq} (phải là #${this.#seq + 1})`, `operation #${record.seq} follows #${this.#seq} (expected #${this.#seq + 1})`);
        let effects: Effects;
        try {
          effects = effectsOf(record, this.#state);
        } catch (err) {
          throw new StoreOpenError('replay-failed', segment.file, `Không áp dụng lại được dòng ${i + 1} của ${segment.file}: ${(err as Error).message}`, `Cannot replay line ${i + 1} of ${segment.file}: ${(err as Error).message}`);
        }
        this.#state.apply(effects);
        this.#seq = record.seq;
        records.push(record);
      }
    }
    this.#committedSeq = this.#seq;
    this.#sinceSnapshot = this.#seq - snap.lastSeq;
    for (const b of this.#state.boards.values()) deepFreeze(b);
    for (const tasks of this.#state.tasks.values()) for (const t of tasks.values()) deepFreeze(t);
    for (const u of this.#state.users.values()) deepFreeze(u);
    deepFreeze(this.#state.directory());
    for (const m of this.#state.records.values()) for (const r of m.values()) deepFreeze(r);

    this.#audit = await AuditLog.open(join(this.dir, AUDIT_FILE), join(this.dir, AUDIT_KEY_FILE));
    // A crash before the audit's entries reached the disk leaves acknowledged-durable records the audit
    // does not hold: they are still in the journal (the audit is synced before any is dropped), so the
    // audit catches up from it.
    const missing = records.filter((r) => r.seq > this.#audit.lastSeq);
    if (missing.length > 0) {
      await this.#audit.append(this.#audit.encode(missing));
      await this.#audit.sync();
    }
    this.#auth = await LocalAuthStore.open(this.dir);

    // Only now, with everything read and trusted, touch the folder: drop crash leftovers and a torn tail.
    await this.#adapter.removeLeftovers();
    await this.#journal.open(segments.at(-1), this.#seq + 1);
    if (legacy.records.length > 0 || legacy.hadFile) {
      // The legacy journal's records now live in the snapshot and the audit trail.
      await this.#snapshotNow();
      await legacy.remove();
    }
  }

  get audit(): AuditTrail {
    const log = this.#audit;
    const settled = () => this.#audited;
    return {
      publicKey: log.publicKey,
      checkpoint: async () => (await settled(), log.checkpoint()),
      verify: async (cp) => (await settled(), log.verify(cp)),
      history: async (key, limit) => (await settled(), log.history(key, limit)),
      lines: async function* () {
        await settled();
        yield* log.all();
      },
    };
  }

  get auth(): LocalAuthStore {
    return this.#auth;
  }

  async listBoards(): Promise<Board[]> {
    return [...this.#state.boards.values()];
  }

  async getBoard(boardId: string): Promise<Board | undefined> {
    return this.#state.board(boardId);
  }

  async getTasks(boardId: string): Promise<readonly Task[] | undefined> {
    const board = this.#state.board(boardId);
    if (!board) return undefined;
    const cached = this.#displayCache.get(boardId);
    if (cached && cached.revision === board.revision) return cached.tasks;
    const out: Task[] = [];
    const cells = this.#state.cells(boardId);
    const order = new Set(board.tracks.map((t) => t.id));
    // Tasks on tracks the board no longer lists come last, so none is ever hidden.
    for (const t of this.#state.tasks.get(boardId)?.values() ?? []) order.add(t.track);
    for (const track of order) for (const column of COLUMN_IDS) out.push(...(cells.get(`${track}\u0000${column}`) ?? []));
    // Frozen because the cached array is handed to every caller: a reverse() would reorder it for the next one.
    const tasks = Object.freeze(out);
    this.#displayCache.set(boardId, { revision: board.revision, tasks });
    return tasks;
  }

  async getTask(boardId: string, taskId: string): Promise<Task | undefined> {
    return this.#state.task(boardId, taskId);
  }

  async getTrashedTask(boardId: string, taskId: string): Promise<Task | undefined> {
    return this.#state.trashed(boardId, taskId);
  }

  async listUsers(): Promise<User[]> {
    return [...this.#state.users.values()];
  }
  async getUser(userId: string): Promise<User | undefined> {
    return this.#state.user(userId);
  }
  async getUserByLogin(login: string): Promise<User | undefined> {
    return this.#state.userByLogin(login);
  }
  async getDirectory(): Promise<readonly Agency[]> {
    return this.#state.directory();
  }
  async getSessionUser(idHash: string, board?: BoardRead): Promise<{ session: Session; user: User | undefined; board?: BoardContext | undefined } | undefined> {
    const session = await this.auth.session(idHash);
    if (!session) return undefined;
    const user = this.#state.user(session.userId);
    return board ? { session, user, board: this.#context(board.boardId, board.taskId) } : { session, user };
  }
  async getBoardContext(boardId: string, taskId?: string): Promise<BoardContext | undefined> {
    return this.#context(boardId, taskId);
  }
  #context(boardId: string, taskId: string | undefined): BoardContext | undefined {
    const board = this.#state.board(boardId);
    return board && { board, directory: this.#state.directory(), task: taskId === undefined ? undefined : this.#state.task(boardId, taskId) };
  }

  async getRecords<K extends BoardRecordKind>(boardId: string, kind: K): Promise<ReadonlyArray<BoardRecordOf<K>>> {
    return this.#state.recordsOf(boardId, kind);
  }
  async getRecord<K extends BoardRecordKind>(boardId: string, kind: K, id: string): Promise<BoardRecordOf<K> | undefined> {
    return this.#state.record(boardId, kind, id);
  }

  async lastSeq(): Promise<number> {
    return this.#committedSeq;
  }

  async changesSince(seq: number): Promise<ChangeEvent[] | 'gone'> {
    if (seq >= this.#committedSeq) return [];
    const first = this.#events[0];
    if (!first || seq < first.seq - 1) return 'gone';
    return this.#events.filter((e) => e.seq > seq);
  }

  onChange(listener: (events: readonly ChangeEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  apply(op: Operation, opts: ApplyOptions = {}): Promise<OperationResult> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    if (this.#failed) return Promise.reject(this.#failed);
    const result = planOperation(this.#staging, op);
    if (!result.ok) {
      // Planned on staged state: answer once that state is durable, so a refusal never reveals a write a crash could undo.
      const staged = this.#lastStaged;
      return staged ? staged.then(() => result, () => result) : Promise.resolve(result);
    }
    const staged = this.#stage(op, result.effects);
    opts.planned?.(result.effects);
    return staged;
  }

  #stage(op: Operation, effects: Effects): Promise<OperationResult> {
    const record = recordOf(++this.#seq, op, effects);
    this.#staging.stage(effects);
    const promise = new Promise<OperationResult>((resolve, reject) => this.#filling.push({ record, effects, op, resolve, reject }));
    this.#lastStaged = promise;
    this.#kick();
    return promise;
  }

  #kick(): void {
    // Work staged after the loop's last check but before it settled must not be stranded: look again.
    this.#flushing ??= this.#flushLoop().finally(() => {
      this.#flushing = undefined;
      if (this.#filling.length > 0 || this.#compactRequested) this.#kick();
    });
  }

  /**
   * Writes batch after batch until nothing is waiting: one journal write+fsync and one audit write
   * per batch. Compaction cuts over to a new journal segment here, between two batches, so no append is
   * ever in flight on a segment being retired.
   */
  async #flushLoop(): Promise<void> {
    // Let operations that arrive in the same tick join the first batch.
    await Promise.resolve();
    while (this.#filling.length > 0 || this.#compactRequested) {
      if (this.#compactRequested) {
        this.#compactRequested = false;
        const started = this.#startCompaction();
        const waiting = this.#compactionWaiters.splice(0);
        for (const handOver of waiting) handOver(started.then(() => this.#compacting));
        // A compaction that cannot start (no new segment) leaves the journal as it was, and writes go on
        // in it: the callers of compact() get the error, or else it is reported as compactions' are.
        await started.catch((err: unknown) => {
          if (waiting.length === 0) this.#opts.onBackgroundError(err);
        });
        continue;
      }
      const batch = this.#filling;
      this.#filling = [];
      this.#staging.seal();
      // A big record (a board restored whole) is written and frozen a slice at a time, the request
      // thread getting a turn between slices: operations arriving meanwhile join the next batch.
      const slicer = new Slicer();
      try {
        await this.#journal.append(await journalText(batch.map((p) => p.record), slicer));
      } catch (err) {
        this.#unstage(batch, err);
        continue;
      }
      // Frozen before they are committed, so no reader ever gets a record it could change in place.
      for (const p of batch) await deepFreezeSliced(writtenValues(p.effects), slicer);
      this.#staging.commitOldest();
      this.#committedSeq = batch.at(-1)!.record.seq;
      this.#sinceSnapshot += batch.length;
      this.#displayCache.clear();
      this.#auditLater(batch.map((p) => p.record));
      this.#publish(batch.map((p) => p.record));
      for (const p of batch) p.resolve({ ok: true, effects: p.effects });
      if (!this.#compacting && !this.#failed && (this.#sinceSnapshot >= this.#opts.compactAfterOps || this.#journal.bytes >= this.#opts.compactAfterBytes))
        this.#compactRequested = true;
    }
    if (this.#filling.length === 0) this.#lastStaged = undefined;
  }

  /**
   * Appends a durable batch's audit entries after those before it, on their own write, while the batch is
   * acknowledged and the next one goes to the journal. No fsync per batch: the journal holds every record
   * until a compaction, which syncs the audit before it drops them, and a start after a crash appends
   * from the journal what the audit lacks. One fsync per change instead of two, so the journal's own
   * fsync no longer queues behind the audit's. Whoever reads the audit, compacts the journal or closes
   * the store waits for these first.
   */
  #auditLater(records: ChangeRecord[]): void {
    // After a turn of the event loop: the batch's operations resolve in the same microtask checkpoint,
    // and encoding its entries there (canonical JSON, hashes) held their answers back.
    this.#audited = this.#audited.then(yieldToEventLoop).then(async () => {
      if (this.#failed) return; // nothing after a gap: the journal keeps those records for the next start
      try {
        await this.#audit.append(await this.#audit.encodeSliced(records));
      } catch (err) {
        // The batch stands (it is durable in the journal), but no further change may go unaudited.
        this.#failed ??= new StoreFailedError(this.#audit.file, err);
      }
    });
  }

  /**
   * Nothing of `batch` reached the disk. Its operations fail; those waiting behind it were planned on top
   * of it, so they are planned again against what is durable.
   */
  #unstage(batch: Pending[], err: unknown): void {
    const waiting = this.#filling;
    this.#filling = [];
    this.#staging.reset();
    this.#seq = this.#committedSeq;
    if (err instanceof JournalBrokenError) this.#failed = new StoreFailedError(this.#journal.file, err.appendError);
    for (const p of batch) p.reject(this.#failed ?? err);
    for (const p of waiting) {
      if (this.#failed) {
        p.reject(this.#failed);
        continue;
      }
      const again = planOperation(this.#staging, p.op);
      if (!again.ok) p.resolve(again);
      else this.#stage(p.op, again.effects).then(p.resolve, p.reject);
    }
  }

  #publish(records: ChangeRecord[]): void {
    const events: ChangeEvent[] = records.map(changeEventOf);
    this.#events.push(...events);
    if (this.#events.length > this.#opts.keepEvents) this.#events.splice(0, this.#events.length - this.#opts.keepEvents);
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (err) {
        console.error('[dondoc] lỗi khi báo thay đổi / change listener failed:', err);
      }
    }
  }

  /** Writes a snapshot and drops the journal segments it covers (tests and tools; the store compacts by itself). */
  async compact(): Promise<void> {
    if (this.#failed) throw this.#failed;
    // A compaction already writing covers only what came before it: let it finish, then take what came since.
    if (this.#compacting) await this.#compacting;
    // Whichever flush loop takes the request (the one running now may be past its last look) hands
    // back the compaction it started, so what is awaited here is never an earlier or a later one.
    const ours = new Promise<void>((resolve) => this.#compactionWaiters.push(resolve));
    this.#compactRequested = true;
    this.#kick();
    await ours;
    if (this.#failed) throw this.#failed;
  }

  /** Between two batches: captures the committed state, starts a new segment, and writes the snapshot in the background. */
  async #startCompaction(): Promise<void> {
    if (this.#compacting || this.#failed) return;
    const view = this.#view();
    await this.#journal.rotate(view.lastSeq + 1);
    this.#sinceSnapshot = 0;
    this.#compacting = (async () => {
      // A start catches the audit up from the journal records after the snapshot: the audit must
      // hold everything the snapshot covers before the snapshot is written and the segments dropped.
      await this.#audited;
      if (this.#failed) return;
      await this.#audit.sync();
      this.#db.data = view;
      await this.#db.write();
      await this.#journal.dropBefore();
    })()
      .catch(this.#opts.onBackgroundError)
      .finally(() => (this.#compacting = undefined));
  }

  async #snapshotNow(): Promise<void> {
    const view = this.#view();
    this.#db.data = view;
    await this.#db.write();
    this.#sinceSnapshot = 0;
  }

  /** The committed state as a snapshot: records are never changed in place, so copying the lists is a consistent view. */
  #view(): Snapshot {
    const tasks: Task[] = [];
    for (const m of this.#state.tasks.values()) for (const t of m.values()) tasks.push(t);
    const trash: Task[] = [];
    for (const m of this.#state.trash.values()) for (const t of m.values()) trash.push(t);
    return {
      schemaVersion: SCHEMA_VERSION,
      lastSeq: this.#committedSeq,
      boards: [...this.#state.boards.values()],
      tasks,
      trash,
      users: [...this.#state.users.values()],
      directory: [...this.#state.directory()],
      records: [...this.#state.records.values()].flatMap((m) => [...m.values()]),
    };
  }

  /** Operations not yet in the snapshot (for tests and diagnostics). */
  get pendingJournalOps(): number {
    return this.#sinceSnapshot;
  }

  /** Saves and closes; a second call waits for the first to finish (its files are then whole). */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    await this.#flushing;
    await this.#compacting?.catch(() => {});
    await this.#audited;
    await this.#audit.sync().catch(() => {}); // what it cannot sync the journal still holds, for the next start
    if (this.#sinceSnapshot > 0 && !this.#failed) {
      await this.#snapshotNow();
      await this.#journal.rotate(this.#committedSeq + 1);
      await this.#journal.dropBefore();
    }
    await this.#journal.close();
    await this.#audit.close();
    await this.#auth.close();
  }
}
