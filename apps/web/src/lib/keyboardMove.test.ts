// The keyboard scheme: which place each arrow key gives a picked-up card.
import { describe, expect, it } from 'vitest';
import type { ColumnId } from '@dondoc/shared/model';
import { moveKeyOf, nextPlace } from './keyboardMove.ts';
import { buildTaskView, type TaskView } from './taskView.ts';
import { makeTask } from '../testing/factory.ts';

const v = (id: string, track: string, column: ColumnId): TaskView => buildTaskView(makeTask({ id, track, column }), [], '2025-11-20');
const cells = new Map<string, TaskView[]>([
  ['cchc|todo', [v('a', 'cchc', 'todo'), v('b', 'cchc', 'todo'), v('c', 'cchc', 'todo')]],
  ['cchc|doing', [v('x', 'cchc', 'doing')]],
  ['khcn-cds|todo', [v('k', 'khcn-cds', 'todo')]],
]);
const shown = (track: string, column: ColumnId) => cells.get(`${track}|${column}`) ?? [];
const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
const at = { track: 'cchc', column: 'todo' as ColumnId };

describe('keyboard moves', () => {
  it('maps keys: arrows, Shift+arrows for tracks, others ignored', () => {
    expect(moveKeyOf({ key: 'ArrowUp', shiftKey: false })).toBe('up');
    expect(moveKeyOf({ key: 'ArrowDown', shiftKey: true })).toBe('lane-down');
    expect(moveKeyOf({ key: 'ArrowLeft', shiftKey: false })).toBe('left');
    expect(moveKeyOf({ key: 'a', shiftKey: false })).toBeNull();
  });

  it('moves up and down within the cell, stopping at the ends', () => {
    expect(nextPlace('up', 'b', at, tracks, shown)).toEqual({ ...at, afterId: null });
    expect(nextPlace('down', 'b', at, tracks, shown)).toEqual({ ...at, afterId: 'c' });
    expect(nextPlace('up', 'a', at, tracks, shown)).toBeNull();
    expect(nextPlace('down', 'c', at, tracks, shown)).toBeNull();
  });

  it('changes column at the same height, clamped to the target cell', () => {
    expect(nextPlace('right', 'a', at, tracks, shown)).toEqual({ track: 'cchc', column: 'doing', afterId: null });
    expect(nextPlace('right', 'c', at, tracks, shown)).toEqual({ track: 'cchc', column: 'doing', afterId: 'x' });
    expect(nextPlace('left', 'a', at, tracks, shown)).toBeNull();
  });

  it('changes track with Shift, into empty cells too', () => {
    expect(nextPlace('lane-down', 'b', at, tracks, shown)).toEqual({ track: 'khcn-cds', column: 'todo', afterId: 'k' });
    expect(nextPlace('lane-up', 'b', at, tracks, shown)).toEqual({ track: 'de-an-06', column: 'todo', afterId: null });
    expect(nextPlace('lane-down', 'k', { track: 'khcn-cds', column: 'todo' }, tracks, shown)).toBeNull();
  });
});
