// Calendar arithmetic on `YYYY-MM-DD` dates in Asia/Ho_Chi_Minh (UTC+7, no DST), done in UTC so no host time zone leaks in.
import type { IsoDate } from './model.ts';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` from year, month (1–12), day; no validation. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Parses `YYYY-MM-DD` into [year, month, day]; throws on anything else so callers never compute on garbage. */
export function splitIsoDate(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`ngày không hợp lệ: "${iso}" (cần YYYY-MM-DD)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** True when the numbers name a real calendar day (31/4 and 29/2 of a common year are not). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in Vietnam, whatever the server's own time zone. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return isoDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

/** `2025-12-31` → `31/12/2025`, the way Vietnamese documents print dates. */
export function formatDateVi(iso: string): string {
  const [y, m, d] = splitIsoDate(iso);
  return `${pad(d)}/${pad(m)}/${y}`;
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

/** Last day of quarter 1–4 of a year. */
export function endOfQuarter(year: number, quarter: number): IsoDate {
  return endOfMonth(year, quarter * 3);
}

export function startOfQuarter(year: number, quarter: number): IsoDate {
  return isoDate(year, quarter * 3 - 2, 1);
}

export function endOfYear(year: number): IsoDate {
  return isoDate(year, 12, 31);
}

const toUtcMs = (iso: string): number => {
  const [y, m, d] = splitIsoDate(iso);
  return Date.UTC(y, m - 1, d);
};

export function addDays(iso: string, days: number): IsoDate {
  const t = new Date(toUtcMs(iso) + days * DAY_MS);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  return new Date(toUtcMs(iso)).getUTCDay();
}

/**
 * `months` calendar months after a date; a day the target month lacks becomes its last day
 * (31/1 + 1 month = 28/2 or 29/2), as Bộ luật Dân sự 2015, Điều 148 counts a period in months.
 */
export function addMonths(iso: string, months: number): IsoDate {
  const [y, m, d] = splitIsoDate(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** `days` working days (Monday–Friday) after a date. Public holidays are not known here, so the result is never later than the real one. */
export function addWorkingDays(iso: string, days: number): IsoDate {
  // Counting from a Saturday or Sunday is counting from the Friday before it; from a weekday, every
  // five working days are exactly one week, so whole weeks go first and a long offset costs no more.
  if (days <= 0) return iso;
  const start = dayOfWeek(iso);
  let at = start === 6 ? addDays(iso, -1) : start === 0 ? addDays(iso, -2) : iso;
  let left = days;
  const weeks = Math.floor(left / 5);
  at = addDays(at, weeks * 7);
  left -= weeks * 5;
  while (left > 0) {
    at = addDays(at, 1);
    const dow = dayOfWeek(at);
    if (dow !== 0 && dow !== 6) left--;
  }
  return at;
}

/**
 * `days` working days (Monday–Friday) before a date, the date itself not counted: 5 working days
 * before Friday 10/7 is Friday 3/7. Public holidays are not known here, so counting back the result
 * can be later than the real one when a holiday falls between: a reading that uses it is flagged.
 */
export function subtractWorkingDays(iso: string, days: number): IsoDate {
  if (days <= 0) return iso;
  // Counting back from a Saturday or Sunday is counting back from the Monday after it (Friday is one
  // working day before all three); from a weekday, every five working days are exactly one week.
  const start = dayOfWeek(iso);
  let at = start === 6 ? addDays(iso, 2) : start === 0 ? addDays(iso, 1) : iso;
  let left = days;
  const weeks = Math.floor(left / 5);
  at = addDays(at, -weeks * 7);
  left -= weeks * 5;
  while (left > 0) {
    at = addDays(at, -1);
    const dow = dayOfWeek(at);
    if (dow !== 0 && dow !== 6) left--;
  }
  return at;
}
