import { describe, expect, it } from 'vitest';
import { parseDeadline } from '@dondoc/shared/deadline';
import { deadlineReading } from './deadlineReading.ts';

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
});
