// The meeting's walk: sections by track (board order) or by lead agency (alphabetical), late tasks first
// with the longest late leading, then by due date, undated, done; the steps of both modes; ↑/↓ jumps;
// and a rebuilt agenda keeps the task on screen.
import { describe, expect, it } from 'vitest';
import { blankBoard, blankTask } from './factories.ts';
import { parseDeadline } from './deadline.ts';
import { agendaPlaces, agendaSteps, findStep, meetingAgenda, sectionJump, NO_LEAD_LABEL } from './meetings.ts';
import type { ColumnId, Task } from './model.ts';

const today = '2025-12-10';
const board = blankBoard({ id: 'b', title: 'Bảng', createdAt: '' });
const t = (id: string, track: string, lead: string[], deadline: string, column: ColumnId = 'todo', ordinal = id): Task =>
  blankTask({ id, boardId: 'b', track, rank: 1, column, content: id, ordinal, group: ['Phụ lục I'], leads: lead, deadline: parseDeadline(deadline), createdAt: '', ...(column === 'done' ? { completedAt: '2025-11-01' } : {}) });

const tasks = [
  t('a', 'cchc', ['Sở Nội vụ'], '20/12/2025', 'doing', '1'),
  t('b', 'cchc', ['Sở Nội vụ'], '01/11/2025', 'todo', '2'),
  t('c', 'cchc', ['Công an tỉnh'], '01/12/2025', 'doing', '3'),
  t('d', 'cchc', ['Công an tỉnh'], 'Thường xuyên', 'doing', '4'),
  t('e', 'cchc', ['Sở Nội vụ'], '15/12/2025', 'done', '5'),
  t('f', 'de-an-06', [], '12/12/2025', 'review', '1'),
  t('g', 'khcn-cds', ['Sở Khoa học và Công nghệ', 'Sở Nội vụ'], '31/10/2025', 'todo', '1'),
];

describe('meetingAgenda', () => {
  it('walks tracks in the board order, late first (longest late first), then soonest due, undated, done', () => {
    const a = meetingAgenda(board, tasks, { order: 'track', today });
    expect(a.map((s) => s.key)).toEqual(['de-an-06', 'cchc', 'khcn-cds']);
    expect(a[1]!.taskIds).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(a[1]).toMatchObject({ label: 'CCHC', late: 2, columns: { todo: ['b'], doing: ['c', 'a', 'd'], review: [], done: ['e'] } });
  });

  it('walks agencies alphabetically (listed, not ranked), a task once under its first lead, tasks without a lead last', () => {
    const a = meetingAgenda(board, tasks, { order: 'agency', today });
    expect(a.map((s) => s.label)).toEqual(['Công an tỉnh', 'Sở Khoa học và Công nghệ', 'Sở Nội vụ', NO_LEAD_LABEL]);
    expect(a.flatMap((s) => s.taskIds).sort()).toEqual(tasks.map((x) => x.id).sort());
  });

  it('steps through every task, or every non-empty column; ↑/↓ jump between sections; a rebuild keeps the task on screen', () => {
    const a = meetingAgenda(board, tasks, { order: 'track', today });
    const byTask = agendaSteps(a, 'task');
    expect(byTask.map((s) => s.taskId)).toEqual(['f', 'b', 'c', 'a', 'd', 'e', 'g']);
    const byColumn = agendaSteps(a, 'column');
    expect(byColumn.map((s) => `${s.section}:${s.column}`)).toEqual(['0:review', '1:todo', '1:doing', '1:done', '2:todo']);
    expect(sectionJump(byTask, 0, 1)).toBe(1);
    expect(sectionJump(byTask, 3, 1)).toBe(6);
    expect(sectionJump(byTask, 6, 1)).toBe(6);
    expect(sectionJump(byTask, 3, -1)).toBe(0);
    expect(sectionJump(byTask, 0, -1)).toBe(0);
    // Task c is done now: the walk moves it, and the screen stays on it.
    const after = meetingAgenda(board, tasks.map((x) => (x.id === 'c' ? { ...x, column: 'done' as const, completedAt: '2025-12-10' } : x)), { order: 'track', today });
    const steps = agendaSteps(after, 'task');
    expect(steps[findStep(steps, byTask[2], after, a)]!.taskId).toBe('c');
    // Switching to columns keeps the section and column.
    expect(byColumn[findStep(byColumn, byTask[3], a, a)]).toMatchObject({ section: 1, column: 'doing' });
  });

  it('keeps the walked order while a meeting is on screen: a task whose deadline a conclusion moved stays in its place, so none is skipped', () => {
    const first = meetingAgenda(board, tasks, { order: 'track', today });
    const kept = agendaPlaces(first);
    const walk = agendaSteps(first, 'task').map((s) => s.taskId);
    // b was the longest late in CCHC; a conclusion gives it a deadline months away, and a task is added.
    const changed = [...tasks.map((x) => (x.id === 'b' ? { ...x, deadline: parseDeadline('31/03/2026') } : x)), t('h', 'cchc', ['Sở Nội vụ'], '01/10/2025', 'todo', '6')];
    const fresh = agendaSteps(meetingAgenda(board, changed, { order: 'track', today }), 'task').map((s) => s.taskId);
    expect(fresh.indexOf('b')).toBeGreaterThan(walk.indexOf('b')); // unkept, the walk would reorder
    const held = meetingAgenda(board, changed, { order: 'track', today, kept });
    const steps = agendaSteps(held, 'task').map((s) => s.taskId);
    // Every task walked before keeps its place; the new one follows the kept ones of its section.
    expect(steps.filter((id) => id !== 'h')).toEqual(walk);
    expect(held[1]!.taskIds).toEqual(['b', 'c', 'a', 'd', 'e', 'h']);
    // From the task on screen, the next step is the one that followed it before.
    const at = steps.indexOf('b');
    expect(steps[at + 1]).toBe(walk[walk.indexOf('b') + 1]);
  });

  it('takes tasks of the same standing in the order the board lists them, so a row printed without a number stays after the item it continues', () => {
    const row = (id: string, ordinal: string, rank: number) => ({ ...t(id, 'cchc', ['Sở Nội vụ'], '01/11/2025', 'todo', ordinal), group: ['Phụ lục III'], rank });
    const plan = [row('p7', '7', 7000), row('p7a', '', 7500), row('p8', '8', 8000), row('p1', '1', 1000)];
    const a = meetingAgenda(board, plan, { order: 'track', today });
    expect(a[0]!.taskIds).toEqual(['p1', 'p7', 'p7a', 'p8']);
  });
});
