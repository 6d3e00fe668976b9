import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates.ts';
import { parseDeadline } from './deadline.ts';
import { blankBoard, blankTask } from './factories.ts';
import type { PeriodReport, ReportingRhythm } from './model.ts';
import {
  PERIOD_CADENCES,
  boardReportingCadence,
  currentPeriodStatus,
  deadlineCadence,
  isPeriodCadence,
  owedReport,
  periodDue,
  periodReportLate,
  recurrenceAnchor,
  isRecurringTask,
  nextPeriod,
  parsePeriodKey,
  periodKey,
  periodLabel,
  periodOf,
  periodsBetween,
  previousPeriod,
  reportSlots,
  reportingCadence,
  shortPeriodLabel,
} from './periods.ts';

const board = (rhythm: ReportingRhythm[] = []) => blankBoard({ id: 'b', title: 'Bảng', createdAt: '', rhythm });
const task = (deadline: string, more: { periodReports?: PeriodReport[]; evidence?: ReturnType<typeof blankTask>['evidence'] } = {}) =>
  blankTask({ id: 't', boardId: 'b', track: 'cchc', rank: 1, content: 'Báo cáo tiến độ', deadline: parseDeadline(deadline), createdAt: '', ...more });
const report = (period: string, done: boolean, at = '2025-12-10T02:00:00Z', note = ''): PeriodReport => ({ period, done, note, at });

const weekly: ReportingRhythm = { cadence: 'weekly', text: 'Đơn vị báo cáo trước 9h00 thứ Sáu hằng tuần' };
const monthly: ReportingRhythm = { cadence: 'monthly', text: 'trước ngày 25 hằng tháng' };
const yearly: ReportingRhythm = { cadence: 'yearly', text: 'báo cáo năm trước ngày 30/11/2026' };

describe('isPeriodCadence', () => {
  it('takes every cadence that has periods, and nothing else: not "ongoing", not a blank, not a near miss', () => {
    expect(PERIOD_CADENCES.filter(isPeriodCadence)).toEqual([...PERIOD_CADENCES]);
    expect(['ongoing', '', 'Monthly', 'monthly ', 'quý', 'halfyearly'].filter(isPeriodCadence)).toEqual([]);
  });
});

describe('period keys and labels', () => {
  it('keys every cadence the way PeriodReport stores them', () => {
    expect(PERIOD_CADENCES.map((c) => periodKey('2025-12-08', c))).toEqual(['2025-12-08', '2025-W50', '2025-12', '2025-Q4', '2025-H2', '2025']);
  });
  it('labels periods in Vietnamese as reports name them', () => {
    expect(periodOf('2025-12-08', 'monthly').label).toBe('Tháng 12/2025');
    expect(periodOf('2025-12-10', 'weekly').label).toBe('Tuần 50/2025 (08/12–14/12)');
    expect(periodOf('2025-11-30', 'quarterly').label).toBe('Quý IV/2025');
    expect(periodOf('2025-02-01', 'quarterly').label).toBe('Quý I/2025');
    expect(periodOf('2025-07-01', 'half-yearly').label).toBe('6 tháng cuối năm 2025');
    expect(periodOf('2025-06-30', 'half-yearly').label).toBe('6 tháng đầu năm 2025');
    expect(periodOf('2025-03-15', 'yearly').label).toBe('Năm 2025');
    expect(periodOf('2025-03-05', 'daily').label).toBe('Ngày 05/03/2025');
    expect(periodLabel('2026-03')).toBe('Tháng 3/2026');
    expect(periodLabel('2025-Q4')).toBe('Quý IV/2025');
    expect(periodOf('2025-12-10', 'weekly').labelEn).toBe('Week 50/2025 (08/12–14/12)');
    expect(periodOf('2025-12-10', 'monthly').labelEn).toBe('December 2025');
  });
  it('gives each period its dates', () => {
    expect(periodOf('2025-12-10', 'weekly')).toMatchObject({ start: '2025-12-08', end: '2025-12-14' });
    expect(periodOf('2024-02-10', 'monthly')).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2025-08-10', 'quarterly')).toMatchObject({ start: '2025-07-01', end: '2025-09-30' });
    expect(periodOf('2025-08-10', 'half-yearly')).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(periodOf('2025-08-10', 'yearly')).toMatchObject({ start: '2025-01-01', end: '2025-12-31' });
  });
  it('numbers weeks by ISO 8601 across year ends', () => {
    expect(periodKey('2024-12-30', 'weekly')).toBe('2025-W01');
    expect(periodKey('2026-01-01', 'weekly')).toBe('2026-W01');
    expect(periodOf('2026-01-01', 'weekly').label).toBe('Tuần 1/2026 (29/12–04/01)');
    expect(periodKey('2020-12-31', 'weekly')).toBe('2020-W53');
    expect(periodKey('2021-01-03', 'weekly')).toBe('2020-W53');
    expect(periodKey('2021-01-04', 'weekly')).toBe('2021-W01');
    expect(periodKey('2027-01-01', 'weekly')).toBe('2026-W53');
  });
  it('reads keys back, and refuses what is no period', () => {
    for (const key of ['2025-W50', '2020-W53', '2025-12', '2025-Q4', '2025-H2', '2025', '2024-02-29']) expect(parsePeriodKey(key)?.key, key).toBe(key);
    for (const key of ['2025-W53', '2025-W00', '2025-13', '2025-00', '2025-Q5', '2025-H3', '2025-02-29', 'Tháng 12', '']) expect(parsePeriodKey(key), key).toBeUndefined();
    expect(periodLabel('không phải kỳ')).toBe('không phải kỳ');
  });

  it('on every day of 2019–2028, for every cadence: the period holds the day, its key reads back, and periods tile time', () => {
    const days = daysBetween('2019-01-01', '2028-12-31');
    for (const cadence of PERIOD_CADENCES) {
      let prev = periodOf('2018-12-31', cadence);
      for (let i = 0; i <= days; i++) {
        const day = addDays('2019-01-01', i);
        const p = periodOf(day, cadence);
        if (p.key === prev.key) continue;
        // A new period starts the day after the previous one ends, and holds `day`.
        expect(p.start, `${cadence} ${day}`).toBe(addDays(prev.end, 1));
        expect(p.start <= day && day <= p.end, `${cadence} ${day}`).toBe(true);
        expect(parsePeriodKey(p.key), p.key).toEqual(p);
        expect(nextPeriod(prev), p.key).toEqual(p);
        expect(previousPeriod(p), p.key).toEqual(prev);
        if (cadence === 'weekly') expect(daysBetween(p.start, p.end)).toBe(6);
        prev = p;
      }
    }
  });
});

describe('periodsBetween', () => {
  it('lists every period overlapping the range, oldest first', () => {
    expect(periodsBetween('2025-11-15', '2026-02-01', 'monthly').map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2025-12-01', '2025-12-31', 'weekly').map((p) => p.key)).toEqual(['2025-W49', '2025-W50', '2025-W51', '2025-W52', '2026-W01']);
    expect(periodsBetween('2025-01-01', '2026-12-31', 'half-yearly').map((p) => p.label)).toEqual(['6 tháng đầu năm 2025', '6 tháng cuối năm 2025', '6 tháng đầu năm 2026', '6 tháng cuối năm 2026']);
    expect(periodsBetween('2026-01-01', '2025-01-01', 'monthly')).toEqual([]);
    expect(periodsBetween('1900-01-01', '2100-01-01', 'daily')).toHaveLength(1000);
  });
});

describe('which cadence a task reports on', () => {
  it('its own deadline cadence first', () => {
    expect(reportingCadence(task('Hàng tháng'), board([weekly]))).toBe('monthly');
    expect(reportingCadence(task('hàng tuần'), board())).toBe('weekly');
    expect(reportingCadence(task('Hằng quý'), board([monthly]))).toBe('quarterly');
    expect(reportingCadence(task('Hằng năm'), board([monthly]))).toBe('yearly');
  });
  it('else the board rhythm, its most frequent one (Thái Nguyên weekly; Lào Cai 2026 monthly before the annual report)', () => {
    expect(reportingCadence(task('Thường xuyên'), board([weekly]))).toBe('weekly');
    expect(reportingCadence(task('Thực hiện thường xuyên'), board([yearly, monthly]))).toBe('monthly');
    expect(reportingCadence(task('Trong năm 2025 và thực hiện thường xuyên'), board([monthly]))).toBe('monthly');
    expect(boardReportingCadence([yearly, { cadence: 'ongoing', text: 'thường xuyên' }])).toBe('yearly');
    expect(reportingCadence(task('Thường xuyên'), board())).toBeUndefined();
  });
  it('none for a task that does not recur', () => {
    for (const raw of ['31/12/2025', 'Quý IV/2025', 'Theo hướng dẫn của Bộ Công an', '']) {
      expect(isRecurringTask(task(raw)), raw).toBe(false);
      expect(reportingCadence(task(raw), board([monthly])), raw).toBeUndefined();
    }
  });
});

describe('report slots', () => {
  const evidence = (id: string, period?: string) => ({ id, kind: 'note' as const, label: `Minh chứng ${id}`, ...(period ? { period } : {}), addedAt: '2025-12-01T00:00:00Z' });
  const t = task('Hàng tháng', {
    periodReports: [report('2025-10', true), report('2025-11', false, '2025-11-20T00:00:00Z', 'Chưa xong'), report('2025-11', true, '2025-11-28T00:00:00Z', 'Đã xong')],
    evidence: [evidence('a', '2025-11'), evidence('b', '2025-11'), evidence('c')],
  });
  it('one slot per period with its latest report and its evidence', () => {
    const slots = reportSlots(t, board(), '2025-10-01', '2025-12-31');
    expect(slots.map((s) => s.period.key)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(slots.map((s) => s.report?.done)).toEqual([true, true, undefined]);
    expect(slots[1]!.report!.note).toBe('Đã xong');
    expect(slots[1]!.evidence.map((e) => e.id)).toEqual(['a', 'b']);
    expect(slots[2]).toEqual({ period: periodOf('2025-12-01', 'monthly'), evidence: [], due: '2025-12-31' });
  });
  it('none for a task that does not report by period', () => {
    expect(reportSlots(task('31/12/2025'), board([monthly]), '2025-01-01', '2025-12-31')).toEqual([]);
    expect(reportSlots(task('Thường xuyên'), board(), '2025-01-01', '2025-12-31')).toEqual([]);
  });
  it('weekly on a Thái Nguyên-like board for a bare "Thường xuyên" task', () => {
    const slots = reportSlots(task('Nhiệm vụ thường xuyên', { periodReports: [report('2025-W50', true)] }), board([weekly]), '2025-12-01', '2025-12-21');
    expect(slots.map((s) => [s.period.label, s.report?.done ?? null])).toEqual([
      ['Tuần 49/2025 (01/12–07/12)', null],
      ['Tuần 50/2025 (08/12–14/12)', true],
      ['Tuần 51/2025 (15/12–21/12)', null],
    ]);
  });
});

describe('currentPeriodStatus (the card)', () => {
  it('says whether the period the task owes is reported, and done: an unfinished earlier period before the current one', () => {
    const t = { ...task('Hàng tháng', { periodReports: [report('2025-11', true), report('2025-12', false)] }), createdAt: '2025-11-01T00:00:00Z' };
    // November is done: the card speaks of it until December starts, then of December, which is owed (reported not done).
    expect(currentPeriodStatus(t, board(), '2025-11-30')).toMatchObject({ period: { key: '2025-11' }, reported: true, done: true });
    expect(currentPeriodStatus(t, board(), '2025-12-01')).toMatchObject({ period: { key: '2025-12', label: 'Tháng 12/2025' }, reported: true, done: false, due: '2025-12-31' });
    // On 2 January December is still owed (reported, not done): the card says so rather than January.
    expect(currentPeriodStatus(t, board(), '2026-01-02')).toMatchObject({ period: { key: '2025-12' }, reported: true, done: false, due: '2025-12-31' });
    const settled = { ...t, periodReports: [report('2025-12', true)] };
    expect(currentPeriodStatus(settled, board(), '2026-01-02')).toEqual({ period: periodOf('2026-01-02', 'monthly'), reported: false, due: '2026-01-31' });
    expect(currentPeriodStatus(task('31/12/2025'), board([monthly]), '2025-12-01')).toBeUndefined();
    // A bare "Thường xuyên" on the board's rhythm is reported, not judged: the current period, no due day.
    expect(currentPeriodStatus(task('Thường xuyên'), board([monthly]), '2026-01-02')).toEqual({ period: periodOf('2026-01-02', 'monthly'), reported: false });
  });
});

describe('periods for report menus', () => {
  it('lists the current period and those before it, newest first, and reads a period in a sentence', async () => {
    const { recentPeriods, inPeriod, periodInSentence, periodOf: of } = await import('./periods.ts');
    expect(recentPeriods('2025-02-10', 'monthly', 3).map((p) => p.key)).toEqual(['2025-02', '2025-01', '2024-12']);
    expect(recentPeriods('2025-02-10', 'quarterly', 2).map((p) => p.key)).toEqual(['2025-Q1', '2024-Q4']);
    expect(inPeriod('2025-03-31', of('2025-02-10', 'quarterly'))).toBe(true);
    expect(inPeriod('2025-04-01', of('2025-02-10', 'quarterly'))).toBe(false);
    expect(periodInSentence(of('2025-12-10', 'monthly'))).toBe('tháng 12/2025');
  });
});

describe('shortPeriodLabel', () => {
  it('writes every period of two years in a few characters, never its key, and tells them all apart', () => {
    for (const cadence of PERIOD_CADENCES) {
      const seen = new Set<string>();
      for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, cadence === 'daily' ? 11 : 5)) {
        const p = periodOf(day, cadence);
        for (const lang of ['vi', 'en'] as const) {
          const short = shortPeriodLabel(p, lang);
          expect(short, `${cadence} ${p.key}`).not.toBe(p.key);
          expect(short.length, short).toBeLessThanOrEqual(13);
          if (lang === 'vi') seen.add(`${p.key}=${short}`);
        }
      }
      // One label per period: as many distinct labels as keys.
      expect(new Set([...seen].map((x) => x.split('=')[1])).size, cadence).toBe(seen.size);
    }
    expect(shortPeriodLabel(periodOf('2026-12-05', 'monthly'), 'vi')).toBe('T12/2026');
    expect(shortPeriodLabel(periodOf('2025-11-20', 'quarterly'), 'vi')).toBe('Quý IV/2025');
    expect(shortPeriodLabel(periodOf('2026-03-01', 'half-yearly'), 'vi')).toBe('6T đầu 2026');
    expect(shortPeriodLabel(periodOf('2025-12-10', 'weekly'), 'vi')).toBe('Tuần 50/2025');
    expect(shortPeriodLabel(periodOf('2026-12-05', 'monthly'), 'en')).toBe('Dec 2026');
  });
});

describe('when a recurring task\'s report falls due (the one rule of board, reports and exports)', () => {
  const made = (deadline: string, more: { periodReports?: PeriodReport[]; createdAt?: string } = {}) => ({ ...task(deadline, more), createdAt: more.createdAt ?? '2020-01-01T00:00:00Z' });
  const done = (key: string) => report(key, true);

  it('reports on the longest cadence whose periods hold one printed day each, for every pair of months a year', () => {
    for (let m1 = 1; m1 <= 12; m1++) {
      expect(deadlineCadence(parseDeadline(`Tháng ${m1} hằng năm`))).toBe('yearly');
      for (let m2 = m1 + 1; m2 <= 12; m2++) {
        const apart = (size: number) => Math.ceil(m1 / size) !== Math.ceil(m2 / size);
        const expected = apart(6) ? 'half-yearly' : apart(3) ? 'quarterly' : 'monthly';
        expect(deadlineCadence(parseDeadline(`Tháng ${m1} và tháng ${m2} hằng năm`)), `${m1}, ${m2}`).toBe(expected);
      }
    }
    expect(deadlineCadence(parseDeadline('Quý II và quý IV hằng năm'))).toBe('half-yearly');
    expect(deadlineCadence(parseDeadline('Thường xuyên'))).toBeUndefined();
    expect(deadlineCadence(parseDeadline('31/12/2025'))).toBeUndefined();
  });

  it('has no due day in a period the plan asks no report for', () => {
    const d = parseDeadline('Tháng 1 và tháng 2 hằng năm');
    expect(periodDue(d, periodOf('2026-01-10', 'monthly'))).toBe('2026-01-31');
    expect(periodDue(d, periodOf('2026-03-10', 'monthly'))).toBeUndefined();
  });

  it('owes the current period once the previous one is reported done, and the previous one until it is, on every day of a year', () => {
    const wrong: string[] = [];
    for (const day of [1, 10, 25, 31])
      for (let at = '2026-01-01'; at <= '2026-12-31'; at = addDays(at, 1)) {
        const current = periodOf(at, 'monthly');
        const previous = previousPeriod(current);
        const [y, m] = [Number(at.slice(0, 4)), Number(at.slice(5, 7))];
        const dueNow = `${at.slice(0, 8)}${String(Math.min(day, new Date(Date.UTC(y, m, 0)).getUTCDate())).padStart(2, '0')}`;
        const settled = made(`Hằng tháng (trước ngày ${day})`, { periodReports: [done(previous.key)] });
        const owed = owedReport(settled, at);
        if (owed?.period.key !== current.key || owed.due !== dueNow) wrong.push(`${day} ${at}: ${JSON.stringify(owed)}`);
        // With nothing reported, the previous month's report is owed (and late) all through this month.
        if (owedReport(made(`Hằng tháng (trước ngày ${day})`), at)?.period.key !== previous.key) wrong.push(`${day} ${at}: previous not owed`);
        // Both done: nothing owed.
        if (owedReport(made(`Hằng tháng (trước ngày ${day})`, { periodReports: [done(previous.key), done(current.key)] }), at) !== undefined) wrong.push(`${day} ${at}: owed though done`);
      }
    expect(wrong).toEqual([]);
  });

  it('owes no report that fell due before the task was made, nor one the dated part of its deadline covers', () => {
    // Made on 27/5: the May report, due 25/5, is not asked of it; June's is.
    expect(owedReport(made('Hằng tháng (trước ngày 25)', { createdAt: '2026-05-27T03:00:00Z' }), '2026-06-03')).toMatchObject({ period: { key: '2026-06' }, due: '2026-06-25' });
    expect(owedReport(made('Hằng tháng (trước ngày 25)', { createdAt: '2026-05-20T03:00:00Z' }), '2026-06-03')).toMatchObject({ period: { key: '2026-05' }, due: '2026-05-25' });
    // Made at 01:00 on 26/5 in Vietnam (18:00 on 25/5 UTC): the day in Vietnam counts, so May's report is not asked.
    expect(owedReport(made('Hằng tháng (trước ngày 25)', { createdAt: '2026-05-25T18:00:00Z' }), '2026-06-03')?.period.key).toBe('2026-06');
    // "Trong năm 2026, sau đó hằng quý": the quarters up to 31/12/2026 are the dated deadline's.
    expect(owedReport(made('Trong năm 2026, sau đó hằng quý'), '2026-12-20')).toBeUndefined();
    expect(owedReport(made('Trong năm 2026, sau đó hằng quý'), '2027-02-01')).toMatchObject({ period: { key: '2027-Q1' }, due: '2027-03-31' });
  });

  it('dates every yearly, half-yearly and quarterly report by its printed month, quarter and day', () => {
    const settledBefore = (raw: string, at: string) => {
      const d = parseDeadline(raw);
      const p = previousPeriod(periodOf(at, deadlineCadence(d)!));
      return owedReport(made(raw, { periodReports: [done(p.key)] }), at);
    };
    expect(settledBefore('Quý IV hằng năm', '2026-03-01')).toMatchObject({ period: { key: '2026' }, due: '2026-12-31' });
    expect(settledBefore('Tháng 6 hằng năm', '2026-03-01')).toMatchObject({ period: { key: '2026' }, due: '2026-06-30' });
    expect(settledBefore('Trước ngày 15/12 hằng năm', '2026-03-01')).toMatchObject({ due: '2026-12-15' });
    expect(settledBefore('Định kỳ hằng năm (trước 31/01)', '2026-03-01')).toMatchObject({ period: { key: '2026' }, due: '2026-01-31' });
    expect(settledBefore('Tháng 6 và tháng 12 hằng năm', '2026-03-01')).toMatchObject({ period: { key: '2026-H1' }, due: '2026-06-30' });
    expect(settledBefore('Tháng 6 và tháng 12 hằng năm', '2026-08-01')).toMatchObject({ period: { key: '2026-H2' }, due: '2026-12-31' });
    expect(settledBefore('Báo cáo 6 tháng trước ngày 10/6', '2026-08-01')).toMatchObject({ period: { key: '2026-H2' }, due: '2026-12-10' });
    expect(settledBefore('Hằng quý (trước ngày 15 của tháng cuối quý)', '2026-08-01')).toMatchObject({ period: { key: '2026-Q3' }, due: '2026-09-15' });
    expect(settledBefore('Hằng tuần', '2026-08-05')).toMatchObject({ due: '2026-08-09' });
  });

  it('marks a period late by the same rule, and gives each slot its due day', () => {
    const t = made('Hằng tháng (trước ngày 25)', { periodReports: [report('2026-04', true), report('2026-05', false)], createdAt: '2026-03-26T00:00:00Z' });
    const slots = reportSlots(t, board(), '2026-03-01', '2026-06-30');
    expect(slots.map((s) => s.due)).toEqual(['2026-03-25', '2026-04-25', '2026-05-25', '2026-06-25']);
    expect(slots.map((s) => periodReportLate(t, s.period, '2026-06-26'))).toEqual([false, false, true, true]);
    expect(periodReportLate(t, periodOf('2026-06-01', 'monthly'), '2026-06-25')).toBe(false);
    // A board rhythm the task falls back on gives no due day.
    expect(reportSlots(task('Thường xuyên'), board([monthly]), '2026-03-01', '2026-03-31')[0]!.due).toBeUndefined();
  });

  it('reads back where a recurring deadline falls due, and nothing where the cadence says it all', () => {
    expect(recurrenceAnchor(parseDeadline('Hằng tháng (trước ngày 25)'))).toEqual({ kind: 'day', day: 25 });
    expect(recurrenceAnchor(parseDeadline('Quý IV hằng năm'))).toEqual({ kind: 'quarters', quarters: [4] });
    expect(recurrenceAnchor(parseDeadline('Tháng 6 và tháng 12 hằng năm'))).toEqual({ kind: 'months', months: [6, 12] });
    expect(recurrenceAnchor(parseDeadline('Báo cáo 6 tháng trước ngày 10/6'))).toEqual({ kind: 'dates', dates: ['10/06', '10/12'] });
    expect(recurrenceAnchor(parseDeadline('Hằng quý, trước ngày 31'))).toEqual({ kind: 'dates', dates: ['31/03', '30/06', '30/09', '31/12'] });
    for (const raw of ['Hằng quý', 'Hằng năm', 'Năm 2026 và những năm tiếp theo', 'Thường xuyên', 'Hằng tuần']) expect(recurrenceAnchor(parseDeadline(raw)), raw).toBeUndefined();
  });
});
