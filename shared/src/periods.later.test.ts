// Generated cases for reports due on a weekday of the week ("thứ Sáu hằng tuần") and in the period
// after their own ("tháng đầu quý sau", "trước ngày 10 tháng sau", "thứ Hai tuần sau"): every spelling
// × lead word × cadence word, checked against a walk over the calendar, never against the due rule itself.
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, isoDate } from './dates.ts';
import { describeDeadline, parseDeadline } from './deadline.ts';
import type { Cadence, PeriodReport } from './model.ts';
import { deadlineCadence, owedReport, periodDue, periodOf, periodsBetween, previousPeriod, type Period } from './periods.ts';

const cap = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
const jsDay = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay(); // Sunday 0 … Saturday 6

/** How each ISO weekday (1 Monday … 7 Sunday) is printed. */
const WEEKDAY_SPELLINGS: Record<number, string[]> = {
  1: ['thứ Hai', 'thứ hai', 'Thứ 2', 'thứ 2', 'T2'],
  2: ['thứ Ba', 'thứ ba', 'Thứ 3', 'T3'],
  3: ['thứ Tư', 'thứ tư', 'thứ 4', 'T4'],
  4: ['thứ Năm', 'thứ năm', 'thứ 5', 'T5'],
  5: ['thứ Sáu', 'thứ sáu', 'Thứ 6', 'thứ 6', 'T6'],
  6: ['thứ Bảy', 'thứ bảy', 'thứ 7', 'T7'],
  7: ['Chủ nhật', 'chủ nhật', 'CN'],
};
const WEEK_LEADS = ['', 'trước ', 'chậm nhất ', 'vào ', 'sáng ', 'chiều ', 'trước 16h00 ', 'trước 9 giờ ', 'trước 17h00 chiều ', 'báo cáo trước 16h00 '];
const WEEK_WORDS = ['hằng tuần', 'hàng tuần', 'định kỳ hằng tuần'];

interface WeeklyCase {
  text: string;
  weekday: number;
  lag: 0 | 1;
}
function weeklyCases(): WeeklyCase[] {
  const out: WeeklyCase[] = [];
  for (const [weekday, spellings] of Object.entries(WEEKDAY_SPELLINGS))
    for (const day of spellings)
      for (const lead of WEEK_LEADS)
        for (const words of WEEK_WORDS) {
          const w = Number(weekday);
          for (const text of [`${cap(`${lead}${day}`)} ${words}`, `${cap(words)}, ${lead}${day}`, `${cap(words)} (${lead}${day})`]) out.push({ text, weekday: w, lag: 0 });
          for (const next of ['tuần sau', 'tuần tiếp theo', 'tuần kế tiếp'])
            out.push({ text: `${cap(words)}, ${lead}${day} ${next}`, weekday: w, lag: 1 });
        }
  return out;
}

/** The day of `weekday` in the week (Monday to Sunday) `lag` weeks after the one holding `start`, found by walking the calendar. */
function walkWeekday(week: Period, weekday: number, lag: number): string {
  let day = week.start;
  for (let k = 0; k < lag * 7; k++) day = addDays(day, 1);
  while (jsDay(day) !== weekday % 7) day = addDays(day, 1);
  return day;
}

describe('a weekly report falls due on its printed weekday', () => {
  const cases = weeklyCases();
  it(`reads the weekday of ${cases.length} generated weekly cells`, () => {
    expect(cases.length).toBeGreaterThan(1500);
    const wrong = cases.flatMap((c) => {
      const d = parseDeadline(c.text);
      const ok = d.kind === 'recurring' && d.cadence === 'weekly' && d.periodWeekday === c.weekday && (d.periodLag ?? 0) === c.lag && d.due === undefined;
      return ok ? [] : [`${c.text} → ${JSON.stringify(d)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('dates every week of 2026 and of 2020 (53 weeks) on that weekday, as a walk over the calendar finds it', () => {
    const wrong: string[] = [];
    const weeks = [...periodsBetween('2026-01-01', '2026-12-31', 'weekly'), ...periodsBetween('2020-12-01', '2021-01-31', 'weekly')];
    for (const c of cases) {
      const d = parseDeadline(c.text);
      for (const week of weeks) {
        const meant = walkWeekday(week, c.weekday, c.lag);
        const got = periodDue(d, week);
        if (got !== meant) wrong.push(`${c.text} ${week.key} → ${got}, meant ${meant}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('owes each week on its weekday on every day of a year: the last one due until it is done, then the current one', () => {
    const wrong: string[] = [];
    for (const [text, weekday, lag] of [['Trước 16h00 thứ Sáu hằng tuần', 5, 0], ['Chiều thứ Năm hàng tuần', 4, 0], ['T2 hằng tuần', 1, 0], ['Hằng tuần, thứ Hai tuần sau', 1, 1], ['CN hằng tuần', 7, 0]] as const)
      for (let at = '2026-01-01'; at <= '2026-12-31'; at = addDays(at, 1)) {
        // Every week whose report fell due before today is done: what is owed is the next due day, on or
        // after today, if its week has begun (a week not yet begun owes nothing, as a month does not).
        const weeks = periodsBetween('2025-11-01', '2027-02-01', 'weekly').map((p) => ({ p, due: walkWeekday(p, weekday, lag) }));
        const reports: PeriodReport[] = weeks.filter((x) => x.due < at).map((x) => ({ period: x.p.key, done: true, note: '', at: '2020-01-01T00:00:00Z' }));
        const next = weeks.find((x) => x.due >= at && x.p.start <= at);
        const owed = owedReport({ deadline: parseDeadline(text), periodReports: reports }, at);
        if (owed?.period.key !== next?.p.key || owed?.due !== next?.due) wrong.push(`${text} ${at}: ${JSON.stringify(owed)}, meant ${next?.p.key} ${next?.due}`);
        // Nothing reported: the oldest report falling due since last week began is owed, never an older one.
        const since = previousPeriod(periodOf(at, 'weekly')).start;
        const oldest = weeks.find((x) => x.due >= since)!;
        if (owedReport({ deadline: parseDeadline(text) }, at)?.period.key !== oldest.p.key) wrong.push(`${text} ${at} unreported, meant ${oldest.p.key}`);
      }
    expect(wrong).toEqual([]);
  });

  it('keeps the earliest of several weekdays, flagged; ordinals and months are no weekday; other cadences keep none', () => {
    expect(parseDeadline('Thứ Hai và thứ Năm hằng tuần')).toMatchObject({ periodWeekday: 1, flags: ['several-dates'] });
    expect(parseDeadline('Hằng tuần (thứ Năm, thứ Sáu)')).toMatchObject({ periodWeekday: 4, flags: ['several-dates'] });
    expect(parseDeadline('Hằng tuần').periodWeekday).toBeUndefined();
    expect(parseDeadline('Tuần thứ hai hằng tuần').periodWeekday).toBeUndefined();
    expect(parseDeadline('Hằng tháng, thứ Sáu tuần cuối tháng').periodWeekday).toBeUndefined();
    expect(parseDeadline('Thứ Sáu').kind).not.toBe('recurring');
    // Without a weekday the week's end (Sunday), as before.
    expect(periodDue(parseDeadline('Hằng tuần'), periodOf('2026-02-10', 'weekly'))).toBe('2026-02-15');
    expect(describeDeadline(parseDeadline('Trước 16h00 thứ Sáu hằng tuần'))).toBe('Thường xuyên (hằng tuần, trước thứ Sáu)');
    expect(describeDeadline(parseDeadline('Hằng tuần, thứ Hai tuần sau'))).toBe('Thường xuyên (hằng tuần, trước thứ Hai tuần sau)');
  });
});

/** A report due in the period after its own, with where in it; the months are counted from the report's period start (0 = its first month). */
interface LaterCase {
  text: string;
  cadence: Exclude<Cadence, 'ongoing' | 'daily' | 'weekly'>;
  /** Months after the start of the report's own period the due month is. */
  monthAfter: number;
  /** The printed day, else 0 for the month's end. */
  day: number;
}

const NEXT_WORDS = ['sau', 'tiếp theo', 'kế tiếp'];
const QUARTER_WORDS = ['hằng quý', 'hàng quý', 'định kỳ hằng quý'];
const MONTH_WORDS = ['hằng tháng', 'hàng tháng', 'định kỳ hằng tháng'];
const YEAR_WORDS = ['hằng năm', 'hàng năm', 'định kỳ hằng năm'];
/** A month's place in a quarter, as plans print it: 0 first, 1 middle, 2 last. */
const PLACES: Array<[string, number]> = [['đầu', 0], ['thứ nhất', 0], ['giữa', 1], ['thứ hai', 1], ['cuối', 2], ['thứ ba', 2]];
const DAYS = [1, 5, 10, 15, 20, 25, 28, 30, 31];

function laterCases(): LaterCase[] {
  const out: LaterCase[] = [];
  for (const words of QUARTER_WORDS)
    for (const next of NEXT_WORDS)
      for (const [place, at] of PLACES) {
        const monthAfter = 3 + at;
        for (const text of [`Báo cáo ${words}, gửi trong tháng ${place} quý ${next}`, `${cap(words)} (trong tháng ${place} của quý ${next})`, `${cap(words)}, chậm nhất hết tháng ${place} quý ${next}`])
          out.push({ text, cadence: 'quarterly', monthAfter, day: 0 });
        for (const day of DAYS)
          for (const text of [`${cap(words)}, trước ngày ${day} tháng ${place} quý ${next}`, `${cap(words)}, ngày ${day} của tháng ${place} quý ${next}`, `Chậm nhất ngày ${day} tháng ${place} quý ${next}, ${words}`, `Trước ngày ${day} của tháng ${place} quý ${next} (${words})`])
            out.push({ text, cadence: 'quarterly', monthAfter, day });
      }
  for (const words of MONTH_WORDS)
    for (const next of NEXT_WORDS)
      for (const day of DAYS)
        for (const text of [`${cap(words)}, trước ngày ${day} tháng ${next}`, `Báo cáo ${words} chậm nhất ngày ${day} của tháng ${next}`, `Trước ngày ${day} tháng ${next}, ${words}`])
          out.push({ text, cadence: 'monthly', monthAfter: 1, day });
  for (const words of YEAR_WORDS)
    for (const next of NEXT_WORDS) {
      for (const text of [`Báo cáo ${words}, gửi trong tháng đầu năm ${next}`, `${cap(words)} (tháng đầu năm ${next})`]) out.push({ text, cadence: 'yearly', monthAfter: 12, day: 0 });
      for (let m = 1; m <= 12; m++) {
        out.push({ text: `${cap(words)}, trong tháng ${m} năm ${next}`, cadence: 'yearly', monthAfter: 11 + m, day: 0 });
        for (const day of DAYS.filter((d) => d <= daysInMonth(2024, m)))
          for (const text of [`Trước ngày ${day}/${m} năm ${next}, ${words}`, `${cap(words)}, chậm nhất ngày ${day} tháng ${m} năm ${next}`])
            out.push({ text, cadence: 'yearly', monthAfter: 11 + m, day });
      }
      for (let q = 1; q <= 4; q++) out.push({ text: `Quý ${['I', 'II', 'III', 'IV'][q - 1]} năm ${next} (${words})`, cadence: 'yearly', monthAfter: 12 + q * 3 - 1, day: 0 });
    }
  return out;
}

/** The due day a case means for a period: count `monthAfter` months on from the period's first month, then the printed day (clipped) or that month's last day. */
function walkLater(c: LaterCase, period: Period): string {
  const months = Number(period.start.slice(0, 4)) * 12 + Number(period.start.slice(5, 7)) - 1 + c.monthAfter;
  const [y, m] = [Math.floor(months / 12), (months % 12) + 1];
  const last = daysInMonth(y, m);
  return isoDate(y, m, c.day === 0 ? last : Math.min(c.day, last));
}

describe('a report due in the period after its own', () => {
  const cases = laterCases();
  it(`reads ${cases.length} generated cells as their cadence with a lag of one period`, () => {
    expect(cases.length).toBeGreaterThan(900);
    const wrong = cases.flatMap((c) => {
      const d = parseDeadline(c.text);
      const ok = d.kind === 'recurring' && d.cadence === c.cadence && d.periodLag === 1 && deadlineCadence(d) === c.cadence;
      return ok ? [] : [`${c.text} → ${JSON.stringify(d)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('dates every period of 2026 and 2028 (leap) as a walk over the calendar finds it, over every variant', () => {
    const wrong: string[] = [];
    for (const c of cases)
      for (const text of [c.text, c.text.toUpperCase(), c.text.normalize('NFD'), `<p>${c.text}</p>`, `${c.text}.`]) {
        const d = parseDeadline(text);
        for (const year of [2026, 2028]) {
          for (const period of periodsBetween(isoDate(year, 1, 1), isoDate(year, 12, 31), c.cadence)) {
            const got = periodDue(d, period);
            const meant = walkLater(c, period);
            if (got !== meant) wrong.push(`${JSON.stringify(text)} ${period.key} → ${got}, meant ${meant}`);
          }
        }
      }
    expect(wrong).toEqual([]);
  });

  it('owes, on every day of a year, the report whose due day comes next once every earlier one is done, and the unfinished one before it until it is', () => {
    const wrong: string[] = [];
    const samples = ['Báo cáo hằng quý, gửi trong tháng đầu quý sau', 'Hằng quý, trước ngày 10 tháng đầu quý sau', 'Hằng tháng, trước ngày 10 tháng sau', 'Báo cáo hằng năm, gửi trong tháng đầu năm sau', 'Trước ngày 31/1 năm sau, hằng năm'];
    for (const text of samples) {
      const c = cases.find((x) => x.text === text) ?? laterCases().find((x) => x.text.toLowerCase() === text.toLowerCase())!;
      const d = parseDeadline(text);
      const dues = periodsBetween('2023-01-01', '2027-12-31', c.cadence).map((p) => ({ p, due: walkLater(c, p) }));
      for (let at = '2026-01-01'; at <= '2026-12-31'; at = addDays(at, 1)) {
        const reports: PeriodReport[] = dues.filter((x) => x.due < at).map((x) => ({ period: x.p.key, done: true, note: '', at: '2020-01-01T00:00:00Z' }));
        const next = dues.find((x) => x.due >= at && x.p.start <= at);
        const owed = owedReport({ deadline: d, periodReports: reports }, at);
        if (owed?.period.key !== next?.p.key || owed?.due !== next?.due) wrong.push(`${text} ${at}: ${JSON.stringify(owed)}, meant ${next?.p.key} ${next?.due}`);
        // Nothing reported: the oldest report falling due since the previous period began is owed (Quý IV's,
        // due 31/1, through Quý II), never an older one.
        const since = previousPeriod(periodOf(at, c.cadence)).start;
        const oldest = dues.find((x) => x.due >= since)!;
        const unreported = owedReport({ deadline: d }, at);
        if (unreported?.period.key !== oldest.p.key || unreported.due !== oldest.due) wrong.push(`${text} ${at} unreported: ${JSON.stringify(unreported)}, meant ${oldest.p.key}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves the earlier reading where the next period is not the cell\'s own, or the words count periods', () => {
    // "hằng quý … tháng sau" does not say which month: the quarter's own, as before.
    expect(parseDeadline('Hằng quý, trước ngày 15 tháng sau').periodLag).toBeUndefined();
    // A yearly cell's "tháng đầu quý sau" is no month of the next year.
    expect(parseDeadline('Hằng năm, tháng đầu quý sau').periodLag).toBeUndefined();
    expect(parseDeadline('Năm 2026 và những năm tiếp theo')).toMatchObject({ kind: 'year', due: '2026-12-31', cadence: 'yearly' });
    expect(parseDeadline('Năm 2026 và những năm tiếp theo').periodLag).toBeUndefined();
    expect(parseDeadline('Hằng năm và các năm sau').periodLag).toBeUndefined();
    expect(parseDeadline('Hằng tháng, báo cáo 6 tháng sau đó').periodLag).toBeUndefined();
    expect(parseDeadline('Hằng quý (trước ngày 20 của tháng đầu quý)').periodLag).toBeUndefined();
  });

  it('reads back in a plan\'s words', () => {
    const said = (text: string) => describeDeadline(parseDeadline(text));
    expect(said('Báo cáo hằng quý, gửi trong tháng đầu quý sau')).toBe('Thường xuyên (hằng quý, hết tháng đầu quý sau)');
    expect(said('Hằng quý, ngày 15 của tháng đầu quý sau')).toBe('Thường xuyên (hằng quý, trước ngày 15 tháng đầu quý sau)');
    expect(said('Hằng tháng, trước ngày 10 tháng sau')).toBe('Thường xuyên (hằng tháng, trước ngày 10 tháng sau)');
    expect(said('Hằng năm, trong tháng đầu năm sau')).toBe('Thường xuyên (hằng năm, hết tháng 1 năm sau)');
    expect(said('Trước ngày 31/01 năm sau, hằng năm')).toBe('Thường xuyên (hằng năm, trước ngày 31/01 năm sau)');
    expect(said('Hằng quý, trong quý sau')).toBe('Thường xuyên (hằng quý, hết quý sau)');
  });
});
