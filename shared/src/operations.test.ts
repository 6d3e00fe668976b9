// Tests of the pure reducer: moves and their rank maths, edits, imports, task work, users, and
// failures that leave state untouched. State is a BoardIndex; each write applies the planned effects.
import { describe, expect, it } from 'vitest';
import type { Board, Task } from './model.ts';
import { blankBoard } from './factories.ts';
import { BoardIndex } from './board-index.ts';
import { effectsOf, recordOf } from './changes.ts';
import { MIN_RANK_GAP, RANK_STEP, rankAfter } from './ranks.ts';
import {
  planOperation,
  sortTasksForDisplay,
  systemActor,
  taskFromDraft,
  type Operation,
  type OperationResult,
} from './operations.ts';

const AT = '2025-11-20T03:00:00.000Z';
const actor = systemActor('test');
const env = { actor, via: 'test', at: AT };

function board(id = 'b1', over: Partial<Board> = {}): Board {
  return blankBoard({ id, title: 'Kế hoạch thử', origin: 'test', tracks: [{ id: 'khcn-cds', label: 'KHCN/CĐS' }, { id: 'cchc', label: 'CCHC' }], createdAt: AT, ...over });
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

/** Plans `op` and, when it succeeds, applies its effects: the reducer as a store uses it. */
function apply(s: BoardIndex, op: Operation): OperationResult {
  const r = planOperation(s, op);
  if (r.ok) s.apply(r.effects);
  return r;
}

function seeded(tasks: Task[] = [task('a', 1024), task('b', 2048), task('c', 3072)], b = board()): BoardIndex {
  const s = new BoardIndex();
  const r = apply(s, { type: 'board.create', board: b, tasks, ...env });
  if (!r.ok) throw new Error(r.failure.messageEn);
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
  ...env,
  ...over,
});

const order = (s: BoardIndex, column: Task['column'] = 'todo', track = 'khcn-cds') => s.cell('b1', track, column).map((t) => t.id);
const primary = (r: OperationResult) => (r.ok ? r.effects.tasks[0]!.after! : undefined);
const snapshot = (s: BoardIndex) => JSON.stringify({ boards: [...s.boards], tasks: [...s.tasks].map(([b, m]) => [b, [...m]]), trash: [...s.trash].map(([b, m]) => [b, [...m]]), users: [...s.users] });

describe('board.create', () => {
  it('stores the board and its tasks, and refuses a second board with the same id', () => {
    const s = seeded();
    expect([...s.tasks.get('b1')!.keys()]).toEqual(['a', 'b', 'c']);
    const again = apply(s, { type: 'board.create', board: board(), tasks: [], ...env });
    expect(again).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'board.id' } });
  });

  it('refuses duplicate task ids and tasks of another board', () => {
    const s = new BoardIndex();
    expect(apply(s, { type: 'board.create', board: board(), tasks: [task('a', 1), task('a', 2)], ...env })).toMatchObject({ ok: false, failure: { field: 'tasks.1.id' } });
    expect(apply(s, { type: 'board.create', board: board(), tasks: [task('a', 1, { boardId: 'x' })], ...env })).toMatchObject({ ok: false, failure: { field: 'tasks.0.boardId' } });
    expect(s.boards.size).toBe(0);
  });
});

describe('task.move', () => {
  it('places a card first, between two cards, and last, bumping versions and the board revision', () => {
    const s = seeded();
    let r = apply(s, move('c'));
    expect(primary(r)).toMatchObject({ id: 'c', version: 2, rank: 1024 - RANK_STEP });
    expect(order(s)).toEqual(['c', 'a', 'b']);
    r = apply(s, move('c', { expectedVersion: 2, afterId: 'a' }));
    expect(primary(r)!.rank).toBe(1536);
    expect(order(s)).toEqual(['a', 'c', 'b']);
    apply(s, move('a', { afterId: 'b' }));
    expect(order(s)).toEqual(['c', 'b', 'a']);
    expect(s.board('b1')!.revision).toBe(3);
  });

  it('moves into an empty cell of another track and column', () => {
    const s = seeded();
    const r = apply(s, move('b', { track: 'cchc', column: 'doing' }));
    expect(primary(r)).toMatchObject({ track: 'cchc', column: 'doing', rank: RANK_STEP });
    expect(order(s, 'doing', 'cchc')).toEqual(['b']);
    expect(order(s)).toEqual(['a', 'c']);
  });

  it('sets completedAt (today in Vietnam at the move) entering done, keeps it within done, clears it leaving', () => {
    const s = seeded();
    // 20:00 UTC on 31/12 is already 1/1 in Vietnam.
    apply(s, move('a', { column: 'done', at: '2025-12-31T20:00:00.000Z' }));
    expect(s.task('b1', 'a')!.completedAt).toBe('2026-01-01');
    apply(s, move('a', { column: 'done', expectedVersion: 2, at: '2026-02-01T00:00:00.000Z' }));
    expect(s.task('b1', 'a')!.completedAt).toBe('2026-01-01');
    apply(s, move('a', { column: 'doing', expectedVersion: 3 }));
    expect(s.task('b1', 'a')).not.toHaveProperty('completedAt');
    apply(s, move('a', { column: 'done', expectedVersion: 4, today: '2025-11-30' }));
    expect(s.task('b1', 'a')!.completedAt).toBe('2025-11-30');
  });

  it('renumbers the cell when neighbours get too close, keeping the order', () => {
    const s = seeded([task('a', 1), task('b', 1 + MIN_RANK_GAP), task('c', 5)]);
    const r = apply(s, move('c', { afterId: 'a' }));
    expect(r.ok).toBe(true);
    expect(order(s)).toEqual(['a', 'c', 'b']);
    expect([...s.tasks.get('b1')!.values()].map((t) => t.rank).sort((x, y) => x - y)).toEqual([RANK_STEP, 2 * RANK_STEP, 3 * RANK_STEP]);
    // Renumbered neighbours are reported but keep their version.
    expect(r.ok && r.effects.tasks.map((w) => [w.after!.id, w.after!.version])).toEqual([['c', 2], ['a', 1], ['b', 1]]);
  });

  it('survives many moves into the same slot without losing order', () => {
    const s = seeded();
    const versions = new Map([['a', 1], ['b', 1], ['c', 1]]);
    // Alternately drop b and c between a and the other: halves the gap each time.
    for (let i = 0; i < 80; i++) {
      const id = i % 2 ? 'b' : 'c';
      const r = apply(s, move(id, { afterId: 'a', expectedVersion: versions.get(id)! }));
      expect(r.ok).toBe(true);
      versions.set(id, versions.get(id)! + 1);
      expect(order(s)[0]).toBe('a');
      expect(order(s)[1]).toBe(id);
    }
  });

  it('40 drops into the same gap: every task whose rank changed is in the change, as a new object', () => {
    // Callers (the move answer's `ranks`, the payload cache keyed by task object) learn of renumbered
    // neighbours only through the effects, since their versions stay.
    const pool = Array.from({ length: 40 }, (_, i) => task(`p${i}`, RANK_STEP * (i + 1), { track: 'cchc' }));
    const s = seeded([task('a', 1024), task('z', 2048), ...pool]);
    let renumbers = 0;
    for (const p of pool) {
      const before = new Map(s.tasks.get('b1')!);
      const r = apply(s, move(p.id, { afterId: 'a' }));
      if (!r.ok) throw new Error(r.failure.messageEn);
      const written = new Set(r.effects.tasks.map((w) => w.after!.id));
      for (const [id, t] of s.tasks.get('b1')!) {
        const old = before.get(id)!;
        if (old.rank !== t.rank || old.track !== t.track) expect(written.has(id)).toBe(true);
        // Unchanged tasks are the same object; written ones are new (never mutated in place).
        expect(t === old).toBe(!written.has(id));
      }
      if (r.effects.tasks.length > 1) renumbers++;
    }
    expect(renumbers).toBeGreaterThan(0);
    expect(order(s)).toEqual(['a', ...pool.map((p) => p.id).reverse(), 'z']);
  });

  it('fails without touching state: stale version, unknown board/task/track, bad afterId', () => {
    const s = seeded();
    const before = snapshot(s);
    expect(apply(s, move('a', { expectedVersion: 7 }))).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 'a', version: 1 } } });
    expect(apply(s, move('zz'))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'task', id: 'zz' } });
    expect(apply(s, move('a', { boardId: 'nope' }))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'board' } });
    expect(apply(s, move('a', { track: 'de-an-06' }))).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'track' } });
    expect(apply(s, move('a', { afterId: 'a' }))).toMatchObject({ ok: false, failure: { field: 'afterId' } });
    expect(apply(s, move('a', { afterId: 'b', column: 'doing' }))).toMatchObject({ ok: false, failure: { field: 'afterId' } });
    expect(snapshot(s)).toBe(before);
  });
});

describe('task.update', () => {
  it('patches fields, bumps version and revision, and refuses stale versions', () => {
    const s = seeded();
    const r = apply(s, { type: 'task.update', boardId: 'b1', taskId: 'b', expectedVersion: 1, patch: { owner: 'Nguyễn Văn A', progress: 40 }, ...env });
    expect(primary(r)).toMatchObject({ owner: 'Nguyễn Văn A', progress: 40, version: 2, content: 'Nhiệm vụ b' });
    expect(s.board('b1')!.revision).toBe(1);
    const stale = apply(s, { type: 'task.update', boardId: 'b1', taskId: 'b', expectedVersion: 1, patch: { owner: 'X' }, ...env });
    expect(stale).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { owner: 'Nguyễn Văn A', version: 2 } } });
  });

  it('cannot move a task or change its version through a patch (the patch schema is strict)', async () => {
    const { TaskPatch } = await import('./operations.ts');
    expect(TaskPatch.safeParse({ column: 'done' }).success).toBe(false);
    expect(TaskPatch.safeParse({ version: 9 }).success).toBe(false);
    expect(TaskPatch.safeParse({ owner: 'Nguyễn Văn A' }).success).toBe(true);
  });
});

describe('tasks.import', () => {
  it('appends tasks at the end of their cells in the given order', () => {
    const s = seeded();
    const r = apply(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('d', 0), task('e', 0), task('f', 0, { track: 'cchc' })], ...env });
    expect(r.ok).toBe(true);
    expect(order(s)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order(s, 'todo', 'cchc')).toEqual(['f']);
  });

  it('refuses duplicates and unknown tracks', () => {
    const s = seeded();
    expect(apply(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('a', 0)], ...env })).toMatchObject({ ok: false, failure: { field: 'tasks.0.id' } });
    expect(apply(s, { type: 'tasks.import', boardId: 'b1', tasks: [task('x', 0, { track: 'de-an-06' })], ...env })).toMatchObject({ ok: false, failure: { field: 'tasks.0.track' } });
    expect(apply(s, { type: 'tasks.import', boardId: 'zz', tasks: [], ...env })).toMatchObject({ ok: false, failure: { kind: 'not-found' } });
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

describe('task work', () => {
  const op = <T extends Operation['type']>(type: T, over: Record<string, unknown>) => ({ type, boardId: 'b1', ...env, ...over }) as Extract<Operation, { type: T }>;
  const evidence = { id: 'e1', kind: 'link' as const, label: 'Quyết định 12/QĐ-UBND', url: 'https://example.vn/qd12', addedAt: AT };

  it('creates a task at the end of its cell or right after another, and refuses a duplicate id', () => {
    const s = seeded();
    expect(primary(apply(s, op('task.create', { task: task('d', 0) })))).toMatchObject({ id: 'd', rank: 3072 + RANK_STEP, version: 1 });
    apply(s, op('task.create', { task: task('e', 0), afterId: 'a' }));
    expect(order(s)).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(apply(s, op('task.create', { task: task('a', 0) }))).toMatchObject({ ok: false, failure: { field: 'task.id' } });
  });

  it('deletes to the trash and restores where it was; a restored id cannot be created again while trashed', () => {
    const s = seeded();
    expect(apply(s, op('task.delete', { taskId: 'b', expectedVersion: 1 })).ok).toBe(true);
    expect(order(s)).toEqual(['a', 'c']);
    expect(s.trashed('b1', 'b')).toMatchObject({ id: 'b' });
    expect(apply(s, op('task.create', { task: task('b', 0) }))).toMatchObject({ ok: false, failure: { field: 'task.id' } });
    expect(primary(apply(s, op('task.restore', { taskId: 'b' })))).toMatchObject({ id: 'b', version: 2, rank: 2048 });
    expect(order(s)).toEqual(['a', 'b', 'c']);
    expect(s.trashed('b1', 'b')).toBeUndefined();
  });

  it('needs evidence to enter "Chờ xác nhận" when the board says so; confirm and return work only from there', () => {
    const s = seeded();
    expect(apply(s, move('a', { column: 'review' }))).toMatchObject({ ok: false, failure: { field: 'column', message: expect.stringContaining('minh chứng') } });
    expect(apply(s, op('task.confirm', { taskId: 'a', expectedVersion: 1 }))).toMatchObject({ ok: false, failure: { field: 'column' } });
    apply(s, op('task.evidence.add', { taskId: 'a', evidence }));
    expect(apply(s, move('a', { column: 'review', expectedVersion: 2 })).ok).toBe(true);
    expect(apply(s, op('task.return', { taskId: 'a', expectedVersion: 3, reason: '  ' }))).toMatchObject({ ok: false, failure: { field: 'reason' } });
    const returned = primary(apply(s, op('task.return', { taskId: 'a', expectedVersion: 3, reason: 'Thiếu quyết định ban hành' })))!;
    expect(returned).toMatchObject({ column: 'doing', returned: { reason: 'Thiếu quyết định ban hành', by: { id: actor.id } } });
    // The unit acts (progress): the reason leaves the card.
    expect(primary(apply(s, op('task.update', { taskId: 'a', expectedVersion: 4, patch: { progress: 90 } })))).not.toHaveProperty('returned');
    apply(s, move('a', { column: 'review', expectedVersion: 5 }));
    const done = primary(apply(s, op('task.confirm', { taskId: 'a', expectedVersion: 6, today: '2025-12-20' })))!;
    expect(done).toMatchObject({ column: 'done', completedAt: '2025-12-20', progress: 100 });
    expect(order(s, 'done')).toEqual(['a']);
  });

  it('lets a board without the evidence rule send a task for confirmation as it is', () => {
    const s = seeded(undefined, board('b1', { settings: { ...board().settings, requireEvidence: false } }));
    expect(apply(s, move('a', { column: 'review' })).ok).toBe(true);
  });

  it('records an extension with the due date it replaced; a conclusion with a new date is an extension too', () => {
    const s = seeded();
    const x = primary(apply(s, op('task.extend', { taskId: 'a', expectedVersion: 1, extension: { id: 'x1', due: '2026-01-31', reason: 'Chờ hướng dẫn của Bộ', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: AT } })))!;
    expect(x.extensions).toEqual([expect.objectContaining({ id: 'x1', previousDue: '2025-12-31', due: '2026-01-31' })]);
    expect(x.deadline.due).toBe('2025-12-31');
    const k = primary(
      apply(s, op('task.conclude', { taskId: 'a', conclusion: { id: 'k1', text: 'Gia hạn đến 28/2', followUp: 'Sở KH&CN', at: AT, newDue: '2026-02-28' }, extension: { id: 'x2', due: '2026-02-28', reason: 'Kết luận họp', approvedBy: 'Chủ tịch', conclusionId: 'k1', at: AT } })),
    )!;
    expect(k.conclusions.map((c) => c.id)).toEqual(['k1']);
    expect(k.extensions.at(-1)).toMatchObject({ previousDue: '2026-01-31', due: '2026-02-28', conclusionId: 'k1' });
  });

  it('keeps one report per period, replacing a period reported again', () => {
    const s = seeded();
    apply(s, op('task.reportPeriod', { taskId: 'a', report: { period: '2025-12', done: false, note: 'Đang tổng hợp', at: AT } }));
    apply(s, op('task.reportPeriod', { taskId: 'a', report: { period: '2025-11', done: true, note: 'Đã báo cáo', at: AT } }));
    const t = primary(apply(s, op('task.reportPeriod', { taskId: 'a', report: { period: '2025-12', done: true, note: 'Đã gửi', at: AT } })))!;
    expect(t.periodReports.map((r) => [r.period, r.done, r.note])).toEqual([
      ['2025-11', true, 'Đã báo cáo'],
      ['2025-12', true, 'Đã gửi'],
    ]);
  });

  it('edits many tasks in one operation, all or nothing', () => {
    const s = seeded();
    const before = snapshot(s);
    const stale = apply(s, op('tasks.bulkUpdate', { items: [{ taskId: 'a', expectedVersion: 1, patch: { owner: 'An' } }, { taskId: 'b', expectedVersion: 9, patch: { owner: 'An' } }] }));
    expect(stale).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 'b' } } });
    expect(snapshot(s)).toBe(before);
    const r = apply(s, op('tasks.bulkUpdate', { items: [{ taskId: 'a', expectedVersion: 1, patch: { owner: 'An' } }, { taskId: 'b', expectedVersion: 1, patch: { owner: 'An' } }] }));
    expect(r.ok && r.effects.tasks.map((w) => [w.after!.id, w.after!.owner, w.after!.version])).toEqual([
      ['a', 'An', 2],
      ['b', 'An', 2],
    ]);
    expect(s.board('b1')!.revision).toBe(1);
  });

  it('refuses every write to an archived board but its unarchiving', () => {
    const s = seeded();
    apply(s, op('board.update', { patch: { archived: true } }));
    const before = snapshot(s);
    expect(apply(s, move('a', { column: 'doing' }))).toMatchObject({ ok: false, failure: { field: 'boardId', message: expect.stringContaining('lưu trữ') } });
    expect(apply(s, op('board.update', { patch: { settings: { soonDays: 3 } } }))).toMatchObject({ ok: false });
    expect(snapshot(s)).toBe(before);
    expect(apply(s, op('board.update', { patch: { archived: false } })).ok).toBe(true);
    expect(apply(s, move('a', { column: 'doing' })).ok).toBe(true);
  });

  it('merges board settings field by field', () => {
    const s = seeded();
    apply(s, op('board.update', { patch: { settings: { place: 'Lào Cai', soonDays: 3 } } }));
    expect(s.board('b1')!.settings).toMatchObject({ place: 'Lào Cai', soonDays: 3, requireEvidence: true });
  });
});

describe('change records', () => {
  it('record what each operation wrote and replay to the same state on another index', () => {
    const live = seeded();
    const replica = seeded();
    const ops: Operation[] = [
      move('c'),
      move('a', { column: 'done', today: '2025-12-01' }),
      { type: 'task.update', boardId: 'b1', taskId: 'b', expectedVersion: 1, patch: { owner: 'Bình', deadline: { raw: 'Tháng 1/2026', kind: 'month', due: '2026-01-31', flags: [] } }, ...env },
      { type: 'task.delete', boardId: 'b1', taskId: 'c', expectedVersion: 2, ...env },
      { type: 'board.update', boardId: 'b1', patch: { title: 'Tên mới' }, ...env },
    ];
    ops.forEach((o, i) => {
      const r = apply(live, o);
      if (!r.ok) throw new Error(r.failure.messageEn);
      const record = JSON.parse(JSON.stringify(recordOf(i + 2, o, r.effects)));
      replica.apply(effectsOf(record, replica));
    });
    expect(snapshot(replica)).toBe(snapshot(live));
    expect(live.task('b1', 'a')).toMatchObject({ column: 'done', completedAt: '2025-12-01' });
  });

  it('name each changed field once, before → after, and a field that went away by its before only', () => {
    const s = seeded();
    apply(s, move('a', { column: 'done', today: '2025-12-01' }));
    const r = planOperation(s, move('a', { column: 'doing', expectedVersion: 2 }));
    if (!r.ok) throw new Error('refused');
    const change = recordOf(3, move('a', { column: 'doing', expectedVersion: 2 }), r.effects).changes.find((c) => c.entity === 'task')!;
    expect(change.entity === 'task' && change.fields).toMatchObject({ column: { before: 'done', after: 'doing' }, completedAt: { before: '2025-12-01' } });
    expect(change.entity === 'task' && change.fields?.completedAt).not.toHaveProperty('after');
  });
});
