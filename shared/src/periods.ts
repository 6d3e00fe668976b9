// Reporting periods of recurring tasks (DOMAIN.md "Reporting rhythm"): period keys for every cadence
// ("2025-W50", "2025-12", "2025-Q4", "2025-H2", "2025"), their dates and Vietnamese labels, which cadence
// a task reports on, and its report slots.
import type { Board, Cadence, Evidence, IsoDate, PeriodReport, ReportingRhythm, Task } from './model.ts';
import { daysInMonth, formatDateVi, isoDate, splitIsoDate } from './dates.ts';

/** Cadences that cut time into periods; `ongoing` ("thường xuyên") names none. */
export type PeriodCadence = Exclude<Cadence, 'ongoing'>;
/** Shortest first: when a board states several rhythms, units report at the most frequent one. */
export const PERIOD_CADENCES: readonly PeriodCadence[] = ['daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'];

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

/**
 * The cadence a recurring task reports on: its own deadline's ("Hằng tháng"), else the board's
 * reporting rhythm (a bare "Thường xuyên" reports as the plan's units do). Undefined for a task that
 * does not recur, or when neither names a cadence.
 */
export function reportingCadence(task: Pick<Task, 'deadline'>, board: Pick<Board, 'rhythm'>): PeriodCadence | undefined {
  if (!isRecurringTask(task)) return undefined;
  const own = task.deadline.cadence;
  return own && own !== 'ongoing' ? own : boardReportingCadence(board.rhythm);
}

/** One period of a recurring task: its report (done or not, with a note) and the evidence filed for it. */
export interface ReportSlot {
  period: Period;
  /** The latest report for the period, if the unit sent one. */
  report?: PeriodReport;
  evidence: Evidence[];
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
 * of its reporting cadence. Empty when the task does not recur or has no cadence to report on.
 */
export function reportSlots(task: Reported, board: Pick<Board, 'rhythm'>, from: IsoDate, to: IsoDate): ReportSlot[] {
  const cadence = reportingCadence(task, board);
  if (!cadence) return [];
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
    return { period, ...(report ? { report } : {}), evidence: evidence.get(period.key) ?? [] };
  });
}

/** What the card shows for a recurring task: the current period, and whether it is reported. */
export interface CurrentPeriodStatus {
  period: Period;
  /** A report exists for the current period (done or not). */
  reported: boolean;
  /** The report says the period's work is done; undefined when there is no report. */
  done?: boolean;
}

/** The current period of a recurring task on `today`, and whether the unit reported it; undefined for tasks that do not report by period. */
export function currentPeriodStatus(task: Pick<Task, 'deadline'> & { periodReports?: readonly ReportMark[] }, board: Pick<Board, 'rhythm'>, today: IsoDate): CurrentPeriodStatus | undefined {
  const cadence = reportingCadence(task, board);
  if (!cadence) return undefined;
  const period = periodOf(today, cadence);
  const report = latestReports(task.periodReports).get(period.key);
  return report ? { period, reported: true, done: report.done } : { period, reported: false };
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
