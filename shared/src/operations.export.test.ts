// The two store changes documents out needed: the calendar feed's token on the board (set, replaced,
// removed; the other settings untouched) and a draft's board state carried into the task it makes.
import { describe, expect, it } from 'vitest';
import { planOperation, systemActor, taskFromDraft, type Operation } from './operations.ts';
import { BoardIndex } from './board-index.ts';
import { blankBoard } from './factories.ts';
import { parseDeadline } from './deadline.ts';

const at = '2025-12-10T01:00:00.000Z';

describe('the calendar feed token (a board setting)', () => {
  it('sets, replaces and removes the token, bumps the revision, keeps every other setting', () => {
    const state = new BoardIndex();
    const env = { actor: systemActor('test'), via: 'test', at };
    const apply = (op: Operation) => {
      const r = planOperation(state, op);
      if (r.ok) state.apply(r.effects);
      return r;
    };
    const board = blankBoard({ id: 'b', title: 'Bảng', createdAt: at });
    board.settings = { ...board.settings, issuer: 'Sở Nội vụ', recipients: ['UBND tỉnh'] };
    apply({ type: 'board.create', board, tasks: [], ...env });
    const token = 'a'.repeat(32);
    expect(apply({ type: 'board.update', boardId: 'b', patch: { settings: { calendarToken: token } }, ...env }).ok).toBe(true);
    expect(state.board('b')!.settings).toEqual({ ...board.settings, calendarToken: token });
    expect(state.board('b')!.revision).toBe(1);
    apply({ type: 'board.update', boardId: 'b', patch: { settings: { calendarToken: 'b'.repeat(32) } }, ...env });
    expect(state.board('b')!.settings.calendarToken).toBe('b'.repeat(32));
    apply({ type: 'board.update', boardId: 'b', patch: { settings: { calendarToken: undefined } }, ...env });
    expect(JSON.parse(JSON.stringify(state.board('b')!.settings))).toEqual(board.settings);
    const r = apply({ type: 'board.update', boardId: 'nope', patch: { settings: { calendarToken: token } }, ...env });
    expect(r.ok ? null : r.failure.kind).toBe('not-found');
  });
});

describe('taskFromDraft with board state', () => {
  const draft = { track: 'cchc', content: 'Số hóa hồ sơ', leads: ['Sở Nội vụ'], partners: [], deadline: parseDeadline('31/12/2025') };
  it('puts the task in the draft’s column with its progress and owner; a completion date only when done', () => {
    const done = taskFromDraft({ ...draft, column: 'done', progress: 100, owner: 'Lê Thị Hoa', completedAt: '2025-12-01' }, { id: 't', boardId: 'b', rank: 1, at });
    expect(done).toMatchObject({ column: 'done', progress: 100, owner: 'Lê Thị Hoa', completedAt: '2025-12-01' });
    const doing = taskFromDraft({ ...draft, column: 'doing', progress: 40, completedAt: '2025-12-01' }, { id: 't', boardId: 'b', rank: 1, at });
    expect(doing).toMatchObject({ column: 'doing', progress: 40, owner: '' });
    expect(doing.completedAt).toBeUndefined();
    expect(taskFromDraft(draft, { id: 't', boardId: 'b', rank: 1, at })).toMatchObject({ column: 'todo', progress: 0, owner: '' });
  });
});
