// The dashboard's numbers against the board's own filter over generated tasks (every track × lead ×
// deadline × column): each bar's count is exactly what clicking it shows; agencies come in
// alphabetical order whatever their lateness; targets are read from the texts plans print; the
// trend carries each board's last recorded day forward.
import { describe, expect, it } from 'vitest';
import { blankBoard, blankTask } from './factories.ts';
import { parseDeadline } from './deadline.ts';
import { filterTasks, filtersFromQuery } from './filters.ts';
import { STATUS_CATEGORIES } from './status.ts';
import { indicatorKey } from './operations.ts';
import { boardDashboard, combineDashboards, dailyCountsOf, readTarget, type Dashboard } from './dashboard.ts';
import type { ColumnId, DailyCounts, IndicatorReading, Task } from './model.ts';

const today = '2025-12-10';
const board = blankBoard({
  id: 'b',
  title: 'Bảng thử',
  createdAt: '',
  indicators: [
    { ordinal: '1', name: 'Phủ sóng 5G', unit: '%', target: '≥ 70', monitors: [], group: [] },
    { ordinal: '2', name: 'Văn bản ký số', unit: '%', target: '$\\leq 5$', monitors: [], group: [] },
    { ordinal: '3', name: 'Sản phẩm', unit: 'Sản phẩm', target: 'Hoàn thành', monitors: [], group: [] },
  ],
});
const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
const leads = [['Sở Khoa học và Công nghệ'], ['Công an tỉnh'], ['Sở Nội vụ', 'Sở Tư pháp'], [], ['Ủy ban nhân dân tỉnh']];
const deadlines = ['Tháng 9/2025', '10/12/2025', '15/12/2025', '17/12/2025', '31/12/2025', '09/01/2026', '20/01/2026', 'Thường xuyên', 'Khi có hướng dẫn của Trung ương', 'Trong năm 2025 và thực hiện thường xuyên'];
const columns: ColumnId[] = ['todo', 'doing', 'review', 'done'];
const tasks: Task[] = [];
let n = 0;
for (const track of tracks)
  for (const lead of leads)
    for (const raw of deadlines)
      for (const column of columns) {
        n++;
        tasks.push(
          blankTask({
            id: `t${n}`,
            boardId: 'b',
            track,
            rank: n,
            column,
            content: `Nhiệm vụ ${n}`,
            ordinal: String(n),
            leads: lead,
            leadsText: lead.join(', '),
            deadline: parseDeadline(raw),
            createdAt: '',
            // Some finish before their date, some after.
            ...(column === 'done' ? { completedAt: n % 2 ? '2025-09-15' : '2025-12-05' } : {}),
          }),
        );
      }

const d = boardDashboard({ board, tasks, today });
const shown = (q: Record<string, string>) => filterTasks(tasks, filtersFromQuery(q), { today }).length;

describe('boardDashboard counts what the board filter shows', () => {
  it('every task is counted once, in DOMAIN.md\'s buckets', () => {
    expect(d.total).toBe(tasks.length);
    expect(Object.values(d.counts).reduce((a, b) => a + b, 0)).toBe(tasks.length);
    for (const c of STATUS_CATEGORIES) expect(d.counts[c], c).toBe(shown({ status: c }));
    // Every bucket occurs, so the comparisons are not vacuous.
    for (const c of STATUS_CATEGORIES) expect(d.counts[c], c).toBeGreaterThan(0);
  });

  it('each (track, bucket) bar holds exactly the tasks clicking it shows', () => {
    expect(d.byTrack.map((t) => t.id)).toEqual(board.tracks.map((t) => t.id));
    for (const t of d.byTrack) for (const c of STATUS_CATEGORIES) expect(t.counts[c], `${t.id} ${c}`).toBe(shown({ track: t.id, status: c }));
  });

  it('each agency row holds its tasks (a task with two leads counts for both), listed alphabetically, tasks without a lead last', () => {
    expect(d.byAgency.map((a) => a.name)).toEqual(['Công an tỉnh', 'Sở Khoa học và Công nghệ', 'Sở Nội vụ', 'Sở Tư pháp', 'Ủy ban nhân dân tỉnh', '']);
    for (const a of d.byAgency.filter((x) => x.name)) {
      expect(a.total).toBe(shown({ lead: a.name }));
      expect(a.late).toBe(shown({ lead: a.name, time: 'late' }));
    }
    // "Tháng 9/2025" is due 30/9: late tasks are 71 days late; "10/12/2025" is due today and not late.
    expect(d.byAgency[0]).toMatchObject({ maxDaysLate: 71 });
  });

  it('lists open tasks due in the next 7 and 30 days, as the due filter shows them, soonest first', () => {
    expect(d.due7.count).toBe(shown({ due: '7' }));
    expect(d.due30.count).toBe(shown({ due: '30' }));
    expect(d.due7.count).toBeGreaterThan(0);
    expect(d.due30.count).toBeGreaterThan(d.due7.count);
    expect(d.due7.tasks.every((t) => t.daysLeft >= 0 && t.daysLeft <= 7)).toBe(true);
    expect(d.due30.tasks.map((t) => t.due)).toEqual([...d.due30.tasks.map((t) => t.due)].sort());
    expect(d.due30.tasks.length).toBeLessThanOrEqual(50);
  });
});

describe('indicators', () => {
  it('reads the target each plan prints, and which way it is met', () => {
    expect(readTarget('≥ 70')).toEqual({ value: 70, direction: 'at-least' });
    expect(readTarget('$\\geq 80\\%$')).toEqual({ value: 80, direction: 'at-least' });
    expect(readTarget('Tối thiểu 2,5')).toEqual({ value: 2.5, direction: 'at-least' });
    expect(readTarget('≤ 5')).toEqual({ value: 5, direction: 'at-most' });
    expect(readTarget('05')).toEqual({ value: 5, direction: 'equal' });
    expect(readTarget('Hoàn thành')).toEqual({ direction: 'equal' });
  });

  it('takes the latest reading by its date as current and keeps the history; a correction for the same day wins', () => {
    const r = (id: string, indicator: string, value: number, asOf: string, at: string): IndicatorReading => ({ kind: 'indicator', id, boardId: 'b', indicator, value, note: '', asOf, at });
    const k1 = indicatorKey(board.indicators[0]!);
    const k2 = indicatorKey(board.indicators[1]!);
    const x = boardDashboard({ board, tasks: [], today, readings: [r('a', k1, 72, '2025-12-01', '1'), r('b', k1, 60, '2025-11-01', '2'), r('c', k2, 7, '2025-12-01', '1'), r('d', k2, 4, '2025-12-01', '2')] });
    expect(x.indicators[0]).toMatchObject({ current: { value: 72 }, met: true, targetValue: 70 });
    expect(x.indicators[0]!.history.map((h) => h.value)).toEqual([60, 72]);
    expect(x.indicators[1]).toMatchObject({ current: { value: 4 }, met: true, direction: 'at-most' });
    expect(x.indicators[2]!.met).toBeUndefined();
  });
});

describe('trend and several boards', () => {
  it('records a day\'s counts as the dashboard counts them, and ends the trend with today from the tasks now', () => {
    const day = dailyCountsOf(board, tasks, today, 'now');
    expect(day).toMatchObject({ id: today, total: tasks.length, late: d.counts['todo-late'] + d.counts['doing-late'] });
    const yesterday: DailyCounts = { ...day, id: '2025-12-09', late: 3 };
    const x = boardDashboard({ board, tasks, today, days: [yesterday, { ...day, total: 1 }] });
    expect(x.trend.map((p) => [p.date, p.late, p.live ?? false])).toEqual([
      ['2025-12-09', 3, false],
      [today, day.late, true],
    ]);
  });

  it('sums boards, merges agencies by name and carries each board\'s last recorded day forward', () => {
    const mk = (trend: Array<[string, number]>): Dashboard => ({ ...d, trend: trend.map(([date, late]) => ({ date, late, done: 0, total: 10 })) });
    const both = combineDashboards([mk([['2025-12-01', 1], ['2025-12-03', 2]]), mk([['2025-12-02', 5]])], today);
    expect(both.total).toBe(2 * d.total);
    expect(both.counts['doing-late']).toBe(2 * d.counts['doing-late']);
    expect(both.trend.map((p) => [p.date, p.late])).toEqual([
      ['2025-12-01', 1],
      ['2025-12-02', 6],
      ['2025-12-03', 7],
    ]);
    expect(both.byAgency.map((a) => a.name)).toEqual(d.byAgency.map((a) => a.name));
    expect(both.byAgency[0]!.late).toBe(2 * d.byAgency[0]!.late);
  });
});
