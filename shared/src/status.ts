// A task's report status: its progress (board column) crossed with its timeliness (deadline vs
// today in Vietnam), per DOMAIN.md's crossed table, plus the "sắp đến hạn" warning.
import type { BoardSettings, ColumnId, Extension, IsoDate, Task } from './model.ts';
import { daysBetween } from './dates.ts';
import { owedReport, type OwingTask, type Period } from './periods.ts';

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
  /** Days from today to the due date; negative once overdue. Only for dated tasks, and recurring ones that owe a report. */
  daysLeft?: number;
  /** The due date the task was judged against (the extended one unless `against: 'original'`; a recurring task's owed report's). */
  due?: IsoDate;
  /** True when `due` comes from a granted extension rather than the printed deadline. */
  extended: boolean;
  /** For a recurring task judged on a period's report (`owedReport`): that period; `due` is its report's due day. */
  period?: Period;
}

export interface ClassifyOptions {
  /** How many days ahead counts as "sắp đến hạn". Trackers use 3 or 7; default 7 (see `statusOptions` for a board's own). */
  soonDays?: number;
  /**
   * Which deadline to judge against: `effective` (default) is the last extension's due date when
   * the task was extended (gia hạn), else the printed one; `original` ignores extensions, so a
   * report can count a task against both (DOMAIN.md: "reports count the task against its original
   * and its extended deadline both").
   */
  against?: 'original' | 'effective';
}

/** What `classifyTask` reads from a task; `extensions` and `completedAt` may be absent. */
/** What classification reads of a task; a board card has it too (extensions reduced to their dates). */
export type ClassifiedTask = Pick<Task, 'column' | 'deadline'> &
  Partial<Pick<Task, 'completedAt'>> & { extensions?: ReadonlyArray<Pick<Extension, 'due' | 'previousDue'>> } & Pick<OwingTask, 'periodReports' | 'createdAt'>;

/** The options a board's settings imply: its "sắp đến hạn" window. */
export function statusOptions(board: { settings: Pick<BoardSettings, 'soonDays'> }, against: ClassifyOptions['against'] = 'effective'): ClassifyOptions {
  return { soonDays: board.settings.soonDays, against };
}

/** The due date in force: the last extension's (gia hạn), else the printed deadline's; undefined when neither gives one. */
export function effectiveDue(task: Pick<Task, 'deadline'> & { extensions?: ReadonlyArray<Pick<Extension, 'due'>> }): IsoDate | undefined {
  const last = task.extensions?.at(-1);
  if (last) return last.due;
  const { deadline } = task;
  return deadline.kind === 'conditional' || deadline.kind === 'none' ? undefined : deadline.due;
}

/**
 * Classifies one task against `today` (YYYY-MM-DD in Asia/Ho_Chi_Minh).
 *
 * - Late means today is after the due date; on the due day itself the task is still on time.
 * - "Chờ xác nhận" (review) counts as unfinished: the unit says it is done but the standing
 *   agency has not accepted the evidence, so reports keep it with "Đang thực hiện".
 * - Done tasks compare `completedAt` with the due date; without `completedAt` they compare
 *   today, which can only err towards "on time" for tasks finished before their due date.
 * - Recurring, conditional and undated deadlines go to their own bucket, unless an extension
 *   has since given them a date (judged `effective`).
 * - A dated deadline that then recurs ("Trong năm 2025 và thực hiện thường xuyên") is judged
 *   by its date until that date passes, then counts as recurring: after the date the work is
 *   ongoing by the plan's own wording, and calling it overdue forever would swell the late count.
 * - A recurring task whose deadline names its cadence stays in the recurring bucket, but its
 *   timeliness follows the period report it owes (`owedReport`, due on the printed day of the
 *   period, else at its end): late once that day has passed unreported, "sắp đến hạn" within
 *   `soonDays` of it. Reports count it apart from the on-time/late split all the same (DOMAIN.md).
 */
export function classifyTask(task: ClassifiedTask, today: string, opts: ClassifyOptions = {}): TaskStatus {
  const soonDays = opts.soonDays ?? 7;
  const progress = task.column;
  const { deadline } = task;
  const done = progress === 'done';
  const extension = opts.against === 'original' ? undefined : task.extensions?.at(-1);

  const bucketed = (timeliness: 'recurring' | 'undated'): TaskStatus => ({ progress, timeliness, category: 'recurring-undated', dueSoon: false, extended: false });

  /** A recurring task judged on the period report it owes; undefined when it owes none (or is done, or extended). */
  const owing = (): TaskStatus | undefined => {
    const owed = done || extension ? undefined : owedReport(task, today);
    if (!owed) return undefined;
    const left = daysBetween(today, owed.due);
    const overdue = left < 0;
    return { progress, timeliness: overdue ? 'late' : 'recurring', category: 'recurring-undated', dueSoon: !overdue && left <= soonDays, daysLeft: left, due: owed.due, extended: false, period: owed.period };
  };

  const due = extension ? extension.due : deadline.kind === 'conditional' || deadline.kind === 'none' ? undefined : deadline.due;
  if (due === undefined) return deadline.kind === 'recurring' ? (owing() ?? bucketed('recurring')) : bucketed('undated');
  const extended = extension !== undefined;

  const daysLeft = daysBetween(today, due);
  if (deadline.cadence && daysLeft < 0 && !(done && task.completedAt !== undefined && task.completedAt <= due)) {
    return owing() ?? { ...bucketed('recurring'), daysLeft, due, extended };
  }

  const judgedOn = done ? (task.completedAt ?? today) : today;
  const late = judgedOn > due;
  const timeliness: Timeliness = late ? 'late' : 'on-time';
  const stage = done ? 'done' : progress === 'todo' ? 'todo' : 'doing';
  const category = `${stage}-${late ? 'late' : 'on-time'}` as StatusCategory;
  const dueSoon = !done && !late && daysLeft <= soonDays;
  return { progress, timeliness, category, dueSoon, daysLeft, due, extended };
}

/** Counts tasks per report bucket; every bucket is present, zero or not. */
export function countByStatus(tasks: Iterable<ClassifiedTask>, today: string, opts?: ClassifyOptions): Record<StatusCategory, number> {
  const counts = Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Record<StatusCategory, number>;
  for (const t of tasks) counts[classifyTask(t, today, opts).category]++;
  return counts;
}

/**
 * The card's timeliness chip. Finished tasks say how they finished, never a bare "Quá hạn";
 * `due-soon` replaces `on-time` inside the warning window; `done` is a finished task with no date
 * to finish by (recurring, conditional, undated). The kinds are also the timeliness filter's values.
 */
export const CHIP_KINDS = ['late', 'due-soon', 'on-time', 'recurring', 'undated', 'done-on-time', 'done-late', 'done'] as const;
export type ChipKind = (typeof CHIP_KINDS)[number];
/** Chip kinds of unfinished tasks, then of finished ones: the filter lists them in two groups. */
export const OPEN_CHIP_KINDS: readonly ChipKind[] = ['late', 'due-soon', 'on-time', 'recurring', 'undated'];
export const DONE_CHIP_KINDS: readonly ChipKind[] = ['done-on-time', 'done-late', 'done'];

export const CHIP_LABELS: Record<ChipKind, { vi: string; en: string }> = {
  late: { vi: 'Quá hạn', en: 'Overdue' },
  'due-soon': { vi: 'Sắp đến hạn', en: 'Due soon' },
  'on-time': { vi: 'Trong hạn', en: 'On time' },
  recurring: { vi: 'Thường xuyên', en: 'Recurring' },
  undated: { vi: 'Không thời hạn', en: 'No deadline' },
  'done-on-time': { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  'done-late': { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  done: { vi: 'Hoàn thành', en: 'Done' },
};

export interface TimelinessChip {
  kind: ChipKind;
  label: { vi: string; en: string };
  /** The status it was read from (due date, days left, extension), so callers classify once. */
  status: TaskStatus;
}

/** The chip kind of an already classified task; a recurring task whose period report is due soon warns as any task does. */
export function chipKind(status: TaskStatus): ChipKind {
  if (status.progress === 'done') return status.category === 'done-late' ? 'done-late' : status.category === 'done-on-time' ? 'done-on-time' : 'done';
  if (status.timeliness === 'late') return 'late';
  if (status.dueSoon) return 'due-soon';
  if (status.timeliness === 'on-time') return 'on-time';
  return status.timeliness;
}

/** Classifies a task and gives its card chip: kind, Vietnamese and English label, and the status behind it. */
export function timelinessChip(task: ClassifiedTask, today: string, opts?: ClassifyOptions): TimelinessChip {
  const status = classifyTask(task, today, opts);
  const kind = chipKind(status);
  return { kind, label: CHIP_LABELS[kind], status };
}
