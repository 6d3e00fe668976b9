// A task's report status: its progress (board column) crossed with its timeliness (deadline vs
// today in Vietnam), per DOMAIN.md's crossed table, plus the "sắp đến hạn" warning.
import type { ColumnId, Task } from './model.ts';
import { daysBetween } from './dates.ts';

export type Timeliness = 'on-time' | 'late' | 'recurring' | 'undated';

/** Report buckets, in the order reports list them. */
export const STATUS_CATEGORIES = ['todo-on-time', 'todo-late', 'doing-on-time', 'doing-late', 'done-on-time', 'done-late', 'recurring-undated'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const STATUS_LABELS: Record<StatusCategory, { vi: string; en: string }> = {
  'todo-on-time': { vi: 'Chưa thực hiện (trong hạn)', en: 'Not started (on time)' },
  'todo-late': { vi: 'Chưa thực hiện quá hạn', en: 'Not started, overdue' },
  'doing-on-time': { vi: 'Đang thực hiện trong hạn', en: 'In progress, on time' },
  'doing-late': { vi: 'Đang thực hiện quá hạn', en: 'In progress, overdue' },
  'done-on-time': { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  'done-late': { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  'recurring-undated': { vi: 'Thường xuyên / không có thời hạn', en: 'Recurring / no deadline' },
};

/** Badge words; `due-soon` is a warning shown beside `on-time`, not a status of its own. */
export const TIMELINESS_LABELS: Record<Timeliness | 'due-soon', { vi: string; en: string }> = {
  late: { vi: 'quá hạn', en: 'overdue' },
  'due-soon': { vi: 'sắp đến hạn', en: 'due soon' },
  'on-time': { vi: 'trong hạn', en: 'on time' },
  recurring: { vi: 'thường xuyên', en: 'recurring' },
  undated: { vi: 'không thời hạn', en: 'no deadline' },
};

export interface TaskStatus {
  progress: ColumnId;
  timeliness: Timeliness;
  category: StatusCategory;
  /** Unfinished, on time, and due within `soonDays` (the due day itself included). */
  dueSoon: boolean;
  /** Days from today to the due date; negative once overdue. Only for dated tasks. */
  daysLeft?: number;
}

export interface ClassifyOptions {
  /** How many days ahead counts as "sắp đến hạn". Trackers use 3 or 7; default 7. */
  soonDays?: number;
}

/**
 * Classifies one task against `today` (YYYY-MM-DD in Asia/Ho_Chi_Minh).
 *
 * - Late means today is after the due date; on the due day itself the task is still on time.
 * - "Chờ xác nhận" (review) counts as unfinished: the unit says it is done but the standing
 *   agency has not accepted the evidence, so reports keep it with "Đang thực hiện".
 * - Done tasks compare `completedAt` with the due date; without `completedAt` they compare
 *   today, which can only err towards "on time" for tasks finished before their due date.
 * - Recurring, conditional and undated deadlines go to their own bucket.
 * - A dated deadline that then recurs ("Trong năm 2025 và thực hiện thường xuyên") is judged
 *   by its date until that date passes, then counts as recurring: after the date the work is
 *   ongoing by the plan's own wording, and calling it overdue forever would swell the late count.
 */
export function classifyTask(task: Pick<Task, 'column' | 'deadline' | 'completedAt'>, today: string, opts: ClassifyOptions = {}): TaskStatus {
  const soonDays = opts.soonDays ?? 7;
  const progress = task.column;
  const { deadline } = task;
  const done = progress === 'done';

  const bucketed = (timeliness: 'recurring' | 'undated'): TaskStatus => ({ progress, timeliness, category: 'recurring-undated', dueSoon: false });

  if (deadline.kind === 'recurring') return bucketed('recurring');
  const due = deadline.due;
  if (deadline.kind === 'conditional' || deadline.kind === 'none' || due === undefined) return bucketed('undated');

  const daysLeft = daysBetween(today, due);
  if (deadline.cadence && daysLeft < 0 && !(done && task.completedAt !== undefined && task.completedAt <= due)) {
    return { ...bucketed('recurring'), daysLeft };
  }

  const judgedOn = done ? (task.completedAt ?? today) : today;
  const late = judgedOn > due;
  const timeliness: Timeliness = late ? 'late' : 'on-time';
  const stage = done ? 'done' : progress === 'todo' ? 'todo' : 'doing';
  const category = `${stage}-${late ? 'late' : 'on-time'}` as StatusCategory;
  const dueSoon = !done && !late && daysLeft <= soonDays;
  return { progress, timeliness, category, dueSoon, daysLeft };
}

/** Counts tasks per report bucket; every bucket is present, zero or not. */
export function countByStatus(tasks: Iterable<Pick<Task, 'column' | 'deadline' | 'completedAt'>>, today: string, opts?: ClassifyOptions): Record<StatusCategory, number> {
  const counts = Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Record<StatusCategory, number>;
  for (const t of tasks) counts[classifyTask(t, today, opts).category]++;
  return counts;
}
