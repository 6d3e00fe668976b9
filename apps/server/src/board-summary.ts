// The board list's counts (quá hạn, sắp đến hạn, hoàn thành), computed once per board revision and day.
import { classifyTask, type Board, type BoardSummary, type Task } from '@dondoc/shared';

const cache = new WeakMap<Board, { today: string; counts: BoardSummary['counts'] }>();

/** Counts for a board's tasks against `today`; reused while the board record (so its revision) and the day stay. */
export function boardCounts(board: Board, tasks: readonly Task[], today: string): BoardSummary['counts'] {
  const hit = cache.get(board);
  if (hit && hit.today === today) return hit.counts;
  const counts = { late: 0, dueSoon: 0, done: 0 };
  for (const t of tasks) {
    if (t.column === 'done') {
      counts.done++;
      continue;
    }
    const status = classifyTask(t, today, { soonDays: board.settings.soonDays });
    if (status.timeliness === 'late') counts.late++;
    else if (status.dueSoon) counts.dueSoon++;
  }
  cache.set(board, { today, counts });
  return counts;
}
