// Reporting periods (kỳ báo cáo): the keys period reports and progress reports are filed under —
// "2025-W50" (ISO week), "2025-12" (month), "2025-Q4", "2025-H2", "2025" — with their first and
// last day and the way Vietnamese reports name them ("tháng 12/2025", "quý IV/2025").
import type { IsoDate } from './model.ts';
import { addDays, daysBetween, endOfMonth, isoDate, splitIsoDate } from './dates.ts';

export const PERIOD_CADENCES = ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type PeriodCadence = (typeof PERIOD_CADENCES)[number];

export interface ReportPeriod {
  key: string;
  cadence: PeriodCadence;
  /** First and last day, both included. */
  start: IsoDate;
  end: IsoDate;
  /** As a report names it: "tuần 50 (08/12–14/12/2025)", "tháng 12/2025", "quý IV/2025", "6 tháng cuối năm 2025", "năm 2025". */
  label: string;
  labelEn: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

/** Day of the week, 1 = Monday … 7 = Sunday (ISO 8601). */
function isoWeekday(iso: string): number {
  const [y, m, d] = splitIsoDate(iso);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** ISO week-numbering year and week of a date (the week belongs to the year of its Thursday). */
function isoWeek(iso: string): [number, number] {
  const thursday = addDays(iso, 4 - isoWeekday(iso));
  const [year] = splitIsoDate(thursday);
  const firstThursday = addDays(isoDate(year, 1, 4), 4 - isoWeekday(isoDate(year, 1, 4)));
  return [year, daysBetween(firstThursday, thursday) / 7 + 1];
}

/** Monday of ISO week `week` of `year`. */
function mondayOfWeek(year: number, week: number): IsoDate {
  const jan4 = isoDate(year, 1, 4);
  return addDays(addDays(jan4, 1 - isoWeekday(jan4)), (week - 1) * 7);
}

/** The key of the period of `cadence` that holds `date`. */
export function periodKey(date: IsoDate, cadence: PeriodCadence): string {
  const [y, m] = splitIsoDate(date);
  switch (cadence) {
    case 'weekly': {
      const [wy, w] = isoWeek(date);
      return `${wy}-W${pad(w)}`;
    }
    case 'monthly':
      return `${y}-${pad(m)}`;
    case 'quarterly':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'half-yearly':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'yearly':
      return String(y);
  }
}

/** Reads a period key; undefined for anything that is not one (so a route can answer 400). */
export function parsePeriod(key: string): ReportPeriod | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    // A year has 53 ISO weeks when 28 December falls in week 53.
    const weeks = isoWeek(isoDate(year, 12, 28))[1];
    if (week < 1 || week > weeks) return undefined;
    const start = mondayOfWeek(year, week);
    const end = addDays(start, 6);
    const [, sm, sd] = splitIsoDate(start);
    const [ey, em, ed] = splitIsoDate(end);
    const span = `${pad(sd)}/${pad(sm)}–${pad(ed)}/${pad(em)}/${ey}`;
    return { key, cadence: 'weekly', start, end, label: `tuần ${week} (${span})`, labelEn: `week ${week} (${span})` };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return { key, cadence: 'monthly', start: isoDate(year, month, 1), end: endOfMonth(year, month), label: `tháng ${month}/${year}`, labelEn: `${year}-${pad(month)}` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { key, cadence: 'quarterly', start: isoDate(year, q * 3 - 2, 1), end: endOfMonth(year, q * 3), label: `quý ${ROMAN[q - 1]}/${year}`, labelEn: `Q${q} ${year}` };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(key))) {
    const year = Number(m[1]);
    const h = Number(m[2]);
    const label = h === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    return { key, cadence: 'half-yearly', start: isoDate(year, h === 1 ? 1 : 7, 1), end: h === 1 ? isoDate(year, 6, 30) : isoDate(year, 12, 31), label, labelEn: `H${h} ${year}` };
  }
  if ((m = /^(\d{4})$/.exec(key))) {
    const year = Number(m[1]);
    return { key, cadence: 'yearly', start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), label: `năm ${year}`, labelEn: String(year) };
  }
  return undefined;
}

/** The period of `cadence` holding `date`, resolved. */
export const periodOf = (date: IsoDate, cadence: PeriodCadence): ReportPeriod => parsePeriod(periodKey(date, cadence))!;

/** The period holding `date` and the `count - 1` before it, newest first: what a report menu offers. */
export function recentPeriods(date: IsoDate, cadence: PeriodCadence, count: number): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  let at = date;
  for (let i = 0; i < count; i++) {
    const p = periodOf(at, cadence);
    out.push(p);
    at = addDays(p.start, -1);
  }
  return out;
}

/** True when the date lies within the period (both ends included). */
export const inPeriod = (date: string, period: Pick<ReportPeriod, 'start' | 'end'>): boolean => date >= period.start && date <= period.end;

