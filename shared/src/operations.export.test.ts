// The two store changes documents out needed: the calendar feed's token on the board (set, replaced,
// removed; the other settings untouched) and a draft's board state carried into the task it makes.
import { describe, expect, it } from 'vitest';
import { applyOperation, emptyState, taskFromDraft } from './operations.ts';
import { blankBoard } from './factories.ts';
import { parseDeadline } from './deadline.ts';

const at = '2025-12-10T01:00:00.000Z';

describe('board.calendarToken', () => {
  it('sets, replaces and removes the token, bumps the revision, keeps every other setting', () => {
    const state = emptyState();
    const board = blankBoard({ id: 'b', title: 'Bảng', createdAt: at });
    board.settings = { ...board.settings, issuer: 'Sở Nội vụ', recipients: ['UBND tỉnh'] };
    applyOperation(state, { type: 'board.create', board, tasks: [], at });
    const token = 'a'.repeat(32);
    expect(applyOperation(state, { type: 'board.calendarToken', boardId: 'b', token, at }).ok).toBe(true);
    expect(state.boards.b!.settings).toEqual({ ...board.settings, calendarToken: token });
    expect(state.boards.b!.revision).toBe(1);
    applyOperation(state, { type: 'board.calendarToken', boardId: 'b', token: 'b'.repeat(32), at });
    expect(state.boards.b!.settings.calendarToken).toBe('b'.repeat(32));
    applyOperation(state, { type: 'board.calendarToken', boardId: 'b', token: null, at });
    expect(state.boards.b!.settings).toEqual(board.settings);
    expect('calendarToken' in state.boards.b!.settings).toBe(false);
    const r = applyOperation(state, { type: 'board.calendarToken', boardId: 'nope', token, at });
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
