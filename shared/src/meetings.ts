// A meeting's agenda: the tasks it reviews, walked track by track or lead agency by lead agency,
// late tasks first (the longest late first), then what falls due soonest, then what has no date,
// then what is done; and the steps a projector walks through it, one task or one column at a time.
import type { AgendaOrder, Board, ColumnId, Task } from './model.ts';
import { COLUMN_IDS } from './vocabulary.ts';
import { classifyTask, statusOptions, type ClassifiedTask, type TaskStatus } from './status.ts';
import { taskAddress } from './address.ts';
import { compareOrdinals } from './documents/common.ts';

export interface AgendaSection {
  /** Track id, or lead agency name ('' for tasks without a lead). */
  key: string;
  label: string;
  /** Task ids in the order the meeting takes them. */
  taskIds: string[];
  /** The same tasks per board column, each in that order. */
  columns: Record<ColumnId, string[]>;
  late: number;
}

export type AgendaMode = 'task' | 'column';

/** One screen of the walk: a task, or one column of a section. */
export type AgendaStep = { section: number; column: ColumnId; taskId: string } | { section: number; column: ColumnId; taskId?: undefined };

/** Label of the agenda section of tasks that name no lead agency. */
export const NO_LEAD_LABEL = 'Chưa có cơ quan chủ trì';

/** Rank of a status in the walk: late first, then open dated, then open undated, then done. */
function stage(s: TaskStatus): number {
  if (s.progress === 'done') return 3;
  if (s.timeliness === 'late') return 0;
  if (s.timeliness === 'on-time') return 1;
  return 2;
}

/** What the agenda reads of a task: a board's card is enough. */
export type AgendaTask = Pick<Task, 'id' | 'track' | 'leads' | 'column' | 'rank' | 'group' | 'ordinal'> & ClassifiedTask;

/**
 * The agenda of `tasks` (already the meeting's filter of the board). `kept` is the order a meeting on
 * screen has walked so far (task id → place): those tasks keep their places, so a conclusion that moves
 * a deadline does not send its task further down and skip the ones between; tasks not in it (added
 * since) follow them in the usual order.
 */
export function meetingAgenda(
  board: Pick<Board, 'tracks' | 'settings'>,
  tasks: readonly AgendaTask[],
  opts: { order: AgendaOrder; today: string; kept?: ReadonlyMap<string, number> },
): AgendaSection[] {
  const classify = statusOptions(board);
  const entries = tasks.map((t) => ({ t, s: classifyTask(t, opts.today, classify), address: taskAddress(t).short }));
  const kept = opts.kept;
  const order = (a: (typeof entries)[number], b: (typeof entries)[number]): number => {
    const ka = kept?.get(a.t.id);
    const kb = kept?.get(b.t.id);
    if (ka !== undefined || kb !== undefined) return ka === undefined ? 1 : kb === undefined ? -1 : ka - kb;
    const sa = stage(a.s);
    const sb = stage(b.s);
    if (sa !== sb) return sa - sb;
    // The longest late first; otherwise the soonest due first.
    if (sa === 0 || sa === 1) {
      const da = a.s.daysLeft ?? 0;
      const db = b.s.daysLeft ?? 0;
      if (da !== db) return da - db;
    }
    // Then as the board lists them: a column's cards keep the plan's order, so a row the plan prints
    // without a number ("PL III" under "PL III · 7") stays beside the item it continues.
    const ca = COLUMN_IDS.indexOf(a.t.column);
    const cb = COLUMN_IDS.indexOf(b.t.column);
    if (ca !== cb) return ca - cb;
    return a.t.rank - b.t.rank || compareOrdinals(a.address, b.address) || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0);
  };
  const groups = new Map<string, { label: string; list: typeof entries }>();
  if (opts.order === 'track') for (const tr of board.tracks) groups.set(tr.id, { label: tr.label, list: [] });
  for (const e of entries) {
    // A task with several leads is taken once, under the first: a meeting reviews a task once.
    const key = opts.order === 'track' ? e.t.track : (e.t.leads[0] ?? '');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: opts.order === 'track' ? key : key || NO_LEAD_LABEL, list: [] }));
    g.list.push(e);
  }
  let keys = [...groups.keys()];
  // Agencies are listed alphabetically, never ranked; tasks without a lead come last.
  if (opts.order === 'agency') keys = keys.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'vi', { sensitivity: 'base' })));
  const out: AgendaSection[] = [];
  for (const key of keys) {
    const g = groups.get(key)!;
    if (g.list.length === 0) continue;
    const sorted = g.list.sort(order);
    const columns = Object.fromEntries(COLUMN_IDS.map((c) => [c, [] as string[]])) as Record<ColumnId, string[]>;
    for (const e of sorted) columns[e.t.column].push(e.t.id);
    out.push({ key, label: g.label, taskIds: sorted.map((e) => e.t.id), columns, late: sorted.filter((e) => e.s.timeliness === 'late' && e.s.progress !== 'done').length });
  }
  return out;
}

/** The walk through an agenda: every task in order, or every non-empty column of every section. */
export function agendaSteps(sections: readonly AgendaSection[], mode: AgendaMode): AgendaStep[] {
  const steps: AgendaStep[] = [];
  sections.forEach((s, section) => {
    if (mode === 'column') {
      for (const column of COLUMN_IDS) if (s.columns[column].length > 0) steps.push({ section, column });
      return;
    }
    const columnOf = new Map<string, ColumnId>();
    for (const c of COLUMN_IDS) for (const id of s.columns[c]) columnOf.set(id, c);
    for (const taskId of s.taskIds) steps.push({ section, column: columnOf.get(taskId)!, taskId });
  });
  return steps;
}

/** The first step of the next (or previous) section from step `at`, for ↓ / ↑. */
export function sectionJump(steps: readonly AgendaStep[], at: number, direction: 1 | -1): number {
  const here = steps[at]?.section ?? 0;
  if (direction === 1) {
    const next = steps.findIndex((s) => s.section > here);
    return next < 0 ? at : next;
  }
  const target = steps.slice(0, at).findLast((s) => s.section < here)?.section;
  if (target === undefined) return steps.findIndex((s) => s.section === here);
  return steps.findIndex((s) => s.section === target);
}

/** Where a step lands after the agenda is rebuilt (a live change, another mode): the same task, else the same section and column. */
export function findStep(steps: readonly AgendaStep[], was: AgendaStep | undefined, sections: readonly AgendaSection[], oldSections: readonly AgendaSection[]): number {
  if (!was) return 0;
  if (was.taskId) {
    const same = steps.findIndex((s) => s.taskId === was.taskId);
    if (same >= 0) return same;
  }
  const key = oldSections[was.section]?.key;
  const section = sections.findIndex((s) => s.key === key);
  if (section < 0) return 0;
  const sameColumn = steps.findIndex((s) => s.section === section && s.column === was.column);
  return sameColumn >= 0 ? sameColumn : Math.max(0, steps.findIndex((s) => s.section === section));
}

/** Each task's place in an agenda, for `meetingAgenda`'s `kept`. */
export function agendaPlaces(sections: readonly AgendaSection[]): Map<string, number> {
  const places = new Map<string, number>();
  for (const s of sections) for (const id of s.taskIds) places.set(id, places.size);
  return places;
}
