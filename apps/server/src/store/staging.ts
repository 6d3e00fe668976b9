// Group commit needs the next operation planned on top of writes that are not durable yet, while
// readers keep seeing only durable state. Staging is that planning view: the committed index plus
// layers of staged effects (the batch being flushed, and the batch filling up behind it). A layer
// leaves when its batch is durable and its effects go into the committed index.
import { cellKey, lowerBound, recordKey, type Agency, type Board, type BoardIndex, type BoardRecord, type BoardRecordKind, type BoardRecordOf, type ColumnId, type Effects, type PlanContext, type Task, type TaskWrite, type User } from '@dondoc/shared';

/** A board's tasks as a layer stages them, by task id (null: none there). */
type TaskLayer = Map<string, Task | null>;

/**
 * `cellKey(track, column)` without making the string again for every task: a board restored whole stages
 * 10,000 tasks in one go, and a key made and hashed per task was most of that time.
 */
const cellKeys = new Map<string, Map<ColumnId, string>>();
function cellKeyOf(track: string, column: ColumnId): string {
  let byColumn = cellKeys.get(track);
  if (!byColumn) cellKeys.set(track, (byColumn = new Map()));
  let key = byColumn.get(column);
  if (key === undefined) byColumn.set(column, (key = cellKey(track, column)));
  return key;
}

class Layer {
  readonly boards = new Map<string, Board | null>();
  readonly users = new Map<string, User | null>();
  /** `board\0kind\0id` → the record as staged (null: deleted). */
  readonly records = new Map<string, BoardRecord | null>();
  directory: readonly Agency[] | undefined;
  readonly effects: Effects[] = [];
  /** Per board (so a task's key is its id, not a string made from two): the tasks written, and what went to the trash. */
  readonly #tasks = new Map<string, TaskLayer>();
  readonly #trash = new Map<string, TaskLayer>();
  /** Per board, the `cellKey`s of the cells this layer changes. */
  readonly #cells = new Map<string, Set<string>>();
  /**
   * Task writes not indexed yet, per board, in order. A board's are indexed when something first looks
   * at that board through the layer: a board restored whole stages 10,000 tasks that nothing plans on
   * before they are durable, and indexing them at once held the request thread ~20 ms.
   */
  readonly #pending = new Map<string, TaskWrite[]>();

  add(effects: Effects): void {
    this.effects.push(effects);
    for (const w of effects.boards) this.boards.set((w.after ?? w.before)!.id, w.after);
    let boardId: string | undefined;
    let pending: TaskWrite[] | undefined;
    for (const w of effects.tasks) {
      if (w.boardId !== boardId) {
        boardId = w.boardId;
        pending = inner(this.#pending, boardId, () => []);
      }
      pending!.push(w);
    }
    for (const w of effects.users) this.users.set((w.after ?? w.before)!.id, w.after);
    if (effects.directory) this.directory = effects.directory.after ?? [];
    for (const w of effects.records ?? []) {
      const r = (w.after ?? w.before)!;
      this.records.set(`${w.boardId}\u0000${recordKey(r.kind, r.id)}`, w.after);
    }
  }

  /** The tasks this layer writes on a board, by id (null: removed). */
  tasksOf(boardId: string): TaskLayer | undefined {
    this.#index(boardId);
    return this.#tasks.get(boardId);
  }
  /** The tasks this layer moves to (a task) or out of (null) a board's trash. */
  trashOf(boardId: string): TaskLayer | undefined {
    this.#index(boardId);
    return this.#trash.get(boardId);
  }
  /** The cells of a board this layer changes. */
  cellsOf(boardId: string): ReadonlySet<string> | undefined {
    this.#index(boardId);
    return this.#cells.get(boardId);
  }

  #index(boardId: string): void {
    const writes = this.#pending.get(boardId);
    if (!writes) return;
    this.#pending.delete(boardId);
    const tasks = inner(this.#tasks, boardId, () => new Map());
    const trash = inner(this.#trash, boardId, () => new Map());
    const cells = inner(this.#cells, boardId, () => new Set());
    for (const w of writes) {
      const id = (w.after ?? w.before)!.id;
      tasks.set(id, w.after);
      trash.set(id, w.after ? null : w.before);
      if (w.before) cells.add(cellKeyOf(w.before.track, w.before.column));
      if (w.after) cells.add(cellKeyOf(w.after.track, w.after.column));
    }
  }
}

function inner<V>(outer: Map<string, V>, key: string, make: () => V): V {
  let v = outer.get(key);
  if (v === undefined) outer.set(key, (v = make()));
  return v;
}

export class Staging implements PlanContext {
  readonly #base: BoardIndex;
  /** Oldest first; the last one is filling up. */
  #layers: Layer[] = [new Layer()];

  constructor(base: BoardIndex) {
    this.#base = base;
  }

  /** Adds an operation's effects to the filling layer. */
  stage(effects: Effects): void {
    this.#layers.at(-1)!.add(effects);
  }

  /** Closes the filling layer (its batch goes to disk) and starts a new one. */
  seal(): void {
    this.#layers.push(new Layer());
  }

  /** The oldest sealed batch is durable: its effects go into the committed index. */
  commitOldest(): Effects[] {
    const layer = this.#layers.shift()!;
    for (const e of layer.effects) this.#base.apply(e);
    if (this.#layers.length === 0) this.#layers.push(new Layer());
    return layer.effects;
  }

  /** A flush failed: everything staged is dropped (the caller re-plans what was still waiting). */
  reset(): void {
    this.#layers = [new Layer()];
  }

  get empty(): boolean {
    return this.#layers.every((l) => l.effects.length === 0);
  }

  #find<T>(pick: (l: Layer) => Map<string, T | null>, key: string): { hit: true; value: T | null } | { hit: false } {
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      const map = pick(this.#layers[i]!);
      if (map.has(key)) return { hit: true, value: map.get(key)! };
    }
    return { hit: false };
  }

  board(boardId: string): Board | undefined {
    const f = this.#find((l) => l.boards, boardId);
    return f.hit ? (f.value ?? undefined) : this.#base.board(boardId);
  }

  /** The task (or trashed task) the newest layer that staged it holds, if any layer did. */
  #findTask(pick: (l: Layer) => TaskLayer | undefined, taskId: string): { hit: true; value: Task | null } | { hit: false } {
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      const map = pick(this.#layers[i]!);
      if (map?.has(taskId)) return { hit: true, value: map.get(taskId)! };
    }
    return { hit: false };
  }

  task(boardId: string, taskId: string): Task | undefined {
    if (!this.board(boardId)) return undefined;
    const f = this.#findTask((l) => l.tasksOf(boardId), taskId);
    return f.hit ? (f.value ?? undefined) : this.#base.task(boardId, taskId);
  }

  trashed(boardId: string, taskId: string): Task | undefined {
    if (!this.board(boardId)) return undefined;
    const f = this.#findTask((l) => l.trashOf(boardId), taskId);
    return f.hit ? (f.value ?? undefined) : this.#base.trashed(boardId, taskId);
  }

  cell(boardId: string, track: string, column: ColumnId): readonly Task[] {
    const base = this.#base.cell(boardId, track, column);
    const key = cellKeyOf(track, column);
    if (!this.#layers.some((l) => l.cellsOf(boardId)?.has(key))) return base;
    // The committed cell is sorted: copy it, take out the committed versions of the staged tasks and put
    // their staged versions in by binary search. A cell holds ~800 tasks at 10,000; filtering and
    // re-sorting it for every move planned during a flush was the request thread's biggest cost.
    const staged = new Set<string>();
    for (const l of this.#layers) for (const id of l.tasksOf(boardId)?.keys() ?? []) staged.add(id);
    const out = base.slice();
    for (const id of staged) {
      const committed = this.#base.task(boardId, id);
      if (committed?.track !== track || committed.column !== column) continue;
      const at = lowerBound(out, committed);
      if (out[at] === committed) out.splice(at, 1);
    }
    for (const id of staged) {
      const t = this.task(boardId, id);
      if (t?.track === track && t.column === column) out.splice(lowerBound(out, t), 0, t);
    }
    return out;
  }

  user(userId: string): User | undefined {
    const f = this.#find((l) => l.users, userId);
    return f.hit ? (f.value ?? undefined) : this.#base.user(userId);
  }

  userByLogin(login: string): User | undefined {
    for (let i = this.#layers.length - 1; i >= 0; i--) for (const u of this.#layers[i]!.users.values()) if (u?.login === login) return this.user(u.id)?.login === login ? u : undefined;
    const committed = this.#base.userByLogin(login);
    // A committed user renamed or removed in a staged layer no longer holds the login.
    return committed && this.user(committed.id)?.login === login ? this.user(committed.id) : undefined;
  }

  record<K extends BoardRecordKind>(boardId: string, kind: K, id: string): BoardRecordOf<K> | undefined {
    if (!this.board(boardId)) return undefined;
    const f = this.#find((l) => l.records, `${boardId}\u0000${recordKey(kind, id)}`);
    return f.hit ? ((f.value ?? undefined) as BoardRecordOf<K> | undefined) : this.#base.record(boardId, kind, id);
  }

  directory(): readonly Agency[] {
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      const d = this.#layers[i]!.directory;
      if (d) return d;
    }
    return this.#base.directory();
  }
}
