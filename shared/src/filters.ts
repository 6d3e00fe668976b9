// Board filters as plain data, one model for the web app and the server: parsed from and written
// to a URL query (the board's link and the export link carry the same one), and turned into one
// predicate over a task with what is derived from it (deadline chip, failed checks, search words).
import type { Task } from './model.ts';
import type { BoardCard } from './wire.ts';
import { matchesQuery, prepareHaystack, prepareQuery, type PreparedHaystack } from './fold.ts';
import { CHIP_KINDS, STATUS_CATEGORIES, timelinessChip, type ChipKind, type ClassifyOptions, type StatusCategory } from './status.ts';

export { CHIP_KINDS, CHIP_LABELS, type ChipKind } from './status.ts';

/** Old links said "soon" for what is now "due-soon". */
const LEGACY_TIME: Readonly<Record<string, ChipKind>> = { soon: 'due-soon' };

/** The text the search box looks through: what a person would recognise a task by. */
export const taskSearchText = (task: Pick<Task, 'ordinal' | 'content' | 'leads' | 'partners' | 'output' | 'owner' | 'deadline'> & Partial<Pick<Task, 'leadsText' | 'partnersText'>>): string =>
  [task.ordinal, task.content, task.leadsText || task.leads.join(', '), task.partnersText || task.partners.join(', '), task.output, task.owner, task.deadline.raw].join(' ');

export interface BoardFilters {
  /** Track id, or '' for all. */
  track: string;
  /** A lead agency as normalised in `task.leads`, or ''. */
  lead: string;
  time: ChipKind | '';
  /** Checklist criterion id the task fails, or ''. */
  fail: string;
  /** Free text, matched diacritic-insensitively. */
  q: string;
  /** A report bucket of DOMAIN.md's crossed table ("doing-late"), or '': what a dashboard's bar opens. */
  status: StatusCategory | '';
  /** Open tasks due within this many days from today ("7", "30"), or ''. */
  due: string;
}

export const FILTER_KEYS = ['track', 'lead', 'time', 'fail', 'q', 'status', 'due'] as const satisfies ReadonlyArray<keyof BoardFilters>;

export const emptyFilters = (): BoardFilters => ({ track: '', lead: '', time: '', fail: '', q: '', status: '', due: '' });

/** A URL query as routers and servers hand it over: a value, a repeated value, or nothing. */
export type FilterQuery = Readonly<Record<string, string | null | undefined | ReadonlyArray<string | null>>>;

const first = (v: FilterQuery[string]): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
};

/** Reads the filters from a query; unknown keys are ignored and an unknown timeliness is dropped. */
export function filtersFromQuery(query: FilterQuery): BoardFilters {
  const raw = first(query.time);
  const time = Object.hasOwn(LEGACY_TIME, raw) ? LEGACY_TIME[raw]! : raw;
  const status = first(query.status);
  const due = first(query.due);
  return {
    track: first(query.track),
    lead: first(query.lead),
    time: (CHIP_KINDS as readonly string[]).includes(time) ? (time as ChipKind) : '',
    fail: first(query.fail),
    q: first(query.q),
    status: (STATUS_CATEGORIES as readonly string[]).includes(status) ? (status as StatusCategory) : '',
    // Days ahead, 1 to a year; anything else is dropped rather than read as "every task".
    due: /^\d{1,3}$/.test(due) && Number(due) >= 1 && Number(due) <= 366 ? String(Number(due)) : '',
  };
}

/** Only set filters go into the URL, so an unfiltered board has a clean link. */
export function filtersToQuery(f: BoardFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = f[key].trim();
    if (value) out[key] = key === 'q' ? f.q : value;
  }
  return out;
}

export const isFiltering = (f: BoardFilters): boolean => Object.keys(filtersToQuery(f)).length > 0;

/** The same filters, field by field (a URL echo or a re-render hands over equal copies). */
export const sameFilters = (a: BoardFilters, b: BoardFilters): boolean => FILTER_KEYS.every((key) => a[key] === b[key]);

/**
 * When every task `next` keeps is also kept by `prev` (each keystroke that extends a search), what a
 * task `prev` kept must still pass to be kept by `next`; null when `next` does not narrow `prev`.
 * `next` narrows `prev` when each other filter is the same or newly set, and each word of `prev`'s query
 * has a word of `next`'s that begins with it: a query word that matches, by prefix or by abbreviation,
 * still matches with its last letters cut off. What is left to check is each filter newly set and each
 * query word `prev` did not have, so "so k" to "so kh" looks at "kh" alone over what "so k" kept.
 */
export function narrowing(prev: BoardFilters, next: BoardFilters): BoardFilters | null {
  for (const key of FILTER_KEYS) if (key !== 'q' && prev[key] !== '' && prev[key] !== next[key]) return null;
  const before = prepareQuery(prev.q);
  const after = prepareQuery(next.q);
  if (!before.every((word) => after.some((w) => w.startsWith(word)))) return null;
  const rest: BoardFilters = { ...next, q: after.filter((w) => !before.includes(w)).join(' ') };
  for (const key of FILTER_KEYS) if (key !== 'q' && prev[key] === next[key]) rest[key] = '';
  return rest;
}

/** What the predicate reads of a task; the web app's task views carry these lazily. */
export interface FilterSubject {
  readonly task: Pick<Task, 'track' | 'leads' | 'column'>;
  readonly chip: ChipKind;
  /** The report bucket the task is counted in: a recurring task's chip may say "Quá hạn" for its period while reports keep it apart. */
  readonly category: StatusCategory;
  /** Days from today to the due date in force (negative once late); absent for undated tasks. */
  readonly daysLeft?: number | undefined;
  readonly failed: ReadonlyArray<{ readonly id: string }>;
  readonly haystack: PreparedHaystack;
}

/** One predicate for the filters, or null when nothing filters (so callers can skip the pass). */
export function makePredicate(f: BoardFilters): ((v: FilterSubject) => boolean) | null {
  if (!isFiltering(f)) return null;
  const terms = prepareQuery(f.q);
  const within = f.due ? Number(f.due) : -1;
  return (v) =>
    (!f.track || v.task.track === f.track) &&
    (!f.lead || v.task.leads.includes(f.lead)) &&
    (!f.time || v.chip === f.time) &&
    (!f.status || v.category === f.status) &&
    // Due within N days: open, not late, and dated no later than N days ahead (the due day itself counts;
    // for a recurring task, its owed period report's due day).
    (within < 0 || (v.task.column !== 'done' && v.daysLeft !== undefined && v.daysLeft >= 0 && v.daysLeft <= within && v.chip !== 'late')) &&
    (!f.fail || v.failed.some((c) => c.id === f.fail)) &&
    (terms.length === 0 || matchesQuery(v.haystack, terms));
}

/**
 * The tasks a filter keeps, in the order given: the server's side of what the board shows. The chip
 * and the search words are derived exactly as the web app derives them, so both keep the same tasks.
 */
export function filterTasks<T extends BoardCard>(
  tasks: readonly T[],
  filters: BoardFilters,
  context: { today: string; failed?: (task: T) => ReadonlyArray<{ readonly id: string }>; status?: ClassifyOptions },
): T[] {
  const pred = makePredicate(filters);
  if (!pred) return [...tasks];
  const none: ReadonlyArray<{ id: string }> = [];
  return tasks.filter((task) => {
    let haystack: PreparedHaystack | undefined;
    const chip = timelinessChip(task, context.today, context.status);
    return pred({
      task,
      chip: chip.kind,
      category: chip.status.category,
      daysLeft: chip.status.daysLeft,
      failed: context.failed?.(task) ?? none,
      // Folding is the costly part: only a text filter reads it.
      get haystack() {
        return (haystack ??= prepareHaystack(taskSearchText(task)));
      },
    });
  });
}
