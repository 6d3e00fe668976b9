// Group commit needs the next operation planned on top of writes that are not durable yet, while
// readers keep seeing only durable state. Staging is that planning view: the committed index plus
// layers of staged effects (the batch being flushed, and the batch filling up behind it). A layer
// leaves when its batch is durable and its effects go into the committed index.
import { cellKey, recordKey, type Agency, type Board, type BoardIndex, type BoardRecord, type BoardRecordKind, type BoardRecordOf, type ColumnId, type Effects, type PlanContext, type Task, type User } from '@dondoc/shared';

const taskKey = (boardId: string, taskId: string): string => `${boardId}\u0000${taskId}`;

class Layer {
  readonly boards = new Map<string, Board | null>();
  readonly tasks = new Map<string, Task | null>();
  readonly trash = new Map<string, Task | null>();
  readonly users = new Map<string, User | null>();
  /** `board\0kind\0id` → the record as staged (null: deleted). */
  readonly records = new Map<string, BoardRecord | null>();
  directory: readonly Agency[] | undefined;
  /** `board\0cell` keys whose contents this layer changes. */
  readonly cells = new Set<string>();
  /** Tasks this layer writes, per board, so a cell read can swap them in. */
  readonly boardTasks = new Map<string, Set<string>>();
  readonly effects: Effects[] = [];

  add(effects: Effects): void {
    this.effects.push(effects);
    for (const w of effects.boards) this.boards.set((w.after ?? w.before)!.id, w.after);
    for (const w of effects.tasks) {
      const id = (w.after ?? w.before)!.id;
      const key = taskKey(w.boardId, id);
      this.tasks.set(key, w.after);
      if (w.after) this.trash.set(key, null);
      else this.trash.set(key, w.before);
      if (w.before) this.cells.add(`${w.boardId}\u0000${cellKey(w.before.track, w.before.column)}`);
      if (w.after) this.cells.add(`${w.boardId}\u0000${cellKey(w.after.track, w.after.column)}`);
      let set = this.boardTasks.get(w.boardId);
      if (!set) this.boardTasks.set(w.boardId, (set = new Set()));
      set.add(id);
    }
    for (const w of effects.users) this.users.set((w.after ?? w.before)!.id, w.after);
    if (effects.directory) this.directory = effects.directory.after ?? [];
    for (const w of effects.records ?? []) {
      const r = (w.after ?? w.before)!;
      this.records.set(`${w.boardId}\u0000${recordKey(r.kind, r.id)}`, w.after);
    }
  }
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

  task(boardId: string, taskId: string): Task | undefined {
    if (!this.board(boardId)) return undefined;
    const f = this.#find((l) => l.tasks, taskKey(boardId, taskId));
    return f.hit ? (f.value ?? undefined) : this.#base.task(boardId, taskId);
  }

  trashed(boardId: string, taskId: string): Task | undefined {
    if (!this.board(boardId)) return undefined;
    const f = this.#find((l) => l.trash, taskKey(boardId, taskId));
    return f.hit ? (f.value ?? undefined) : this.#base.trashed(boardId, taskId);
  }

  cell(boardId: string, track: string, column: ColumnId): readonly Task[] {
    const base = this.#base.cell(boardId, track, column);
    const key = `${boardId}\u0000${cellKey(track, column)}`;
    if (!this.#layers.some((l) => l.cells.has(key))) return base;
    const staged = new Set<string>();
    for (const l of this.#layers) for (const id of l.boardTasks.get(boardId) ?? []) staged.add(id);
    const out = base.filter((t) => !staged.has(t.id));
    for (const id of staged) {
      const t = this.task(boardId, id);
      if (t && t.track === track && t.column === column) out.push(t);
    }
    return out.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
