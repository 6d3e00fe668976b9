import { describe, expect, it } from 'vitest';
import { describeDeadline, parseDeadline } from '@dondoc/shared/deadline';
import { DEADLINE_FLAG_LABELS } from '@dondoc/shared/deadline-flags';
import { deadlineReading, flagText, reportCadenceReading } from './deadlineReading.ts';
import { i18n } from '../../i18n/index.ts';

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

  it('words the reporting cadence with where its deadline falls due, and nothing of it for a board rhythm the task falls back on', () => {
    const words = (key: string, named?: Record<string, unknown>): string => `${key}${named ? JSON.stringify(named) : ''}`;
    for (let day = 1; day <= 31; day++) {
      expect(reportCadenceReading(parseDeadline(`Hằng tháng (trước ngày ${day})`), 'monthly', words)).toBe(`panel.cadence.monthly${words('panel.periodDay', { day })}`);
      // A quarterly day is a day of each quarter's last month: the four dates say so.
      expect(reportCadenceReading(parseDeadline(`Hằng quý (trước ngày ${day})`), 'quarterly', words)).toMatch(/^panel\.cadence\.quarterlypanel\.periodDates/);
    }
    // "Thường xuyên" reports on the board's rhythm: no day of its own to add.
    expect(reportCadenceReading(parseDeadline('Thường xuyên (trước ngày 25)'), 'monthly', words)).toBe('panel.cadence.monthly');
    expect(reportCadenceReading(parseDeadline('Hằng tháng'), 'monthly', words)).toBe('panel.cadence.monthly');
    // Two dates a year report half-yearly, and read as printed: yearly, at the end of June and December.
    expect(reportCadenceReading(parseDeadline('Tháng 6 và tháng 12 hằng năm'), 'half-yearly', words)).toMatch(/^panel\.cadence\.yearlypanel\.periodMonths/);
  });
});

describe('deadlineReading in both languages', () => {
  const inLocale = (locale: 'vi' | 'en') => (key: string, named?: Record<string, unknown>): string => i18n.global.t(key, named ?? {}, { locale });
  const vi = inLocale('vi');
  const en = inLocale('en');
  const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  it('keeps the month, the quarter and the day of a yearly cell, for every month and quarter', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let m = 1; m <= 12; m++) {
      for (const cell of [`Tháng ${m} hằng năm`, `Hằng năm, tháng ${m}`, `T${m} hằng năm`]) {
        expect(deadlineReading(parseDeadline(cell), vi), cell).toBe(`thường xuyên (hằng năm, hết tháng ${m})`);
        expect(deadlineReading(parseDeadline(cell), en), cell).toBe(`recurring (yearly, end of ${MONTHS_EN[m - 1]})`);
      }
      const day = Math.min(15, m + 10);
      expect(deadlineReading(parseDeadline(`Trước ngày ${day}/${m} hằng năm`), vi)).toBe(`thường xuyên (hằng năm, trước ngày ${pad(day)}/${pad(m)})`);
      expect(deadlineReading(parseDeadline(`Trước ngày ${day}/${m} hằng năm`), en)).toBe(`recurring (yearly, by ${pad(day)}/${pad(m)})`);
    }
    for (const [q, roman] of [[1, 'I'], [2, 'II'], [3, 'III'], [4, 'IV']] as const) {
      expect(deadlineReading(parseDeadline(`Quý ${roman} hằng năm`), vi)).toBe(`thường xuyên (hằng năm, hết quý ${roman})`);
      expect(deadlineReading(parseDeadline(`Quý ${roman} hằng năm`), en)).toBe(`recurring (yearly, end of Q${q})`);
    }
    expect(deadlineReading(parseDeadline('Tháng 6 và tháng 12 hằng năm'), vi)).toBe('thường xuyên (hằng năm, hết tháng 6 và tháng 12)');
    expect(deadlineReading(parseDeadline('Tháng 6 và tháng 12 hằng năm'), en)).toBe('recurring (yearly, end of June and December)');
    expect(deadlineReading(parseDeadline('Định kỳ hằng năm (trước 31/01)'), vi)).toBe('thường xuyên (hằng năm, trước ngày 31/01)');
    expect(deadlineReading(parseDeadline('Báo cáo 6 tháng trước ngày 10/6'), vi)).toBe('thường xuyên (6 tháng một lần, trước ngày 10/06 và 10/12)');
    expect(deadlineReading(parseDeadline('Báo cáo 6 tháng trước ngày 10/6'), en)).toBe('recurring (half-yearly, by 10/06 and 10/12)');
    expect(deadlineReading(parseDeadline('Hằng quý (trước ngày 15 của tháng cuối quý)'), vi)).toBe('thường xuyên (hằng quý, trước ngày 15/03, 15/06, 15/09 và 15/12)');
  });

  it('says on which side of its event an offset lies, for every unit', () => {
    const units = [['ngày', 'day', 'ngày', 'days'], ['ngày làm việc', 'working-day', 'ngày làm việc', 'working days'], ['tuần', 'week', 'tuần', 'weeks'], ['tháng', 'month', 'tháng', 'months'], ['năm', 'year', 'năm', 'years']] as const;
    for (const [printed, , viUnit, enUnit] of units)
      for (const n of [5, 30]) {
        const pending = parseDeadline(`${n} ${printed} trước kỳ họp HĐND tỉnh`);
        expect(deadlineReading(pending, vi)).toContain(`${n} ${viUnit} trước: kỳ họp HĐND tỉnh`);
        expect(deadlineReading(pending, en)).toContain(`${n} ${enUnit} before: kỳ họp HĐND tỉnh`);
        const after = parseDeadline(`${n} ${printed} sau khi kỳ họp HĐND tỉnh kết thúc`);
        expect(deadlineReading(after, vi)).toContain(`${n} ${viUnit} sau khi: kỳ họp HĐND tỉnh kết thúc`);
        const counted = parseDeadline(`${n} ${printed} trước ngày 01/7/2026`);
        expect(deadlineReading(counted, vi)).toContain(`(${n} ${viUnit} trước ngày ghi trong ô)`);
        expect(deadlineReading(counted, en)).toContain(`(${n} ${enUnit} before the date printed)`);
      }
  });

  it('says a weekly report\'s weekday, and a report due in the period after its own, for every weekday, place and day, as the shared reading does', () => {
    const WEEKDAYS = [['thứ Hai', 'thứ 2', 'T2', 'Monday'], ['thứ Ba', 'thứ 3', 'T3', 'Tuesday'], ['thứ Tư', 'thứ 4', 'T4', 'Wednesday'], ['thứ Năm', 'thứ 5', 'T5', 'Thursday'], ['thứ Sáu', 'thứ 6', 'T6', 'Friday'], ['thứ Bảy', 'thứ 7', 'T7', 'Saturday'], ['Chủ nhật', 'CN', 'chủ nhật', 'Sunday']] as const;
    for (const [name, number, short, english] of WEEKDAYS)
      for (const spelled of [name, number, short]) {
        for (const cell of [`Trước 16h00 ${spelled} hằng tuần`, `Hàng tuần, chiều ${spelled}`]) {
          expect(deadlineReading(parseDeadline(cell), vi), cell).toBe(`thường xuyên (hằng tuần, trước ${name})`);
          expect(deadlineReading(parseDeadline(cell), en), cell).toBe(`recurring (weekly, by ${english})`);
          expect(deadlineReading(parseDeadline(cell), vi), cell).toBe(`thường xuyên (${describeDeadline(parseDeadline(cell)).slice('Thường xuyên ('.length)}`);
        }
        const next = `Hằng tuần, ${spelled} tuần sau`;
        expect(deadlineReading(parseDeadline(next), vi), next).toBe(`thường xuyên (hằng tuần, trước ${name} tuần sau)`);
        expect(deadlineReading(parseDeadline(next), en), next).toBe(`recurring (weekly, by ${english} of the next week)`);
      }
    const PLACES = [['đầu', 'the first month'], ['giữa', 'the second month'], ['cuối', 'the last month']] as const;
    for (const [place, english] of PLACES) {
      const cell = `Báo cáo hằng quý, gửi trong tháng ${place} quý sau`;
      // The end of the next quarter's last month is the end of the next quarter, and says so.
      const last = place === 'cuối';
      expect(deadlineReading(parseDeadline(cell), vi), cell).toBe(last ? 'thường xuyên (hằng quý, hết quý sau)' : `thường xuyên (hằng quý, hết tháng ${place} quý sau)`);
      expect(deadlineReading(parseDeadline(cell), en), cell).toBe(last ? 'recurring (quarterly, by the end of the next quarter)' : `recurring (quarterly, by the end of ${english} of the next quarter)`);
      for (const day of [1, 10, 15, 31]) {
        const dayCell = `Hằng quý, trước ngày ${day} tháng ${place} quý sau`;
        expect(deadlineReading(parseDeadline(dayCell), vi), dayCell).toBe(`thường xuyên (hằng quý, trước ngày ${day} tháng ${place} quý sau)`);
        expect(deadlineReading(parseDeadline(dayCell), en), dayCell).toBe(`recurring (quarterly, by day ${day} of ${english} of the next quarter)`);
        expect(deadlineReading(parseDeadline(dayCell), vi)).toBe(`thường xuyên (${describeDeadline(parseDeadline(dayCell)).slice('Thường xuyên ('.length)}`);
      }
    }
    for (const day of [1, 5, 10, 25, 31]) {
      expect(deadlineReading(parseDeadline(`Hằng tháng, trước ngày ${day} tháng sau`), vi)).toBe(`thường xuyên (hằng tháng, trước ngày ${day} tháng sau)`);
      expect(deadlineReading(parseDeadline(`Hằng tháng, trước ngày ${day} tháng sau`), en)).toBe(`recurring (monthly, by day ${day} of the next month)`);
    }
    expect(deadlineReading(parseDeadline('Hằng năm, trong tháng đầu năm sau'), vi)).toBe('thường xuyên (hằng năm, hết tháng 1 năm sau)');
    expect(deadlineReading(parseDeadline('Hằng năm, trong tháng đầu năm sau'), en)).toBe('recurring (yearly, by the end of January of the next year)');
    expect(deadlineReading(parseDeadline('Trước ngày 31/01 năm sau, hằng năm'), vi)).toBe('thường xuyên (hằng năm, trước ngày 31/01 năm sau)');
    expect(deadlineReading(parseDeadline('Trước ngày 31/01 năm sau, hằng năm'), en)).toBe('recurring (yearly, by 31/01 of the next year)');
  });

  it('says what each flag asks to check in the UI\'s language, and an importer\'s note as it was written', () => {
    const listed = parseDeadline('Tháng 6 và tháng 12/2026');
    expect(listed.flags).toContain('several-dates');
    expect(flagText('several-dates', vi)).toBe(DEADLINE_FLAG_LABELS['several-dates'].vi);
    expect(flagText('several-dates', en)).toBe('The deadline cell names several dates: due at the earliest (never later than the text); someone should confirm it');
    for (const [code, label] of Object.entries(DEADLINE_FLAG_LABELS)) {
      // Every code has its own words in each language, read as plain text (no vue-i18n syntax taken from them).
      expect(flagText(code, vi), code).toBe(label.vi);
      expect(flagText(code, en), code).toBe(label.en);
      expect(flagText(code, en), code).not.toBe(flagText(code, vi));
    }
    expect(flagText('Nội dung ghi "Nhiệm vụ thường xuyên"', en)).toBe('Nội dung ghi "Nhiệm vụ thường xuyên"');
  });
});
