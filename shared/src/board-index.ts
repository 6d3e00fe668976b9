// Boards, tasks, the trash, users and the agency directory held in memory with the indexes an
// operation plans against: tasks by id and each (track, column) cell kept in rank order, so a move
// on a 10,000-task board reads one cell instead of scanning the board. The embedded store keeps its
// state in one of these; the PostgreSQL store fills one with the rows an operation locked.
import type { Agency, Board, BoardRecord, BoardRecordKind, BoardRecordOf, ColumnId, Task, User } from './model.ts';
import type { Effects, PlanContext, Write } from './operations.ts';
import { byRank, lowerBound } from './ranks.ts';

export const cellKey = (track: string, column: ColumnId): string => `${track}\u0000${column}`;
/** A board record's key within its board: kind and id. */
export const recordKey = (kind: BoardRecordKind, id: string): string => `${kind}\u0000${id}`;

const EMPTY: readonly Task[] = Object.freeze([]);

export class BoardIndex implements PlanContext {
  readonly boards = new Map<string, Board>();
  readonly tasks = new Map<string, Map<string, Task>>();
  readonly trash = new Map<string, Map<string, Task>>();
  readonly users = new Map<string, User>();
  /** Meetings, indicator readings and daily counts per board, by `recordKey`. */
  readonly records = new Map<string, Map<string, BoardRecord>>();
  readonly #cells = new Map<string, Map<string, Task[]>>();
  readonly #byLogin = new Map<string, User>();
  #directory: readonly Agency[] = [];

  board(boardId: string): Board | undefined {
    return this.boards.get(boardId);
  }
  task(boardId: string, taskId: string): Task | undefined {
    return this.tasks.get(boardId)?.get(taskId);
  }
  trashed(boardId: string, taskId: string): Task | undefined {
    return this.trash.get(boardId)?.get(taskId);
  }
  cell(boardId: string, track: string, column: ColumnId): readonly Task[] {
    return this.#cells.get(boardId)?.get(cellKey(track, column)) ?? EMPTY;
  }
  /** Every cell of a board, keyed by `cellKey`. */
  cells(boardId: string): ReadonlyMap<string, readonly Task[]> {
    return this.#cells.get(boardId) ?? new Map();
  }
  user(userId: string): User | undefined {
    return this.users.get(userId);
  }
  userByLogin(login: string): User | undefined {
    return this.#byLogin.get(login);
  }
  directory(): readonly Agency[] {
    return this.#directory;
  }
  record<K extends BoardRecordKind>(boardId: string, kind: K, id: string): BoardRecordOf<K> | undefined {
    return this.records.get(boardId)?.get(recordKey(kind, id)) as BoardRecordOf<K> | undefined;
  }
  /** A board's records of one kind, in the order they were first written. */
  recordsOf<K extends BoardRecordKind>(boardId: string, kind: K): Array<BoardRecordOf<K>> {
    const out: Array<BoardRecordOf<K>> = [];
    for (const r of this.records.get(boardId)?.values() ?? []) if (r.kind === kind) out.push(r as BoardRecordOf<K>);
    return out;
  }

  /** Applies an operation's effects in order; records are replaced, never changed in place. */
  apply(effects: Effects): void {
    for (const w of effects.boards) this.putBoard(w);
    for (const w of effects.tasks) this.putTask(w.boardId, w);
    for (const w of effects.users) this.putUser(w);
    if (effects.directory) this.#directory = effects.directory.after ?? [];
    for (const w of effects.records ?? []) this.putRecord(w.boardId, w);
  }

  putRecord(boardId: string, w: Write<BoardRecord>): void {
    const r = (w.after ?? w.before)!;
    let map = this.records.get(boardId);
    if (!map) this.records.set(boardId, (map = new Map()));
    if (w.after) map.set(recordKey(r.kind, r.id), w.after);
    else map.delete(recordKey(r.kind, r.id));
  }

  putBoard(w: Write<Board>): void {
    if (w.after) {
      this.boards.set(w.after.id, w.after);
      if (!this.tasks.has(w.after.id)) {
        this.tasks.set(w.after.id, new Map());
        this.#cells.set(w.after.id, new Map());
      }
      return;
    }
    // A deleted board takes its tasks and its trash with it.
    const id = w.before!.id;
    this.boards.delete(id);
    this.tasks.delete(id);
    this.#cells.delete(id);
    this.trash.delete(id);
    this.records.delete(id);
  }

  /** Puts a task's new state (or removes it to the trash) and keeps its cells sorted. */
  putTask(boardId: string, w: Write<Task>): void {
    const tasks = this.tasks.get(boardId);
    const cells = this.#cells.get(boardId);
    if (!tasks || !cells) throw new Error(`BoardIndex: task written to unknown board "${boardId}"`);
    const id = (w.after ?? w.before)!.id;
    const current = tasks.get(id);
    if (current) {
      const list = cells.get(cellKey(current.track, current.column));
      const at = list ? lowerBound(list, current) : -1;
      if (list?.[at] === current) list.splice(at, 1);
    }
    if (w.after) {
      tasks.set(id, w.after);
      this.trash.get(boardId)?.delete(id);
      const key = cellKey(w.after.track, w.after.column);
      let list = cells.get(key);
      if (!list) cells.set(key, (list = []));
      list.splice(lowerBound(list, w.after), 0, w.after);
    } else {
      tasks.delete(id);
      let bin = this.trash.get(boardId);
      if (!bin) this.trash.set(boardId, (bin = new Map()));
      bin.set(id, current ?? w.before!);
    }
  }

  putUser(w: Write<User>): void {
    if (w.before) this.#byLogin.delete(w.before.login);
    const user = w.after;
    if (!user) {
      this.users.delete(w.before!.id);
      return;
    }
    this.users.set(user.id, user);
    this.#byLogin.set(user.login, user);
  }

  /** Loads records read from a snapshot (each task into its cell). */
  load(data: { boards: Iterable<Board>; tasks: Iterable<Task>; trash?: Iterable<Task>; users?: Iterable<User>; directory?: readonly Agency[]; records?: Iterable<BoardRecord> }): void {
    for (const b of data.boards) this.putBoard({ before: null, after: b });
    const byCell = new Map<string, Map<string, Task[]>>();
    for (const t of data.tasks) {
      const tasks = this.tasks.get(t.boardId);
      if (!tasks) throw new Error(`BoardIndex: task "${t.id}" of unknown board "${t.boardId}"`);
      tasks.set(t.id, t);
      let cells = byCell.get(t.boardId);
      if (!cells) byCell.set(t.boardId, (cells = new Map()));
      const key = cellKey(t.track, t.column);
      let list = cells.get(key);
      if (!list) cells.set(key, (list = []));
      list.push(t);
    }
    // One sort per cell rather than one insertion per task.
    for (const [boardId, cells] of byCell) for (const [key, list] of cells) this.#cells.get(boardId)!.set(key, list.sort(byRank));
    for (const t of data.trash ?? []) {
      let bin = this.trash.get(t.boardId);
      if (!bin) this.trash.set(t.boardId, (bin = new Map()));
      bin.set(t.id, t);
    }
    for (const u of data.users ?? []) this.putUser({ before: null, after: u });
    this.#directory = data.directory ?? [];
    for (const r of data.records ?? []) {
      if (!this.boards.has(r.boardId)) throw new Error(`BoardIndex: record "${r.kind}/${r.id}" of unknown board "${r.boardId}"`);
      this.putRecord(r.boardId, { before: null, after: r });
    }
  }
}
