import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfMonth, endOfQuarter, formatDateVi, isValidDate, splitIsoDate, todayInVietnam } from './dates.ts';

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
