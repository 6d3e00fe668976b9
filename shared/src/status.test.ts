import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';
import type { ColumnId } from './model.ts';
import { STATUS_CATEGORIES, STATUS_LABELS, TIMELINESS_LABELS, classifyTask, countByStatus } from './status.ts';

const task = (column: ColumnId, deadline: string, completedAt?: string) => ({ column, deadline: parseDeadline(deadline), ...(completedAt ? { completedAt } : {}) });

describe('classifyTask', () => {
  const today = '2025-12-20';
  it('crosses progress with timeliness', () => {
    expect(classifyTask(task('todo', '31/12/2025'), today).category).toBe('todo-on-time');
    expect(classifyTask(task('todo', '15/12/2025'), today).category).toBe('todo-late');
    expect(classifyTask(task('doing', 'Quý IV/2025'), today).category).toBe('doing-on-time');
    expect(classifyTask(task('doing', 'Tháng 11/2025'), today).category).toBe('doing-late');
    expect(classifyTask(task('done', '31/12/2025', '2025-12-10'), today).category).toBe('done-on-time');
    expect(classifyTask(task('done', 'Ngày 15/12/2025', '2025-12-18'), today).category).toBe('done-late');
  });
  it('counts "Chờ xác nhận" with unfinished work', () => {
    expect(classifyTask(task('review', '15/12/2025'), today)).toMatchObject({ progress: 'review', category: 'doing-late', timeliness: 'late' });
    expect(classifyTask(task('review', '31/12/2025'), today).category).toBe('doing-on-time');
  });
  it('puts recurring, conditional and undated tasks in their own bucket', () => {
    expect(classifyTask(task('doing', 'Thường xuyên'), today)).toMatchObject({ timeliness: 'recurring', category: 'recurring-undated', dueSoon: false });
    expect(classifyTask(task('todo', 'Theo hướng dẫn của Bộ Công an'), today)).toMatchObject({ timeliness: 'undated', category: 'recurring-undated' });
    expect(classifyTask(task('todo', ''), today)).toMatchObject({ timeliness: 'undated', category: 'recurring-undated' });
    expect(classifyTask(task('todo', ''), today).daysLeft).toBeUndefined();
  });
  it('is on time on the due day and late the day after', () => {
    expect(classifyTask(task('doing', '20/12/2025'), today)).toMatchObject({ timeliness: 'on-time', daysLeft: 0, dueSoon: true });
    expect(classifyTask(task('doing', '19/12/2025'), today)).toMatchObject({ timeliness: 'late', daysLeft: -1, dueSoon: false });
    expect(classifyTask(task('doing', '21/12/2025'), today)).toMatchObject({ timeliness: 'on-time', daysLeft: 1, dueSoon: true });
  });
  it('warns "sắp đến hạn" up to soonDays ahead, inclusive', () => {
    expect(classifyTask(task('todo', '27/12/2025'), today).dueSoon).toBe(true);
    expect(classifyTask(task('todo', '28/12/2025'), today).dueSoon).toBe(false);
    expect(classifyTask(task('todo', '23/12/2025'), today, { soonDays: 3 }).dueSoon).toBe(true);
    expect(classifyTask(task('todo', '24/12/2025'), today, { soonDays: 3 }).dueSoon).toBe(false);
    expect(classifyTask(task('done', '21/12/2025', '2025-12-19'), today).dueSoon).toBe(false);
  });
  it('judges done tasks by completedAt, and by today when it is missing', () => {
    expect(classifyTask(task('done', '20/12/2025', '2025-12-20'), '2026-02-01').category).toBe('done-on-time');
    expect(classifyTask(task('done', '20/12/2025', '2025-12-21'), '2025-12-21').category).toBe('done-late');
    expect(classifyTask(task('done', '31/12/2025'), today).category).toBe('done-on-time');
    expect(classifyTask(task('done', '15/12/2025'), today).category).toBe('done-late');
  });
  it('judges a dated-then-recurring task by its date until the date passes, then as recurring', () => {
    const mixed = 'Trong năm 2025 và thực hiện thường xuyên';
    expect(classifyTask(task('doing', mixed), '2025-12-31')).toMatchObject({ timeliness: 'on-time', category: 'doing-on-time', daysLeft: 0 });
    expect(classifyTask(task('doing', mixed), '2026-01-01')).toMatchObject({ timeliness: 'recurring', category: 'recurring-undated', daysLeft: -1 });
    expect(classifyTask(task('done', mixed, '2025-11-01'), '2026-03-01').category).toBe('done-on-time');
  });
  it('uses the end of the period for month and quarter deadlines (the May 2025 report)', () => {
    const report = '2025-05-25';
    expect(classifyTask(task('doing', 'Tháng 4/2025'), report).category).toBe('doing-late');
    expect(classifyTask(task('doing', 'Tháng 5/2025'), report).category).toBe('doing-on-time');
  });
});

describe('labels and counts', () => {
  it('labels every bucket in Vietnamese and English', () => {
    for (const c of STATUS_CATEGORIES) expect(STATUS_LABELS[c].vi && STATUS_LABELS[c].en).toBeTruthy();
    expect(STATUS_LABELS['doing-late'].vi).toBe('Đang thực hiện quá hạn');
    expect(TIMELINESS_LABELS['due-soon'].vi).toBe('sắp đến hạn');
    expect(TIMELINESS_LABELS.undated.vi).toBe('không thời hạn');
  });
  it('counts every bucket', () => {
    const counts = countByStatus([task('todo', '15/12/2025'), task('todo', '10/12/2025'), task('doing', 'Hàng tháng')], '2025-12-20');
    expect(counts).toMatchObject({ 'todo-late': 2, 'recurring-undated': 1, 'done-on-time': 0 });
    expect(Object.keys(counts)).toHaveLength(7);
  });
});
