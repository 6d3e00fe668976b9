import { describe, expect, it } from 'vitest';
import { parseDeadline } from '@dondoc/shared/deadline';
import { deadlineReading, reportCadenceReading } from './deadlineReading.ts';

/** The key and the date a reading was written with, so the words chosen can be checked. */
const t = (key: string, named?: Record<string, unknown>): string => `${key.replace('panel.deadlineKinds.', '')}|${String(named?.date ?? '')}|${String(named?.start ?? '')}`;

describe('deadlineReading', () => {
  it('reads a whole month as its end, a part of a month as a day within it, and half a year as a span', () => {
    for (let month = 1; month <= 12; month++) {
      for (const whole of [`Tháng ${month}/2027`, `Cuối tháng ${month}/2027`]) expect(deadlineReading(parseDeadline(whole), t), whole).toMatch(/^month\|/);
      for (const part of [`Đầu tháng ${month}/2027`, `Giữa tháng ${month}/2027`]) expect(deadlineReading(parseDeadline(part), t), part).toMatch(/^monthPart\|/);
    }
    expect(deadlineReading(parseDeadline('6 tháng đầu năm 2027'), t)).toBe('span|30/06/2027|01/01/2027');
    expect(deadlineReading(parseDeadline('6 tháng cuối năm 2026'), t)).toBe('span|31/12/2026|01/07/2026');
    expect(deadlineReading(parseDeadline('Quý I/2027'), t)).toBe('quarter|31/03/2027|');
  });

  it('says how far from its event or printed date a deadline counts, in the unit printed, and the day of a recurring period', () => {
    /** The key and every parameter, so both the words chosen and what goes in them show. */
    const words = (key: string, named?: Record<string, unknown>): string => `${key}${named ? JSON.stringify(named) : ''}`;
    const units = [['ngày', 'day'], ['ngày làm việc', 'working-day'], ['tuần', 'week'], ['tháng', 'month'], ['năm', 'year']] as const;
    for (const [printed, unit] of units)
      for (const n of [1, 15, 30]) {
        const pending = deadlineReading(parseDeadline(`Trong ${n} ${printed} kể từ khi Luật có hiệu lực`), words);
        const amount = words(`panel.offsetUnits.${unit}`, { n });
        expect(pending).toContain(words('panel.offsetAfter', { offset: amount, trigger: 'Luật có hiệu lực' }));
        const counted = deadlineReading(parseDeadline(`Trong ${n} ${printed} kể từ ngày 01/3/2026`), words);
        expect(counted).toMatch(/^panel\.deadlineKinds\.date/);
        expect(counted).toContain(words('panel.offsetCounted', { offset: amount }));
      }
    // Stored plans keep a calendar-day offset as offsetDays only.
    expect(deadlineReading({ raw: 'x', kind: 'conditional', trigger: 'có hướng dẫn', offsetDays: 10, flags: [] }, words)).toContain(
      words('panel.offsetAfter', { offset: words('panel.offsetUnits.day', { n: 10 }), trigger: 'có hướng dẫn' }),
    );
    for (let day = 1; day <= 31; day++) expect(deadlineReading(parseDeadline(`Hằng tháng (trước ngày ${day})`), words)).toContain(`panel.periodDay{"day":${day}}`);
    expect(deadlineReading(parseDeadline('Hằng tháng'), words)).not.toContain('periodDay');
  });

  it('words the reporting cadence with the day its deadline prints, and no day for a board rhythm the task falls back on', () => {
    const words = (key: string, named?: Record<string, unknown>): string => `${key}${named ? JSON.stringify(named) : ''}`;
    for (const [printed, cadence] of [['Hằng tháng', 'monthly'], ['Hằng quý', 'quarterly']] as const)
      for (let day = 1; day <= 31; day++) {
        const d = parseDeadline(`${printed} (trước ngày ${day})`);
        expect(reportCadenceReading(d, cadence, words)).toBe(`panel.cadence.${cadence}${words('panel.periodDay', { day })}`);
      }
    // "Thường xuyên" reports on the board's rhythm: no day of its own to add.
    expect(reportCadenceReading(parseDeadline('Thường xuyên (trước ngày 25)'), 'monthly', words)).toBe('panel.cadence.monthly');
    expect(reportCadenceReading(parseDeadline('Hằng tháng'), 'monthly', words)).toBe('panel.cadence.monthly');
  });
});
