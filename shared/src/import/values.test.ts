// The board's values as documents print them, on cases generated from the rule: every percent 0–100
// in every way a report writes one, and every day of two years in every way a day is written.
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { percentScale, readDay, readPercent } from './values.ts';

describe('readPercent', () => {
  it('reads every whole percent however a report prints it', () => {
    const wrong: string[] = [];
    for (let n = 0; n <= 100; n++) {
      const comma = (n / 100).toString().replace('.', ',');
      const written: Array<[string, 'percent' | 'fraction' | 'auto']> = [
        [`${n}`, 'percent'],
        [`${n}%`, 'auto'],
        [`${n} %`, 'auto'],
        [` ${n}% `, 'fraction'],
        [`${n},0%`, 'auto'],
        [`Đạt ${n}%`, 'auto'],
        [`khoảng ${n} % kế hoạch`, 'auto'],
        [comma, 'fraction'],
        [(n / 100).toString(), 'fraction'],
      ];
      // Alone, a fraction is told by its decimals: "0,8" is 80%, "80" is 80%.
      if (n > 0 && n < 100) written.push([comma, 'auto'], [(n / 100).toString(), 'auto'], [`${n}`, 'auto']);
      for (const [text, scale] of written) if (readPercent(text, scale) !== n) wrong.push(`${JSON.stringify(text)} (${scale}) → ${readPercent(text, scale)}, not ${n}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads the words a report prints for done and not started', () => {
    for (const done of ['Hoàn thành', 'hoàn thành', 'Đã hoàn thành', 'ĐÃ HOÀN THÀNH', 'Xong', 'Đã xong', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Hoàn thành 100%'])
      expect(readPercent(done), done).toBe(100);
    for (const todo of ['Chưa thực hiện', 'chưa triển khai', 'Chưa bắt đầu']) expect(readPercent(todo), todo).toBe(0);
  });

  it('drops a part of a percent rather than round up to done, and reads nothing it cannot be sure of', () => {
    expect(readPercent('99,6%')).toBe(99);
    expect(readPercent('0,996', 'fraction')).toBe(99);
    expect(readPercent('60,5 %')).toBe(60);
    expect(readPercent('29%')).toBe(29);
    expect(readPercent('0,29')).toBe(29);
    for (const bad of ['', 'abc', 'sáu mươi', '140', '101%', '-5', '1.000', '50% năm 2025, 80% năm 2026', 'Đang thực hiện', 'Chưa hoàn thành', '80 phần trăm', 'x'.repeat(300)])
      expect(readPercent(bad), bad).toBeUndefined();
  });

  it('judges a column by all its numbers: fractions only when none is over 1 and one has decimals', () => {
    expect(percentScale(['0,8', '1', '0,25', '', 'Hoàn thành'])).toBe('fraction');
    expect(percentScale(['0.5', '0'])).toBe('fraction');
    expect(percentScale(['80', '0,5', '100'])).toBe('percent');
    expect(percentScale(['0', '1', '1'])).toBe('percent');
    expect(percentScale(['80%', '60%'])).toBe('percent');
    expect(percentScale([])).toBe('percent');
    // In a column of percents "0,5" is half a percent; among fractions it is half done.
    expect(readPercent('0,5', percentScale(['80', '0,5']))).toBe(0);
    expect(readPercent('0,5', percentScale(['0,8', '0,5']))).toBe(50);
  });
});

describe('readDay', () => {
  const pad = (n: number): string => String(n).padStart(2, '0');

  it('reads every day of 2025 and 2028 (a leap year) in every way it is written, and as an Excel day number', () => {
    const wrong: string[] = [];
    for (const start of ['2025-01-01', '2028-01-01']) {
      const year = Number(start.slice(0, 4));
      const days = year % 4 === 0 ? 366 : 365;
      for (let i = 0; i < days; i++) {
        const iso = addDays(start, i);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
        const written = [
          `${pad(d)}/${pad(m)}/${y}`,
          `${d}/${m}/${y}`,
          `${d}-${m}-${y}`,
          `${pad(d)}.${pad(m)}.${y}`,
          `${pad(d)}/${pad(m)}/${String(y).slice(2)}`,
          `Ngày ${d}/${m}/${y}`,
          iso,
          `${iso}T00:00:00.000Z`,
          String(serial),
          `${serial}.5`,
        ];
        for (const text of written) if (readDay(text) !== iso) wrong.push(`${JSON.stringify(text)} → ${readDay(text)}, not ${iso}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads nothing for a day that does not exist or a text that is no day', () => {
    for (const bad of ['31/02/2025', '29/02/2025', '32/1/2025', '15/13/2025', '2025-02-30', '', 'giữa tháng 11', 'Tháng 11/2025', 'Quý IV/2025', '2025', '12345', '99999', '15/11', '11/2025'])
      expect(readDay(bad), bad).toBeUndefined();
    expect(readDay('29/02/2028')).toBe('2028-02-29');
  });
});
