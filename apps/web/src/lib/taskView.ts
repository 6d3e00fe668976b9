// A task with everything the board derives from it (search haystack, deadline chip, failed
// checks), each computed on first read and kept, so rendering and filtering never recompute it.
import { markRaw } from 'vue';
import type { BoardCard } from '@dondoc/shared/wire';
import type { CheckResult } from '@dondoc/shared/plugin';
import { formatDateVi } from '@dondoc/shared/dates';
import { matchesQuery, prepareHaystack, prepareQuery, type PreparedHaystack } from '@dondoc/shared/fold';
import { taskSearchText } from '@dondoc/shared/filters';
import { timelinessChip, type ChipKind, type ClassifyOptions, type StatusCategory, type TimelinessChip } from '@dondoc/shared/status';
import { currentPeriodStatus, type CurrentPeriodStatus } from '@dondoc/shared/periods';
import type { ReportingRhythm } from '@dondoc/shared/model';
import { nextTask } from './perf.ts';

/** The deadline chip's kind (shared/status.ts): also the timeliness filter's values. */
export { CHIP_KINDS, DONE_CHIP_KINDS, OPEN_CHIP_KINDS, type ChipKind } from '@dondoc/shared/status';

export interface TaskView {
  readonly task: BoardCard;
  /** Folded search words; computed on first use (or warmed in idle time) and then kept. */
  readonly haystack: PreparedHaystack;
  readonly chip: ChipKind;
  /** The report bucket the task is counted in (a recurring task stays in its own even when its period report is late). */
  readonly category: StatusCategory;
  /** dd/mm/yyyy of the due date in force (an extension's, if granted), else the deadline as printed. */
  readonly deadlineText: string;
  readonly daysLeft: number | undefined;
  readonly checks: readonly CheckResult[];
  readonly failed: readonly CheckResult[];
  /** For a task reported period by period: the current period and whether it is reported. */
  readonly period: CurrentPeriodStatus | undefined;
}

/** What every view of a board is judged with: today, the board's "sắp đến hạn" window, its reporting rhythm. */
export interface ViewContext {
  today: string;
  status?: ClassifyOptions;
  rhythm?: ReportingRhythm[];
}

/**
 * What the warm-up looks for in each view: an abbreviation, as most searches are, so both the prefix
 * test and the abbreviation walk of the matcher run (its result is not used).
 */
const WARM_QUERY = prepareQuery('khcn');

/**
 * Folds haystacks (and classifies) in idle time after the board paints, so the first search or filter
 * is instant too. Each view is also matched once: a fresh tab's first search otherwise ran the matcher
 * unoptimised (~10 ms a keystroke at 10,000 tasks, ~5 once the engine has optimised it). Chromium runs
 * one idle callback per idle period (up to 50 ms) however soon it returns, so the period is used slice
 * by slice, a task apart: asking for the next callback after each slice would use 8 ms of every 50, and
 * leave a 10,000-task board unwarmed for seconds, its first keystroke folding the rest. Between slices a
 * key press or a drag gets its turn (an idle deadline also reads 0 once such work is waiting), so it
 * never waits behind more than one slice.
 */
export function warmHaystacks(views: Iterable<TaskView>, sliceMs = 8): () => void {
  const it = views[Symbol.iterator]();
  let stopped = false;
  const idle: (cb: (deadline?: IdleDeadline) => void) => void =
    typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 500 }) : (cb) => setTimeout(cb, 0);
  /** Warms views for up to `ms`; false once every view is warm. */
  const slice = (ms: number): boolean => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const next = it.next();
      if (next.done) return false;
      matchesQuery(next.value.haystack, WARM_QUERY);
      void next.value.chip;
    }
    return true;
  };
  const step = async (deadline?: IdleDeadline): Promise<void> => {
    // A callback run because its timeout passed has no idle time: one slice, then wait for idle again.
    const period = deadline && !deadline.didTimeout ? deadline : undefined;
    for (;;) {
      if (stopped) return;
      const left = period ? period.timeRemaining() : sliceMs;
      if (left < 1) break;
      if (!slice(Math.min(sliceMs, left))) return;
      if (!period) break;
      await nextTask();
    }
    idle((d) => void step(d));
  };
  idle((d) => void step(d));
  return () => {
    stopped = true;
  };
}

/**
 * Everything derived is computed on first read and kept: the first paint reads it for the few
 * dozen visible cards only, instead of classifying 10,000 tasks before anything shows.
 */
class LazyTaskView implements TaskView {
  private _haystack: PreparedHaystack | undefined;
  private _chip: TimelinessChip | undefined;
  private _failed: readonly CheckResult[] | undefined;
  private _period: { value: CurrentPeriodStatus | undefined } | undefined;
  constructor(
    readonly task: BoardCard,
    private readonly checksSource: readonly CheckResult[] | (() => readonly CheckResult[]),
    private readonly ctx: ViewContext,
  ) {}
  private _checks: readonly CheckResult[] | undefined;
  /** The checklist's results for this task; expanded from the payload's failures on first read. */
  get checks(): readonly CheckResult[] {
    const src = this.checksSource;
    return (this._checks ??= typeof src === 'function' ? src() : src);
  }
  get haystack(): PreparedHaystack {
    return (this._haystack ??= prepareHaystack(taskSearchText(this.task)));
  }
  private get timeliness(): TimelinessChip {
    return (this._chip ??= timelinessChip(this.task, this.ctx.today, this.ctx.status));
  }
  get chip(): ChipKind {
    return this.timeliness.kind;
  }
  get category(): StatusCategory {
    return this.timeliness.status.category;
  }
  get deadlineText(): string {
    const due = this.timeliness.status.due ?? this.task.deadline.due;
    return due ? formatDateVi(due) : this.task.deadline.raw;
  }
  get daysLeft(): number | undefined {
    return this.timeliness.status.daysLeft;
  }
  get failed(): readonly CheckResult[] {
    return (this._failed ??= this.checks.filter((c) => !c.pass));
  }
  get period(): CurrentPeriodStatus | undefined {
    return (this._period ??= { value: currentPeriodStatus(this.task, { rhythm: this.ctx.rhythm ?? [] }, this.ctx.today) }).value;
  }
}

const NO_CHECKS: readonly CheckResult[] = Object.freeze([]);

// 10,000 of these must never become deep reactive proxies. Marked raw once, on their prototype (Vue
// reads the mark through it), rather than per view: markRaw defines a property on each object it
// marks, ~1 ms per 1,000 views in the task that indexes a whole board.
markRaw(LazyTaskView.prototype);

/**
 * `checks` may be a function, so 10,000 tasks' results are only built for the cards that show them.
 * `ctx` is today (a string) or the board's context: its "sắp đến hạn" window (`statusOptions(board)`,
 * default 7 days) and reporting rhythm (for bare "Thường xuyên" tasks' report periods).
 */
export function buildTaskView(task: BoardCard, checks: readonly CheckResult[] | (() => readonly CheckResult[]) | undefined, ctx: ViewContext | string): TaskView {
  return new LazyTaskView(task, checks ?? NO_CHECKS, typeof ctx === 'string' ? { today: ctx } : ctx);
}
