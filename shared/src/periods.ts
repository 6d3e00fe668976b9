// Reporting periods of recurring tasks (DOMAIN.md "Reporting rhythm"): period keys for every cadence
// ("2025-W50", "2025-12", "2025-Q4", "2025-H2", "2025"), their dates and Vietnamese labels, which cadence
// a task reports on, when each period's report falls due, the report a task owes today, and its slots.
import type { Board, Cadence, Deadline, Evidence, IsoDate, PeriodReport, ReportingRhythm, Task } from './model.ts';
import { daysInMonth, formatDateVi, isoDate, splitIsoDate, todayInVietnam } from './dates.ts';

/** Cadences that cut time into periods; `ongoing` ("thường xuyên") names none. */
export type PeriodCadence = Exclude<Cadence, 'ongoing'>;
/** Shortest first: when a board states several rhythms, units report at the most frequent one. */
export const PERIOD_CADENCES: readonly PeriodCadence[] = ['daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'];
/** A cadence that cuts time into periods, from a word read off a form, a query or a stored rhythm ("ongoing" and anything else is not). */
export const isPeriodCadence = (value: string): value is PeriodCadence => PERIOD_CADENCES.some((c) => c === value);

export interface Period {
  /** "2025-12-08" (day), "2025-W50" (ISO week), "2025-12", "2025-Q4", "2025-H2", "2025". */
  key: string;
  cadence: PeriodCadence;
  /** First and last day, inclusive. */
  start: IsoDate;
  end: IsoDate;
  /** "Tuần 50/2025 (08/12–14/12)", "Tháng 12/2025", "Quý IV/2025", "6 tháng cuối năm 2025", "Năm 2025". */
  label: string;
  labelEn: string;
}

const DAY_MS = 86_400_000;
const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const utc = (iso: string) => {
  const [y, m, d] = splitIsoDate(iso);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): IsoDate => {
  const t = new Date(ms);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};
/** "08/12": day and month, as a week's range prints them. */
const dayMonth = (iso: string) => formatDateVi(iso).slice(0, 5);

/** ISO 8601 week: weeks start on Monday, and week 1 holds the year's first Thursday. */
function isoWeekOf(iso: string): { year: number; week: number } {
  const t = utc(iso);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = t + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) };
}

/** Monday of ISO week 1: the Monday of the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

const weeksInIsoYear = (year: number) => isoWeekOf(isoDate(year, 12, 28)).week;

function build(cadence: PeriodCadence, key: string, start: IsoDate, end: IsoDate, label: string, labelEn: string): Period {
  return { key, cadence, start, end, label, labelEn };
}

function dayPeriod(y: number, m: number, d: number): Period {
  const iso = isoDate(y, m, d);
  return build('daily', iso, iso, iso, `Ngày ${formatDateVi(iso)}`, formatDateVi(iso));
}
function weekPeriod(year: number, week: number): Period {
  const monday = isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS;
  const start = fromUtc(monday);
  const end = fromUtc(monday + 6 * DAY_MS);
  const range = `${dayMonth(start)}–${dayMonth(end)}`;
  return build('weekly', `${year}-W${pad(week)}`, start, end, `Tuần ${week}/${year} (${range})`, `Week ${week}/${year} (${range})`);
}
function monthPeriod(y: number, m: number): Period {
  return build('monthly', `${y}-${pad(m)}`, isoDate(y, m, 1), isoDate(y, m, daysInMonth(y, m)), `Tháng ${m}/${y}`, `${MONTHS_EN[m - 1]} ${y}`);
}
function quarterPeriod(y: number, q: number): Period {
  return build('quarterly', `${y}-Q${q}`, isoDate(y, q * 3 - 2, 1), isoDate(y, q * 3, daysInMonth(y, q * 3)), `Quý ${ROMAN[q - 1]}/${y}`, `Q${q} ${y}`);
}
function halfPeriod(y: number, h: number): Period {
  return h === 1
    ? build('half-yearly', `${y}-H1`, isoDate(y, 1, 1), isoDate(y, 6, 30), `6 tháng đầu năm ${y}`, `First half of ${y}`)
    : build('half-yearly', `${y}-H2`, isoDate(y, 7, 1), isoDate(y, 12, 31), `6 tháng cuối năm ${y}`, `Second half of ${y}`);
}
function yearPeriod(y: number): Period {
  return build('yearly', String(y), isoDate(y, 1, 1), isoDate(y, 12, 31), `Năm ${y}`, `Year ${y}`);
}

/** The period of `cadence` that holds `date` (YYYY-MM-DD). */
export function periodOf(date: IsoDate, cadence: PeriodCadence): Period {
  const [y, m, d] = splitIsoDate(date);
  switch (cadence) {
    case 'daily':
      return dayPeriod(y, m, d);
    case 'weekly': {
      const { year, week } = isoWeekOf(date);
      return weekPeriod(year, week);
    }
    case 'monthly':
      return monthPeriod(y, m);
    case 'quarterly':
      return quarterPeriod(y, Math.ceil(m / 3));
    case 'half-yearly':
      return halfPeriod(y, m <= 6 ? 1 : 2);
    case 'yearly':
      return yearPeriod(y);
  }
}

/** The key of the period of `cadence` that holds `date`: "2025-W50", "2025-12", "2025-Q4", "2025-H2", "2025". */
export function periodKey(date: IsoDate, cadence: PeriodCadence): string {
  return periodOf(date, cadence).key;
}

/** Reads a period key back; undefined for anything that is not one (week 54, month 13, "2025-Q5"). */
export function parsePeriodKey(key: string): Period | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? dayPeriod(y, mo, d) : undefined;
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const [y, w] = [Number(m[1]), Number(m[2])];
    return w >= 1 && w <= weeksInIsoYear(y) ? weekPeriod(y, w) : undefined;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : undefined;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return quarterPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return halfPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(key))) return yearPeriod(Number(m[1]));
  return undefined;
}

/** A period's Vietnamese label from its key ("2025-Q4" → "Quý IV/2025"); the key itself when it is none. */
export function periodLabel(key: string): string {
  return parsePeriodKey(key)?.label ?? key;
}

/** The period right after `period`, of the same cadence. */
export function nextPeriod(period: Period): Period {
  return periodOf(fromUtc(utc(period.end) + DAY_MS), period.cadence);
}

/** The period right before `period`, of the same cadence. */
export function previousPeriod(period: Period): Period {
  return periodOf(fromUtc(utc(period.start) - DAY_MS), period.cadence);
}

/**
 * Every period of `cadence` that overlaps `from`…`to` (inclusive), oldest first; empty when `to` is
 * before `from`. `limit` (default 1,000) stops a mistaken range (daily over a century) from running away.
 */
export function periodsBetween(from: IsoDate, to: IsoDate, cadence: PeriodCadence, limit = 1000): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  for (let p = periodOf(from, cadence); p.start <= to && out.length < limit; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The board's reporting cadence: the most frequent one its plan states, if any. */
export function boardReportingCadence(rhythm: readonly ReportingRhythm[]): PeriodCadence | undefined {
  let best: PeriodCadence | undefined;
  for (const r of rhythm) {
    if (r.cadence === 'ongoing') continue;
    if (best === undefined || PERIOD_CADENCES.indexOf(r.cadence) < PERIOD_CADENCES.indexOf(best)) best = r.cadence;
  }
  return best;
}

/** True for tasks reported period by period: recurring deadlines, and dated ones that then recur. */
export function isRecurringTask(task: Pick<Task, 'deadline'>): boolean {
  return task.deadline.kind === 'recurring' || task.deadline.cadence !== undefined;
}

/** What the due rule reads of a deadline: its cadence, the day, months and quarters it prints, and its dated part. */
export type Recurrence = Pick<Deadline, 'kind' | 'cadence' | 'periodDay' | 'periodMonths' | 'periodQuarters' | 'periodWeekday' | 'periodLag' | 'due' | 'start'>;

/** A day a recurring deadline falls due on each year: a month, and the printed day in it (clipped to the month), else its last day. */
export interface DueDay {
  month: number;
  /** Absent: the month's last day (a month's or a quarter's end). */
  day?: number;
}

/** Months in one period of each cadence that has months. */
const MONTHS_IN: Partial<Record<PeriodCadence, number>> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };
/** Longest first: the report cadence of a deadline is the longest whose periods hold one due day each. */
const MONTHED_CADENCES = ['yearly', 'half-yearly', 'quarterly', 'monthly'] as const;

/**
 * The days of a year a recurring deadline falls due on, in order — the one rule the board, the reports
 * and the exports date a recurring task's reports by:
 * - the months and quarters it prints, on its printed day or at their end ("Tháng 6 và tháng 12 hằng
 *   năm": 30/6 and 31/12; "Quý IV hằng năm": 31/12; "Trước ngày 15/12 hằng năm": 15/12; "Hằng quý
 *   (trước ngày 20 của tháng đầu quý)": the 20th of January, April, July, October);
 * - a quarterly or half-yearly cadence repeats a printed month's place in each of its periods ("Báo
 *   cáo 6 tháng trước ngày 10/6": 10/6 and 10/12);
 * - with no month printed, a dated deadline that then recurs keeps its date's place ("Tháng 6/2026,
 *   sau đó hằng năm": every 30/6; "15/3/2026 và hằng tháng": every 15th);
 * - else the last month of each period, on the printed day or at its end ("Hằng tháng (trước ngày
 *   25)": every 25th; "Hằng quý (trước ngày 15)": 15/3, 15/6, 15/9, 15/12 — the periodic reporting
 *   rule of Nghị định 09/2019/NĐ-CP puts a period's report in its last month; "Hằng quý": each quarter's end).
 * A printed day a month lacks is that month's last day (31 → 30/6, 28/2 or 29/2). Undefined for a
 * weekly, daily or ongoing cadence, whose periods hold no month to name: those fall due at each period's end.
 */
export function dueDaysInYear(d: Recurrence): DueDay[] | undefined {
  return ruleOf(d).days;
}

/** A deadline's due days and report cadence, worked out once per deadline object: a board's cards share their deadlines (wire.ts interns them), and classifying 10,000 cards asks for them again and again. */
const rules = new WeakMap<Recurrence, { days: DueDay[] | undefined; cadence: PeriodCadence | undefined }>();
function ruleOf(d: Recurrence): { days: DueDay[] | undefined; cadence: PeriodCadence | undefined } {
  let rule = rules.get(d);
  if (!rule) {
    const days = computeDueDays(d);
    rules.set(d, (rule = { days, cadence: computeCadence(d, days) }));
  }
  return rule;
}

function computeDueDays(d: Recurrence): DueDay[] | undefined {
  const cadence = d.cadence;
  const length = cadence && cadence !== 'ongoing' ? MONTHS_IN[cadence] : undefined;
  if (length === undefined) return undefined;
  let day = d.periodDay;
  let named = [...(d.periodMonths ?? []), ...(d.periodQuarters ?? []).map((q) => q * 3)];
  if (named.length === 0 && d.due !== undefined && (d.kind === 'date' || d.kind === 'month' || d.kind === 'quarter') && d.start === undefined) {
    const [y, m, dd] = splitIsoDate(d.due);
    named = [m];
    if (day === undefined && dd !== daysInMonth(y, m)) day = dd;
  }
  // A month's place in its period, repeated in every period of the year; none printed: the last month.
  const places = named.length > 0 ? named.map((m) => ((m - 1) % length) + 1) : [length];
  const months = new Set<number>();
  for (const place of places) for (let m = place; m <= 12; m += length) months.add(m);
  return [...months].sort((a, b) => a - b).map((month) => (day === undefined ? { month } : { month, day }));
}

/**
 * The cadence a deadline's own reports follow: its printed cadence, or a shorter one when it names
 * several days a year ("Tháng 6 và tháng 12 hằng năm" reports half-yearly, a period for each date):
 * the longest cadence, no longer than the printed one, whose periods hold at most one due day each.
 * Undefined for a deadline with no cadence, or "thường xuyên" with none stated.
 */
export function deadlineCadence(d: Recurrence): PeriodCadence | undefined {
  return ruleOf(d).cadence;
}

function computeCadence(d: Recurrence, days: DueDay[] | undefined): PeriodCadence | undefined {
  const cadence = d.cadence;
  if (!cadence || cadence === 'ongoing') return undefined;
  const length = MONTHS_IN[cadence];
  if (!days || length === undefined) return cadence;
  for (const c of MONTHED_CADENCES) {
    const size = MONTHS_IN[c]!;
    if (size > length) continue;
    if (new Set(days.map((x) => Math.ceil(x.month / size))).size === days.length) return c;
  }
  return 'monthly';
}

/** A due day in a year as a date: the printed day, or the month's last day when the month has fewer days or none is printed. */
function dueDate(year: number, d: DueDay): IsoDate {
  const last = daysInMonth(year, d.month);
  return isoDate(year, d.month, Math.min(d.day ?? last, last));
}

/**
 * The day a period's report of a recurring deadline falls due: the deadline's due day inside the
 * period (see `dueDaysInYear`); for a weekly cadence its printed weekday ("thứ Sáu hằng tuần"), else
 * the week's end; for a daily one the day itself. A deadline whose report falls due in a later period
 * (`periodLag`: "tháng đầu quý sau", "trước ngày 10 tháng sau", "thứ Hai tuần sau") takes that due day
 * in the period `periodLag` after this one: Quý I's report of "Hằng quý, trong tháng đầu quý sau" is
 * due 30/4. Undefined when the deadline names no cadence of its own, or names no day inside the period
 * it falls due in (a period its plan asks no report for, as March is for "Tháng 1 và tháng 2 hằng năm").
 */
export function periodDue(d: Recurrence, period: Pick<Period, 'start' | 'end'>): IsoDate | undefined {
  const { cadence, days } = ruleOf(d);
  if (cadence === undefined) return undefined;
  // The period the report falls due in: this one, or the one `periodLag` after it, of the deadline's own cadence.
  let at: Pick<Period, 'start' | 'end'> = period;
  for (let k = 0; k < (d.periodLag ?? 0); k++) at = periodOf(fromUtc(utc(at.end) + DAY_MS), cadence);
  if (!days) return cadence === 'weekly' && d.periodWeekday !== undefined ? fromUtc(utc(at.start) + (d.periodWeekday - 1) * DAY_MS) : at.end;
  return dueDayIn(days, at);
}

/** The first of a year's due days that lies inside `period`. */
function dueDayIn(days: readonly DueDay[], period: Pick<Period, 'start' | 'end'>): IsoDate | undefined {
  const [fromYear, fromMonth] = splitIsoDate(period.start);
  const [toYear, toMonth] = splitIsoDate(period.end);
  for (let y = fromYear; y <= toYear; y++)
    for (const x of days) {
      // Only the months the period touches; the day itself is then checked against its ends.
      if ((y === fromYear && x.month < fromMonth) || (y === toYear && x.month > toMonth)) continue;
      const due = dueDate(y, x);
      if (due >= period.start && due <= period.end) return due;
    }
  return undefined;
}

/**
 * The cadence a recurring task reports on: its own deadline's ("Hằng tháng"; several dates a year
 * report once per date, see `deadlineCadence`), else the board's reporting rhythm (a bare "Thường
 * xuyên" reports as the plan's units do). Undefined for a task that does not recur, or when neither
 * names a cadence.
 */
export function reportingCadence(task: Pick<Task, 'deadline'>, board: Pick<Board, 'rhythm'>): PeriodCadence | undefined {
  if (!isRecurringTask(task)) return undefined;
  return deadlineCadence(task.deadline) ?? boardReportingCadence(board.rhythm);
}

/**
 * What a recurring deadline says about where in its period it falls due, beyond its cadence, for
 * reading it back: the day of each month ("Hằng tháng (trước ngày 25)"), the days of the year for a
 * printed day ("trước ngày 15/12", "10/6 và 10/12"), the month ends ("hết tháng 6 và tháng 12"), or
 * the quarter ends ("hết quý IV"). Undefined when the deadline falls due at each period's end with
 * nothing printed ("Hằng quý", "Năm 2026 và những năm tiếp theo"). Dates are "dd/mm", a day a month
 * lacks shown as its last day in a leap year (31 in June is 30/06).
 */
export type RecurrenceAnchor =
  | { kind: 'day'; day: number }
  | { kind: 'dates'; dates: string[] }
  | { kind: 'months'; months: number[] }
  | { kind: 'quarters'; quarters: number[] }
  /** A weekly report's weekday, ISO numbered (1 Monday … 7 Sunday): "thứ Sáu hằng tuần". */
  | { kind: 'weekday'; weekday: number }
  /**
   * A report due in a later period (`periodLag`, 1 for "sau"): where in it, as printed — the weekday of
   * a week, the day of a month, the months' places in a quarter or half-year (1 = its first month), the
   * months of a year — "thứ Hai tuần sau", "trước ngày 10 tháng sau", "hết tháng đầu quý sau",
   * "trước ngày 31/01 năm sau". Nothing but the lag: at the end of that later period.
   */
  | { kind: 'next'; cadence: PeriodCadence; lag: number; weekday?: number; day?: number; months?: number[] };

export function recurrenceAnchor(d: Recurrence): RecurrenceAnchor | undefined {
  const cadence = d.cadence && d.cadence !== 'ongoing' ? d.cadence : undefined;
  if (cadence && d.periodLag) return laterAnchor(d, cadence, d.periodLag);
  if (cadence === 'weekly') return d.periodWeekday ? { kind: 'weekday', weekday: d.periodWeekday } : undefined;
  if (d.cadence === 'monthly') return d.periodDay ? { kind: 'day', day: d.periodDay } : undefined;
  const days = dueDaysInYear(d);
  const length = d.cadence && d.cadence !== 'ongoing' ? MONTHS_IN[d.cadence] : undefined;
  if (!days || length === undefined) return undefined;
  if (days.some((x) => x.day !== undefined)) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return { kind: 'dates', dates: days.map((x) => `${pad(Math.min(x.day!, daysInMonth(2024, x.month)))}/${pad(x.month)}`) };
  }
  const months = days.map((x) => x.month);
  const printedMonths = d.periodMonths ?? [];
  const quarters = d.periodQuarters ?? [];
  if (quarters.length > 0 && printedMonths.length === 0 && length === 12) return { kind: 'quarters', quarters };
  // A place taken from the dated part says nothing the cadence does not when it is each period's end.
  if (printedMonths.length === 0 && quarters.length === 0 && months.every((m) => m % length === 0)) return undefined;
  return { kind: 'months', months };
}

/** Where in the period `lag` after its own a report falls due; see `RecurrenceAnchor` 'next'. */
function laterAnchor(d: Recurrence, cadence: PeriodCadence, lag: number): RecurrenceAnchor {
  const anchor: RecurrenceAnchor = { kind: 'next', cadence, lag };
  if (cadence === 'weekly') return d.periodWeekday ? { ...anchor, weekday: d.periodWeekday } : anchor;
  if (cadence === 'daily') return anchor;
  const days = dueDaysInYear(d) ?? [];
  const day = days.find((x) => x.day !== undefined)?.day;
  const length = MONTHS_IN[cadence]!;
  // A month's place in its period; a year's months are its own. Each period's last month alone says nothing beyond the lag.
  const months = [...new Set(days.map((x) => ((x.month - 1) % length) + 1))];
  const named = length > 1 && !(months.length === 1 && months[0] === length && day === undefined);
  return { ...anchor, ...(day !== undefined ? { day } : {}), ...(named ? { months } : {}) };
}

/** Weekdays as plans print them, ISO numbered from Monday (index 0 is thứ Hai). */
export const WEEKDAYS_VI = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'] as const;
/** The period after, in a plan's words: "tuần sau", "tháng sau", "quý sau", "6 tháng sau", "năm sau". */
const NEXT_VI: Record<PeriodCadence, string> = { daily: 'ngày sau', weekly: 'tuần sau', monthly: 'tháng sau', quarterly: 'quý sau', 'half-yearly': 'kỳ 6 tháng sau', yearly: 'năm sau' };
/** A month's place in a quarter, as plans say it ("tháng đầu quý"). */
const PLACE_IN_QUARTER_VI = ['đầu', 'giữa', 'cuối'];

/** ", trước thứ Sáu tuần sau", ", trước ngày 10 tháng sau", ", hết tháng đầu quý sau", ", trước ngày 31/01 năm sau": a later period's due day in a plan's words. */
function describeLater(a: Extract<RecurrenceAnchor, { kind: 'next' }>): string {
  const next = a.lag === 1 ? NEXT_VI[a.cadence] : `${NEXT_VI[a.cadence]} (kỳ thứ ${a.lag} sau kỳ báo cáo)`;
  if (a.weekday !== undefined) return `, trước ${WEEKDAYS_VI[a.weekday - 1]} ${next}`;
  const months = a.months ?? [];
  const lead = a.day !== undefined ? `trước ngày ${a.day}` : 'hết';
  if (months.length === 0) return a.day !== undefined ? `, ${lead} ${a.cadence === 'monthly' ? '' : 'tháng cuối '}${next}` : `, hết ${next}`;
  if (a.cadence === 'yearly') {
    if (a.day !== undefined) return `, trước ngày ${listVi(months.map((m) => `${pad(Math.min(a.day!, daysInMonth(2024, m)))}/${pad(m)}`))} ${next}`;
    return `, hết ${listVi(months.map((m) => `tháng ${m}`))} ${next}`;
  }
  const place = (m: number) => (a.cadence === 'quarterly' ? `tháng ${PLACE_IN_QUARTER_VI[m - 1]}` : `tháng thứ ${m}`);
  return `, ${lead} ${listVi(months.map(place))} ${next}`;
}

/** "a", "a và b", "a, b và c": a list as Vietnamese prints it. */
const listVi = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`);

/**
 * ", trước ngày 25", ", trước ngày 15/06 và 15/12", ", hết tháng 6 và tháng 12", ", hết quý IV", ", trước
 * thứ Sáu", ", hết tháng đầu quý sau": the anchor in the words of a plan (Vietnamese).
 */
export function describeRecurrenceAnchor(a: RecurrenceAnchor | undefined): string {
  if (!a) return '';
  switch (a.kind) {
    case 'day':
      return `, trước ngày ${a.day}`;
    case 'dates':
      return `, trước ngày ${listVi(a.dates)}`;
    case 'months':
      return `, hết ${listVi(a.months.map((m) => `tháng ${m}`))}`;
    case 'quarters':
      return `, hết ${listVi(a.quarters.map((q) => `quý ${ROMAN[q - 1]}`))}`;
    case 'weekday':
      return `, trước ${WEEKDAYS_VI[a.weekday - 1]}`;
    case 'next':
      return describeLater(a);
  }
}

/** One period of a recurring task: its report (done or not, with a note), the evidence filed for it, and when it falls due. */
export interface ReportSlot {
  period: Period;
  /** The latest report for the period, if the unit sent one. */
  report?: PeriodReport;
  evidence: Evidence[];
  /** When the period's report falls due (`periodDue`), for a task whose deadline names its cadence. */
  due?: IsoDate;
}

type Reported = Pick<Task, 'deadline'> & Partial<Pick<Task, 'periodReports' | 'evidence'>>;
/** A report as much as a board card carries of it: the period and whether it was done. */
type ReportMark = Pick<PeriodReport, 'period' | 'done'> & Partial<Pick<PeriodReport, 'at'>>;

/** The latest report per period key (a unit may correct a report; the last one counts, by time, else by order). */
export function latestReports<R extends ReportMark>(reports: readonly R[] = []): Map<string, R> {
  const map = new Map<string, R>();
  for (const r of reports) {
    const prev = map.get(r.period);
    if (!prev || prev.at === undefined || r.at === undefined || prev.at <= r.at) map.set(r.period, r);
  }
  return map;
}

/**
 * The report slots of a recurring task between two dates (inclusive), oldest first, one per period
 * of its reporting cadence, each with its due day when the task's deadline names its cadence. Empty
 * when the task does not recur or has no cadence to report on.
 */
export function reportSlots(task: Reported, board: Pick<Board, 'rhythm'>, from: IsoDate, to: IsoDate): ReportSlot[] {
  const cadence = reportingCadence(task, board);
  if (!cadence) return [];
  const own = deadlineCadence(task.deadline) === cadence;
  const reports = latestReports(task.periodReports);
  const evidence = new Map<string, Evidence[]>();
  for (const e of task.evidence ?? []) {
    if (e.period === undefined) continue;
    const list = evidence.get(e.period);
    if (list) list.push(e);
    else evidence.set(e.period, [e]);
  }
  return periodsBetween(from, to, cadence).map((period) => {
    const report = reports.get(period.key);
    const due = own ? periodDue(task.deadline, period) : undefined;
    return { period, ...(report ? { report } : {}), evidence: evidence.get(period.key) ?? [], ...(due ? { due } : {}) };
  });
}

/** The day (Vietnam) an ISO instant or date falls on. */
const dayOf = (instant: string): IsoDate => (/^\d{4}-\d{2}-\d{2}$/.test(instant) ? instant : Number.isNaN(Date.parse(instant)) ? instant.slice(0, 10) : todayInVietnam(new Date(instant)));

/** What the owed-report rule reads of a task: its deadline, its reports (as a card has them) and when it was made. */
export type OwingTask = Pick<Task, 'deadline'> & { periodReports?: readonly ReportMark[]; createdAt?: string };

/** A period report a recurring task owes, and the day it falls due. */
export interface OwedReport {
  period: Period;
  due: IsoDate;
}

/**
 * The period report a recurring task owes on `today`: what its timeliness is judged on. The previous
 * period's while it is not reported done (May's report, due 25/5, is still owed — and late — on
 * 3/6), else the current period's (late once its due day has passed, "sắp đến hạn" before). A report
 * due in a later period (`periodLag`) is owed the same way, counted from the period it falls due in:
 * on 5/5, Quý IV's report of "tháng đầu quý sau" (due 31/1) while not done, else Quý I's (due 30/4),
 * else Quý II's (due 31/7). A period
 * is owed only when its report falls due on or after the day the task was created (a board made on
 * 27/5 owes no report that fell due on 25/5) and after the dated part of the deadline, which is judged
 * by its own date ("Trong năm 2025 và thực hiện thường xuyên"). A report saying the period's work is
 * done settles it. Undefined when nothing is owed, or the deadline names no cadence of its own (a bare
 * "Thường xuyên" on the board's rhythm is reported, not judged).
 */
export function owedReport(task: OwingTask, today: IsoDate): OwedReport | undefined {
  const cadence = deadlineCadence(task.deadline);
  if (!cadence) return undefined;
  // The periods whose reports fall due in the previous period or later, oldest first: with a due day
  // in a later period (`periodLag`), the report owed through this period is the one `lag` further back.
  const periods = [periodOf(today, cadence)];
  for (let k = 0; k < 1 + (task.deadline.periodLag ?? 0); k++) periods.unshift(previousPeriod(periods[0]!));
  let reports: Map<string, ReportMark> | undefined;
  for (const period of periods) {
    const due = periodDue(task.deadline, period);
    if (due === undefined || !asksReport(task, due)) continue;
    reports ??= latestReports(task.periodReports);
    if (reports.get(period.key)?.done) continue;
    return { period, due };
  }
  return undefined;
}

/** A report falling due on `due` is asked of the task: on or after the day it was created, and after the dated part of its deadline. */
function asksReport(task: OwingTask, due: IsoDate): boolean {
  if (task.createdAt && due < dayOf(task.createdAt)) return false;
  return task.deadline.due === undefined || due > task.deadline.due;
}

/**
 * A period's report is late on `today`: it fell due (`periodDue`) before today, was asked of the task
 * (see `owedReport`), and no report says the period's work is done. What the period section marks
 * "quá hạn", by the rule the card's chip follows.
 */
export function periodReportLate(task: OwingTask, period: Pick<Period, 'key' | 'start' | 'end'>, today: IsoDate): boolean {
  const due = periodDue(task.deadline, period);
  if (due === undefined || due >= today || !asksReport(task, due)) return false;
  return latestReports(task.periodReports).get(period.key)?.done !== true;
}

/** What the card shows for a recurring task: the period its report is owed for (else the current one), and whether it is reported. */
export interface CurrentPeriodStatus {
  period: Period;
  /** A report exists for the period (done or not). */
  reported: boolean;
  /** The report says the period's work is done; undefined when there is no report. */
  done?: boolean;
  /** When the period's report falls due, for a task whose deadline names its cadence and owes it. */
  due?: IsoDate;
}

/**
 * The period a recurring task's card speaks of on `today`, and whether the unit reported it: the one it
 * owes (`owedReport`: an unfinished previous period before the current one), else the current period.
 * Undefined for tasks that do not report by period.
 */
export function currentPeriodStatus(task: OwingTask, board: Pick<Board, 'rhythm'>, today: IsoDate): CurrentPeriodStatus | undefined {
  const cadence = reportingCadence(task, board);
  if (!cadence) return undefined;
  const owed = owedReport(task, today);
  const period = owed?.period ?? periodOf(today, cadence);
  const report = latestReports(task.periodReports).get(period.key);
  const due = owed ? { due: owed.due } : {};
  return report ? { period, reported: true, done: report.done, ...due } : { period, reported: false, ...due };
}

/** A period as exporters and their menus know it (the same record). */
export type ReportPeriod = Period;

/** The period a key names (`parsePeriodKey` under the name exporters use). */
export const parsePeriod = (key: string): Period | undefined => parsePeriodKey(key);

/** The period holding `date` and the `count - 1` before it, newest first: what a report menu offers. */
export function recentPeriods(date: IsoDate, cadence: PeriodCadence, count: number): Period[] {
  const out: Period[] = [];
  let p = periodOf(date, cadence);
  for (let i = 0; i < count; i++) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

/** True when the date lies within the period (both ends included). */
export const inPeriod = (date: string, period: Pick<Period, 'start' | 'end'>): boolean => date >= period.start && date <= period.end;

/** The label as it reads inside a sentence: "báo cáo tháng 12/2025", "kết quả quý IV/2025". */
export const periodInSentence = (period: Pick<Period, 'label'>): string => period.label.charAt(0).toLocaleLowerCase('vi-VN') + period.label.slice(1);

/** Periods a progress report can cover: a day is too short for one. */
export const REPORT_CADENCES: readonly PeriodCadence[] = PERIOD_CADENCES.filter((c) => c !== 'daily');

/**
 * A period in the few characters a card has: "T12/2026", "Tuần 50/2025", "Quý IV/2025", "6T đầu 2026",
 * "Năm 2026", "08/12/2025" (English: "Dec 2026", "W50 2025", "Q4 2025", "H1 2026", "Year 2026").
 */
export function shortPeriodLabel(p: Period, lang: 'vi' | 'en'): string {
  const [y, rest] = p.key.split(/-(.*)/s);
  switch (p.cadence) {
    case 'daily':
      return formatDateVi(p.start);
    case 'weekly':
      return lang === 'vi' ? `Tuần ${Number(rest!.slice(1))}/${y}` : `W${Number(rest!.slice(1))} ${y}`;
    case 'monthly':
      return lang === 'vi' ? `T${Number(rest)}/${y}` : `${MONTHS_EN[Number(rest) - 1]!.slice(0, 3)} ${y}`;
    case 'quarterly':
      return lang === 'vi' ? `Quý ${ROMAN[Number(rest!.slice(1)) - 1]}/${y}` : `${rest} ${y}`;
    case 'half-yearly':
      return lang === 'vi' ? `6T ${rest === 'H1' ? 'đầu' : 'cuối'} ${y}` : `${rest} ${y}`;
    case 'yearly':
      return lang === 'vi' ? `Năm ${y}` : `Year ${y}`;
  }
}
