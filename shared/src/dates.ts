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
