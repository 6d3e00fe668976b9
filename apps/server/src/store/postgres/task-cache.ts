// Each server's copy of the boards' tasks, checked against the database on every read: one
// statement reads the board's revision and only the tasks written (or deleted) since the revision
// the copy holds, in one snapshot. So a read never returns tasks older than the board row it read,
// a 10,000-task board is not read whole on every change, and unchanged tasks keep their objects —
// which is what lets the board payload cache re-serialise only the tasks that changed.
import { COLUMN_IDS, byRank, lowerBound, type Board, type Task } from '@dondoc/shared';
import type { Sql } from './connect.ts';

interface Copy {
  incarnation: number;
  revision: number;
  /** The board's track order the copy is sorted by. */
  tracks: string;
  byId: Map<string, Task>;
  ordered: readonly Task[];
}

/** Committed records are frozen, as the embedded store's: a caller that changed one in place would change the copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** Display order: the board's tracks in order (tracks it no longer lists last, by id), then column, then rank. */
function displayComparator(board: Board): (a: Task, b: Task) => number {
  const trackIndex = new Map(board.tracks.map((t, i) => [t.id, i]));
  const columnIndex = new Map(COLUMN_IDS.map((c, i) => [c, i]));
  const ti = (t: Task) => trackIndex.get(t.track) ?? board.tracks.length;
  return (a, b) => ti(a) - ti(b) || (a.track < b.track ? -1 : a.track > b.track ? 1 : 0) || columnIndex.get(a.column)! - columnIndex.get(b.column)! || byRank(a, b);
}

/** Few changes: take them out of the previous order and put each back in its place (binary search), not a sort of the whole board. */
const FEW = 64;
function reorder(previous: readonly Task[], changed: Set<string>, written: Task[], compare: (a: Task, b: Task) => number): Task[] {
  const out = previous.filter((t) => !changed.has(t.id));
  for (const t of written) out.splice(lowerBound(out, t, compare), 0, t);
  return out;
}

type Row = { k: 'b' | 't' | 'x'; id: string; rev: number; inc: number | null; data: unknown };

export class TaskCache {
  readonly #sql: Sql;
  readonly #copies = new Map<string, Copy>();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async tasks(boardId: string): Promise<readonly Task[] | undefined> {
    const copy = this.#copies.get(boardId);
    let rows = await this.#read(boardId, copy?.revision ?? -1);
    let boardRow = rows.find((r) => r.k === 'b');
    if (!boardRow) {
      this.#copies.delete(boardId);
      return undefined;
    }
    let base = copy;
    if (copy && copy.incarnation !== boardRow.inc) {
      // Another board under the same id: start over.
      base = undefined;
      rows = await this.#read(boardId, -1);
      boardRow = rows.find((r) => r.k === 'b');
      if (!boardRow) return undefined;
    }
    if (base && base.revision === boardRow.rev) return base.ordered;
    const byId = new Map(base?.byId);
    // A task is either on the board or in the trash, never both: deletion moves its row, restoring moves it back.
    const changed = new Set<string>();
    const written: Task[] = [];
    for (const r of rows) {
      if (r.k === 't') {
        const t = deepFreeze(r.data as Task);
        byId.set(r.id, t);
        written.push(t);
      } else if (r.k === 'x') byId.delete(r.id);
      if (r.k !== 'b') changed.add(r.id);
    }
    const board = boardRow.data as Board;
    const tracks = board.tracks.map((t) => t.id).join('\u0000');
    const compare = displayComparator(board);
    const ordered = Object.freeze(base && base.tracks === tracks && written.length <= FEW ? reorder(base.ordered, changed, written, compare) : [...byId.values()].sort(compare));
    this.#copies.set(boardId, { incarnation: boardRow.inc!, revision: boardRow.rev, tracks, byId, ordered });
    return ordered;
  }

  #read(boardId: string, since: number): Promise<Row[]> {
    return this.#sql<Row[]>`
      SELECT 'b' AS k, id, revision AS rev, incarnation AS inc, data FROM boards WHERE id = ${boardId}
      UNION ALL SELECT 'x', id, board_rev, NULL, NULL FROM trash WHERE board_id = ${boardId} AND board_rev > ${since}
      UNION ALL SELECT 't', id, board_rev, NULL, data FROM tasks WHERE board_id = ${boardId} AND board_rev > ${since}`;
  }
}
