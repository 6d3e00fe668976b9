// A task with everything the board derives from it (search haystack, deadline chip, failed
// checks), computed once per load or change so rendering and filtering never recompute it.
import { markRaw } from 'vue';
import type { Task } from '@dondoc/shared/model';
import type { CheckResult } from '@dondoc/shared/plugin';
import { formatDateVi } from '@dondoc/shared/dates';
import { prepareHaystack, type PreparedHaystack } from '@dondoc/shared/fold';
import { classifyTask } from '@dondoc/shared/status';

/** The deadline chip's colour bucket; also the timeliness filter's values. */
export type ChipKind = 'late' | 'soon' | 'on-time' | 'open';
export const CHIP_KINDS: readonly ChipKind[] = ['late', 'soon', 'on-time', 'open'];

export interface TaskView {
  readonly task: Task;
  /** Folded search words; computed on first use (or warmed in idle time) and then kept. */
  readonly haystack: PreparedHaystack;
  readonly chip: ChipKind;
  /** dd/mm/yyyy when the deadline resolves to a date, else the text as printed. */
  readonly deadlineText: string;
  readonly daysLeft: number | undefined;
  readonly checks: readonly CheckResult[];
  readonly failed: readonly CheckResult[];
}

const searchText = (task: Task): string =>
  [task.ordinal, task.content, task.leadsText || task.leads.join(', '), task.partnersText, task.output, task.owner, task.deadline.raw].join(' ');

/** Folds haystacks in idle slices after the board paints, so the first search is instant too. */
export function warmHaystacks(views: Iterable<TaskView>, sliceMs = 8): () => void {
  const it = views[Symbol.iterator]();
  let stopped = false;
  const idle: (cb: () => void) => void =
    typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 500 }) : (cb) => setTimeout(cb, 0);
  const step = (): void => {
    if (stopped) return;
    const until = performance.now() + sliceMs;
    while (performance.now() < until) {
      const next = it.next();
      if (next.done) return;
      void next.value.haystack;
    }
    idle(step);
  };
  idle(step);
  return () => {
    stopped = true;
  };
}

export function buildTaskView(task: Task, checks: readonly CheckResult[] | undefined, today: string): TaskView {
  const status = classifyTask(task, today);
  const chip: ChipKind =
    status.timeliness === 'late' ? 'late' : status.timeliness === 'on-time' ? (status.dueSoon ? 'soon' : 'on-time') : 'open';
  const list = checks ?? [];
  let haystack: PreparedHaystack | undefined;
  // markRaw: 10,000 of these must not become deep reactive proxies.
  return markRaw({
    task,
    // Folding 10,000 tasks costs ~100 ms: too much to spend before the first paint.
    get haystack(): PreparedHaystack {
      return (haystack ??= prepareHaystack(searchText(task)));
    },
    chip,
    deadlineText: task.deadline.due ? formatDateVi(task.deadline.due) : task.deadline.raw,
    daysLeft: status.daysLeft,
    checks: list,
    failed: list.filter((c) => !c.pass),
  });
}
