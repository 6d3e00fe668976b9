// The PostgreSQL repository: the same pure reducer as the embedded store, one transaction per
// operation. The transaction locks the board row first (SELECT … FOR UPDATE), so version checks and
// ranks are read after every earlier write to that board committed; it plans against just the rows
// it read (plan-context.ts), writes the effects and an unsealed change record, and commits. Once the
// commit is durable the write is acknowledged; the sealer then numbers and chains the record into
// the audit trail and announces it. Nothing here outlives a request except copies checked against
// the database on every read, so any number of servers can share one database.
import { planOperation, type Agency, type Board, type BoardRecordKind, type BoardRecordOf, type ChangeRecord, type Operation, type OperationResult, type Task, type User } from '@dondoc/shared';
import type { ApplyOptions, BoardContext, BoardRead, ChangeEvent, Repository, Session } from '../repository.ts';
import { changeEventOf } from '../change-events.ts';
import { connect, type Sql, type Tx } from './connect.ts';
import { migrateSchema } from './schema.ts';
import { transaction } from './transaction.ts';
import { LoadedContext, loadMisses, namedTaskIds, prefetch } from './plan-context.ts';
import { writeEffects } from './writes.ts';
import { Sealer } from './sealer.ts';
import { Follower } from './follower.ts';
import { PgAuditTrail, loadKey } from './audit.ts';
import { PgAuthStore, PgFileStore } from './auth-files.ts';
import { TaskCache } from './task-cache.ts';
import { AgencyLists } from './interned.ts';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections this server opens (default 10). */
  maxConnections?: number;
  /** How many change events a resuming stream may ask for before it is told to reload (default 10,000). */
  keepEvents?: number;
  /** How often this server looks for records a stopped server left unsealed, in ms (default 1000). */
  sealEveryMs?: number;
  /** How long sealing waits for more records to seal in the same pass, in ms (default 25; sealer.ts says why). */
  sealDelayMs?: number;
}

/** Planning passes an operation may take (prefetch, then what the plan asked for, then whole cells). */
const MAX_PASSES = 6;
/** A unique-key race (two servers creating the same board or login at once) is planned once more. */
const UNIQUE_VIOLATION = '23505';
const STARTUP_LOCK: [number, number] = [0x646f6e, 3];
/** Most operations one board's transaction carries. */
const BATCH_OPS = 64;

/** A board context as read (none of it when the board does not exist). */
type ContextRow = { board: Board | null; directory: string | null; task: Task | null };

interface Pending {
  op: Operation;
  opts: ApplyOptions;
  resolve: (r: OperationResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Whether a transaction whose writes went out unanswered really committed. The transaction's COMMIT is
 * sent right behind its writes instead of after their answers (a round trip less while the board row is
 * locked); PostgreSQL runs them in order, and a write that failed has aborted the transaction, so its
 * COMMIT rolled everything back. The writes' answers have all arrived by the time COMMIT's has.
 */
async function committed(writes: Array<Promise<unknown>>): Promise<void> {
  await Promise.all(writes);
}

export class PostgresRepository implements Repository {
  readonly sql: Sql;
  readonly #sealer: Sealer;
  readonly #follower: Follower;
  readonly #tasks: TaskCache;
  readonly audit: PgAuditTrail;
  readonly auth: PgAuthStore;
  readonly files: PgFileStore;
  readonly #keepEvents: number;
  readonly #timer: NodeJS.Timeout;
  /** Per board: operations waiting, the first being in flight. */
  readonly #queues = new Map<string, Pending[]>();
  readonly #agencies = new AgencyLists();
  #closed = false;

  private constructor(sql: Sql, sealer: Sealer, follower: Follower, audit: PgAuditTrail, opts: PostgresStoreOptions) {
    this.sql = sql;
    this.#sealer = sealer;
    this.#follower = follower;
    this.#tasks = new TaskCache(sql);
    this.audit = audit;
    this.auth = new PgAuthStore(sql);
    this.files = new PgFileStore(sql);
    this.#keepEvents = opts.keepEvents ?? 10_000;
    // Records a server committed and could not seal before it stopped are sealed by the others.
    this.#timer = setInterval(() => sealer.kick(), opts.sealEveryMs ?? 1000);
    this.#timer.unref();
  }

  /** Connects, brings the schema up to date (node-pg-migrate), seals what was left unsealed and starts following changes. */
  static async open(opts: PostgresStoreOptions): Promise<PostgresRepository> {
    const sql = connect(opts.url, { max: opts.maxConnections ?? 10 });
    try {
      await migrateSchema(opts.url, sql);
      const sealer = new Sealer(sql, opts.sealDelayMs ?? 25);
      await sealer.flush();
      const key = await loadKey(sql);
      const follower = await Follower.start(sql);
      sealer.onSealed = (records) => follower.sealed(records);
      return new PostgresRepository(sql, sealer, follower, new PgAuditTrail(sql, sealer, key), opts);
    } catch (err) {
      await sql.end({ timeout: 1 });
      throw err;
    }
  }

  /** Runs `fn` while holding a lock no other server's `withStartupLock` can hold: first-start setup happens once. */
  async withStartupLock<T>(fn: () => Promise<T>): Promise<T> {
    const conn = await this.sql.reserve();
    try {
      await conn`SELECT pg_advisory_lock(${STARTUP_LOCK[0]}, ${STARTUP_LOCK[1]})`;
      try {
        return await fn();
      } finally {
        await conn`SELECT pg_advisory_unlock(${STARTUP_LOCK[0]}, ${STARTUP_LOCK[1]})`;
      }
    } finally {
      conn.release();
    }
  }

  /** A board as read, its agency list shared with every equal one read before (interned.ts). */
  #board(board: Board): Board {
    board.agencies = this.#agencies.same(board.agencies) as Agency[];
    return board;
  }

  async listBoards(): Promise<Board[]> {
    return (await this.sql<Array<{ data: Board }>>`SELECT data FROM boards ORDER BY incarnation`).map((r) => this.#board(r.data));
  }
  async getBoard(boardId: string): Promise<Board | undefined> {
    const [row] = await this.sql<Array<{ data: Board }>>`SELECT data FROM boards WHERE id = ${boardId}`;
    return row && this.#board(row.data);
  }
  getTasks(boardId: string): Promise<readonly Task[] | undefined> {
    return this.#tasks.tasks(boardId);
  }
  async getTask(boardId: string, taskId: string): Promise<Task | undefined> {
    const [row] = await this.sql<Array<{ data: Task }>>`SELECT data FROM tasks WHERE board_id = ${boardId} AND id = ${taskId}`;
    return row?.data;
  }
  async getTrashedTask(boardId: string, taskId: string): Promise<Task | undefined> {
    const [row] = await this.sql<Array<{ data: Task }>>`SELECT data FROM trash WHERE board_id = ${boardId} AND id = ${taskId}`;
    return row?.data;
  }
  async listUsers(): Promise<User[]> {
    return (await this.sql<Array<{ data: User }>>`SELECT data FROM users ORDER BY id`).map((r) => r.data);
  }
  async getUser(userId: string): Promise<User | undefined> {
    const [row] = await this.sql<Array<{ data: User }>>`SELECT data FROM users WHERE id = ${userId}`;
    return row?.data;
  }
  async getUserByLogin(login: string): Promise<User | undefined> {
    const [row] = await this.sql<Array<{ data: User }>>`SELECT data FROM users WHERE login = ${login}`;
    return row?.data;
  }
  async getDirectory(): Promise<readonly Agency[]> {
    const [row] = await this.sql<Array<{ agencies: string }>>`SELECT agencies::text FROM directory WHERE id = 1`;
    return row ? this.#agencies.fromText(row.agencies) : [];
  }
  async getSessionUser(idHash: string, board?: BoardRead): Promise<{ session: Session; user: User | undefined; board?: BoardContext | undefined } | undefined> {
    type Row = { user_id: string; created_at: string; last_seen_at: string; user: User | null };
    const [row] = board
      ? await this.sql<Array<Row & ContextRow>>`
          SELECT s.user_id, s.created_at, s.last_seen_at, u.data AS user, c.board, c.directory, c.task
          FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN LATERAL (${this.#contextQuery(board.boardId, board.taskId)}) c ON true
          WHERE s.id_hash = ${idHash}`
      : await this.sql<Row[]>`SELECT s.user_id, s.created_at, s.last_seen_at, u.data AS user FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = ${idHash}`;
    if (!row) return undefined;
    const found = { session: { idHash, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at }, user: row.user ?? undefined };
    return board ? { ...found, board: this.#context(row as Row & ContextRow) } : found;
  }
  async getBoardContext(boardId: string, taskId?: string): Promise<BoardContext | undefined> {
    const [row] = await this.sql<ContextRow[]>`${this.#contextQuery(boardId, taskId)}`;
    return row && this.#context(row);
  }
  /** The board, the directory and the named task: one row, none when the board does not exist. */
  #contextQuery(boardId: string, taskId: string | undefined) {
    return this.sql`
      SELECT b.data AS board, (SELECT agencies::text FROM directory WHERE id = 1) AS directory,
        (SELECT t.data FROM tasks t WHERE t.board_id = b.id AND t.id = ${taskId ?? null}) AS task
      FROM boards b WHERE b.id = ${boardId}`;
  }
  #context(row: ContextRow): BoardContext | undefined {
    if (row.board === null) return undefined;
    return { board: this.#board(row.board), directory: row.directory === null ? [] : this.#agencies.fromText(row.directory), task: row.task ?? undefined };
  }

  async getRecords<K extends BoardRecordKind>(boardId: string, kind: K): Promise<ReadonlyArray<BoardRecordOf<K>>> {
    return (await this.sql<Array<{ data: BoardRecordOf<K> }>>`SELECT data FROM board_records WHERE board_id = ${boardId} AND kind = ${kind} ORDER BY n`).map((r) => r.data);
  }
  async getRecord<K extends BoardRecordKind>(boardId: string, kind: K, id: string): Promise<BoardRecordOf<K> | undefined> {
    const [row] = await this.sql<Array<{ data: BoardRecordOf<K> }>>`SELECT data FROM board_records WHERE board_id = ${boardId} AND kind = ${kind} AND id = ${id}`;
    return row?.data;
  }

  /**
   * Operations on one board queue behind the transaction in flight for it and then go together in the
   * next one: each is planned on what those before it wrote, refused or written on its own, and all are
   * acknowledged by one commit. The board row stays locked until its commit is flushed to disk, so
   * without this a busy board would take one disk flush per card move (~3 ms here: ~300 moves/s).
   */
  apply(op: Operation, opts: ApplyOptions = {}): Promise<OperationResult> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    const boardId = 'boardId' in op ? op.boardId : op.type === 'board.create' || op.type === 'board.restore' ? op.board.id : undefined;
    if (boardId === undefined) return this.#applyAlone(op, opts);
    return new Promise((resolve, reject) => {
      let queue = this.#queues.get(boardId);
      if (!queue) this.#queues.set(boardId, (queue = []));
      queue.push({ op, opts, resolve, reject });
      if (queue.length === 1) void this.#drain(boardId, queue);
    });
  }

  async #drain(boardId: string, queue: Pending[]): Promise<void> {
    while (queue.length > 0) {
      // The operations in flight stay first in the queue until their batch settles; those behind them form the next batch.
      const batch: Pending[] = [];
      try {
        const writes: Array<Promise<unknown>> = [];
        const results = await transaction(this.sql, async (tx) => {
          const planned: OperationResult[] = [];
          // Taken one by one while planning, not when the transaction began: operations that arrived while the
          // first waited for the board's lock (another server holding it until its commit was flushed) share this commit.
          while (batch.length < BATCH_OPS && batch.length < queue.length) {
            const p = queue[batch.length]!;
            batch.push(p);
            const { result, written } = await this.#plan(tx, p.op);
            if (result.ok) p.opts.planned?.(result.effects);
            planned.push(result);
            writes.push(...written);
          }
          return planned;
        });
        await committed(writes);
        batch.forEach((p, i) => p.resolve(results[i]!));
        queue.splice(0, batch.length);
        if (results.some((r) => r.ok)) this.#sealer.kick();
      } catch (err) {
        // One write failed the whole transaction: nothing of the batch was written. Each goes again alone
        // (a transaction that failed before planning anything fails its first operation).
        const tried = batch.length > 0 ? batch : queue.slice(0, 1);
        for (const p of tried) await (tried.length === 1 && (err as { code?: string }).code !== UNIQUE_VIOLATION ? Promise.reject(err) : this.#applyAlone(p.op, p.opts)).then(p.resolve, p.reject);
        queue.splice(0, tried.length);
      }
    }
    if (this.#queues.get(boardId) === queue) this.#queues.delete(boardId);
  }

  /** One operation in a transaction of its own; a unique-key race (another server took the same board id or login) is planned once more. */
  async #applyAlone(op: Operation, opts: ApplyOptions = {}): Promise<OperationResult> {
    const once = async () => {
      const writes: Array<Promise<unknown>> = [];
      const result = await transaction(this.sql, async (tx) => {
        const { result, written } = await this.#plan(tx, op);
        if (result.ok) opts.planned?.(result.effects);
        writes.push(...written);
        return result;
      });
      await committed(writes);
      return result;
    };
    let result: OperationResult;
    try {
      result = await once();
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      result = await once();
    }
    if (result.ok) this.#sealer.kick();
    return result;
  }

  /** Lock, read, plan (again if it asked for more), and issue the writes: the statements of one operation. */
  async #plan(tx: Tx, op: Operation): Promise<{ result: OperationResult; written: Array<Promise<unknown>> }> {
    const ctx = new LoadedContext();
    await prefetch(tx, ctx, op);
    const named = namedTaskIds(op);
    for (let pass = 1; ; pass++) {
      ctx.reset();
      const result = planOperation(ctx, op);
      // A plan that renumbered a cell, or refused a placement, on a window of it is run again on the whole cell.
      const windowed = ctx.windowsRead.size > 0 && (!result.ok || result.effects.tasks.some((w) => !named.has((w.after ?? w.before)!.id)));
      if (ctx.misses.length === 0 && !windowed) return { result, written: result.ok ? writeEffects(tx, op, result.effects) : [] };
      if (pass >= MAX_PASSES) throw new Error(`planning ${op.type} kept asking for more rows`);
      await loadMisses(tx, ctx, ctx.misses, windowed ? ctx.windowCells() : []);
    }
  }

  async lastSeq(): Promise<number> {
    await this.#sealer.flush();
    const [head] = await this.sql<Array<{ seq: number }>>`SELECT seq FROM audit_head WHERE id = 1`;
    return head?.seq ?? 0;
  }

  async changesSince(seq: number): Promise<ChangeEvent[] | 'gone'> {
    await this.#sealer.flush();
    const rows = await this.sql<Array<{ seq: number; record: Omit<ChangeRecord, 'seq'> }>>`SELECT seq, record FROM changes WHERE seq > ${seq} ORDER BY seq LIMIT ${this.#keepEvents + 1}`;
    // Every record is kept, but a stream that far behind is better off reloading the board.
    if (rows.length > this.#keepEvents) return 'gone';
    return rows.map((r) => changeEventOf({ ...r.record, seq: r.seq }));
  }

  onChange(listener: (events: readonly ChangeEvent[]) => void): () => void {
    return this.#follower.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#sealer.flush().catch(() => {});
    await this.#sealer.close();
    await this.#follower.close();
    await this.sql.end({ timeout: 5 });
  }
}
