// What an operation plans against in PostgreSQL: only the rows it reads, loaded inside its
// transaction after the board row is locked. The first round trip prefetches what the operation
// type is known to read (the board, its task(s), a few neighbours of the target cell); planning then
// runs against these rows, and anything it asked for that was not loaded is loaded and the plan run
// again. A cell is usually loaded as a window — the first card, the card dropped after and the one
// below it, or the last card — which is all a placement reads; a plan that renumbers a cell is run
// again on the whole cell.
import { COLUMN_IDS, type Agency, type Board, type BoardRecord, type BoardRecordKind, type BoardRecordOf, type ColumnId, type Operation, type PlanContext, type Task, type User } from '@dondoc/shared';
import type { Tx } from './connect.ts';

const key = (...parts: string[]): string => parts.join('\u0000');

type Miss =
  | { kind: 'board'; id: string }
  | { kind: 'task'; boardId: string; id: string }
  | { kind: 'trashed'; boardId: string; id: string }
  | { kind: 'cell'; boardId: string; track: string; column: ColumnId }
  | { kind: 'user'; id: string }
  | { kind: 'login'; login: string }
  | { kind: 'directory' }
  | { kind: 'record'; boardId: string; recordKind: BoardRecordKind; id: string };

/** A cell's rows as loaded: whole, or a window enough for one placement. */
interface LoadedCell {
  tasks: Task[];
  whole: boolean;
}

/** Which part of a cell to load before planning. */
type CellWindow = { at: 'first' } | { at: 'last' } | { at: 'after'; afterId: string } | { at: 'whole' };

export class LoadedContext implements PlanContext {
  readonly #boards = new Map<string, Board | null>();
  readonly #tasks = new Map<string, Task | null>();
  readonly #trash = new Map<string, Task | null>();
  readonly #cells = new Map<string, LoadedCell>();
  readonly #users = new Map<string, User | null>();
  readonly #logins = new Map<string, User | null>();
  readonly #records = new Map<string, BoardRecord | null>();
  #directory: Agency[] | undefined;
  /** What the last plan asked for and did not find loaded. */
  misses: Miss[] = [];
  /** Windowed cells the last plan read. */
  readonly windowsRead = new Set<string>();

  board(boardId: string): Board | undefined {
    if (!this.#boards.has(boardId)) return this.#miss({ kind: 'board', id: boardId });
    return this.#boards.get(boardId) ?? undefined;
  }
  task(boardId: string, taskId: string): Task | undefined {
    const k = key(boardId, taskId);
    if (!this.#tasks.has(k)) return this.#miss({ kind: 'task', boardId, id: taskId });
    return this.#tasks.get(k) ?? undefined;
  }
  trashed(boardId: string, taskId: string): Task | undefined {
    const k = key(boardId, taskId);
    if (!this.#trash.has(k)) return this.#miss({ kind: 'trashed', boardId, id: taskId });
    return this.#trash.get(k) ?? undefined;
  }
  cell(boardId: string, track: string, column: ColumnId): readonly Task[] {
    const k = key(boardId, track, column);
    const c = this.#cells.get(k);
    if (!c) {
      this.#miss({ kind: 'cell', boardId, track, column });
      return [];
    }
    if (!c.whole) this.windowsRead.add(k);
    return c.tasks;
  }
  user(userId: string): User | undefined {
    if (!this.#users.has(userId)) return this.#miss({ kind: 'user', id: userId });
    return this.#users.get(userId) ?? undefined;
  }
  userByLogin(login: string): User | undefined {
    if (!this.#logins.has(login)) return this.#miss({ kind: 'login', login });
    return this.#logins.get(login) ?? undefined;
  }
  directory(): readonly Agency[] {
    if (!this.#directory) {
      this.#miss({ kind: 'directory' });
      return [];
    }
    return this.#directory;
  }

  record<K extends BoardRecordKind>(boardId: string, kind: K, id: string): BoardRecordOf<K> | undefined {
    const k = key(boardId, kind, id);
    if (!this.#records.has(k)) return this.#miss({ kind: 'record', boardId, recordKind: kind, id });
    return (this.#records.get(k) ?? undefined) as BoardRecordOf<K> | undefined;
  }

  #miss(m: Miss): undefined {
    this.misses.push(m);
    return undefined;
  }

  /** Starts a new planning pass. */
  reset(): void {
    this.misses = [];
    this.windowsRead.clear();
  }

  putBoard(id: string, board: Board | null): void {
    this.#boards.set(id, board);
  }
  putTask(boardId: string, id: string, task: Task | null): void {
    this.#tasks.set(key(boardId, id), task);
  }
  putTrashed(boardId: string, id: string, task: Task | null): void {
    this.#trash.set(key(boardId, id), task);
  }
  putCell(boardId: string, track: string, column: ColumnId, tasks: Task[], whole: boolean): void {
    // A task read both on its own and in a cell is one object, as the reducer compares by identity nowhere but reads both.
    const shared = tasks.map((t) => {
      const k = key(boardId, t.id);
      const known = this.#tasks.get(k);
      if (known) return known;
      this.#tasks.set(k, t);
      return t;
    });
    const existing = this.#cells.get(key(boardId, track, column));
    if (existing?.whole && !whole) return;
    this.#cells.set(key(boardId, track, column), { tasks: shared, whole });
  }
  putUser(user: User): void {
    this.#users.set(user.id, user);
    this.#logins.set(user.login, user);
  }
  putUserAbsent(id: string | undefined, login: string | undefined): void {
    if (id !== undefined && !this.#users.has(id)) this.#users.set(id, null);
    if (login !== undefined && !this.#logins.has(login)) this.#logins.set(login, null);
  }
  putRecord(boardId: string, kind: BoardRecordKind, id: string, record: BoardRecord | null): void {
    this.#records.set(key(boardId, kind, id), record);
  }
  putDirectory(agencies: Agency[]): void {
    this.#directory = agencies;
  }
  /** Cells read as windows, as (board, track, column), to load whole. */
  windowCells(): Array<{ boardId: string; track: string; column: ColumnId }> {
    return [...this.windowsRead].map((k) => {
      const [boardId, track, column] = k.split('\u0000') as [string, string, ColumnId];
      return { boardId, track, column };
    });
  }
}

/** The task ids an operation names; any other task it writes is a neighbour it renumbered. */
export function namedTaskIds(op: Operation): Set<string> {
  switch (op.type) {
    case 'task.create':
      return new Set([op.task.id]);
    case 'tasks.import':
    case 'board.create':
    case 'board.restore':
      return new Set(op.tasks.map((t) => t.id));
    case 'tasks.bulkUpdate':
      return new Set(op.items.map((i) => i.taskId));
    default:
      return 'taskId' in op ? new Set([op.taskId]) : new Set();
  }
}

const USERS_LOCK = 0x646f6e; // advisory lock class of dondoc ("don"); key 1: user writes

/**
 * The first round trip of an operation's transaction: locks what it writes (the board row, or the
 * users or the directory) and reads what its type is known to read.
 */
export async function prefetch(tx: Tx, ctx: LoadedContext, op: Operation): Promise<void> {
  const boardId = 'boardId' in op ? op.boardId : op.type === 'board.create' || op.type === 'board.restore' ? op.board.id : undefined;
  const reads: Array<Promise<void>> = [];
  if (boardId !== undefined) reads.push(loadBoard(tx, ctx, boardId));
  switch (op.type) {
    case 'task.move':
      reads.push(loadTasks(tx, ctx, op.boardId, [op.taskId]));
      reads.push(loadCell(tx, ctx, op.boardId, op.track, op.column, op.afterId === null ? { at: 'first' } : { at: 'after', afterId: op.afterId }));
      break;
    case 'task.create':
      reads.push(loadTasks(tx, ctx, op.boardId, [op.task.id]), loadTrashed(tx, ctx, op.boardId, [op.task.id]));
      reads.push(loadCell(tx, ctx, op.boardId, op.task.track, op.task.column, op.afterId === undefined ? { at: 'last' } : op.afterId === null ? { at: 'first' } : { at: 'after', afterId: op.afterId }));
      break;
    case 'task.confirm':
    case 'task.return':
      reads.push(loadTasks(tx, ctx, op.boardId, [op.taskId]));
      reads.push(loadLastOfTaskTrack(tx, ctx, op.boardId, op.taskId, op.type === 'task.confirm' ? 'done' : 'doing'));
      break;
    case 'task.restore':
      reads.push(loadTasks(tx, ctx, op.boardId, [op.taskId]), loadTrashed(tx, ctx, op.boardId, [op.taskId]));
      break;
    case 'tasks.import': {
      const ids = op.tasks.map((t) => t.id);
      reads.push(loadTasks(tx, ctx, op.boardId, ids), loadTrashed(tx, ctx, op.boardId, ids));
      const cells = new Map<string, { track: string; column: ColumnId }>();
      for (const t of op.tasks) cells.set(key(t.track, t.column), { track: t.track, column: t.column });
      for (const c of cells.values()) reads.push(loadCell(tx, ctx, op.boardId, c.track, c.column, { at: 'last' }));
      break;
    }
    case 'tasks.bulkUpdate':
      reads.push(loadTasks(tx, ctx, op.boardId, op.items.map((i) => i.taskId)));
      break;
    case 'user.create':
    case 'user.update': {
      // Users have no row every writer locks, so their writes take one advisory lock: a login is checked and taken as one step.
      reads.push(tx`SELECT pg_advisory_xact_lock(${USERS_LOCK}, 1)`.then(() => {}));
      const id = op.type === 'user.create' ? op.user.id : op.userId;
      const logins = op.type === 'user.create' ? [op.user.login] : op.patch.login ? [op.patch.login] : [];
      reads.push(loadUsers(tx, ctx, [id], logins));
      break;
    }
    case 'directory.update':
      reads.push(tx<Array<{ agencies: Agency[] }>>`SELECT agencies FROM directory WHERE id = 1 FOR UPDATE`.then((rows) => ctx.putDirectory(rows[0]?.agencies ?? [])));
      break;
    case 'meeting.create':
      reads.push(loadRecord(tx, ctx, op.boardId, 'meeting', op.meeting.id));
      break;
    case 'meeting.update':
      reads.push(loadRecord(tx, ctx, op.boardId, 'meeting', op.meetingId));
      break;
    case 'meeting.review':
      reads.push(loadRecord(tx, ctx, op.boardId, 'meeting', op.meetingId), loadTasks(tx, ctx, op.boardId, [op.taskId]));
      break;
    case 'indicator.record':
      reads.push(loadRecord(tx, ctx, op.boardId, 'indicator', op.reading.id));
      break;
    case 'board.recordDay':
      reads.push(loadRecord(tx, ctx, op.boardId, 'daily', op.day.id));
      break;
    default:
      if ('taskId' in op) reads.push(loadTasks(tx, ctx, op.boardId, [op.taskId]));
  }
  await Promise.all(reads);
}

/** Loads what the last planning pass missed (and whole cells for windows it must renumber). */
export async function loadMisses(tx: Tx, ctx: LoadedContext, misses: Miss[], wholeCells: Array<{ boardId: string; track: string; column: ColumnId }>): Promise<void> {
  const reads: Array<Promise<void>> = [];
  for (const m of misses) {
    switch (m.kind) {
      case 'board':
        reads.push(loadBoard(tx, ctx, m.id));
        break;
      case 'task':
        reads.push(loadTasks(tx, ctx, m.boardId, [m.id]));
        break;
      case 'trashed':
        reads.push(loadTrashed(tx, ctx, m.boardId, [m.id]));
        break;
      case 'cell':
        reads.push(loadCell(tx, ctx, m.boardId, m.track, m.column, { at: 'whole' }));
        break;
      case 'user':
        reads.push(loadUsers(tx, ctx, [m.id], []));
        break;
      case 'login':
        reads.push(loadUsers(tx, ctx, [], [m.login]));
        break;
      case 'directory':
        reads.push(tx<Array<{ agencies: Agency[] }>>`SELECT agencies FROM directory WHERE id = 1`.then((rows) => ctx.putDirectory(rows[0]?.agencies ?? [])));
        break;
      case 'record':
        reads.push(loadRecord(tx, ctx, m.boardId, m.recordKind, m.id));
        break;
    }
  }
  for (const c of wholeCells) reads.push(loadCell(tx, ctx, c.boardId, c.track, c.column, { at: 'whole' }));
  await Promise.all(reads);
}

function loadBoard(tx: Tx, ctx: LoadedContext, boardId: string): Promise<void> {
  // The lock every write to this board takes first: version checks and ranks are read after it.
  return tx<Array<{ data: Board }>>`SELECT data FROM boards WHERE id = ${boardId} FOR UPDATE`.then((rows) => ctx.putBoard(boardId, rows[0]?.data ?? null));
}

function loadRecord(tx: Tx, ctx: LoadedContext, boardId: string, kind: BoardRecordKind, id: string): Promise<void> {
  return tx<Array<{ data: BoardRecord }>>`SELECT data FROM board_records WHERE board_id = ${boardId} AND kind = ${kind} AND id = ${id}`.then((rows) =>
    ctx.putRecord(boardId, kind, id, rows[0]?.data ?? null),
  );
}

function loadTasks(tx: Tx, ctx: LoadedContext, boardId: string, ids: string[]): Promise<void> {
  return tx<Array<{ id: string; data: Task }>>`SELECT id, data FROM tasks WHERE board_id = ${boardId} AND id = ANY(${ids}::text[])`.then((rows) => {
    const found = new Map(rows.map((r) => [r.id, r.data]));
    for (const id of ids) ctx.putTask(boardId, id, found.get(id) ?? null);
  });
}

function loadTrashed(tx: Tx, ctx: LoadedContext, boardId: string, ids: string[]): Promise<void> {
  return tx<Array<{ id: string; data: Task }>>`SELECT id, data FROM trash WHERE board_id = ${boardId} AND id = ANY(${ids}::text[])`.then((rows) => {
    const found = new Map(rows.map((r) => [r.id, r.data]));
    for (const id of ids) ctx.putTrashed(boardId, id, found.get(id) ?? null);
  });
}

function loadUsers(tx: Tx, ctx: LoadedContext, ids: string[], logins: string[]): Promise<void> {
  return tx<Array<{ data: User }>>`SELECT data FROM users WHERE id = ANY(${ids}::text[]) OR login = ANY(${logins}::text[])`.then((rows) => {
    for (const r of rows) ctx.putUser(r.data);
    for (const id of ids) ctx.putUserAbsent(id, undefined);
    for (const login of logins) ctx.putUserAbsent(undefined, login);
  });
}

async function loadCell(tx: Tx, ctx: LoadedContext, boardId: string, track: string, column: ColumnId, w: CellWindow): Promise<void> {
  if (!(COLUMN_IDS as readonly string[]).includes(column)) return ctx.putCell(boardId, track, column, [], true);
  let rows: Array<{ data: Task }>;
  if (w.at === 'whole') rows = await tx`SELECT data FROM tasks WHERE board_id = ${boardId} AND track = ${track} AND col = ${column} ORDER BY rank, id`;
  else if (w.at === 'first') rows = await tx`SELECT data FROM tasks WHERE board_id = ${boardId} AND track = ${track} AND col = ${column} ORDER BY rank, id LIMIT 2`;
  else if (w.at === 'last') rows = (await tx<Array<{ data: Task }>>`SELECT data FROM tasks WHERE board_id = ${boardId} AND track = ${track} AND col = ${column} ORDER BY rank DESC, id DESC LIMIT 1`).reverse();
  // The card dropped after, the moved card if it sits just below, and the next: all a placement between two cards reads.
  // A card that is not in the cell gives no rows, and the reducer refuses the drop as it would on the whole cell.
  else
    rows = await tx`
      SELECT t.data FROM tasks t, (SELECT rank, id FROM tasks WHERE board_id = ${boardId} AND id = ${w.afterId} AND track = ${track} AND col = ${column}) a
      WHERE t.board_id = ${boardId} AND t.track = ${track} AND t.col = ${column} AND (t.rank, t.id) >= (a.rank, a.id)
      ORDER BY t.rank, t.id LIMIT 3`;
  ctx.putCell(boardId, track, column, rows.map((r) => r.data), w.at === 'whole');
}

/** The last card of (the task's track, `column`): where confirm and return put the card. */
async function loadLastOfTaskTrack(tx: Tx, ctx: LoadedContext, boardId: string, taskId: string, column: ColumnId): Promise<void> {
  const rows = await tx<Array<{ track: string; data: Task | null }>>`
    SELECT o.track, t.data FROM tasks o
    LEFT JOIN LATERAL (SELECT data FROM tasks WHERE board_id = ${boardId} AND track = o.track AND col = ${column} ORDER BY rank DESC, id DESC LIMIT 1) t ON true
    WHERE o.board_id = ${boardId} AND o.id = ${taskId}`;
  const row = rows[0];
  if (row) ctx.putCell(boardId, row.track, column, row.data ? [row.data] : [], false);
}
