// The board's cells as the filters show them, recomputed incrementally: a keystroke that extends
// the search filters what the last one kept (not the whole board), a move re-filters only the cells
// it touched, and a cell whose shown cards did not change keeps its array, so it does not re-render.
import { makePredicate, narrowing, sameFilters, type BoardFilters } from '@dondoc/shared/filters';
import type { TaskView } from './taskView.ts';

export type Cells = ReadonlyMap<string, readonly TaskView[]>;

interface Last {
  source: Cells;
  filters: BoardFilters;
  shown: Cells;
}

const sameList = (a: readonly TaskView[], b: readonly TaskView[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** A filter over a board's cells that remembers its last answer; one per board view. */
export function createCellFilter(): (source: Cells, filters: BoardFilters, predicate: ((v: TaskView) => boolean) | null) => Cells {
  let last: Last | null = null;
  return (source, filters, predicate) => {
    if (!predicate) {
      last = { source, filters, shown: source };
      return source;
    }
    const prev = last;
    const same = prev !== null && sameFilters(prev.filters, filters);
    // A narrower filter looks at what the last one kept, and only for what it adds (a keystroke's new word).
    const rest = prev !== null && !same ? narrowing(prev.filters, filters) : null;
    const restPredicate = rest ? makePredicate(rest) : null;
    const shown = new Map<string, readonly TaskView[]>();
    let unchanged = prev !== null && prev.source.size === source.size;
    for (const [key, list] of source) {
      // What this cell showed last time, if the cell itself has not changed since.
      const before = prev && prev.source.get(key) === list ? prev.shown.get(key) : undefined;
      let kept: readonly TaskView[];
      if (before && same) kept = before;
      else if (before && rest) {
        const narrowed = restPredicate ? before.filter(restPredicate) : before;
        kept = narrowed.length === before.length ? before : narrowed;
      } else {
        const fresh = list.filter(predicate);
        const was = prev?.shown.get(key);
        kept = was && sameList(was, fresh) ? was : fresh;
      }
      if (kept !== prev?.shown.get(key)) unchanged = false;
      shown.set(key, kept);
    }
    const result = unchanged && prev ? prev.shown : shown;
    last = { source, filters, shown: result };
    return result;
  };
}
