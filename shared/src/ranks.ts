// Where a card sits in its cell: ranks, their order, and the rank a card placed after another gets. The
// server plans moves with these and the board orders and places cards with the same, so both agree
// on every cell; no schemas here, so the board loads them without zod.
import type { ColumnId, Task } from './model.ts';

/** Rank distance between neighbours after a renormalisation, and for a card placed at either end of a cell. */
export const RANK_STEP = 1024;
/** Below this gap two neighbours cannot be split again without float trouble, so the cell is renumbered. */
export const MIN_RANK_GAP = 1e-6;

/** Tasks of one (track, column) cell in rank order (ties by id, so every store sorts the same). */
export function cellTasks<T extends Pick<Task, 'id' | 'track' | 'column' | 'rank'>>(tasks: Iterable<T>, track: string, column: ColumnId): T[] {
  const cell: T[] = [];
  for (const t of tasks) if (t.track === track && t.column === column) cell.push(t);
  return cell.sort(byRank);
}

export const byRank = (a: { rank: number; id: string }, b: { rank: number; id: string }): number => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Index of the first element of `sorted` (in `compare`'s order; a cell's, by default) not before `item` (binary search). */
export function lowerBound<T extends Pick<Task, 'rank' | 'id'>>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number = byRank): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where a card lands when placed right after `afterId` (null: first) in `cell` (which must not contain the card).
 * Returns the new rank, or the renumbered cell when the neighbours are too close to split.
 */
export function rankAfter(
  cell: ReadonlyArray<{ id: string; rank: number }>,
  afterId: string | null,
): { rank: number } | { renumber: Array<{ id: string; rank: number }>; index: number } | undefined {
  const index = afterId === null ? 0 : cell.findIndex((t) => t.id === afterId) + 1;
  if (index === 0 && afterId !== null) return undefined;
  const prev = cell[index - 1];
  const next = cell[index];
  if (!prev && !next) return { rank: RANK_STEP };
  if (!prev) return { rank: next!.rank - RANK_STEP };
  if (!next) return { rank: prev.rank + RANK_STEP };
  const mid = (prev.rank + next.rank) / 2;
  if (next.rank - prev.rank >= MIN_RANK_GAP * 2 && mid > prev.rank && mid < next.rank) return { rank: mid };
  // Too close: renumber the whole cell with even steps, leaving a slot at `index` for the moved card.
  const renumber = cell.map((t, i) => ({ id: t.id, rank: (i < index ? i + 1 : i + 2) * RANK_STEP }));
  return { renumber, index };
}
