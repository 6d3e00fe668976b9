// Tests of the pure reducer: moves and their rank maths, edits, imports, failures that leave state untouched.
import { describe, expect, it } from 'vitest';
import type { Board, Task } from './model.ts';
import { blankBoard } from './factories.ts';
import {
  MIN_RANK_GAP,
  Operation,
  RANK_STEP,
  applyOperation,
  cellTasks,
  emptyState,
  rankAfter,
  sortTasksForDisplay,
  taskFromDraft,
  type BoardState,
} from './operations.ts';

const AT = '2025-11-20T03:00:00.000Z';

function board(id = 'b1'): Board {
  return blankBoard({ id, title: 'Kế hoạch thử', origin: 'test', tracks: [{ id: 'khcn-cds', label: 'KHCN/CĐS' }, { id: 'cchc', label: 'CCHC' }], createdAt: AT });
}

function task(id: string, rank: number, over: Partial<Task> = {}): Task {
  return {
    ...taskFromDraft(
      { track: 'khcn-cds', content: `Nhiệm vụ ${id}`, leads: ['Sở Khoa học và Công nghệ'], partners: [], deadline: { raw: 'Quý IV/2025', kind: 'quarter', due: '2025-12-31', flags: [] } },
      { id, boardId: 'b1', rank, at: AT },
    ),
    ...over,
  };
}

function seeded(tasks: Task[] = [task('a', 1024), task('b', 2048), task('c', 3072)]): BoardState {
  const s = emptyState();
  const r = applyOperation(s, { type: 'board.create', board: board(), tasks });
  expect(r.ok).toBe(true);
  return s;
}

const move = (taskId: string, over: Partial<Extract<Operation, { type: 'task.move' }>> = {}): Operation => ({
  type: 'task.move',
  boardId: 'b1',
  taskId,
  expectedVersion: 1,
  track: 'khcn-cds',
  column: 'todo',
  afterId: null,
  at: AT,
  ...over,
});

const order = (s: BoardState, column: Task['column'] = 'todo', track = 'khcn-cds') => cellTasks(Object.values(s.tasks.b1!), track, column).map((t) => t.id);

describe('board.create', () => {
  it('stores the board and its tasks, and refuses a second board with the same id', () => {
    const s = seeded();
    expect(Object.keys(s.tasks.b1!)).toEqual(['a', 'b', 'c']);
    const again = applyOperation(s, { type: 'board.create', board: board(), tasks: [] });
    expect(again).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'board.id' } });
  });

  it('refuses duplicate task ids and tasks of another board', () => {
    const s = emptyState();
    expect(applyOperation(s, { type: 'board.create', board: board(), tasks: [task('a', 1), task('a', 2)] })).toMatchObject({ ok: false, failure: { field: 'tasks.1.id' } });
    expect(applyOperation(s, { type: 'board.create', board: board(), tasks: [task('a', 1, { boardId: 'x' })] })).toMatchObject({ ok: false, failure: { field: 'tasks.0.boardId' } });
    expect(s.boards).toEqual({});
  });
});

describe('task.move', () => {
  it('places a card first, between two cards, and last, bumping versions and the board revision', () => {
    const s = seeded();
    let r = applyOperation(s, move('c'));
    expect(r.ok && r.change.tasks[0]).toMatchObject({ id: 'c', version: 2, rank: 1024 - RANK_STEP });
    expect(order(s)).toEqual(['c', 'a', 'b']);
    r = applyOperation(s, move('c', { expectedVersion: 2, afterId: 'a' }));
    expect(r.ok && r.change.tasks[0]!.rank).toBe(1536);
    expect(order(s)).toEqual(['a', 'c', 'b']);
    applyOperation(s, move('a', { afterId: 'b' }));
    expect(order(s)).toEqual(['c', 'b', 'a']);
    expect(s.boards.b1!.revision).toBe(3);
  });

  it('moves into an empty cell of another track and column', () => {
    const s = seeded();
    const r = applyOperation(s, move('b', { track: 'cchc', column: 'doing' }));
    expect(r.ok && r.change.tasks[0]).toMatchObject({ track: 'cchc', column: 'doing', rank: RANK_STEP });
    expect(order(s, 'doing', 'cchc')).toEqual(['b']);
    expect(order(s)).toEqual(['a', 'c']);
  });

  it('sets completedAt (today in Vietnam at the move) entering done, keeps it within done, clears it leaving', () => {
    const s = seeded();
    // 20:00 UTC on 31/12 is already 1/1 in Vietnam.
    applyOperation(s, move('a', { column: 'done', at: '2025-12-31T20:00:00.000Z' }));
    expect(s.tasks.b1!.a!.completedAt).toBe('2026-01-01');
    applyOperation(s, move('a', { column: 'done', expectedVersion: 2, at: '2026-02-01T00:00:00.000Z' }));
    expect(s.tasks.b1!.a!.completedAt).toBe('2026-01-01');
    applyOperation(s, move('a', { column: 'review', expectedVersion: 3 }));
    expect(s.tasks.b1!.a).not.toHaveProperty('completedAt');
    applyOperation(s, move('a', { column: 'done', expectedVersion: 4, today: '2025-11-30' }));
    expect(s.tasks.b1!.a!.completedAt).toBe('2025-11-30');
  });

  it('renumbers the cell when neighbours get too close, keeping the order', () => {
    const s = seeded([task('a', 1), task('b', 1 + MIN_RANK_GAP), task('c', 5)]);
    const r = applyOperation(s, move('c', { afterId: 'a' }));
    expect(r.ok).toBe(true);
    expect(order(s)).toEqual(['a', 'c', 'b']);
    expect(Object.values(s.tasks.b1!).map((t) => t.rank).sort((x, y) => x - y)).toEqual([RANK_STEP, 2 * RANK_STEP, 3 * RANK_STEP]);
    // Renumbered neighbours are reported but keep their version.
    expect(r.ok && r.change.tasks.map((t) => [t.id, t.version])).toEqual([['c', 2], ['a', 1], ['b', 1]]);
  });

  it('survives many moves into the same slot without losing order', () => {
    const s = seeded();
    const versions = new Map([['a', 1], ['b', 1], ['c', 1]]);
    // Alternately drop b and c between a and the other: halves the gap each time.
    for (let i = 0; i < 80; i++) {
      const id = i % 2 ? 'b' : 'c';
      const r = applyOperation(s, move(id, { afterId: 'a', expectedVersion: versions.get(id)! }));
      expect(r.ok).toBe(true);
      versions.set(id, versions.get(id)! + 1);
      expect(order(s)[0]).toBe('a');
      expect(order(s)[1]).toBe(id);
    }
  });

  it('40 drops into the same gap: every task whose rank changed is in the change, as a new object', () => {
    // Callers (the move answer's `ranks`, the payload cache keyed by task object) learn of renumbered
    // neighbours only through `change.tasks`, since their versions stay.
    const pool = Array.from({ length: 40 }, (_, i) => task(`p${i}`, RANK_STEP * (i + 1), { track: 'cchc' }));
    const s = seeded([task('a', 1024), task('z', 2048), ...pool]);
    let renumbers = 0;
    for (const p of pool) {
      const before = { ...s.tasks.b1! };
      const r = applyOperation(s, move(p.id, { afterId: 'a' }));
      if (!r.ok) throw new Error(r.failure.messageEn);
      const written = new Set(r.change.tasks.map((t) => t.id));
      for (const [id, t] of Object.entries(s.tasks.b1!)) {
        const old = before[id]!;
        if (old.rank !== t.rank || old.track !== t.track) expect(written.has(id)).toBe(true);
        // Unchanged tasks are the same object; written ones are new (never mutated in place).
        expect(t === old).toBe(!written.has(id));
      }
      if (r.change.tasks.length > 1) renumbers++;
    }
    expect(renumbers).toBeGreaterThan(0);
    expect(order(s)).toEqual(['a', ...pool.map((p) => p.id).reverse(), 'z']);
  });

  it('fails without touching state: stale version, unknown board/task/track, bad afterId', () => {
    const s = seeded();
    const before = JSON.stringify(s);
    expect(applyOperation(s, move('a', { expectedVersion: 7 }))).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 'a', version: 1 } } });
    expect(applyOperation(s, move('zz'))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'task', id: 'zz' } });
    expect(applyOperation(s, move('a', { boardId: 'nope' }))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'board' } });
    expect(applyOperation(s, move('a', { track: 'de-an-06' }))).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'track' } });
    expect(applyOperation(s, move('a', { afterId: 'a' }))).toMatchObject({ ok: false, failure: { field: 'afterId' } });
    expect(applyOperation(s, move('a', { afterId: 'b', column: 'doing' }))).toMatchObject({ ok: false, failure: { field: 'afterId' } });
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('task.update', () => {
  it('patches fields, bumps version and revision, and refuses stale versions', () => {
    const s = seeded();
    const r = applyOperation(s, { type: 'task.update', boardId: 'b1', taskId: 'b', expectedVersion: 1, patch: { owner: 'Nguyễn Văn A', progress: 40 }, at: AT });
    expect(r.ok && r.change.tasks[0]).toMatchObject({ owner: 'Nguyễn Văn A', progress: 40, version: 2, content: 'Nhiệm vụ b' });
    expect(s.boards.b1!.revision).toBe(1);
    const stale = applyOperation(s, { type: 'task.update', boardId: 'b1', taskId: 'b', expectedVersion: 1, patch: { owner: 'X' }, at: AT });
    expect(stale).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { owner: 'Nguyễn Văn A', version: 2 } } });
  });

  it('cannot move a task or change its version through a patch (schema is strict)', () => {
    const parsed = Operation.safeParse({ type: 'task.update', boardId: 'b1', taskId: 'a', expectedVersion: 1, patch: { column: 'done' }, at: AT });
    expect(parsed.success).toBe(false);
  });
});

describe('tasks.import', () => {
  it('appends tasks at the end of their cells in the given order', () => {
    const s = seeded();
    const r = applyOperation(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('d', 0), task('e', 0), task('f', 0, { track: 'cchc' })], at: AT });
    expect(r.ok).toBe(true);
    expect(order(s)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order(s, 'todo', 'cchc')).toEqual(['f']);
  });

  it('refuses duplicates and unknown tracks', () => {
    const s = seeded();
    expect(applyOperation(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('a', 0)], at: AT })).toMatchObject({ ok: false, failure: { field: 'tasks.0.id' } });
    expect(applyOperation(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('x', 0, { track: 'de-an-06' })], at: AT })).toMatchObject({ ok: false, failure: { field: 'tasks.0.track' } });
    expect(applyOperation(s, { type: 'tasks.import', boardId: 'zz', tasks: [], at: AT })).toMatchObject({ ok: false, failure: { kind: 'not-found' } });
  });
});

describe('helpers', () => {
  it('rankAfter returns undefined for an afterId outside the cell', () => {
    expect(rankAfter([task('a', 1)], 'x')).toBeUndefined();
    expect(rankAfter([], null)).toEqual({ rank: RANK_STEP });
  });

  it('sortTasksForDisplay orders by board track order, column order, then rank', () => {
    const tasks = [task('x', 5, { track: 'cchc' }), task('y', 9, { column: 'done' }), task('z', 1, { column: 'done' }), task('w', 7)];
    expect(sortTasksForDisplay(tasks, board()).map((t) => t.id)).toEqual(['w', 'z', 'y', 'x']);
  });
});
