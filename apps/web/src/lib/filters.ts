// Board filters as plain data: parsed from and written to the URL query, and turned into
// one predicate over task views (folding of the search text happens once, not per task).
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { matchesQuery, prepareQuery } from '@dondoc/shared/fold';
import { CHIP_KINDS, type ChipKind, type TaskView } from './taskView.ts';

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
}

export const emptyFilters = (): BoardFilters => ({ track: '', lead: '', time: '', fail: '', q: '' });

const first = (v: LocationQuery[string] | undefined): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
};

export function filtersFromQuery(query: LocationQuery): BoardFilters {
  // Links written before finished tasks had their own chips said "soon" for "due-soon".
  const time = first(query.time) === 'soon' ? 'due-soon' : first(query.time);
  return {
    track: first(query.track),
    lead: first(query.lead),
    time: (CHIP_KINDS as readonly string[]).includes(time) ? (time as ChipKind) : '',
    fail: first(query.fail),
    q: first(query.q),
  };
}

/** Only set filters go into the URL, so an unfiltered board has a clean link. */
export function filtersToQuery(f: BoardFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of ['track', 'lead', 'time', 'fail', 'q'] as const) {
    const value = f[key].trim();
    if (value) out[key] = key === 'q' ? f.q : value;
  }
  return out;
}

export const isFiltering = (f: BoardFilters): boolean => Object.values(filtersToQuery(f)).length > 0;

export function makePredicate(f: BoardFilters): ((v: TaskView) => boolean) | null {
  if (!isFiltering(f)) return null;
  const terms = prepareQuery(f.q);
  return (v) =>
    (!f.track || v.task.track === f.track) &&
    (!f.lead || v.task.leads.includes(f.lead)) &&
    (!f.time || v.chip === f.time) &&
    (!f.fail || v.failed.some((c) => c.id === f.fail)) &&
    (terms.length === 0 || matchesQuery(v.haystack, terms));
}
