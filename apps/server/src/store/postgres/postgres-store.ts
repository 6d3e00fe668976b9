// The PostgreSQL repository: the same pure reducer as the embedded store, one transaction per
// operation. The transaction locks the board row first (SELECT … FOR UPDATE), so version checks and
// ranks are read after every earlier write to that board committed; it plans against just the rows
// it read (plan-context.ts), writes the effects and an unsealed change record, and commits. Once the
// commit is durable the write is acknowledged; the sealer then numbers and chains the record into
// the audit trail and announces it. Nothing here outlives a request except copies checked against
// the database on every read, so any number of servers can share one database.
import { planOperation, type Agency, type Board, type BoardRecordKind, type BoardRecordOf, type ChangeRecord, type Operation, type OperationResult, type Task, type User } from '@dondoc/shared';
import type { ApplyOptions, ChangeEvent, Repository } from '../repository.ts';
import { changeEventOf } from '../change-events.ts';
import { connect, type Sql, type Tx } from './connect.ts';
import { migrateSchema } from './schema.ts';
import { LoadedContext, loadMisses, namedTaskIds, prefetch } from './plan-context.ts';
import { writeEffects } from './writes.ts';
import { Sealer } from './sealer.ts';
import { Follower } from './follower.ts';
import { PgAuditTrail, loadKey } from './audit.ts';
import { PgAuthStore, PgFileStore } from './auth-files.ts';
import { TaskCache } from './task-cache.ts';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections this server opens (default 10). */
  maxConnections?: number;
  /** How many change events a resuming stream may ask for before it is told to reload (default 10,000). */
  keepEvents?: number;
  /** How often this server looks for records a stopped server left unsealed, in ms (default 1000). */
  sealEveryMs?: number;
}

/** Planning passes an operation may take (prefetch, then what the plan asked for, then whole cells). */
const MAX_PASSES = 6;
/** A unique-key race (two servers creating the same board or login at once) is planned once more. */
const UNIQUE_VIOLATION = '23505';
const STARTUP_LOCK: [number, number] = [0x646f6e, 3];
/** Most operations one board's transaction carries. */
const BATCH_OPS = 64;

interface Pending {
  op: Operation;
  opts: ApplyOptions;
  resolve: (r: OperationResult) => void;
  reject: (err: unknown) => void;
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
      const sealer = new Sealer(sql);
      await sealer.flush();
      const key = await loadKey(sql);
      const follower = await Follower.start(sql);
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

  async listBoards(): Promise<Board[]> {
    return (await this.sql<Array<{ data: Board }>>`SELECT data FROM boards ORDER BY incarnation`).map((r) => r.data);
  }
  async getBoard(boardId: string): Promise<Board | undefined> {
    const [row] = await this.sql<Array<{ data: Board }>>`SELECT data FROM boards WHERE id = ${boardId}`;
    return row?.data;
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
    const [row] = await this.sql<Array<{ agencies: Agency[] }>>`SELECT agencies FROM directory WHERE id = 1`;
    return row?.agencies ?? [];
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
      // The first waiting operation is the one in flight until its batch settles; those behind it form the next batch.
      const batch = queue.slice(0, BATCH_OPS);
      try {
        const results = await this.sql.begin(async (tx) => {
          const planned: OperationResult[] = [];
          const writes: Array<Promise<unknown>> = [];
          for (const p of batch) {
            const { result, written } = await this.#plan(tx, p.op);
            if (result.ok) p.opts.planned?.(result.effects);
            planned.push(result);
            writes.push(...written);
          }
          await Promise.all(writes);
          return planned;
        });
        batch.forEach((p, i) => p.resolve(results[i]!));
        if (results.some((r) => r.ok)) this.#sealer.kick();
      } catch (err) {
        // One write failed the whole transaction: nothing of the batch was written. Each goes again alone.
        for (const p of batch) await (batch.length === 1 && (err as { code?: string }).code !== UNIQUE_VIOLATION ? Promise.reject(err) : this.#applyAlone(p.op, p.opts)).then(p.resolve, p.reject);
      }
      queue.splice(0, batch.length);
    }
    if (this.#queues.get(boardId) === queue) this.#queues.delete(boardId);
  }

  /** One operation in a transaction of its own; a unique-key race (another server took the same board id or login) is planned once more. */
  async #applyAlone(op: Operation, opts: ApplyOptions = {}): Promise<OperationResult> {
    const once = () =>
      this.sql.begin(async (tx) => {
        const { result, written } = await this.#plan(tx, op);
        if (result.ok) opts.planned?.(result.effects);
        await Promise.all(written);
        return result;
      }) as Promise<OperationResult>;
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
