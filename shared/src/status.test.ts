import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';
import type { ColumnId, Extension } from './model.ts';
import { blankBoard } from './factories.ts';
import { CHIP_KINDS, CHIP_LABELS, DONE_CHIP_KINDS, OPEN_CHIP_KINDS, STATUS_CATEGORIES, STATUS_LABELS, TIMELINESS_LABELS, chipKind, classifyTask, countByStatus, effectiveDue, statusOptions, timelinessChip } from './status.ts';
import { addDays, daysBetween } from './dates.ts';
import { deadlineCadence, periodOf, previousPeriod } from './periods.ts';

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

const extension = (due: string, previousDue?: string): Extension => ({ id: `e-${due}`, due, ...(previousDue ? { previousDue } : {}), reason: 'Chờ hướng dẫn của Bộ', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: '2025-11-01T02:00:00Z' });

describe('extensions (gia hạn)', () => {
  const today = '2025-12-20';
  const extended = { ...task('doing', '30/11/2025'), extensions: [extension('2025-12-15', '2025-11-30'), extension('2026-01-31', '2025-12-15')] };
  it('judges against the last extension by default, and against the printed deadline on request', () => {
    expect(effectiveDue(extended)).toBe('2026-01-31');
    expect(classifyTask(extended, today)).toMatchObject({ category: 'doing-on-time', due: '2026-01-31', extended: true, daysLeft: 42 });
    expect(classifyTask(extended, today, { against: 'effective' }).category).toBe('doing-on-time');
    expect(classifyTask(extended, today, { against: 'original' })).toMatchObject({ category: 'doing-late', due: '2025-11-30', extended: false, daysLeft: -20 });
  });
  it('a report counts the same tasks against both deadlines', () => {
    const tasks = [extended, task('doing', '30/11/2025'), task('todo', '31/12/2025')];
    expect(countByStatus(tasks, today)).toMatchObject({ 'doing-late': 1, 'doing-on-time': 1, 'todo-on-time': 1 });
    expect(countByStatus(tasks, today, { against: 'original' })).toMatchObject({ 'doing-late': 2, 'doing-on-time': 0, 'todo-on-time': 1 });
  });
  it('a finished extended task is on time when it met the extended date, late against the original', () => {
    const done = { ...extended, column: 'done' as const, completedAt: '2026-01-10' };
    expect(classifyTask(done, '2026-02-01').category).toBe('done-on-time');
    expect(classifyTask(done, '2026-02-01', { against: 'original' }).category).toBe('done-late');
  });
  it('gives a conditional or undated task the date its extension granted', () => {
    const conditional = { ...task('todo', 'Theo hướng dẫn của Bộ Công an'), extensions: [extension('2025-12-10')] };
    expect(effectiveDue(task('todo', 'Theo hướng dẫn của Bộ Công an'))).toBeUndefined();
    expect(classifyTask(conditional, today)).toMatchObject({ category: 'todo-late', due: '2025-12-10', extended: true });
    expect(classifyTask(conditional, today, { against: 'original' })).toMatchObject({ category: 'recurring-undated', timeliness: 'undated', extended: false });
  });
  it('is the printed deadline without extensions, whatever `against` says', () => {
    for (const against of ['original', 'effective'] as const) expect(classifyTask(task('doing', '15/12/2025'), today, { against })).toMatchObject({ category: 'doing-late', extended: false });
  });
});

describe('statusOptions', () => {
  it('takes "sắp đến hạn" from the board settings', () => {
    const board = blankBoard({ id: 'b', title: 'B', createdAt: '' });
    expect(statusOptions(board)).toEqual({ soonDays: 7, against: 'effective' });
    const strict = { ...board, settings: { ...board.settings, soonDays: 3 } };
    expect(classifyTask(task('todo', '24/12/2025'), '2025-12-20', statusOptions(strict)).dueSoon).toBe(false);
    expect(classifyTask(task('todo', '23/12/2025'), '2025-12-20', statusOptions(strict)).dueSoon).toBe(true);
    expect(statusOptions(strict, 'original').against).toBe('original');
  });
});

describe('timelinessChip', () => {
  const today = '2025-12-20';
  const kind = (t: Parameters<typeof timelinessChip>[0], opts?: Parameters<typeof timelinessChip>[2]) => timelinessChip(t, today, opts).kind;
  it('never calls a finished task just "Quá hạn"', () => {
    const late = timelinessChip(task('done', '15/12/2025', '2025-12-18'), today);
    expect(late.kind).toBe('done-late');
    expect(late.label).toEqual({ vi: 'Hoàn thành quá hạn', en: 'Done late' });
    const onTime = timelinessChip(task('done', '15/12/2025', '2025-12-14'), today);
    expect(onTime.kind).toBe('done-on-time');
    expect(onTime.label.vi).toBe('Hoàn thành đúng hạn');
    // Finished long after the due date, still on time by its completion date.
    expect(kind(task('done', '30/06/2025', '2025-06-30'))).toBe('done-on-time');
  });
  it('open tasks: late, due soon within the board window, on time', () => {
    expect(kind(task('doing', '19/12/2025'))).toBe('late');
    expect(kind(task('review', '19/12/2025'))).toBe('late');
    expect(kind(task('todo', '27/12/2025'))).toBe('due-soon');
    expect(kind(task('todo', '27/12/2025'), { soonDays: 3 })).toBe('on-time');
    expect(kind(task('todo', '28/12/2025'))).toBe('on-time');
  });
  it('recurring and undated, open or finished', () => {
    // Made this month: its report falls due at the month's end, 11 days away.
    expect(kind({ ...task('doing', 'Hàng tháng'), createdAt: '2025-12-01T00:00:00Z' })).toBe('recurring');
    expect(kind(task('doing', 'Thường xuyên'))).toBe('recurring');
    expect(kind(task('todo', 'Theo hướng dẫn của Bộ Công an'))).toBe('undated');
    expect(kind(task('todo', ''))).toBe('undated');
    expect(kind(task('done', 'Hàng tháng', '2025-12-01'))).toBe('done');
    expect(kind(task('done', '', '2025-12-01'))).toBe('done');
  });
  it('separates finished from open kinds, each labelled in both languages', () => {
    expect([...OPEN_CHIP_KINDS, ...DONE_CHIP_KINDS].sort()).toEqual([...CHIP_KINDS].sort());
    for (const k of CHIP_KINDS) expect(CHIP_LABELS[k].vi && CHIP_LABELS[k].en, k).toBeTruthy();
    // Every column × deadline gives a done-kind exactly for finished tasks.
    for (const column of ['todo', 'doing', 'review', 'done'] as const) {
      for (const raw of ['15/12/2025', '31/12/2025', '22/12/2025', 'Hàng tháng', 'Thường xuyên', 'Theo chỉ đạo của Trung ương', '', 'Trong năm 2025 và thực hiện thường xuyên']) {
        const k = kind(task(column, raw, column === 'done' ? '2025-12-16' : undefined));
        expect(DONE_CHIP_KINDS.includes(k), `${column} ${raw}`).toBe(column === 'done');
      }
    }
  });
  it('carries the status it was read from', () => {
    const chip = timelinessChip({ ...task('doing', '30/11/2025'), extensions: [extension('2026-01-31')] }, today);
    expect(chip).toMatchObject({ kind: 'on-time', status: { due: '2026-01-31', extended: true, daysLeft: 42 } });
  });
});

describe('classifyTask: a recurring task is judged on the period report it owes', () => {
  const made = '2020-01-01T00:00:00Z';
  const reported = (...keys: string[]) => keys.map((period) => ({ period, done: true }));
  const recurring = (column: ColumnId, deadline: string, periodReports: Array<{ period: string; done: boolean }> = []) => ({ column, deadline: parseDeadline(deadline), createdAt: made, periodReports });

  it('late once the printed day of the period has passed unreported, due soon within the window before it, on every day of a year', () => {
    const wrong: string[] = [];
    for (const [raw, dueOf] of [
      ['Hằng tháng (trước ngày 25)', (at: string) => `${at.slice(0, 8)}25`],
      ['Hằng tháng', (at: string) => periodOf(at, 'monthly').end],
      ['Hằng quý (trước ngày 15 của tháng cuối quý)', (at: string) => `${periodOf(at, 'quarterly').end.slice(0, 8)}15`],
      ['Quý IV hằng năm', (at: string) => `${at.slice(0, 4)}-12-31`],
      ['Trước ngày 15/12 hằng năm', (at: string) => `${at.slice(0, 4)}-12-15`],
    ] as const) {
      const cadence = deadlineCadence(parseDeadline(raw))!;
      for (let at = '2026-01-01'; at <= '2026-12-31'; at = addDays(at, 1)) {
        // Every earlier period reported done: the current one is owed.
        const previous = previousPeriod(periodOf(at, cadence));
        const s = classifyTask(recurring('doing', raw, reported(previous.key)), at, { soonDays: 7 });
        const due = dueOf(at);
        const left = daysBetween(at, due);
        const expected = { category: 'recurring-undated', timeliness: left < 0 ? 'late' : 'recurring', dueSoon: left >= 0 && left <= 7, due, daysLeft: left };
        if (JSON.stringify({ category: s.category, timeliness: s.timeliness, dueSoon: s.dueSoon, due: s.due, daysLeft: s.daysLeft }) !== JSON.stringify(expected)) wrong.push(`${raw} ${at}: ${JSON.stringify(s)}`);
        const kind = chipKind(s);
        if (kind !== (left < 0 ? 'late' : left <= 7 ? 'due-soon' : 'recurring')) wrong.push(`${raw} ${at}: chip ${kind}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('stays in the recurring bucket of the reports, late or not, and counts there', () => {
    const late = recurring('todo', 'Hằng tháng (trước ngày 10)');
    expect(classifyTask(late, '2026-03-20')).toMatchObject({ timeliness: 'late', category: 'recurring-undated', due: '2026-02-10', period: { key: '2026-02' } });
    expect(countByStatus([late], '2026-03-20')['recurring-undated']).toBe(1);
    expect(timelinessChip(late, '2026-03-20').kind).toBe('late');
  });

  it('is not judged by period when finished as a whole, extended to a date, or without a cadence of its own', () => {
    expect(timelinessChip({ ...recurring('done', 'Hằng tháng (trước ngày 10)'), completedAt: '2026-03-01' }, '2026-03-20').kind).toBe('done');
    expect(classifyTask({ ...recurring('doing', 'Hằng tháng (trước ngày 10)'), extensions: [extension('2026-04-30')] }, '2026-03-20')).toMatchObject({ timeliness: 'on-time', due: '2026-04-30', extended: true });
    expect(classifyTask(recurring('doing', 'Thường xuyên'), '2026-03-20')).toMatchObject({ timeliness: 'recurring', dueSoon: false });
    expect(classifyTask(recurring('doing', 'Thường xuyên'), '2026-03-20').due).toBeUndefined();
  });

  it('judges a dated deadline that then recurs by its date, then by the periods after it', () => {
    const t = recurring('doing', 'Quý I/2026, sau đó hằng tháng (trước ngày 20)');
    expect(classifyTask(t, '2026-03-25')).toMatchObject({ timeliness: 'on-time', due: '2026-03-31' });
    // April's report (due 20/4) is owed once the date has passed; the months of quarter I are the dated deadline's.
    expect(classifyTask(t, '2026-04-02')).toMatchObject({ timeliness: 'recurring', due: '2026-04-20', dueSoon: false });
    expect(classifyTask(t, '2026-04-21')).toMatchObject({ timeliness: 'late', due: '2026-04-20' });
  });
});
