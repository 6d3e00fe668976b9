// The incremental cell filter against the plain one: over generated boards, typing sessions, filter
// changes and moves it shows exactly what filtering every cell from scratch shows, and it hands back
// the same arrays (and the same map) where nothing changed, which is what spares the re-render.
import { describe, expect, it } from 'vitest';
import { emptyFilters, makePredicate, type BoardFilters } from '@dondoc/shared/filters';
import type { ColumnId } from '@dondoc/shared/model';
import { makeTask } from '../testing/factory.ts';
import { buildTaskView, type TaskView } from './taskView.ts';
import { createCellFilter, type Cells } from './shownCells.ts';
import { prng } from '@dondoc/shared/testing/prng';

const today = '2025-11-20';
const TRACKS = ['de-an-06', 'cchc', 'khcn-cds'];
const COLUMNS: ColumnId[] = ['todo', 'doing', 'review', 'done'];
const WORDS = ['Sở', 'Khoa', 'học', 'và', 'Công', 'nghệ', 'KH&CN', 'số', 'hóa', 'hồ', 'sơ', 'Đề', 'án', 'VNeID', 'UBND', 'tỉnh', 'chuyển', 'đổi', 'dữ', 'liệu'];

const rand = prng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

function board(n: number): Map<string, readonly TaskView[]> {
  const cells = new Map<string, TaskView[]>();
  for (let i = 0; i < n; i++) {
    const task = makeTask({ id: `t${i}`, track: pick(TRACKS), column: pick(COLUMNS), rank: i, content: phrase(6), leads: [phrase(2)], leadsText: '' });
    const key = `${task.track}|${task.column}`;
    cells.set(key, [...(cells.get(key) ?? []), buildTaskView(task, undefined, today)]);
  }
  return cells;
}

const plain = (source: Cells, f: BoardFilters): Cells => {
  const pred = makePredicate(f);
  return pred ? new Map([...source].map(([k, list]) => [k, list.filter(pred)])) : source;
};
const ids = (cells: Cells) => Object.fromEntries([...cells].map(([k, list]) => [k, list.map((v) => v.task.id)]));

describe('createCellFilter', () => {
  it('shows what filtering from scratch shows, over generated typing, backspaces, filter changes and moves', () => {
    let source: Map<string, readonly TaskView[]> = board(600);
    const filter = createCellFilter();
    let f = emptyFilters();
    for (let step = 0; step < 400; step++) {
      const r = rand();
      if (r < 0.55) f = { ...f, q: f.q + (rand() < 0.2 ? ' ' : pick(WORDS)[0]!.toLowerCase()) };
      else if (r < 0.7) f = { ...f, q: f.q.slice(0, -1 - Math.floor(rand() * 3)) };
      else if (r < 0.75) f = { ...f, q: '' };
      else if (r < 0.82) f = { ...f, track: f.track ? '' : pick(TRACKS) };
      else if (r < 0.88) f = { ...f, time: f.time ? '' : 'late' };
      else {
        // A move: one task leaves its cell for another; only those two cells get new arrays.
        const keys = [...source.keys()];
        const from = pick(keys);
        const to = pick(keys);
        const list = source.get(from)!;
        if (list.length === 0 || from === to) continue;
        const moved = list[0]!;
        source = new Map(source);
        source.set(from, list.slice(1));
        source.set(to, [...source.get(to)!, moved]);
      }
      const pred = makePredicate(f);
      expect(ids(filter(source, f, pred)), `${JSON.stringify(f)} at step ${step}`).toEqual(ids(plain(source, f)));
    }
  });

  it('hands back the same map when the shown cards did not change, and the same array for each unchanged cell', () => {
    const source = board(300);
    const filter = createCellFilter();
    const f = (q: string): BoardFilters => ({ ...emptyFilters(), q });
    const a = filter(source, f('so'), makePredicate(f('so')));
    // A trailing space folds to the same query: nothing re-filters, nothing re-renders.
    expect(filter(source, f('so '), makePredicate(f('so ')))).toBe(a);
    const b = filter(source, f('so khcnzz'), makePredicate(f('so khcnzz')));
    expect([...b.values()].every((list) => list.length === 0)).toBe(true);
    // A move touches two cells; the others keep their arrays.
    const keys = [...source.keys()];
    const moved = new Map(source);
    moved.set(keys[0]!, source.get(keys[0]!)!.slice(1));
    moved.set(keys[1]!, [...source.get(keys[1]!)!, source.get(keys[0]!)![0]!]);
    const c = filter(moved, f('so khcnzz'), makePredicate(f('so khcnzz')));
    expect(c).toBe(b);
    const d = filter(moved, f('so'), makePredicate(f('so')));
    const back = new Map(moved);
    back.set(keys[0]!, source.get(keys[0]!)!);
    back.set(keys[1]!, source.get(keys[1]!)!);
    const e = filter(back, f('so'), makePredicate(f('so')));
    expect(e).not.toBe(d);
    for (const key of keys.slice(2)) expect(e.get(key)).toBe(d.get(key));
  });
});
