// Deadline phrasings generated from DOMAIN.md's rules (every month, quarter, year form, the
// "trước" forms, parts of a month, two-digit years, ISO dates, cadences), each with the date it
// means, and the "never later than meant" property checked over all of them and their variants.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOfWeek, daysInMonth, endOfMonth, endOfQuarter, endOfYear, isoDate, startOfQuarter } from './dates.ts';
import { MAX_DEADLINE_CHARS, parseDeadline } from './deadline.ts';
import type { Cadence, OffsetUnit } from './model.ts';
import { deadlineCadence, nextPeriod, periodDue, periodOf } from './periods.ts';

interface Case {
  text: string;
  /** The latest date the text can mean. */
  meant: string;
  /** The reading must be exactly `meant` (false: earlier is allowed, e.g. an approximate part of a month). */
  exact: boolean;
  kind?: string;
  flag?: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const YEARS = [2024, 2025, 2026, 2027, 2030, 2031];
const pad = (n: number) => String(n).padStart(2, '0');

function monthCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let m = 1; m <= 12; m++) {
      const end = endOfMonth(y, m);
      const yy = pad(y % 100);
      for (const text of [
        `Tháng ${m}/${y}`,
        `tháng ${pad(m)}/${y}`,
        `Tháng ${m} năm ${y}`,
        `Trong tháng ${m}/${y}`,
        `Hoàn thành trong tháng ${m}/${y}`,
        `T${m}/${y}`,
        `${m}/${y}`,
        `Tháng ${m}-${y}`,
        `Tháng ${m}.${y}`,
        `tháng ${pad(m)}/${yy}`,
        `Cuối tháng ${m}/${y}`,
      ])
        out.push({ text, meant: end, exact: true, kind: 'month' });
      out.push({ text: `Đầu tháng ${m}/${y}`, meant: isoDate(y, m, 10), exact: true, flag: 'approximate' });
      out.push({ text: `Giữa tháng ${m}/${y}`, meant: isoDate(y, m, 15), exact: true, flag: 'approximate' });
      // Before a month: the last day of the month before it.
      out.push({ text: `Trước tháng ${m}/${y}`, meant: addDays(isoDate(y, m, 1), -1), exact: true, flag: 'before-period' });
      for (let m2 = m + 1; m2 <= 12; m2 += 4) out.push({ text: `Tháng ${m}-${m2}/${y}`, meant: endOfMonth(y, m2), exact: true, kind: 'month' });
    }
  return out;
}

function quarterCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let q = 1; q <= 4; q++) {
      const end = endOfQuarter(y, q);
      const r = ROMAN[q - 1]!;
      for (const text of [`Quý ${r}/${y}`, `Quý ${q}/${y}`, `Q${q}/${y}`, `Q${r}/${y}`, `quý ${r} năm ${y}`, `Quý ${r}/${pad(y % 100)}`, `Trong quý ${r}/${y}`, `Cuối quý ${r}/${y}`])
        out.push({ text, meant: end, exact: true, kind: 'quarter' });
      out.push({ text: `Trước quý ${r}/${y}`, meant: addDays(startOfQuarter(y, q), -1), exact: true, flag: 'before-period' });
      for (let q2 = q + 1; q2 <= 4; q2++) out.push({ text: `Quý ${r}-${ROMAN[q2 - 1]}/${y}`, meant: endOfQuarter(y, q2), exact: true, kind: 'quarter' });
    }
  return out;
}

function yearCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS) {
    for (const text of [`Năm ${y}`, `Trong năm ${y}`, `${y}`, `Cuối năm ${y}`, `Hoàn thành trong năm ${y}`, `Năm ${y} và những năm tiếp theo`])
      out.push({ text, meant: endOfYear(y), exact: true, kind: 'year' });
    out.push({ text: `Trước năm ${y}`, meant: endOfYear(y - 1), exact: true, flag: 'before-period' });
    out.push({ text: `6 tháng đầu năm ${y}`, meant: endOfMonth(y, 6), exact: true });
    out.push({ text: `6 tháng cuối năm ${y}`, meant: endOfYear(y), exact: true });
    out.push({ text: `Đầu năm ${y}`, meant: endOfMonth(y, 3), exact: true, flag: 'approximate' });
    out.push({ text: `${y}-${y + 5}`, meant: endOfYear(y + 5), exact: true, kind: 'span' });
    out.push({ text: `Giai đoạn ${y} - ${y + 4}`, meant: endOfYear(y + 4), exact: true, kind: 'span' });
  }
  return out;
}

function dateCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let m = 1; m <= 12; m++)
      for (const d of [1, 9, 15, daysInMonth(y, m)]) {
        const iso = isoDate(y, m, d);
        for (const text of [
          `${d}/${m}/${y}`,
          `${pad(d)}/${pad(m)}/${y}`,
          `Ngày ${d}/${m}/${y}`,
          `${d}-${m}-${y}`,
          `${d}.${m}.${y}`,
          `${pad(d)}/${pad(m)}/${pad(y % 100)}`,
          `${y}-${pad(m)}-${pad(d)}`,
          `ngày ${d} tháng ${m} năm ${y}`,
          `Chậm nhất ngày ${d}/${m}/${y}`,
        ])
          out.push({ text, meant: iso, exact: true, kind: 'date' });
        out.push({ text: `Trước ngày ${d}/${m}/${y}`, meant: iso, exact: true, kind: 'date', flag: 'before-date' });
        out.push({ text: `Trước ngày ${d} tháng ${m} năm ${y}`, meant: iso, exact: true, kind: 'date', flag: 'before-date' });
      }
  return out;
}

/** Several dates or periods a cell names apart (not as a span): the earliest, flagged (DOMAIN.md: never a later date than meant). */
function severalCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS.slice(0, 4)) {
    for (const [m1, m2] of [[3, 9], [6, 12], [1, 11]] as const) {
      const a = isoDate(y, m1, 15);
      const b = endOfMonth(y + 1, m2);
      for (const text of [`${15}/${m1}/${y}; ${daysInMonth(y + 1, m2)}/${m2}/${y + 1}`, `Ngày ${daysInMonth(y + 1, m2)}/${m2}/${y + 1} và ${15}/${m1}/${y}`])
        out.push({ text, meant: a < b ? a : b, exact: true, kind: 'date', flag: 'several-dates' });
      out.push({ text: `Tháng ${m1}/${y}, tháng ${m2}/${y + 1}`, meant: endOfMonth(y, m1), exact: true, flag: 'several-dates' });
    }
    out.push({ text: `Năm ${y}; năm ${y + 1}`, meant: endOfYear(y), exact: true, flag: 'several-dates' });
    out.push({ text: `Quý IV/${y + 1}; Quý II/${y}`, meant: endOfQuarter(y, 2), exact: true, flag: 'several-dates' });
  }
  return out;
}

/**
 * Weeks of a month: Monday to Sunday, week 1 the one holding the 1st; week N is due on its Sunday,
 * or on the month's last day when that comes first. Found here by walking the month day by day.
 */
function weekEnds(y: number, m: number): number[] {
  const ends: number[] = [];
  for (let day = 1; day <= daysInMonth(y, m); day++) {
    if (day > 1 && dayOfWeek(isoDate(y, m, day)) === 1) ends.push(day - 1);
  }
  return [...ends, daysInMonth(y, m)];
}
const WEEK_WORDS = ['nhất', 'hai', 'ba', 'tư', 'năm'];

function weekCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let m = 1; m <= 12; m++) {
      const ends = weekEnds(y, m);
      for (let n = 1; n <= ends.length; n++) {
        const meant = isoDate(y, m, ends[n - 1]!);
        // Weeks counted as blocks of 7 days end no earlier; where they end later, the reading says so.
        const flag = ends[n - 1] === Math.min(7 * n, daysInMonth(y, m)) ? undefined : 'week-of-month';
        const texts = [`Tuần ${n} tháng ${m}/${y}`, `tuần thứ ${n} tháng ${pad(m)}/${y}`, `Tuần ${n} của tháng ${m} năm ${y}`, `Trong tuần ${n} tháng ${m}/${y}`];
        if (n <= 5) texts.push(`Tuần thứ ${WEEK_WORDS[n - 1]} tháng ${m}/${y}`);
        if (n === 1) texts.push(`Tuần đầu tháng ${m}/${y}`, `tuần đầu tiên của tháng ${m}/${y}`);
        for (const text of texts) out.push({ text, meant, exact: true, kind: 'month', ...(flag ? { flag } : {}) });
      }
      out.push({ text: `Tuần cuối tháng ${m}/${y}`, meant: endOfMonth(y, m), exact: true, kind: 'month' });
    }
  return out;
}

/**
 * An outer period with a narrower one inside it, in brackets or after a comma, with or without
 * its own year: due at the end of the narrower one. A part outside the outer period is a second
 * deadline: the earlier of the two, flagged.
 */
function nestedCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let q = 1; q <= 4; q++) {
      const r = ROMAN[q - 1]!;
      for (const text of [`Năm ${y} (Quý ${r})`, `Năm ${y}, quý ${q}`, `Năm ${y} (Q${q})`, `Trong năm ${y} (quý ${r})`, `Quý ${r} (năm ${y})`, `Năm ${y} (Quý ${r}/${y})`, `Năm ${y} - Quý ${r}`])
        out.push({ text, meant: endOfQuarter(y, q), exact: true, kind: 'quarter' });
      for (let m = 1; m <= 12; m++) {
        const inQuarter = Math.ceil(m / 3) === q;
        const meant = inQuarter ? endOfMonth(y, m) : [endOfMonth(y, m), endOfQuarter(y, q)].sort()[0]!;
        for (const text of [`Quý ${r} năm ${y} (tháng ${m})`, `Quý ${r}/${y}, tháng ${m}`, `Q${q}/${y} (T${m})`])
          out.push(inQuarter ? { text, meant, exact: true, kind: 'month' } : { text, meant, exact: true, flag: 'several-dates' });
      }
    }
  for (const y of YEARS) {
    for (let m = 1; m <= 12; m++) {
      out.push({ text: `Năm ${y} (tháng ${m})`, meant: endOfMonth(y, m), exact: true, kind: 'month' });
      out.push({ text: `Năm ${y} (trước ngày 15/${m})`, meant: isoDate(y, m, 15), exact: true, kind: 'date', flag: 'before-date' });
      out.push({ text: `Tháng ${m}/${y} (ngày ${daysInMonth(y, m) - 1}/${m}/${y})`, meant: isoDate(y, m, daysInMonth(y, m) - 1), exact: true, kind: 'date' });
      out.push({ text: `Năm ${y}, tuần 2 tháng ${m}`, meant: isoDate(y, m, weekEnds(y, m)[1]!), exact: true, kind: 'month' });
    }
    out.push({ text: `Năm ${y} (6 tháng đầu năm)`, meant: endOfMonth(y, 6), exact: true });
    for (let m = 1; m <= 12; m++) {
      // The narrower part followed by words of its own, and a week or a day that takes the cell's month.
      out.push({ text: `Năm ${y}, tháng ${m} hoàn thành dự thảo`, meant: endOfMonth(y, m), exact: true, kind: 'month' });
      out.push({ text: `Năm ${y}: quý ${ROMAN[Math.ceil(m / 3) - 1]} trình ban hành`, meant: endOfQuarter(y, Math.ceil(m / 3)), exact: true, kind: 'quarter' });
      const ends = weekEnds(y, m);
      for (let n = 1; n <= ends.length; n++)
        for (const text of [`Tháng ${m}/${y} (tuần ${n})`, `Tháng ${m}/${y}, tuần thứ ${n}`]) out.push({ text, meant: isoDate(y, m, ends[n - 1]!), exact: true, kind: 'month' });
      for (const day of [1, 10, 15, daysInMonth(y, m)]) {
        out.push({ text: `Tháng ${m}/${y} (trước ngày ${day})`, meant: isoDate(y, m, day), exact: true, kind: 'date', flag: 'before-date' });
        out.push({ text: `Tháng ${m}/${y}, ngày ${day}`, meant: isoDate(y, m, day), exact: true, kind: 'date' });
      }
    }
    out.push({ text: `Năm ${y} (trước quý III)`, meant: endOfQuarter(y, 2), exact: true, flag: 'before-period' });
    out.push({ text: `Năm ${y} (Quý II/${y + 1})`, meant: endOfYear(y), exact: true, flag: 'several-dates' });
  }
  return out;
}

/** Two dates joined by a dash or "từ … đến": a span, due on the second. */
function dateSpanCases(): Case[] {
  const out: Case[] = [];
  for (const y of YEARS)
    for (let m = 1; m <= 11; m += 2) {
      const [a, b] = [`${1}/${m}/${y}`, `${daysInMonth(y, m + 1)}/${m + 1}/${y}`];
      for (const text of [`${a} - ${b}`, `${a}-${b}`, `${a} – ${b}`, `Từ ${a} đến ${b}`, `Từ ngày ${a} đến ngày ${b}`])
        out.push({ text, meant: endOfMonth(y, m + 1), exact: true, kind: 'span' });
    }
  return out;
}

const RULES: Case[] = [...monthCases(), ...quarterCases(), ...yearCases(), ...dateCases(), ...severalCases(), ...weekCases(), ...nestedCases(), ...dateSpanCases()];

/** The same phrasing as other documents print it: case, diacritics decomposed, HTML, punctuation, words around it. */
function variants(c: Case): string[] {
  return [
    c.text,
    c.text.toUpperCase(),
    c.text.normalize('NFD'),
    `<p>${c.text}</p>`,
    `${c.text}.`,
    `  ${c.text.replace(/ /g, '  ')} ;`,
    `Hoàn thành ${c.text.charAt(0).toLowerCase()}${c.text.slice(1)}`,
    // A cited document's date is not a deadline and must never push the reading later.
    `${c.text} (theo Kế hoạch số 15/KH-UBND ngày 31/12/2035)`,
    `${c.text}, báo cáo kết quả về Sở Khoa học và Công nghệ`,
  ];
}

describe('deadline rules: every generated phrasing means its date', () => {
  it(`reads ${RULES.length} phrasings generated from the rules exactly`, () => {
    const wrong = RULES.flatMap((c) => {
      const d = parseDeadline(c.text);
      const bad = d.due !== c.meant || (c.kind !== undefined && d.kind !== c.kind) || (c.flag !== undefined && !d.flags.includes(c.flag));
      return bad ? [`${c.text} → ${d.kind} ${d.due ?? '-'} [${d.flags.join(',')}], meant ${c.meant}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('never reads a later date than meant, over every variant of every phrasing', () => {
    let checked = 0;
    const later: string[] = [];
    const missed: string[] = [];
    for (const c of RULES)
      for (const text of variants(c)) {
        checked++;
        const d = parseDeadline(text);
        if (d.due !== undefined && d.due > c.meant) later.push(`${JSON.stringify(text)} → ${d.due}, meant ${c.meant}`);
        else if (c.exact && d.due !== c.meant) missed.push(`${JSON.stringify(text)} → ${d.kind} ${d.due ?? '-'}, meant ${c.meant}`);
      }
    expect(checked).toBeGreaterThan(10_000);
    expect(later).toEqual([]);
    expect(missed).toEqual([]);
  });

  it('never reads a short year or an ISO date as a whole year', () => {
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++) {
        expect(parseDeadline(`${pad(28)}/${pad(m)}/${pad(y % 100)}`)).toMatchObject({ kind: 'date', due: isoDate(y, m, 28) });
        expect(parseDeadline(`${y}-${pad(m)}-01`)).toMatchObject({ kind: 'date', due: isoDate(y, m, 1) });
      }
  });

  it('takes the earlier, flagged reading of "trước" + a period, and keeps the printed date for "trước ngày"', () => {
    expect(parseDeadline('Trước tháng 9/2026')).toMatchObject({ kind: 'month', due: '2026-08-31', flags: ['before-period'] });
    expect(parseDeadline('Trước quý III/2026')).toMatchObject({ kind: 'quarter', due: '2026-06-30', flags: ['before-period'] });
    expect(parseDeadline('Trước năm 2027')).toMatchObject({ kind: 'year', due: '2026-12-31', flags: ['before-period'] });
    expect(parseDeadline('Trước tháng 1/2026').due).toBe('2025-12-31');
    expect(parseDeadline('Trước ngày 30/4/2026')).toMatchObject({ due: '2026-04-30', flags: ['before-date'] });
  });

  it('reads parts of a month no later than that part, flagging the approximate ones', () => {
    expect(parseDeadline('Đầu tháng 3/2027')).toMatchObject({ due: '2027-03-10', flags: ['approximate'] });
    expect(parseDeadline('Cuối tháng 3/2027')).toMatchObject({ due: '2027-03-31', flags: [] });
    expect(parseDeadline('Cuối tháng 2/2028').due).toBe('2028-02-29');
  });
});

describe('deadline rules: cadences', () => {
  const cadences: Array<[string, Cadence]> = [
    ['hằng ngày', 'daily'],
    ['hàng tuần', 'weekly'],
    ['hằng tháng', 'monthly'],
    ['hàng quý', 'quarterly'],
    ['hằng năm', 'yearly'],
    ['6 tháng một lần', 'half-yearly'],
    ['định kỳ 6 tháng', 'half-yearly'],
    ['thường xuyên', 'ongoing'],
  ];
  it.each(cadences)('"%s" recurs %s, whatever words surround it', (words, cadence) => {
    for (const text of [words, `${words.charAt(0).toUpperCase()}${words.slice(1)}`, `Báo cáo ${words}`, `Định kỳ ${words}`, `Thực hiện ${words}`]) {
      expect(parseDeadline(text), text).toMatchObject({ kind: 'recurring', cadence });
    }
  });
  it('keeps the day of the period when one is printed', () => {
    for (let day = 1; day <= 28; day += 3) {
      expect(parseDeadline(`Báo cáo trước ngày ${day} hằng tháng`)).toMatchObject({ kind: 'recurring', cadence: 'monthly', periodDay: day });
      expect(parseDeadline(`ngày ${day} hàng quý`)).toMatchObject({ kind: 'recurring', cadence: 'quarterly', periodDay: day });
    }
  });
  it('a year that then recurs', () => {
    expect(parseDeadline('Năm 2026 và những năm tiếp theo')).toMatchObject({ kind: 'year', due: '2026-12-31', cadence: 'yearly' });
    expect(parseDeadline('Trong năm 2025 và thực hiện thường xuyên')).toMatchObject({ kind: 'year', due: '2025-12-31', cadence: 'ongoing' });
  });
});

describe('deadline rules: events and conditions', () => {
  it('a date tied to an event is conditional, never the later period it names', () => {
    const d = parseDeadline('Trước kỳ họp HĐND tỉnh cuối năm 2026');
    expect(d).toMatchObject({ kind: 'conditional', trigger: 'Trước kỳ họp HĐND tỉnh cuối năm 2026' });
    expect(d.due).toBeUndefined();
    expect(d.flags).toContain('event-bound');
    expect(parseDeadline('Sau khi Luật có hiệu lực')).toMatchObject({ kind: 'conditional', trigger: 'Luật có hiệu lực' });
    expect(parseDeadline('Trước Tết Nguyên đán')).toMatchObject({ kind: 'conditional' });
  });
  it('a day and month without a year is not read as any date', () => {
    const d = parseDeadline('Trước ngày 30/4');
    expect(d.kind).toBe('none');
    expect(d.reason).toMatch(/không ghi năm/);
  });
});

describe('deadline rules: spans of two dates', () => {
  it('start on the first date', () => {
    for (const c of dateSpanCases()) {
      const [, d, m, y] = /(\d+)\/(\d+)\/(\d+)/.exec(c.text)!;
      expect(parseDeadline(c.text).start, c.text).toBe(isoDate(Number(y), Number(m), Number(d)));
    }
  });
});

describe('deadline rules: lists and ranges of months and quarters in one dated cell', () => {
  // "và" and "," list two due dates: the earlier, flagged for a person. "-" and "đến" join a range, due at its end.
  const LIST = [' và ', ' và tháng ', ', ', ', tháng '];
  const RANGE = ['-', ' - ', ' đến ', ' đến tháng '];
  it('a list of months is due at the end of the first, flagged; a range at the end of the last', () => {
    for (const y of YEARS)
      for (let m1 = 1; m1 <= 11; m1++)
        for (let m2 = m1 + 1; m2 <= 12; m2++) {
          for (const j of LIST) {
            const text = `Tháng ${m1}${j}${m2}/${y}`;
            const d = parseDeadline(text);
            expect([d.due, d.flags.includes('several-dates')], text).toEqual([endOfMonth(y, m1), true]);
          }
          for (const j of RANGE) {
            const text = `Tháng ${m1}${j}${m2}/${y}`;
            expect(parseDeadline(text).due, text).toBe(endOfMonth(y, m2));
          }
        }
  });
  it('a list of quarters is due at the end of the first, flagged; a range at the end of the last', () => {
    for (const y of YEARS)
      for (let q1 = 1; q1 <= 3; q1++)
        for (let q2 = q1 + 1; q2 <= 4; q2++) {
          for (const j of [' và ', ' và quý ', ', ', ', quý ']) {
            const text = `Quý ${ROMAN[q1 - 1]}${j}${ROMAN[q2 - 1]}/${y}`;
            const d = parseDeadline(text);
            expect([d.due, d.flags.includes('several-dates')], text).toEqual([endOfQuarter(y, q1), true]);
          }
          for (const j of ['-', ' - ', ' đến ', ' đến quý ']) {
            const text = `Quý ${ROMAN[q1 - 1]}${j}${ROMAN[q2 - 1]}/${y}`;
            expect(parseDeadline(text).due, text).toBe(endOfQuarter(y, q2));
          }
        }
  });
});

describe('deadline rules: a period that dates an event', () => {
  it('is flagged event-bound: the task is due before the event, which may come before the period ends', () => {
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++) {
        const text = `Trước kỳ họp HĐND tỉnh (tháng ${m}/${y})`;
        const d = parseDeadline(text);
        expect(d.flags, text).toContain('event-bound');
        expect(d.due! <= endOfMonth(y, m), text).toBe(true);
      }
  });
});

describe('deadline rules: weeks of a month', () => {
  it('week N runs Monday to Sunday, week 1 holding the 1st: due on its Sunday or the month\'s last day, flagged where 7-day blocks would end later', () => {
    const wrong: string[] = [];
    for (const c of weekCases()) {
      const d = parseDeadline(c.text);
      const flagged = d.flags.includes('week-of-month');
      if (d.kind !== 'month' || d.due !== c.meant || flagged !== (c.flag === 'week-of-month')) wrong.push(`${c.text} → ${d.kind} ${d.due ?? '-'} [${d.flags.join(',')}], meant ${c.meant}`);
    }
    expect(wrong).toEqual([]);
  });
  it('a week past the end of its month is no date, and says the date is impossible', () => {
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++) {
        const past = weekEnds(y, m).length + 1;
        const d = parseDeadline(`Tuần ${past} tháng ${m}/${y}`);
        expect(d.due, `Tuần ${past} tháng ${m}/${y}`).toBeUndefined();
        expect(d.flags).toContain('invalid-date');
      }
  });
  it('"trước tuần N" is due the day before that week starts', () => {
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++) {
        const ends = weekEnds(y, m);
        expect(parseDeadline(`Trước tuần 3 tháng ${m}/${y}`).due).toBe(isoDate(y, m, ends[1]!));
      }
  });
});

describe('deadline rules: offsets counted from an event or a date', () => {
  const units: Array<[string, OffsetUnit]> = [['ngày', 'day'], ['ngày làm việc', 'working-day'], ['tuần', 'week'], ['tháng', 'month'], ['năm', 'year']];
  const leads = ['Trong', 'Chậm nhất', 'Trong vòng', 'Trong thời hạn', 'Sau', 'Không quá', 'Tối đa', ''];
  const froms = ['kể từ ngày', 'kể từ khi', 'sau khi', 'tính từ ngày', 'từ ngày'];
  const events = ['Nghị định có hiệu lực', 'có hướng dẫn của Bộ Công an', 'Kế hoạch được ban hành'];
  const amounts = [1, 7, 10, 15, 30, 45, 90];
  const phrase = (lead: string, amount: string, unit: string, from: string, rest: string) => `${lead} ${amount} ${unit} ${from} ${rest}`.trim();

  it('keeps the amount, the unit and the event, and invents no date, when the event has none', () => {
    const wrong: string[] = [];
    for (const [unitWords, unit] of units)
      for (const lead of leads)
        for (const from of froms)
          for (const event of events)
            for (const amount of amounts)
              for (const printed of [String(amount), pad(amount)]) {
                const text = phrase(lead, printed, unitWords, from, event);
                const d = parseDeadline(text);
                const ok = d.kind === 'conditional' && d.due === undefined && d.offset?.amount === amount && d.offset.unit === unit && d.trigger === event;
                if (!ok) wrong.push(`${text} → ${JSON.stringify(d)}`);
              }
    expect(wrong).toEqual([]);
  });

  it('counts from a printed date, not counting the first day (Bộ luật Dân sự, Điều 147–148)', () => {
    const wrong: string[] = [];
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++)
        for (const day of [1, 15, daysInMonth(y, m)]) {
          const from = isoDate(y, m, day);
          for (const amount of amounts)
            for (const [unitWords, unit] of units) {
              const meant = countFrom(from, amount, unit);
              for (const lead of ['Trong', 'Chậm nhất', 'Trong vòng'])
                for (const connective of ['kể từ ngày', 'tính từ ngày']) {
                  const text = phrase(lead, String(amount), unitWords, connective, `${day}/${m}/${y}`);
                  const d = parseDeadline(text);
                  if (d.kind !== 'date' || d.due !== meant || d.offset?.unit !== unit || !d.flags.includes('counted-from-date')) wrong.push(`${text} → ${d.kind} ${d.due ?? '-'}, meant ${meant}`);
                }
            }
        }
    expect(wrong).toEqual([]);
  });

  it('periods and halves that only look like offsets stay periods', () => {
    for (const y of YEARS) {
      expect(parseDeadline(`Trong 6 tháng đầu năm ${y}`)).toMatchObject({ due: endOfMonth(y, 6) });
      expect(parseDeadline(`6 tháng sau năm ${y}`)).toMatchObject({ due: endOfYear(y) });
      expect(parseDeadline(`Trong 2 năm ${y}-${y + 1}`).kind).not.toBe('conditional');
    }
  });
});

/** The date an offset from a printed date falls on, counted by walking the calendar (working days skip Saturday and Sunday). */
function countFrom(from: string, amount: number, unit: OffsetUnit): string {
  if (unit === 'month' || unit === 'year') return addMonths(from, unit === 'year' ? amount * 12 : amount);
  if (unit !== 'working-day') return addDays(from, unit === 'week' ? amount * 7 : amount);
  let at = from;
  for (let left = amount; left > 0; ) {
    at = addDays(at, 1);
    if (dayOfWeek(at) !== 0 && dayOfWeek(at) !== 6) left--;
  }
  return at;
}

describe('deadline rules: the day of a recurring period', () => {
  const cadences: Array<[string, Cadence]> = [['hằng tháng', 'monthly'], ['hàng tháng', 'monthly'], ['hằng quý', 'quarterly'], ['hàng quý', 'quarterly'], ['định kỳ 6 tháng', 'half-yearly']];
  it('keeps the printed day wherever it stands beside the cadence', () => {
    const wrong: string[] = [];
    for (const [words, cadence] of cadences)
      for (let day = 1; day <= 31; day++) {
        const cap = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
        for (const text of [`${cap} (trước ngày ${day})`, `${cap} (trước ngày ${day}/tháng)`, `${cap}, trước ngày ${day}`, `Trước ngày ${day} ${words}`, `${cap} vào ngày ${day}`, `Báo cáo ${words}, chậm nhất ngày ${day}`, `Ngày ${pad(day)} ${words}`]) {
          const d = parseDeadline(text);
          if (d.kind !== 'recurring' || d.cadence !== cadence || d.periodDay !== day) wrong.push(`${text} → ${JSON.stringify(d)}`);
        }
      }
    expect(wrong).toEqual([]);
  });
  it('a day and month of a yearly cell keep both; a weekly or a bare recurring cell has no day of the period', () => {
    for (let day = 1; day <= 28; day++) {
      expect(parseDeadline(`Trước ngày ${day}/12 hằng năm`)).toMatchObject({ periodDay: day, periodMonths: [12] });
      expect(parseDeadline(`Trước ngày ${day} tháng 12 hằng năm`)).toMatchObject({ periodDay: day, periodMonths: [12] });
      expect(parseDeadline(`Hằng tuần, trước ngày ${day}`).periodDay).toBeUndefined();
      expect(parseDeadline(`Thường xuyên (ngày ${day})`).periodDay).toBeUndefined();
    }
  });
});

describe('deadline rules: hostile cells', () => {
  it('reads a 200,000-digit cell as no deadline, keeping only the capped text', () => {
    const d = parseDeadline('1'.repeat(200_000));
    expect(d.kind).toBe('none');
    expect(d.flags).toContain('too-long');
    expect(d.raw.length).toBeLessThanOrEqual(MAX_DEADLINE_CHARS + 1);
  });
  it('reads other long repetitive cells promptly and sensibly', () => {
    expect(parseDeadline('1/'.repeat(100_000)).kind).toBe('none');
    expect(parseDeadline('<'.repeat(200_000)).kind).toBe('none');
    expect(parseDeadline('quý '.repeat(50_000)).kind).toBe('none');
    expect(parseDeadline('296/KH-'.repeat(30_000)).kind).toBe('none');
    // A real deadline at the start of an overlong cell is still read.
    const long = parseDeadline(`Quý IV/2025. ${'Nội dung rất dài '.repeat(20_000)}`);
    expect(long).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    expect(long.flags).toContain('too-long');
  });
});

/**
 * Recurring cells that say where in the year they fall due, generated from the rule: every month and
 * quarter, every printed day, each lead word and place of the cadence, lists and ranges, "trước" a
 * period. Each case holds the days of a year it means, as (month, day) — day 0 is the month's end —
 * and is checked two ways: what the parser keeps, and the dates the due rule (`periodDue`) gives every
 * period of a year, which must be exactly those days (never a later one).
 */
interface Recurring {
  text: string;
  cadence: Cadence;
  /** The days of a year it falls due: [month, day], day 0 for the month's end. */
  days: Array<[number, number]>;
  flag?: string;
}

const YEARLY_WORDS = ['hằng năm', 'hàng năm', 'định kỳ hằng năm'];
const cap = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
/** The last day of a month in a leap year: the latest day a cell can print for it. */
const lastDay = (m: number) => daysInMonth(2024, m);

function yearlyCases(): Recurring[] {
  const out: Recurring[] = [];
  for (const words of YEARLY_WORDS) {
    for (let m = 1; m <= 12; m++) {
      for (const text of [`Tháng ${m} ${words}`, `${cap(words)}, tháng ${m}`, `${cap(words)} (tháng ${pad(m)})`, `T${m} ${words}`, `Trong tháng ${m} ${words}`, `Cuối tháng ${m} ${words}`])
        out.push({ text, cadence: 'yearly', days: [[m, 0]] });
      // Before a month: the end of the month before it, as "Trước tháng 9/2026" is 31/8/2026.
      out.push({ text: `Trước tháng ${m} ${words}`, cadence: 'yearly', days: [[m === 1 ? 12 : m - 1, 0]], flag: 'before-period' });
      out.push({ text: `Đầu tháng ${m} ${words}`, cadence: 'yearly', days: [[m, 10]], flag: 'approximate' });
      out.push({ text: `Giữa tháng ${m} ${words}`, cadence: 'yearly', days: [[m, 15]], flag: 'approximate' });
      for (const d of [1, 10, 15, 25, lastDay(m)]) {
        for (const text of [
          `Trước ngày ${d}/${m} ${words}`,
          `Trước ${pad(d)}/${pad(m)} ${words}`,
          `${cap(words)} (trước ${d}/${m})`,
          `Chậm nhất ngày ${d}/${m} ${words}`,
          `Ngày ${d} tháng ${m} ${words}`,
          `${cap(words)}, hạn ${d}/${m}`,
          `Báo cáo vào ngày ${pad(d)}/${pad(m)} ${words}`,
          `${cap(words)} vào dịp ${d}/${m}`,
          `${cap(words)} (${d}/${m})`,
        ])
          out.push({ text, cadence: 'yearly', days: [[m, d]] });
      }
      for (let m2 = m + 1; m2 <= 12; m2 += 3) {
        for (const text of [`Tháng ${m} và tháng ${m2} ${words}`, `Tháng ${m}, ${m2} ${words}`, `${cap(words)} vào tháng ${m} và ${m2}`])
          out.push({ text, cadence: 'yearly', days: [[m, 0], [m2, 0]] });
        // A range is due at its last month, as "Tháng 10-12/2025" is.
        out.push({ text: `Tháng ${m}-${m2} ${words}`, cadence: 'yearly', days: [[m2, 0]] });
        out.push({ text: `Trước ngày 15/${m} và 15/${m2} ${words}`, cadence: 'yearly', days: [[m, 15], [m2, 15]] });
      }
    }
    for (let q = 1; q <= 4; q++) {
      const r = ROMAN[q - 1]!;
      for (const text of [`Quý ${r} ${words}`, `Quý ${q} ${words}`, `Q${q} ${words}`, `${cap(words)} (quý ${r})`, `Cuối quý ${r} ${words}`])
        out.push({ text, cadence: 'yearly', days: [[q * 3, 0]] });
      out.push({ text: `Trước quý ${r} ${words}`, cadence: 'yearly', days: [[q === 1 ? 12 : q * 3 - 3, 0]], flag: 'before-period' });
      out.push({ text: `Đầu quý ${r} ${words}`, cadence: 'yearly', days: [[q * 3 - 2, 0]], flag: 'approximate' });
      for (let q2 = q + 1; q2 <= 4; q2++) {
        out.push({ text: `Quý ${r} và quý ${ROMAN[q2 - 1]} ${words}`, cadence: 'yearly', days: [[q * 3, 0], [q2 * 3, 0]] });
        out.push({ text: `Quý ${r}-${ROMAN[q2 - 1]} ${words}`, cadence: 'yearly', days: [[q2 * 3, 0]] });
      }
    }
    // A bare day of a yearly period: that day of its last month, flagged.
    out.push({ text: `${cap(words)} (trước ngày 20)`, cadence: 'yearly', days: [[12, 20]], flag: 'period-day-month' });
  }
  return out;
}

/** Half-yearly and quarterly cells: a printed month's place repeats in every period; a bare day is the day of the period's last month. */
function periodicCases(): Recurring[] {
  const out: Recurring[] = [];
  for (let m = 1; m <= 12; m++) {
    const half = ((m - 1) % 6) + 1;
    for (const d of [1, 10, 15, 28, 31].filter((x) => x <= lastDay(m)))
      for (const text of [`Báo cáo 6 tháng trước ngày ${d}/${m}`, `Định kỳ 6 tháng (trước ngày ${d}/${m})`, `6 tháng một lần, chậm nhất ${pad(d)}/${pad(m)}`])
        out.push({ text, cadence: 'half-yearly', days: [[half, d], [half + 6, d]] });
    const place = ((m - 1) % 3) + 1;
    out.push({ text: `Hằng quý, trước ngày 20/${m}`, cadence: 'quarterly', days: [1, 2, 3, 4].map((q) => [q * 3 - 3 + place, 20] as [number, number]) });
  }
  for (let d = 1; d <= 31; d++) {
    const ends = (size: number) => Array.from({ length: 12 / size }, (_, k) => [(k + 1) * size, d] as [number, number]);
    for (const words of ['hằng quý', 'hàng quý'])
      for (const text of [`${cap(words)} (trước ngày ${d} của tháng cuối quý)`, `Trước ngày ${d} tháng cuối quý, ${words}`])
        out.push({ text, cadence: 'quarterly', days: ends(3) });
    out.push({ text: `Hằng quý (trước ngày ${d})`, cadence: 'quarterly', days: ends(3), flag: 'period-day-month' });
    out.push({ text: `Định kỳ 6 tháng (trước ngày ${d})`, cadence: 'half-yearly', days: ends(6), flag: 'period-day-month' });
    out.push({ text: `Hằng quý (trước ngày ${d} của tháng đầu quý)`, cadence: 'quarterly', days: [1, 4, 7, 10].map((m) => [m, d] as [number, number]) });
    out.push({ text: `Hằng tháng (trước ngày ${d})`, cadence: 'monthly', days: Array.from({ length: 12 }, (_, k) => [k + 1, d] as [number, number]) });
  }
  for (const text of ['Hằng quý', 'Định kỳ hằng quý']) out.push({ text, cadence: 'quarterly', days: [[3, 0], [6, 0], [9, 0], [12, 0]] });
  out.push({ text: 'Báo cáo 6 tháng', cadence: 'half-yearly', days: [[6, 0], [12, 0]] });
  out.push({ text: 'Hằng năm', cadence: 'yearly', days: [[12, 0]] });
  return out;
}

const RECURRING: Recurring[] = [...yearlyCases(), ...periodicCases()];

/** The dates a case means in `year`: the printed day, or the month's last day when the month has fewer or none is printed. */
const meantIn = (c: Recurring, year: number): string[] =>
  c.days.map(([m, d]) => isoDate(year, m, d === 0 ? daysInMonth(year, m) : Math.min(d, daysInMonth(year, m)))).sort();

/** The dates the due rule gives every report period of `year`. */
function dueIn(text: string, year: number): string[] {
  const d = parseDeadline(text);
  const cadence = deadlineCadence(d);
  if (!cadence) return [];
  const out: string[] = [];
  for (let p = periodOf(isoDate(year, 1, 1), cadence); p.start <= isoDate(year, 12, 31); p = nextPeriod(p)) {
    const due = periodDue(d, p);
    if (due !== undefined) out.push(due);
  }
  return out.sort();
}

describe('deadline rules: where in the year a recurring cell falls due', () => {
  it(`reads ${RECURRING.length} generated recurring cells as recurring, with their cadence and flags`, () => {
    const wrong = RECURRING.flatMap((c) => {
      const d = parseDeadline(c.text);
      const bad = d.kind !== 'recurring' || d.cadence !== c.cadence || d.due !== undefined || (c.flag !== undefined && !d.flags.includes(c.flag));
      return bad ? [`${c.text} → ${d.kind} ${d.cadence ?? '-'} [${d.flags.join(',')}]`] : [];
    });
    expect(RECURRING.length).toBeGreaterThan(1500);
    expect(wrong).toEqual([]);
  });

  it('gives every report period exactly the days the cell means, in leap and common years, over every variant', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const c of RECURRING)
      for (const text of [c.text, c.text.toUpperCase(), c.text.normalize('NFD'), `<p>${c.text}</p>`, `${c.text}.`, `  ${c.text.replace(/ /g, '  ')} ;`])
        for (const year of [2026, 2028]) {
          checked++;
          const got = dueIn(text, year);
          const meant = meantIn(c, year);
          if (got.join() !== meant.join()) wrong.push(`${JSON.stringify(text)} ${year} → ${got.join(' ')}, meant ${meant.join(' ')}`);
        }
    expect(checked).toBeGreaterThan(15_000);
    expect(wrong).toEqual([]);
  });

  it('keeps the month, the quarter and the day as printed', () => {
    expect(parseDeadline('Tháng 6 hằng năm')).toMatchObject({ kind: 'recurring', cadence: 'yearly', periodMonths: [6] });
    expect(parseDeadline('Quý IV hằng năm')).toMatchObject({ kind: 'recurring', cadence: 'yearly', periodQuarters: [4] });
    expect(parseDeadline('Trước ngày 15/12 hằng năm')).toMatchObject({ cadence: 'yearly', periodDay: 15, periodMonths: [12] });
    expect(parseDeadline('Tháng 6 và tháng 12 hằng năm')).toMatchObject({ cadence: 'yearly', periodMonths: [6, 12] });
    expect(parseDeadline('Định kỳ hằng năm (trước 31/01)')).toMatchObject({ cadence: 'yearly', periodDay: 31, periodMonths: [1] });
    expect(parseDeadline('Báo cáo 6 tháng trước ngày 10/6')).toMatchObject({ kind: 'recurring', cadence: 'half-yearly', periodDay: 10, periodMonths: [6] });
    // Several days for several months: the earliest for all, flagged (never a later date than printed).
    expect(parseDeadline('Trước ngày 15/6 và 31/12 hằng năm')).toMatchObject({ periodDay: 15, periodMonths: [6, 12], flags: ['several-dates'] });
  });

  it('reads a dated period or a count of months as what it is, not as a month of each year', () => {
    expect(parseDeadline('Tháng 6/2026 và hằng năm')).toMatchObject({ kind: 'month', due: '2026-06-30', cadence: 'yearly' });
    expect(parseDeadline('Tháng 6/2026 và hằng năm').periodMonths).toBeUndefined();
    // Its later years keep the date's place: 30/6.
    expect(dueIn('Tháng 6/2026 và hằng năm', 2027)).toEqual(['2027-06-30']);
    expect(parseDeadline('Báo cáo 6 tháng đầu năm 2026')).toMatchObject({ kind: 'month', due: '2026-06-30' });
    expect(parseDeadline('Báo cáo 6 tháng đầu năm 2026').cadence).toBeUndefined();
    expect(parseDeadline('Hằng năm, trong 3 tháng đầu').periodMonths).toBeUndefined();
    expect(parseDeadline('Hằng tháng 2 lần').periodMonths).toBeUndefined();
    expect(parseDeadline('Tháng 10-12/2025')).toMatchObject({ kind: 'month', due: '2025-12-31' });
  });
});

/** `amount` of `unit` before a date, counted by walking the calendar back (the date itself not counted; working days skip Saturday and Sunday). */
function countBack(from: string, amount: number, unit: OffsetUnit): string {
  if (unit === 'month' || unit === 'year') return addMonths(from, -(unit === 'year' ? amount * 12 : amount));
  if (unit !== 'working-day') return addDays(from, -(unit === 'week' ? amount * 7 : amount));
  let at = from;
  for (let left = amount; left > 0; ) {
    at = addDays(at, -1);
    if (dayOfWeek(at) !== 0 && dayOfWeek(at) !== 6) left--;
  }
  return at;
}

describe('deadline rules: offsets before an event', () => {
  const units: Array<[string, OffsetUnit]> = [['ngày', 'day'], ['ngày làm việc', 'working-day'], ['tuần', 'week'], ['tháng', 'month'], ['năm', 'year']];
  const leads = ['', 'Chậm nhất', 'Ít nhất', 'Tối thiểu'];
  /** The event as printed after "trước", and the trigger kept. */
  const events: Array<[string, string]> = [
    ['kỳ họp', 'kỳ họp'],
    ['kỳ họp HĐND tỉnh', 'kỳ họp HĐND tỉnh'],
    ['ngày tổ chức hội nghị', 'tổ chức hội nghị'],
    ['khi khai mạc kỳ họp', 'khai mạc kỳ họp'],
    ['Tết Nguyên đán', 'Tết Nguyên đán'],
  ];
  const amounts = [1, 5, 7, 15, 30, 45];

  it('keeps the amount, the unit, the direction and the event, bound to the event, and invents no date', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [unitWords, unit] of units)
      for (const [event, trigger] of events)
        for (const amount of amounts)
          for (const printed of [String(amount), pad(amount)]) {
            const texts = [
              ...leads.map((lead) => `${lead} ${printed} ${unitWords} trước ${event}`.trim()),
              // The amount printed after the event: "Trước kỳ họp HĐND tỉnh 15 ngày".
              `Trước ${event} ${printed} ${unitWords}`,
              `Chậm nhất trước ${event} ${printed} ${unitWords}`,
            ];
            for (const text of texts) {
              checked++;
              const d = parseDeadline(text);
              const ok =
                d.kind === 'conditional' &&
                d.due === undefined &&
                d.offset?.amount === amount &&
                d.offset.unit === unit &&
                d.offset.direction === 'before' &&
                d.offsetDays === undefined &&
                d.trigger === trigger &&
                d.flags.includes('event-bound');
              if (!ok) wrong.push(`${text} → ${JSON.stringify(d)}`);
            }
          }
    expect(checked).toBeGreaterThan(1500);
    expect(wrong).toEqual([]);
  });

  it('counts back from a printed date, never to a later date than meant', () => {
    const wrong: string[] = [];
    for (const y of YEARS.slice(0, 3))
      for (let m = 1; m <= 12; m++)
        for (const day of [1, 15, daysInMonth(y, m)]) {
          const anchor = isoDate(y, m, day);
          for (const amount of amounts)
            for (const [unitWords, unit] of units) {
              const meant = countBack(anchor, amount, unit);
              for (const text of [
                `${amount} ${unitWords} trước ngày ${day}/${m}/${y}`,
                `Chậm nhất ${pad(amount)} ${unitWords} trước ngày ${day}/${m}/${y}`,
                `Trước ngày ${day}/${m}/${y} ${amount} ${unitWords}`,
              ]) {
                const d = parseDeadline(text);
                if (d.kind !== 'date' || d.due !== meant || d.offset?.direction !== 'before' || !d.flags.includes('counted-before-date')) wrong.push(`${text} → ${d.kind} ${d.due ?? '-'}, meant ${meant}`);
              }
            }
        }
    expect(wrong).toEqual([]);
  });

  it('counts back from the start of a printed period, which is what "trước" a period means', () => {
    for (const y of YEARS)
      for (let m = 1; m <= 12; m++)
        for (const amount of [1, 10, 15])
          expect(parseDeadline(`${amount} ngày trước tháng ${m}/${y}`), `${amount} ngày trước tháng ${m}/${y}`).toMatchObject({ kind: 'date', due: addDays(isoDate(y, m, 1), -amount) });
  });

  it('offsets after an event keep their direction too, and a cadence\'s words are no offset', () => {
    expect(parseDeadline('Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương')).toMatchObject({ offset: { amount: 10, unit: 'day', direction: 'after' }, offsetDays: 10 });
    expect(parseDeadline('Báo cáo 6 tháng trước ngày 10/6').offset).toBeUndefined();
    for (let day = 1; day <= 28; day++) expect(parseDeadline(`Trước ngày ${day} định kỳ 6 tháng`).offset).toBeUndefined();
  });
});
