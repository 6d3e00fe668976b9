// Period keys: every day of several years falls in exactly one period of each cadence, the period's
// key reads back to the same start and end, and consecutive periods tile the calendar without gaps.
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { PERIOD_CADENCES, inPeriod, parsePeriod, periodKey, periodOf, recentPeriods } from './periods.ts';

describe('periods', () => {
  it('names periods as reports do', () => {
    expect(periodOf('2025-12-10', 'monthly')).toMatchObject({ key: '2025-12', start: '2025-12-01', end: '2025-12-31', label: 'tháng 12/2025' });
    expect(periodOf('2025-12-10', 'quarterly')).toMatchObject({ key: '2025-Q4', start: '2025-10-01', end: '2025-12-31', label: 'quý IV/2025' });
    expect(periodOf('2025-12-10', 'half-yearly')).toMatchObject({ key: '2025-H2', label: '6 tháng cuối năm 2025' });
    expect(periodOf('2025-12-10', 'yearly')).toMatchObject({ key: '2025', start: '2025-01-01', end: '2025-12-31', label: 'năm 2025' });
    expect(periodOf('2025-12-10', 'weekly')).toMatchObject({ key: '2025-W50', start: '2025-12-08', end: '2025-12-14', label: 'tuần 50 (08/12–14/12/2025)' });
  });
  it('puts ISO week 1 in the year of its Thursday', () => {
    expect(periodKey('2024-12-30', 'weekly')).toBe('2025-W01');
    expect(periodKey('2021-01-03', 'weekly')).toBe('2020-W53');
    expect(parsePeriod('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
    expect(parsePeriod('2025-W53')).toBeUndefined();
  });
  it('refuses what is not a period key', () => {
    for (const bad of ['2025-13', '2025-00', '2025-Q5', '2025-H3', '25-12', 'tháng 12', '2025-W00', '']) expect(parsePeriod(bad), bad).toBeUndefined();
  });
  it.each(PERIOD_CADENCES)('%s periods tile 2019–2027 day by day', (cadence) => {
    let day = '2019-01-01';
    let current = periodOf(day, cadence);
    expect(parsePeriod(current.key)).toEqual(current);
    while (day < '2028-01-01') {
      const p = periodOf(day, cadence);
      expect(inPeriod(day, p)).toBe(true);
      if (p.key !== current.key) {
        // A new period starts the day after the last one ended.
        expect(p.start).toBe(addDays(current.end, 1));
        expect(parsePeriod(p.key)).toEqual(p);
        current = p;
      }
      day = addDays(day, 1);
    }
  });
  it('lists the current period and those before it, newest first', () => {
    expect(recentPeriods('2025-02-10', 'monthly', 3).map((p) => p.key)).toEqual(['2025-02', '2025-01', '2024-12']);
    expect(recentPeriods('2025-02-10', 'quarterly', 2).map((p) => p.key)).toEqual(['2025-Q1', '2024-Q4']);
  });
});
