// Parses the calendar with ical.js (Mozilla's parser, not the writer) and checks each dated task is
// an all-day event on its due date (or extension), with its lead agency and link, and that every
// cadence recurs as the rule says.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { blankTask, deadlineCadence, dueInForce, leadsText, nextPeriod, parseDeadline, periodDue, periodOf, type BoardSnapshot, type Cadence, type Task } from '@dondoc/shared';
import { snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { q4_2025 } from '../../template-lao-cai/src/index.ts';
import { exportIcs, recurrence, taskLink } from './index.ts';

const TODAY = '2025-12-10';

function events(text: string): ICAL.Event[] {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('calendar of the Lào Cai Q4/2025 board', () => {
  const snapshot: BoardSnapshot = { ...snapshotFromPlan(q4_2025.plan, { today: TODAY }), appUrl: 'https://dondoc.laocai.gov.vn' };
  const list = events(exportIcs(snapshot));
  const byUid = new Map(list.map((e) => [e.uid, e]));

  it('has one all-day event per dated task, on the due date in force, with its lead and a link back', () => {
    const dated = snapshot.tasks.filter((t) => dueInForce(t));
    const recurring = snapshot.tasks.filter((t) => !dueInForce(t) && t.deadline.cadence && t.deadline.cadence !== 'ongoing');
    expect(dated.length).toBeGreaterThan(30);
    expect(list).toHaveLength(dated.length + recurring.length);
    for (const t of dated) {
      const e = byUid.get(`${t.id}@${snapshot.board.id}.dondoc`)!;
      expect(e, t.id).toBeDefined();
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(dueInForce(t));
      expect(e.summary).toContain(t.content.replace(/\s+/g, ' ').trim().slice(0, 40));
      if (leadsText(t)) expect(e.summary).toContain(leadsText(t).slice(0, 20));
      expect(e.description).toContain(`Cơ quan chủ trì: ${leadsText(t) || '(chưa xác định)'}`);
      const url = e.component.getFirstPropertyValue('url');
      expect(url).toBe(taskLink('https://dondoc.laocai.gov.vn', snapshot.board.id, t.id));
      expect(url).toBe(`https://dondoc.laocai.gov.vn/boards/${snapshot.board.id}?task=${t.id}`);
    }
  });

  it('moves an extended task to its new date', () => {
    const extended = snapshot.tasks.find((t) => t.extensions.length > 0)!;
    expect(extended).toBeDefined();
    expect(byUid.get(`${extended.id}@${snapshot.board.id}.dondoc`)!.startDate.toString()).toBe(extended.extensions.at(-1)!.due);
  });
});

describe('recurring tasks recur by their cadence', () => {
  const make = (raw: string, cadence?: Cadence): Task => {
    const deadline = parseDeadline(raw);
    return blankTask({ id: 'r', boardId: 'b', track: 'cchc', rank: 1, content: 'Báo cáo định kỳ', deadline: cadence ? { ...deadline, cadence } : deadline, createdAt: '2025-11-20T01:00:00Z' });
  };
  const cases: Array<{ cadence: Cadence; start: string; rule: RegExp; next: string }> = [
    { cadence: 'daily', start: '2025-11-20', rule: /^FREQ=DAILY$/, next: '2025-11-21' },
    { cadence: 'weekly', start: '2025-11-23', rule: /^FREQ=WEEKLY$/, next: '2025-11-30' },
    { cadence: 'monthly', start: '2025-11-30', rule: /^FREQ=MONTHLY;BYMONTHDAY=-1$/, next: '2025-12-31' },
    { cadence: 'quarterly', start: '2025-12-31', rule: /^FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1$/, next: '2026-03-31' },
    { cadence: 'half-yearly', start: '2025-12-31', rule: /^FREQ=MONTHLY;BYMONTH=6,12;BYMONTHDAY=-1$/, next: '2026-06-30' },
    { cadence: 'yearly', start: '2025-12-31', rule: /^FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1$/, next: '2026-12-31' },
  ];
  const calendarOf = (task: Task) => events(exportIcs({ ...snapshotFromPlan({ ...q4_2025.plan, tasks: [] }, { today: TODAY }), tasks: [task] }));
  it.each(cases)('$cadence: from the end of the first period after the board was made', ({ cadence, start, rule, next }) => {
    const task = make('Thường xuyên', cadence);
    expect(recurrence(task, '2025-11-20')?.start).toBe(start);
    const [e] = calendarOf(task);
    expect(e!.isRecurring()).toBe(true);
    expect(e!.startDate.toString()).toBe(start);
    expect(e!.component.getFirstPropertyValue('rrule')!.toString()).toMatch(rule);
    const it = e!.iterator();
    expect(it.next()!.toString()).toBe(start);
    expect(it.next()!.toString()).toBe(next);
  });
  it('falls on the days the board judges each period by (periodDue), for every printed day, month and quarter', () => {
    // Cells generated from the rule: each cadence with each day, yearly with each month and quarter, and several months a year.
    const cells: string[] = [];
    for (const day of [1, 10, 15, 25, 28, 29, 30, 31]) cells.push(`Hằng tháng (trước ngày ${day})`, `Hằng quý (trước ngày ${day})`, `Định kỳ 6 tháng (trước ngày ${day})`);
    for (let m = 1; m <= 12; m++) cells.push(`Tháng ${m} hằng năm`, `Trước ngày ${Math.min(29, 10 + m)}/${m} hằng năm`, `Báo cáo 6 tháng trước ngày 20/${m}`);
    for (const r of ['I', 'II', 'III', 'IV']) cells.push(`Quý ${r} hằng năm`);
    cells.push('Tháng 6 và tháng 12 hằng năm', 'Tháng 3 và tháng 10 hằng năm', 'Quý II và quý IV hằng năm', 'Trước ngày 15/6 và 15/12 hằng năm');
    // A weekday of each week, and reports due in the period after their own.
    for (const day of ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật']) cells.push(`Trước 16h00 ${day} hằng tuần`, `Hằng tuần, ${day} tuần sau`);
    for (const place of ['đầu', 'giữa', 'cuối']) cells.push(`Hằng quý, gửi trong tháng ${place} quý sau`, `Hằng quý, trước ngày 10 tháng ${place} quý sau`);
    cells.push('Hằng tháng, trước ngày 10 tháng sau', 'Hằng tháng, trước ngày 31 tháng sau', 'Hằng năm, trong tháng đầu năm sau', 'Trước ngày 31/01 năm sau, hằng năm');
    for (const cell of cells) {
      const task = make(cell);
      const cadence = deadlineCadence(task.deadline)!;
      // The report days of two years after the board was made, as the board dates them.
      const expected: string[] = [];
      for (let p = periodOf('2025-11-20', cadence); p.start < '2027-11-20'; p = nextPeriod(p)) {
        const due = periodDue(task.deadline, p);
        if (due !== undefined && due >= '2025-11-20') expected.push(due);
      }
      const [e] = calendarOf(task);
      const it = e!.iterator();
      const seen: string[] = [];
      for (let next = it.next(); next && seen.length < expected.length; next = it.next()) seen.push(next.toString());
      expect(seen, cell).toEqual(expected);
    }
  });
  it('a dated task that then recurs starts on its date ("Năm 2026 và những năm tiếp theo")', () => {
    const task = { ...make('Năm 2026 và những năm tiếp theo'), deadline: { raw: 'Năm 2026 và những năm tiếp theo', kind: 'year' as const, due: '2026-12-31', cadence: 'yearly' as const, flags: [] } };
    expect(recurrence(task, '2025-11-20')).toMatchObject({ start: '2026-12-31', repeating: { freq: 'YEARLY', byMonth: 12, byMonthDay: -1 } });
  });
  it('"Thường xuyên" without a cadence, conditional and undated tasks have no event', () => {
    for (const raw of ['Thường xuyên', 'Khi có hướng dẫn của Trung ương', '']) expect(recurrence(make(raw), '2025-11-20'), raw).toBeUndefined();
  });
});
