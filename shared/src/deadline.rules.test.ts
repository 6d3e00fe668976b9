// Deadline phrasings generated from DOMAIN.md's rules (every month, quarter, year form, the
// "trước" forms, parts of a month, two-digit years, ISO dates, cadences), each with the date it
// means, and the "never later than meant" property checked over all of them and their variants.
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, endOfMonth, endOfQuarter, endOfYear, isoDate, startOfQuarter } from './dates.ts';
import { MAX_DEADLINE_CHARS, parseDeadline } from './deadline.ts';
import type { Cadence } from './model.ts';

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

const RULES: Case[] = [...monthCases(), ...quarterCases(), ...yearCases(), ...dateCases(), ...severalCases()];

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
