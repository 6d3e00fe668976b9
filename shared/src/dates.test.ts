import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays, subtractWorkingDays, dayOfWeek, daysBetween, daysInMonth, endOfMonth, endOfQuarter, formatDateVi, isValidDate, isoDate, splitIsoDate, todayInVietnam } from './dates.ts';

describe('todayInVietnam', () => {
  it('is already tomorrow in Vietnam from 17:00 UTC', () => {
    expect(todayInVietnam(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(todayInVietnam(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
  it('ignores the host offset in the input', () => {
    expect(todayInVietnam(new Date('2025-06-15T01:30:00+09:00'))).toBe('2025-06-14');
  });
});

describe('date maths', () => {
  it('formats dd/mm/yyyy with leading zeros', () => {
    expect(formatDateVi('2026-04-05')).toBe('05/04/2026');
  });
  it('knows month and quarter ends, leap years included', () => {
    expect(endOfMonth(2028, 2)).toBe('2028-02-29');
    expect(endOfMonth(2025, 2)).toBe('2025-02-28');
    expect(endOfMonth(2025, 4)).toBe('2025-04-30');
    expect(endOfQuarter(2025, 4)).toBe('2025-12-31');
    expect(endOfQuarter(2026, 2)).toBe('2026-06-30');
    expect(endOfQuarter(2026, 3)).toBe('2026-09-30');
  });
  it('adds days across months and years', () => {
    expect(addDays('2025-12-25', 10)).toBe('2026-01-04');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
  it('counts days between, signed', () => {
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
  });
  it('rejects impossible dates and malformed strings', () => {
    expect(isValidDate(2025, 2, 29)).toBe(false);
    expect(isValidDate(2025, 4, 31)).toBe(false);
    expect(isValidDate(2025, 13, 1)).toBe(false);
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(() => splitIsoDate('31/12/2025')).toThrow();
  });
});

describe('addMonths: a period in months ends on the same day, or the last day of a shorter month', () => {
  it('matches counting month by month for every day of several years', () => {
    for (let y = 2024; y <= 2028; y++)
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= daysInMonth(y, m); d++)
          for (const n of [0, 1, 2, 3, 6, 11, 12, 13, 24]) {
            const target = new Date(Date.UTC(y, m - 1 + n, 1));
            const [ty, tm] = [target.getUTCFullYear(), target.getUTCMonth() + 1];
            expect(addMonths(isoDate(y, m, d), n)).toBe(isoDate(ty, tm, Math.min(d, daysInMonth(ty, tm))));
          }
  });
});

describe('addWorkingDays: Monday to Friday only', () => {
  it('matches walking the calendar day by day, from every day of the week', () => {
    for (let start = 0; start < 21; start++) {
      const from = addDays('2026-03-01', start);
      let at = from;
      for (let n = 1; n <= 40; n++) {
        do at = addDays(at, 1);
        while (dayOfWeek(at) === 0 || dayOfWeek(at) === 6);
        expect(addWorkingDays(from, n), `${from} + ${n}`).toBe(at);
      }
      expect(addWorkingDays(from, 0)).toBe(from);
    }
  });
});

describe('subtractWorkingDays: Monday to Friday only, counting back', () => {
  it('matches walking the calendar back day by day, from every day of the week, the date itself not counted', () => {
    for (let start = 0; start < 21; start++) {
      const from = addDays('2026-03-01', start);
      for (let n = 1; n <= 40; n++) {
        let at = from;
        for (let left = n; left > 0; ) {
          at = addDays(at, -1);
          if (dayOfWeek(at) !== 0 && dayOfWeek(at) !== 6) left--;
        }
        expect(subtractWorkingDays(from, n), `${from} - ${n}`).toBe(at);
      }
      expect(subtractWorkingDays(from, 0)).toBe(from);
    }
  });
});
