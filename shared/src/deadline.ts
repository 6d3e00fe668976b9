// Reads a plan's deadline cell ("Quý IV/2025", "Trước tháng 9/2026", "30/09/26", "Thường xuyên",
// "Theo hướng dẫn của Bộ Công an", …) into a `Deadline`; see DOMAIN.md "Deadlines as printed".
//
// The cell is folded (no diacritics, lower case, same length) and cut into tokens (words,
// numbers, punctuation) by one linear scan; every form is then recognised by looking a bounded
// number of tokens ahead, so no input can make the parser backtrack: its time is linear in the
// cell, and the cell itself is capped. Where a phrasing is unclear the earlier reading is taken
// and flagged (DOMAIN.md: a later date than meant is the dangerous error).
import type { Cadence, Deadline, OffsetDirection, OffsetUnit } from './model.ts';
import { addDays, addMonths, addWorkingDays, subtractWorkingDays, dayOfWeek, daysInMonth, endOfMonth, endOfQuarter, endOfYear, formatDateVi, isValidDate, isoDate, startOfQuarter } from './dates.ts';
import { foldSameLength } from './fold.ts';
import { describeRecurrenceAnchor, recurrenceAnchor } from './periods.ts';

export { DEADLINE_FLAG_LABELS, deadlineFlagText, isDeadlineFlag, type DeadlineFlag } from './deadline-flags.ts';

/** Longer cells are cut before reading: a deadline, even a target sentence, is a few hundred characters. */
export const MAX_DEADLINE_CHARS = 1000;

/** Strips HTML fragments and entities and collapses whitespace; dashes become "-"; `<http://…>` links keep their address. */
export function cleanDeadlineText(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .replace(/<(https?:\/\/[^<>\s]*)>/gi, '$1')
      .replace(/<br\s*\/?>|<\/(?:p|li|div)>/gi, ' ')
      // `[^<>]` keeps the scan linear: an unclosed "<<<<" cannot make every "<" run to the end.
      .replace(/<[^<>]*>/g, '')
      .replace(/&nbsp;/gi, ' ')
      .replace(/&amp;/gi, '&')
      .replace(/&lt;/gi, '<')
      .replace(/&gt;/gi, '>')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[*_]{1,2}/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

// ---------------------------------------------------------------------------------------------
// Tokens

interface Tok {
  /** word, number, punctuation */
  k: 'w' | 'n' | 'p';
  s: string;
  from: number;
  to: number;
  /** Whitespace before this token. */
  gap: boolean;
}

/** One pass over folded text; letters and digits form runs, anything else is one punctuation token. */
function tokenize(f: string): Tok[] {
  const toks: Tok[] = [];
  let gap = false;
  let i = 0;
  while (i < f.length) {
    const c = f.charCodeAt(i);
    if (c === 32) {
      gap = true;
      i++;
      continue;
    }
    const kind = c >= 48 && c <= 57 ? 'n' : isLetter(f[i]!) ? 'w' : 'p';
    let j = i + 1;
    if (kind !== 'p') while (j < f.length && (kind === 'n' ? isDigit(f.charCodeAt(j)) : isLetter(f[j]!))) j++;
    toks.push({ k: kind, s: f.slice(i, j), from: i, to: j, gap });
    gap = false;
    i = j;
  }
  return toks;
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const LETTER = /\p{L}/u;
/** Folded text is mostly a–z: test those by code, the rare other letters by Unicode class. */
const isLetter = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return c >= 65 && c <= 90;
  return LETTER.test(ch);
};

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const SEPARATORS = new Set(['/', '-', '.']);

/** A period named in the text: a month, quarter, half-year or year (or a range of them). */
interface Period {
  kind: 'date' | 'month' | 'quarter' | 'year';
  start: string;
  due: string;
  /** Several months/quarters/years named at once ("Quý III-IV/2026"): `start` is worth keeping. */
  range: boolean;
  /** Token span, so spans between two periods ("Q3/2025 – Q2/2026") can be seen. */
  from: number;
  to: number;
  flags?: string[];
  /** The numbers do not make a real period ("Tháng 13/2025"). */
  invalid?: boolean;
}

interface DateHit {
  iso?: string;
  from: number;
  to: number;
}

/** The token reader: every recogniser looks a bounded number of tokens ahead of `i`. */
class Reader {
  /**
   * The one year the cell names, lent to a part printed without one: "Năm 2026 (Quý II)",
   * "Quý II năm 2026 (tháng 5)", "Năm 2026, 6 tháng đầu năm". Set for a second reading only.
   */
  contextYear: number | undefined;
  /** The one month the cell names, lent to a week or a day printed without one: "Tháng 6/2026 (tuần 2)", "Tháng 6/2026, trước ngày 15". */
  contextMonth: [number, number] | undefined;
  constructor(readonly t: Tok[]) {}
  w(i: number, ...words: string[]): boolean {
    const tok = this.t[i];
    return tok !== undefined && tok.k === 'w' && words.includes(tok.s);
  }
  p(i: number, ...chars: string[]): boolean {
    const tok = this.t[i];
    return tok !== undefined && tok.k === 'p' && chars.includes(tok.s);
  }
  /** A number of `min`–`max` digits at `i`. */
  n(i: number, min = 1, max = 4): number | undefined {
    const tok = this.t[i];
    return tok && tok.k === 'n' && tok.s.length >= min && tok.s.length <= max ? Number(tok.s) : undefined;
  }
  /** Token `i` directly follows token `i - 1` (no space). */
  tight(i: number): boolean {
    const tok = this.t[i];
    return tok !== undefined && !tok.gap;
  }

  /** A year: four digits, or two after a period word ("Q4/25", "Tháng 9/26"). */
  year(i: number, short: boolean): number | undefined {
    const four = this.n(i, 4, 4);
    if (four !== undefined) return four >= 1900 && four <= 2199 ? four : undefined;
    const two = short ? this.n(i, 2, 2) : undefined;
    return two === undefined ? undefined : 2000 + two;
  }
  /** "/2025", "-2025", ".2025", "năm 2025": the year after a month or quarter; returns [year, next index]. */
  yearAfter(i: number, short: boolean, strict = false): [number, number] | undefined {
    if (this.p(i, '/', '-', '.')) {
      const y = this.year(i + 1, short);
      // "Tháng 9/2026/QĐ" is a document number, not a month.
      if (y !== undefined && !this.p(i + 2, '/')) return [y, i + 2];
    }
    if (this.w(i, 'nam')) {
      const y = this.year(i + 1, false);
      if (y !== undefined) return [y, i + 2];
    }
    return this.yearless(i, !strict) ? [this.contextYear!, i] : undefined;
  }
  /**
   * A period with no year of its own may take the cell's year only where no number follows it: at
   * the end of the cell, before a bracket, comma or semicolon, or (`words`) before a word other than
   * "năm" ("Năm 2026, tháng 5 hoàn thành"). "Tháng 9/…" does not; the second month of a range reads
   * strictly, so "tháng 5, 10 ngày" is no range.
   */
  yearless(i: number, words = false): boolean {
    if (this.contextYear === undefined) return false;
    const tok = this.t[i];
    if (tok === undefined) return true;
    if (tok.k === 'w') return words && tok.s !== 'nam';
    return tok.k === 'p' && !SEPARATORS.has(tok.s);
  }

  /** "30/4/2026", "30-4-2026", "30.4.2026", "30/09/26", "2027-01-31", "ngày 15 tháng 12 năm 2025". */
  date(i: number): (DateHit & { valid: boolean; y: number; m: number; d: number }) | undefined {
    const t = this.t;
    const a = this.n(i, 1, 4);
    if (a !== undefined && this.p(i + 1, ...SEPARATORS)) {
      const sep = t[i + 1]!.s;
      const b = this.n(i + 2, 1, 2);
      if (b !== undefined && this.p(i + 3, sep)) {
        const tok = t[i]!.s.length;
        if (tok <= 2) {
          const y = this.year(i + 4, true);
          // A third separator ("1/2/2025/QĐ") or more digits glued on ("1.2.2025.3") make it something
          // else; "01/3/2026 - 30/6/2026" and "01/3/2026-30/6/2026" are two dates.
          const more = (this.p(i + 5, '.') || (this.p(i + 5, '-') && sep === '-')) && this.tight(i + 5) && this.n(i + 6) !== undefined;
          if (y !== undefined && !this.p(i + 5, '/') && !more) {
            return { y, m: b, d: a, valid: isValidDate(y, b, a), from: i, to: i + 5 };
          }
        } else if (tok === 4 && sep !== '.') {
          const d = this.n(i + 4, 1, 2);
          if (d !== undefined) return { y: a, m: b, d, valid: isValidDate(a, b, d), from: i, to: i + 5 };
        }
      }
    }
    if (this.w(i, 'ngay') && this.w(i + 2, 'thang') && this.w(i + 4, 'nam')) {
      const d = this.n(i + 1, 1, 2), m = this.n(i + 3, 1, 2), y = this.year(i + 5, false);
      if (d !== undefined && m !== undefined && y !== undefined) return { y, m, d, valid: isValidDate(y, m, d), from: i, to: i + 6 };
    }
    return undefined;
  }

  /** Roman or Arabic quarter number at `i` (or inside a glued "qiv"). */
  quarterNumber(i: number): number | undefined {
    const tok = this.t[i];
    if (!tok) return undefined;
    if (tok.k === 'w') return ROMAN[tok.s];
    const n = this.n(i, 1, 1);
    return n !== undefined && n >= 1 && n <= 4 ? n : undefined;
  }

  quarter(i: number): Period | undefined {
    let at: number;
    let q1: number | undefined;
    const tok = this.t[i];
    if (!tok || tok.k !== 'w') return undefined;
    if (tok.s === 'quy' || tok.s === 'q') {
      at = i + 1;
      if (this.p(at, '.')) at++;
      // "Q4" is glued; "Quý IV" and "quý 3" are spaced; "Q 4" would be a stray letter.
      if (tok.s === 'q' && !this.tight(at)) return undefined;
      q1 = this.quarterNumber(at);
      at++;
    } else if (/^q(?:i|ii|iii|iv)$/.test(tok.s)) {
      q1 = ROMAN[tok.s.slice(1)];
      at = i + 1;
    } else return undefined;
    if (q1 === undefined) return undefined;
    let q2 = q1;
    let listed = false;
    if (this.p(at, '-', ',') || this.w(at, 'va', 'den')) {
      let k = at + 1;
      if (this.w(k, 'quy', 'q')) k++;
      const second = this.quarterNumber(k);
      if (second !== undefined && this.t[k]!.k === this.t[at - 1]!.k) {
        listed = this.p(at, ',') || this.w(at, 'va');
        q2 = second;
        at = k + 1;
      }
    }
    const y = this.yearAfter(at, true);
    if (!y) return undefined;
    const [year, end] = y;
    if (q2 < q1) return { kind: 'quarter', start: '', due: '', range: true, from: i, to: end, invalid: true };
    // A list ("Quý II và quý IV/2026") names two due dates: the earlier, flagged. A range ("Quý III-IV") ends at its last.
    if (listed && q2 !== q1) return { kind: 'quarter', start: startOfQuarter(year, q1), due: endOfQuarter(year, q1), range: false, from: i, to: end, flags: ['several-dates'] };
    return { kind: 'quarter', start: startOfQuarter(year, q1), due: endOfQuarter(year, q2), range: q2 !== q1, from: i, to: end };
  }

  /** "Tháng 12/2025", "tháng 3 năm 2026", "T12/2025", "Tháng 10-12/2025", "12/2025", "10-12/2025". */
  month(i: number): Period | undefined {
    let at = i;
    let named = false;
    if (this.w(i, 'thang')) {
      named = true;
      at = i + 1;
    } else if (this.w(i, 't') && this.tight(i + 1)) {
      named = true;
      at = i + 1;
    }
    const m1 = this.n(at, 1, 2);
    if (m1 === undefined) return undefined;
    // A bare "12/2025" must not be the tail of "số 15/12/2025" or of a document number.
    if (!named && (this.p(i - 1, '/', '-', '.') && this.tight(i))) return undefined;
    at++;
    let m2 = m1;
    let listed = false;
    if (this.p(at, '-', ',') || this.w(at, 'va', 'den')) {
      let k = at + 1;
      if (this.w(k, 'thang')) k++;
      const second = this.n(k, 1, 2);
      if (second !== undefined && this.yearAfter(k + 1, named, true)) {
        listed = this.p(at, ',') || this.w(at, 'va');
        m2 = second;
        at = k + 1;
      }
    }
    // "Tháng 10-12" is October to December, not October 2012: a later month after a dash is a range's end.
    const later = this.p(at, '-') ? this.n(at + 1, 2, 2) : undefined;
    if (later !== undefined && later > m1 && later <= 12 && !this.p(at + 2, ...SEPARATORS) && !this.w(at + 2, 'nam')) return undefined;
    const y = named ? this.yearAfter(at, true) : this.p(at, '/') ? this.yearAfter(at, false) : undefined;
    if (!y) return undefined;
    const [year, end] = y;
    if (!named && this.p(end, '/', '-') && this.tight(end)) return undefined;
    if (m1 < 1 || m2 > 12 || m1 > m2) return { kind: 'month', start: '', due: '', range: true, from: i, to: end, invalid: true };
    // A list ("Tháng 6 và tháng 12/2026") names two due dates: the earlier, flagged. A range ("tháng 6-12", "đến") ends at its last.
    if (listed && m2 !== m1) return { kind: 'month', start: isoDate(year, m1, 1), due: endOfMonth(year, m1), range: false, from: i, to: end, flags: ['several-dates'] };
    return { kind: 'month', start: isoDate(year, m1, 1), due: endOfMonth(year, m2), range: m1 !== m2, from: i, to: end };
  }

  /** "6 tháng đầu năm 2027", "6 tháng cuối năm 2026", "nửa đầu năm 2026", "6 tháng năm 2026". */
  half(i: number): Period | undefined {
    let at: number;
    if (this.n(i, 1, 2) === 6 && this.w(i + 1, 'thang')) at = i + 2;
    else if (this.w(i, 'nua')) at = i + 1;
    else return undefined;
    let second = false;
    if (this.w(at, 'dau')) at++;
    else if (this.w(at, 'cuoi', 'sau')) {
      second = true;
      at++;
    } else if (this.w(i, 'nua')) return undefined;
    if (!this.w(at, 'nam')) return undefined;
    let y = this.year(at + 1, false);
    let to = at + 2;
    if (y === undefined && this.yearless(at + 1)) [y, to] = [this.contextYear, at + 1];
    if (y === undefined) return undefined;
    return second
      ? { kind: 'month', start: isoDate(y, 7, 1), due: endOfYear(y), range: true, from: i, to }
      : { kind: 'month', start: isoDate(y, 1, 1), due: endOfMonth(y, 6), range: true, from: i, to };
  }

  /** "Năm 2026", "2026", "2025-2030", "năm 2025 đến năm 2030". */
  yearPeriod(i: number): Period | undefined {
    let at = i;
    if (this.w(i, 'nam')) at = i + 1;
    const y1 = this.year(at, false);
    if (y1 === undefined) return undefined;
    // A bare year glued to other numbers or slashes is part of something else ("15/63/2025", "2025/QĐ").
    if (at === i && this.p(i - 1, '/', '-', '.') && this.tight(i)) return undefined;
    if (this.p(at + 1, '/', '.', '%') && this.tight(at + 1)) return undefined;
    let end = at + 1;
    let y2 = y1;
    if (this.p(end, '-') || this.w(end, 'den')) {
      let k = end + 1;
      if (this.w(k, 'nam')) k++;
      const second = this.year(k, false);
      if (second !== undefined && second > y1) {
        y2 = second;
        end = k + 1;
      }
    }
    return { kind: 'year', start: isoDate(y1, 1, 1), due: endOfYear(y2), range: y2 !== y1, from: i, to: end };
  }

  period(i: number): Period | undefined {
    return this.half(i) ?? this.quarter(i) ?? this.month(i) ?? this.yearPeriod(i);
  }

  /**
   * "Tuần 2 tháng 6/2026", "tuần thứ hai của tháng 6/2026", "tuần đầu tháng 3/2026", "tuần cuối
   * tháng 12/2025". The rule for weeks of a month: a week runs Monday to Sunday and week 1 is the
   * one holding the 1st, so week N is due on its Sunday, or on the month's last day when that comes
   * first; "tuần cuối" is due on the last day. A week past the month's end is no date. Counting
   * weeks as blocks of 7 days (week N ending on day 7N) is never earlier than this reading, so when
   * the two differ this one is taken and flagged (DOMAIN.md: never later than the text means).
   */
  week(i: number): Period | undefined {
    if (!this.w(i, 'tuan')) return undefined;
    let at = i + 1;
    if (this.w(at, 'thu')) at++;
    const tok = this.t[at];
    let n: number | undefined;
    let last = false;
    if (this.n(at, 1, 1) !== undefined) n = this.n(at, 1, 1);
    else if (this.w(at, 'dau')) {
      n = 1;
      if (this.w(at + 1, 'tien')) at++;
    } else if (this.w(at, 'cuoi')) last = true;
    else if (tok?.k === 'w') n = WEEK_ORDINALS[tok.s];
    if (n === undefined && !last) return undefined;
    at++;
    if (this.w(at, 'cua')) at++;
    let m = this.w(at, 'thang') ? this.month(at) : undefined;
    if (!m && this.contextMonth && this.yearless(at)) {
      const [cy, cm] = this.contextMonth;
      m = { kind: 'month', start: isoDate(cy, cm, 1), due: endOfMonth(cy, cm), range: false, from: i, to: at };
    }
    if (!m || m.range) return undefined;
    if (m.invalid) return { ...m, from: i };
    const [y, mo] = [Number(m.start.slice(0, 4)), Number(m.start.slice(5, 7))];
    const days = daysInMonth(y, mo);
    const firstSunday = 7 - ((dayOfWeek(m.start) + 6) % 7);
    if (last) {
      const lastMonday = days - ((dayOfWeek(isoDate(y, mo, days)) + 6) % 7);
      return { ...m, start: isoDate(y, mo, Math.max(1, lastMonday)), due: m.due, from: i };
    }
    const startDay = n === 1 ? 1 : firstSunday + 7 * (n! - 2) + 1;
    if (n! < 1 || startDay > days) return { ...m, start: '', due: '', from: i, invalid: true };
    const endDay = Math.min(firstSunday + 7 * (n! - 1), days);
    const flags = endDay === Math.min(7 * n!, days) ? [] : ['week-of-month'];
    return { ...m, start: isoDate(y, mo, startDay), due: isoDate(y, mo, endDay), from: i, flags };
  }

  /**
   * "Đầu/giữa/cuối tháng 3/2027", "đầu năm 2027": no later than that part of the period. The end
   * of a period is exact; an early or middle part is approximate, so it is flagged.
   */
  partOf(i: number): Period | undefined {
    if (!this.w(i, 'dau', 'giua', 'cuoi')) return undefined;
    const part = this.t[i]!.s;
    const p = this.month(i + 1) ?? this.quarter(i + 1) ?? this.yearPeriod(i + 1);
    if (!p || p.invalid || p.range) return p && { ...p, from: i };
    if (part === 'cuoi') return { ...p, from: i };
    const [y, m] = [Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7))];
    let due: string;
    if (p.kind === 'month') due = isoDate(y, m, part === 'dau' ? 10 : 15);
    else if (p.kind === 'quarter') due = part === 'dau' ? endOfMonth(y, m) : isoDate(y, m + 1, 15);
    else due = part === 'dau' ? endOfMonth(y, 3) : endOfMonth(y, 6);
    return { ...p, due, from: i, flags: ['approximate'] };
  }
}

/** Words that, after "trước", name a period or a date rather than an event. */
const PERIOD_WORDS = new Set(['ngay', 'thang', 'quy', 'q', 'nam', 'dau', 'giua', 'cuoi', 'nua', 't', 'qi', 'qii', 'qiii', 'qiv', 'hoac', 'het', 'tuan']);
/** "tuần thứ hai", "tuần V": the week's number in words (folded) or Roman numerals. */
const WEEK_ORDINALS: Record<string, number> = { nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, sau: 6, i: 1, ii: 2, iii: 3, iv: 4, v: 5 };

const CADENCES: Array<[string[], Cadence]> = [
  [['hang', 'ngay'], 'daily'],
  [['hang', 'tuan'], 'weekly'],
  [['hang', 'thang'], 'monthly'],
  [['hang', 'quy'], 'quarterly'],
  [['hang', '6', 'thang'], 'half-yearly'],
  [['dinh', 'ky', '6', 'thang'], 'half-yearly'],
  [['bao', 'cao', '6', 'thang'], 'half-yearly'],
  [['6', 'thang', 'mot', 'lan'], 'half-yearly'],
  [['6', 'thang', '1', 'lan'], 'half-yearly'],
  [['6', 'thang', '/', 'lan'], 'half-yearly'],
  [['hang', 'nam'], 'yearly'],
  [['nhung', 'nam', 'tiep', 'theo'], 'yearly'],
  [['cac', 'nam', 'tiep', 'theo'], 'yearly'],
  [['thuong', 'xuyen'], 'ongoing'],
  [['dinh', 'ky'], 'ongoing'],
  [['lien', 'tuc'], 'ongoing'],
];
const CADENCE_RANK: Record<Cadence, number> = { daily: 0, weekly: 1, monthly: 2, quarterly: 3, 'half-yearly': 4, yearly: 5, ongoing: 6 };
/** After "… 6 tháng", these make it a half of a year ("Báo cáo 6 tháng đầu năm 2026"), not a half-yearly cadence. */
const HALF_OF_YEAR = new Set(['dau', 'cuoi', 'nam', 'nua']);

/** Cadences whose period has days to name: a monthly report "trước ngày 25", a quarterly one "trước ngày 15". */
const DAYED: ReadonlySet<Cadence> = new Set(['monthly', 'quarterly', 'half-yearly', 'yearly']);
/** Cadences whose period holds several months, so a cell can name which: "Tháng 6 hằng năm", "trước ngày 10/6" half-yearly. */
const MONTHED: ReadonlySet<Cadence> = new Set(['quarterly', 'half-yearly', 'yearly']);

/**
 * The cadence the cell names (the most specific one), and the day of the period when printed:
 * "trước ngày 10 hằng tháng", "Hằng tháng (trước ngày 25)", "hàng quý, chậm nhất ngày 15". A day
 * is a bare "ngày N", wherever it stands: "ngày 15/12" or "ngày 15 tháng 12" name a date instead.
 * `words` are the token spans the cadence phrases take, so "Báo cáo 6 tháng trước …" is not read
 * as an offset of 6 months.
 */
function cadenceOf(t: Tok[]): { cadence?: Cadence; periodDay?: number; words: Array<[number, number]> } {
  let best: Cadence | undefined;
  let periodDay: number | undefined;
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < t.length; i++) {
    for (const [words, cadence] of CADENCES) {
      if (!words.every((w, k) => t[i + k]?.s === w)) continue;
      const after = t[i + words.length];
      if (words.at(-1) === 'thang' && after?.k === 'w' && HALF_OF_YEAR.has(after.s)) continue;
      spans.push([i, i + words.length]);
      if (best === undefined || CADENCE_RANK[cadence] < CADENCE_RANK[best]) best = cadence;
    }
    if (periodDay === undefined && t[i]!.s === 'ngay' && t[i + 1]?.k === 'n' && t[i + 1]!.s.length <= 2) {
      const next = t[i + 2];
      // "ngày 15/12" and "ngày 15 tháng 12" are dates; "ngày 25/tháng" is the 25th of each month.
      // "ngày 15 tháng cuối quý" is a day of the quarter's last month, not a date.
      const dated = next !== undefined && ((next.k === 'p' && SEPARATORS.has(next.s) && !next.gap && t[i + 3]?.k === 'n') || (next.s === 'thang' && t[i + 3]?.k === 'n') || next.s === 'lam');
      const day = Number(t[i + 1]!.s);
      if (!dated && day >= 1 && day <= 31) periodDay = day;
    }
  }
  if (best === undefined || !DAYED.has(best)) periodDay = undefined;
  return { ...(best ? { cadence: best } : {}), ...(periodDay ? { periodDay } : {}), words: spans };
}

/** A year with a 29 February: a day printed for each year ("29/2 hằng năm") is checked against it. */
const LEAP_YEAR = 2024;
/** "tháng đầu/giữa/cuối quý", "tháng thứ nhất/hai/ba của quý": the month's place in its quarter. */
const MONTH_OF_QUARTER: Record<string, number> = { dau: 1, nhat: 1, giua: 2, hai: 2, cuoi: 3, ba: 3 };

/** Where in the year a recurring cell falls due, as printed without a year; see `anchorsOf`. */
interface Anchors {
  periodDay?: number;
  periodMonths?: number[];
  periodQuarters?: number[];
  flags: string[];
}

/**
 * Where in the year a yearly, half-yearly or quarterly cell falls due, from what it prints without a
 * year: months ("Tháng 6 và tháng 12 hằng năm", "T6 hằng năm"), quarters ("Quý IV hằng năm"), days
 * of a month ("Trước ngày 15/12 hằng năm", "Định kỳ hằng năm (trước 31/01)", "ngày 15 tháng 12"),
 * and the month of a quarter ("trước ngày 15 của tháng cuối quý"). The same rules as for dated
 * periods: "trước tháng 6" is before June starts (the end of May), "trước quý III" the end of quarter
 * II; "đầu/giữa tháng 6" the 10th/15th (flagged); a range ("tháng 10-12", "quý III-IV") is due at its
 * last month or quarter, a list ("tháng 6 và tháng 12", "quý II, IV") at each. Several days for
 * several months keep the earliest day for all of them, flagged: never a later date than printed. A
 * bare day with no month ("Hằng quý (trước ngày 15)") is the day of the period's last month, flagged
 * (`period-day-month`). Forms that carry a year are dated periods, read by `scan`. When the cell puts
 * the report in the period after its own (`lagged`, see `lagOf`), the month or day it names is in that
 * later period: "tháng đầu quý sau" is the quarter's first month, "tháng đầu năm sau" January.
 */
function anchorsOf(r: Reader, cadence: Cadence, bareDay: number | undefined, lagged: boolean): Anchors {
  const t = r.t;
  const months: Array<[month: number, day: number | undefined]> = [];
  const quarters: Array<[quarter: number, day: number | undefined]> = [];
  const flags: string[] = [];
  let monthOfQuarter: number | undefined;
  const dated = (k: number): boolean => (r.p(k, ...SEPARATORS) && r.tight(k) && r.n(k + 1) !== undefined) || (r.w(k, 'nam') && r.year(k + 1, false) !== undefined);
  /** "D/M" or "D tháng M" at `k`, with no year after it. */
  const dayMonth = (k: number): [number, number, number] | undefined => {
    const d = r.n(k, 1, 2);
    if (d === undefined) return undefined;
    let m: number | undefined;
    let end: number;
    if (r.p(k + 1, '/', '-', '.') && r.tight(k + 1) && r.tight(k + 2)) {
      m = r.n(k + 2, 1, 2);
      end = k + 3;
    } else if (r.w(k + 1, 'thang')) {
      m = r.n(k + 2, 1, 2);
      end = k + 3;
    } else return undefined;
    if (m === undefined || dated(end) || (r.p(k - 1, ...SEPARATORS) && r.tight(k))) return undefined;
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(LEAP_YEAR, m) ? [d, m, end] : undefined;
  };
  /** A list or a range of numbers read by `num` at `k`, each optionally after `word`: "6 và tháng 12", "III-IV", "6, 12". */
  const list = (k: number, num: (at: number) => number | undefined, ...word: string[]): [number[], number] | undefined => {
    const first = num(k);
    if (first === undefined) return undefined;
    const items = [first];
    let end = k + 1;
    for (;;) {
      const range = r.p(end, '-') || r.w(end, 'den');
      if (!range && !r.p(end, ',') && !r.w(end, 'va')) break;
      let at = end + 1;
      if (r.w(at, ...word)) at++;
      const next = num(at);
      if (next === undefined || next <= items.at(-1)!) break;
      if (range) items[items.length - 1] = next;
      else items.push(next);
      end = at + 1;
    }
    return dated(end) ? undefined : [items, end];
  };
  const monthNumber = (at: number): number | undefined => {
    const m = r.n(at, 1, 2);
    return m !== undefined && m >= 1 && m <= 12 ? m : undefined;
  };
  for (let i = 0; i < t.length; ) {
    const ref = docRefEnd(r, i);
    if (ref > i) {
      i = ref;
      continue;
    }
    const before = r.w(i, 'truoc');
    let j = before ? i + 1 : i;
    // "tháng cuối quý", "tháng đầu của quý", "tháng thứ hai của quý": the month's place in each quarter.
    if (r.w(j, 'thang')) {
      let k = j + 1;
      if (r.w(k, 'thu')) k++;
      const place = t[k]?.k === 'w' ? MONTH_OF_QUARTER[t[k]!.s] : undefined;
      if (place !== undefined) {
        let q = k + 1;
        if (r.w(q, 'cua')) q++;
        // "tháng đầu quý sau": a month of the next quarter is read so only where the cell is quarterly and
        // its report falls due in the next quarter (`lagged`); elsewhere it is left to the earlier default, the last month.
        if (r.w(q, 'quy') && (!nextWordAt(r, q + 1) || (lagged && cadence === 'quarterly'))) {
          monthOfQuarter ??= place;
          i = q + 1;
          continue;
        }
        // "tháng đầu năm (sau)", "tháng cuối năm": January or December of a yearly cell; "6 tháng đầu năm" counts months.
        const ofYear = r.w(k, 'dau') ? 1 : r.w(k, 'cuoi') ? 12 : undefined;
        if (r.w(q, 'nam') && cadence === 'yearly' && ofYear !== undefined && r.n(j - 1) === undefined && r.year(q + 1, false) === undefined && (!nextWordAt(r, q + 1) || lagged)) {
          months.push([ofYear, undefined]);
          i = q + 1;
          continue;
        }
      }
    }
    // "Trước ngày 15/12", "ngày 15 tháng 12", "trước 31/01", "15/6 và 15/12", "vào dịp 2/9". A day and month
    // with no year in a recurring cell is a day of each year, however it is led: reading it as anything
    // else would leave the task due at the year's end, later than printed.
    const afterDay = r.w(j, 'ngay') ? j + 1 : j;
    const dm = dayMonth(afterDay);
    if (dm) {
      const [d, m, end] = dm;
      months.push([m, d]);
      i = end;
      continue;
    }
    // "Đầu tháng 6", "giữa quý II", "cuối tháng 12": a part of the month or quarter.
    const part = !before && r.w(j, 'dau', 'giua', 'cuoi') ? t[j]!.s : undefined;
    if (part) j++;
    const monthAt = r.w(j, 'thang') ? j + 1 : r.w(j, 't') && r.tight(j + 1) ? j + 1 : undefined;
    // "6 tháng" counts months and "hằng tháng 2 lần" is a cadence: they name no month. "ngày 15 tháng 12" was read above.
    const counted = (r.n(j - 1) !== undefined && r.w(j, 'thang')) || r.w(j - 1, 'hang');
    const ms = monthAt !== undefined && !counted ? list(monthAt, monthNumber, 'thang') : undefined;
    if (ms) {
      const [items, end] = ms;
      for (const m of items) {
        if (before) months.push([m === 1 ? 12 : m - 1, undefined]);
        else if (part === 'dau' || part === 'giua') months.push([m, part === 'dau' ? 10 : 15]);
        else months.push([m, undefined]);
      }
      if (before) flags.push('before-period');
      if (part === 'dau' || part === 'giua') flags.push('approximate');
      i = end;
      continue;
    }
    const quarterAt = (r.w(j, 'quy') && !r.w(j - 1, 'hang')) || (r.w(j, 'q') && r.tight(j + 1)) ? j + 1 : undefined;
    const glued = t[j]?.k === 'w' && /^q(?:i|ii|iii|iv)$/.test(t[j]!.s) ? ROMAN[t[j]!.s.slice(1)] : undefined;
    const gluedHit: [number[], number] | undefined = glued !== undefined && !dated(j + 1) ? [[glued], j + 1] : undefined;
    const qs = gluedHit ?? (quarterAt !== undefined ? list(quarterAt, (at) => r.quarterNumber(at), 'quy', 'q') : undefined);
    if (qs) {
      const [items, end] = qs;
      for (const q of items) {
        if (before) quarters.push([q === 1 ? 4 : q - 1, undefined]);
        else if (part === 'dau') months.push([q * 3 - 2, undefined]);
        else if (part === 'giua') months.push([q * 3 - 1, 15]);
        else quarters.push([q, undefined]);
      }
      if (before) flags.push('before-period');
      if (part === 'dau' || part === 'giua') flags.push('approximate');
      i = end;
      continue;
    }
    i++;
  }
  // A month of each quarter: where quarters are named, their month ("Quý IV, tháng đầu quý": October).
  if (monthOfQuarter !== undefined && monthOfQuarter !== 3) {
    if (quarters.length > 0) for (const [q, d] of quarters.splice(0)) months.push([q * 3 - 3 + monthOfQuarter, d]);
    else if (cadence === 'quarterly') months.push([monthOfQuarter, undefined]);
  }
  const all = [...months, ...quarters];
  const days = new Set(all.length > 0 ? all.map(([, d]) => d ?? bareDay) : [bareDay]);
  // One day for every month: the earliest printed. A month printed without a day keeps its end only when none has one.
  const printed = [...days].filter((d): d is number => d !== undefined);
  const periodDay = printed.length > 0 ? Math.min(...printed) : undefined;
  if (days.size > 1) flags.push('several-dates');
  if (all.length === 0 && periodDay !== undefined && monthOfQuarter === undefined) flags.push('period-day-month');
  const sorted = (xs: Array<[number, number | undefined]>) => [...new Set(xs.map(([x]) => x))].sort((a, b) => a - b);
  return {
    ...(periodDay !== undefined ? { periodDay } : {}),
    ...(months.length > 0 ? { periodMonths: sorted(months) } : {}),
    ...(quarters.length > 0 ? { periodQuarters: sorted(quarters) } : {}),
    flags: [...new Set(flags)],
  };
}

/** "sau", "tiếp theo", "kế tiếp", "tới" at `i`: the period after ("quý sau", "tháng tiếp theo"). */
function nextWordAt(r: Reader, i: number): boolean {
  return r.w(i, 'sau', 'toi') || (r.w(i, 'tiep') && r.w(i + 1, 'theo')) || (r.w(i, 'ke') && r.w(i + 1, 'tiep'));
}

/** The word of each cadence's period, as "the next one" follows it: "tuần sau", "tháng sau", "quý sau", "năm sau". */
const PERIOD_WORD: Partial<Record<Cadence, string>> = { weekly: 'tuan', monthly: 'thang', quarterly: 'quy', yearly: 'nam' };

/**
 * The periods after its own that a recurring cell's report falls due in: 1 when the cell names the next
 * period of its own cadence ("Hằng quý, gửi trong tháng đầu quý sau", "Hằng tháng, trước ngày 10 tháng
 * sau", "thứ Hai tuần sau hằng tuần", "trước ngày 31/01 năm sau hằng năm") or "kỳ sau" / "kỳ tiếp theo".
 * A next period of another cadence ("hằng quý … tháng sau") says nothing certain, so it is left to the
 * earlier reading, in the period itself. Words that count periods or name the cadence are no next period:
 * "những năm tiếp theo", "các năm sau", "hằng tháng", "6 tháng sau" (a count), unlike "ngày 10 tháng sau".
 */
function lagOf(r: Reader, cadence: Cadence, cadenceWords: ReadonlyArray<[number, number]>): number | undefined {
  const unit = PERIOD_WORD[cadence];
  for (let i = 0; i < r.t.length; i++) {
    if (!(r.w(i, 'ky') || (unit !== undefined && r.w(i, unit))) || !nextWordAt(r, i + 1)) continue;
    if (cadenceWords.some(([from, to]) => i >= from && i < to) || r.w(i - 1, 'nhung', 'cac', 'hang', 'moi', 'nhieu')) continue;
    // A number before it counts periods ("6 tháng sau"), unless it ends a day, a month or a weekday: "ngày 10 tháng sau", "31/01 năm sau", "tháng 1 năm sau", "thứ 2 tuần sau".
    if (r.n(i - 1) !== undefined && !r.w(i - 2, 'ngay', 'thang', 'thu', 't') && !(r.p(i - 2, ...SEPARATORS) && r.tight(i - 1))) continue;
    return 1;
  }
  return undefined;
}

/** Weekday words after "thứ", folded, ISO numbered (thứ Hai is 1, Monday). */
const WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
/** Before "thứ …", a word that makes it an ordinal ("tuần thứ hai", "tháng thứ ba của quý", "lần thứ hai"), not a weekday. */
const ORDINAL_OF = new Set(['tuan', 'thang', 'quy', 'lan', 'ky', 'nam', 'ngay', 'buoc', 'muc', 'dot', 'giai']);

/**
 * The weekday a weekly cell falls due on: "thứ Sáu", "thứ 6", "T6", "Chủ nhật", "CN" ("trước 16h00 thứ
 * Sáu hằng tuần", "chiều thứ Năm hằng tuần"), ISO numbered (1 Monday … 7 Sunday). Several weekdays
 * ("thứ Hai và thứ Năm hằng tuần") keep the earliest, flagged: never a later day than printed.
 */
function weekdayOf(r: Reader): { weekday: number; flags: string[] } | undefined {
  const t = r.t;
  const found = new Set<number>();
  for (let i = 0; i < t.length; i++) {
    let day: number | undefined;
    if (r.w(i, 'thu') && !r.w(i - 1, ...ORDINAL_OF)) {
      const n = r.n(i + 1, 1, 1);
      day = t[i + 1]?.k === 'w' ? WEEKDAY_WORDS[t[i + 1]!.s] : n !== undefined && n >= 2 && n <= 7 ? n - 1 : undefined;
    } else if (r.w(i, 'chu') && r.w(i + 1, 'nhat')) day = 7;
    else if (r.w(i, 'cn')) day = 7;
    else if (r.w(i, 't') && r.tight(i + 1) && !r.p(i + 2, ...SEPARATORS)) {
      // "T6" is Friday in a weekly cell; "T6/2026" is a month.
      const n = r.n(i + 1, 1, 1);
      if (n !== undefined && n >= 2 && n <= 7) day = n - 1;
    }
    if (day !== undefined) found.add(day);
  }
  if (found.size === 0) return undefined;
  return { weekday: Math.min(...found), flags: found.size > 1 ? ['several-dates'] : [] };
}

/**
 * Document numbers ("296/KH-UBND", "57-NQ/TW", "12/2025/NĐ-CP"): a run of glued tokens that
 * starts with a number and holds a letter after "/" or "-". Returns the token index after it.
 */
function docRefEnd(r: Reader, i: number): number {
  const t = r.t;
  if (t[i]?.k !== 'n' || !(r.p(i + 1, '/', '-') && r.tight(i + 1))) return i;
  let j = i + 1;
  let lettered = false;
  while (j < t.length && r.tight(j) && (t[j]!.k !== 'p' || SEPARATORS.has(t[j]!.s))) {
    if (t[j]!.k === 'w' && r.p(j - 1, '/', '-')) lettered = true;
    j++;
  }
  return lettered ? j : i;
}

const OFFSET_UNITS: Record<string, OffsetUnit> = { ngay: 'day', tuan: 'week', thang: 'month', nam: 'year' };

/** An offset found in a cell: how much, in what unit, which side of its event, and where the event is printed (tokens `end` up to `eventEnd`). */
interface FoundOffset {
  amount: number;
  unit: OffsetUnit;
  direction: OffsetDirection;
  end: number;
  /** Where the event's words stop, when the offset is printed after them ("Trước kỳ họp HĐND tỉnh 15 ngày"); else the cell's end. */
  eventEnd?: number;
}

/**
 * An offset counted from an event or a date: "Chậm nhất 10 ngày sau khi …", "trong vòng 07 ngày kể
 * từ …", "Trong 30 ngày kể từ ngày … có hiệu lực", "2 tháng sau khi …", "sau 15 ngày làm việc kể từ
 * khi …", and before one: "30 ngày trước kỳ họp", "chậm nhất 05 ngày làm việc trước ngày tổ chức hội
 * nghị", "10 ngày trước khi …". An amount and a unit (ngày, ngày làm việc, tuần, tháng, năm), then
 * what it counts from: "sau khi", "kể từ", "tính từ", "từ khi/ngày", "trước", or a bare "sau" after a
 * limit word ("chậm nhất", "trong", "sau"). "6 tháng đầu năm", "trong 2 năm 2025-2026" name no event,
 * and a cadence's words ("Báo cáo 6 tháng trước ngày 10/6") are no amount, so they are no offset.
 * Returns the amount, the unit, the direction and the token index where the event (or its date) begins.
 */
function offsetAt(r: Reader, i: number, cadenceWords: ReadonlyArray<[number, number]>): FoundOffset | undefined {
  let at = i;
  let limited = true;
  if ((r.w(at, 'cham') || r.w(at, 'it')) && r.w(at + 1, 'nhat')) at += 2;
  else if (r.w(at, 'toi') && r.w(at + 1, 'thieu')) at += 2;
  else if (r.w(at, 'trong') && r.w(at + 1, 'vong')) at += 2;
  else if (r.w(at, 'trong') && r.w(at + 1, 'thoi') && r.w(at + 2, 'han', 'gian')) at += 3;
  else if ((r.w(at, 'khong') && r.w(at + 1, 'qua')) || (r.w(at, 'toi') && r.w(at + 1, 'da'))) at += 2;
  else if (r.w(at, 'trong')) at += 1;
  else if (!r.w(at, 'sau')) limited = false;
  if (limited && r.w(at, 'sau')) at++;
  const amount = r.n(at, 1, 3);
  const word = r.t[at + 1];
  const unit = amount !== undefined && word?.k === 'w' ? OFFSET_UNITS[word.s] : undefined;
  if (amount === undefined || unit === undefined) return undefined;
  if (cadenceWords.some(([from, to]) => at >= from && at < to)) return undefined;
  // Without a limit word the number must not end a date or a period: "2 tháng sau khi …", not "ngày 15/12 ngày sau khi".
  if (!limited && ((r.p(i - 1, ...SEPARATORS) && r.tight(i)) || r.w(i - 1, 'ngay', 'tuan', 'thang', 'quy', 'nam'))) return undefined;
  at += 2;
  let u = unit;
  if (unit === 'day' && r.w(at, 'lam') && r.w(at + 1, 'viec')) {
    u = 'working-day';
    at += 2;
  }
  const found = (end: number, direction: OffsetDirection = 'after'): FoundOffset => ({ amount, unit: u, direction, end });
  if (r.w(at, 'sau') && r.w(at + 1, 'khi')) return found(at + 2);
  if (r.w(at, 'ke', 'tinh') && r.w(at + 1, 'tu')) return found(r.w(at + 2, 'khi', 'ngay') ? at + 3 : at + 2);
  if (r.w(at, 'tu') && r.w(at + 1, 'khi', 'ngay')) return found(at + 2);
  // "10 ngày sau hội nghị"; "6 tháng sau năm 2026" is a half-year, not an offset.
  if (limited && r.w(at, 'sau') && !r.w(at + 1, 'nam')) return found(at + 1);
  // "30 ngày trước kỳ họp", "15 ngày trước ngày 01/7/2026", "10 ngày trước khi khai mạc".
  if (r.w(at, 'truoc') && r.t[at + 1] !== undefined) return found(eventStart(r, at + 1), 'before');
  return undefined;
}

/** Where the event after "trước" begins: past "khi", and past "ngày" unless a date follows ("trước ngày tổ chức hội nghị" is the meeting). */
function eventStart(r: Reader, at: number): number {
  if (r.w(at, 'khi')) return at + 1;
  if (r.w(at, 'ngay') && r.date(at + 1) === undefined && r.t[at + 1]?.k === 'w') return at + 1;
  return at;
}

/**
 * An offset printed after the event it lies before: "Trước kỳ họp HĐND tỉnh 15 ngày", "chậm nhất
 * trước ngày khai mạc 07 ngày làm việc", "Trước ngày 01/7/2026 15 ngày". "Trước" an event, and the
 * amount and unit end the clause (the cell, or up to a comma, semicolon or bracket).
 */
function offsetAfterEventAt(r: Reader, i: number, cadenceWords: ReadonlyArray<[number, number]>): FoundOffset | undefined {
  const t = r.t;
  if (!r.w(i, 'truoc')) return undefined;
  const from = i + 1;
  const next = t[from];
  const dated = r.date(r.w(from, 'ngay') ? from + 1 : from) !== undefined || r.period(from) !== undefined;
  // "Trước ngày 15 định kỳ 6 tháng" is a day of each period, not an event: "ngày" must name one ("ngày khai mạc").
  const event = next?.k === 'w' && (!PERIOD_WORDS.has(next.s) || (r.w(from, 'ngay') && t[from + 1]?.k === 'w'));
  if (!dated && !event) return undefined;
  let j = from;
  while (j < t.length && !r.p(j, ';', ',', '(', ')', '.')) j = r.date(j)?.to ?? r.period(j)?.to ?? j + 1;
  let unitAt = j - 1;
  let unit = t[unitAt]?.k === 'w' ? OFFSET_UNITS[t[unitAt]!.s] : undefined;
  if (r.w(j - 1, 'viec') && r.w(j - 2, 'lam') && r.w(j - 3, 'ngay')) [unitAt, unit] = [j - 3, 'working-day'];
  const amount = r.n(unitAt - 1, 1, 3);
  if (unit === undefined || amount === undefined || unitAt - 1 <= from) return undefined;
  if (cadenceWords.some(([a, b]) => unitAt - 1 >= a && unitAt - 1 < b)) return undefined;
  // "Trước ngày 15 tháng 12 năm 2025" ends in a date, not an amount.
  if (r.p(unitAt - 2, ...SEPARATORS) && r.tight(unitAt - 1)) return undefined;
  return { amount, unit, direction: 'before', end: eventStart(r, from), eventEnd: unitAt - 1 };
}

/** A printed date plus an offset, counted as Bộ luật Dân sự 2015 counts periods (Điều 147–148): the first day is not counted. */
function addOffset(from: string, amount: number, unit: OffsetUnit): string {
  switch (unit) {
    case 'day':
      return addDays(from, amount);
    case 'working-day':
      return addWorkingDays(from, amount);
    case 'week':
      return addDays(from, amount * 7);
    case 'month':
      return addMonths(from, amount);
    case 'year':
      return addMonths(from, amount * 12);
  }
}

/**
 * An offset counted back from a printed date, the same way mirrored: the date itself is not counted
 * (15 ngày trước 01/7/2026 is 16/6/2026; 1 tháng trước 31/3 is 28/2 or 29/2). Working days skip only
 * Saturdays and Sundays: a holiday between makes the real date earlier, so the reading is flagged.
 */
function subtractOffset(from: string, amount: number, unit: OffsetUnit): string {
  switch (unit) {
    case 'day':
      return addDays(from, -amount);
    case 'working-day':
      return subtractWorkingDays(from, amount);
    case 'week':
      return addDays(from, -amount * 7);
    case 'month':
      return addMonths(from, -amount);
    case 'year':
      return addMonths(from, -amount * 12);
  }
}

const OFFSET_UNIT_VI: Record<OffsetUnit, string> = { day: 'ngày', 'working-day': 'ngày làm việc', week: 'tuần', month: 'tháng', year: 'năm' };

/** "30 ngày", "15 ngày làm việc", "2 tháng": an offset in the words a plan uses. */
export function describeOffset(offset: { amount: number; unit: OffsetUnit }): string {
  return `${offset.amount} ${OFFSET_UNIT_VI[offset.unit]}`;
}

/** "30 ngày trước đó", "10 ngày sau đó": an offset and its side of the event, as a reason ends. */
export function describeOffsetFromEvent(offset: DeadlineOffset): string {
  return `${describeOffset(offset)} ${offset.direction === 'before' ? 'trước' : 'sau'} đó`;
}

/** An offset with its direction always said: `Deadline.offset` leaves it out for plans stored before it was kept (after). */
export interface DeadlineOffset {
  amount: number;
  unit: OffsetUnit;
  direction: OffsetDirection;
}

/** The offset of a deadline counted from an event, whether stored with its unit or, as older plans have it, in days (after the event). */
export function deadlineOffset(d: Pick<Deadline, 'offset' | 'offsetDays'>): DeadlineOffset | undefined {
  if (d.offset) return { amount: d.offset.amount, unit: d.offset.unit, direction: d.offset.direction ?? 'after' };
  return d.offsetDays === undefined ? undefined : { amount: d.offsetDays, unit: 'day', direction: 'after' };
}

interface Scan {
  dates: Array<DateHit & { valid: boolean; y: number; m: number; d: number }>;
  periods: Period[];
  beforeDate: boolean;
  /** Token index where an event clause starts ("trước kỳ họp …", "sau khi Luật có hiệu lực"). */
  event?: number;
  /** A day and month printed without a year ("trước ngày 30/4"). */
  yearless: boolean;
}

/** One left-to-right pass: at each token the most specific form that fits wins and its tokens are consumed. */
function scan(r: Reader): Scan {
  const t = r.t;
  const out: Scan = { dates: [], periods: [], beforeDate: false, yearless: false };
  let i = 0;
  while (i < t.length) {
    const ref = docRefEnd(r, i);
    if (ref > i) {
      // The date of a cited document ("296/KH-UBND ngày 13/12/2023") is not a deadline.
      let j = ref;
      if (r.p(j, ',')) j++;
      if (r.w(j, 'ban') && r.w(j + 1, 'hanh')) j += 2;
      if (r.w(j, 'ngay')) {
        const d = r.date(j + 1);
        if (d) j = d.to;
      }
      i = j;
      continue;
    }
    if (r.w(i, 'truoc', 'sau', 'khi') || (r.w(i, 'ngay') && r.w(i + 1, 'sau') && r.w(i + 2, 'khi'))) {
      // "Trước ngày 30/4/2026", "Trước 15/12/2025": that date, flagged.
      const at = r.w(i + 1, 'ngay') && r.w(i, 'truoc') ? i + 2 : i + 1;
      const d = r.w(i, 'truoc') ? (r.date(at) ?? r.date(i + 1)) : undefined;
      if (d) {
        out.dates.push(d);
        out.beforeDate = true;
        i = d.to;
        continue;
      }
      // "Trước tháng 9/2026", "Trước quý III/2026", "Trước năm 2027": before the period starts.
      const p = r.w(i, 'truoc') ? (r.week(i + 1) ?? r.partOf(i + 1) ?? r.period(i + 1)) : undefined;
      if (p) {
        if (!p.invalid) {
          const due = addDays(p.start, -1);
          out.periods.push({ ...p, due, start: due, range: false, from: i, flags: [...(p.flags ?? []), 'before-period'] });
        } else out.periods.push({ ...p, from: i });
        i = p.to;
        continue;
      }
      // "trước kỳ họp HĐND cuối năm", "sau khi Luật có hiệu lực": what follows is an event, not a period.
      const next = t[i + 1];
      const eventWord = next !== undefined && next.k === 'w' && !PERIOD_WORDS.has(next.s);
      if ((r.w(i, 'truoc') && eventWord) || (r.w(i, 'sau', 'ngay') && (r.w(i + 1, 'khi') || r.w(i + 2, 'khi'))) || (r.w(i, 'khi') && r.w(i + 1, 'co'))) {
        out.event ??= i;
        // Periods inside the event clause date the event, not the task: skip to the clause's end.
        let j = i + 1;
        while (j < t.length && !r.p(j, ';', '.', ',', '(')) j++;
        i = j;
        continue;
      }
    }
    if (r.w(i, 'ngay') && r.n(i + 1, 1, 2) !== undefined && r.p(i + 2, '/') && r.n(i + 3, 1, 2) !== undefined && r.date(i + 1) === undefined && !r.p(i + 4, '/')) {
      // "Năm 2026 (trước ngày 15/3)": the day takes the cell's one year; alone it is no date.
      if (r.contextYear !== undefined) {
        const [y, m, d] = [r.contextYear, r.n(i + 3)!, r.n(i + 1)!];
        out.dates.push({ y, m, d, valid: isValidDate(y, m, d), from: i, to: i + 4 });
        if (r.w(i - 1, 'truoc')) out.beforeDate = true;
      } else out.yearless = true;
      i += 4;
      continue;
    }
    // "Tháng 6/2026 (trước ngày 15)": a bare day takes the cell's one month.
    const day = r.w(i, 'ngay') && r.contextMonth ? r.n(i + 1, 1, 2) : undefined;
    if (day !== undefined && !r.p(i + 2, ...SEPARATORS) && !r.w(i + 2, 'thang')) {
      const [y, m] = r.contextMonth!;
      out.dates.push({ y, m, d: day, valid: isValidDate(y, m, day), from: i, to: i + 2 });
      if (r.w(i - 1, 'truoc')) out.beforeDate = true;
      i += 2;
      continue;
    }
    const d = r.date(i);
    if (d) {
      out.dates.push(d);
      i = d.to;
      continue;
    }
    const p = r.week(i) ?? r.partOf(i) ?? r.period(i);
    if (p) {
      out.periods.push(p);
      i = p.to;
      continue;
    }
    i++;
  }
  return out;
}

const CONDITION_START = /^(?:thuc hien\s+|trien khai\s+|hoan thanh\s+)?(?:theo|khi|sau khi|ngay sau khi|tuy theo|can cu|phu thuoc)\b/;
const CONDITION_WORDS = /\b(?:huong dan|chi dao|yeu cau|lo trinh|tien do|duoc thanh lap|duoc phe duyet|ban hanh|co hieu luc)\b/;
const RULES_START = /^theo\s+(?:quy che|quy dinh|ke hoach|chuong trinh)\b/;

/** "Theo hướng dẫn của Bộ Công an" → "hướng dẫn của Bộ Công an"; "Khi có …" → "có …". */
function triggerOf(text: string, loose: string): string {
  const m = /^(?:thuc hien |trien khai |hoan thanh )?(?:theo|ngay sau khi|sau khi|khi|tuy theo|can cu(?: vao)?|phu thuoc(?: vao)?) /.exec(loose);
  return stripTrailing(m ? text.slice(m[0].length) : text);
}

/** Trailing punctuation off, in one linear pass (a regex with `[\s.;,:]+$` rescans from every position). */
function stripTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && ' .;,:'.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Tokens that join two dates or periods into a span: "Q3/2025 – Q2/2026", "từ 01/3/2026 đến ngày 30/6/2026". */
const JOINERS = new Set(['-', 'den', 'toi', 'ngay', 'nam']);

/** The one year every dated part of the cell lies in, if there is one; a "trước" period is dated by the day before it, so it does not count. */
function cellYear(found: Scan): number | undefined {
  const years = new Set<number>();
  for (const d of found.dates) if (d.valid) years.add(d.y);
  for (const p of found.periods) {
    if (p.invalid || p.flags?.includes('before-period')) continue;
    years.add(Number(p.start.slice(0, 4)));
    years.add(Number(p.due.slice(0, 4)));
  }
  return years.size === 1 ? [...years][0] : undefined;
}

/** The one month every dated part of the cell lies in, if there is one ("Tháng 6/2026", "15/6/2026"). */
function cellMonth(found: Scan): [number, number] | undefined {
  const months = new Set<string>();
  for (const d of found.dates) if (d.valid) months.add(isoDate(d.y, d.m, 1).slice(0, 7));
  for (const p of found.periods) {
    if (p.invalid || p.flags?.includes('before-period')) continue;
    months.add(p.start.slice(0, 7));
    months.add(p.due.slice(0, 7));
  }
  if (months.size !== 1) return undefined;
  const [key] = [...months];
  return [Number(key!.slice(0, 4)), Number(key!.slice(5, 7))];
}

/**
 * The readings that contain no other one, in printed order. A cell with an outer period and a
 * narrower one inside it ("Năm 2026 (Quý II)", "Quý II/2026 (tháng 5)", "Năm 2026, trước ngày
 * 15/3", "Tuần 2 tháng 6/2026") is due at the end of the narrower one: it is what the text means,
 * and never later. The same reading printed twice counts once.
 */
function narrowest(items: Period[]): Period[] {
  const same = (a: Period, b: Period) => a.start === b.start && a.due === b.due;
  const inside = (a: Period, b: Period) => b.start <= a.start && a.due <= b.due && !same(a, b);
  return items.filter((x, k) => !items.some((y) => inside(y, x)) && !items.slice(0, k).some((y) => same(x, y)));
}

/** Reads one deadline cell. Never throws: text it cannot date becomes `none` with a reason. */
export function parseDeadline(raw: string): Deadline {
  // Cut before cleaning, so even the cleaning never sees a pathological cell whole.
  const long = raw.length > MAX_DEADLINE_CHARS * 4;
  let cleaned = cleanDeadlineText(long ? raw.slice(0, MAX_DEADLINE_CHARS * 4) : raw);
  const cut = long || cleaned.length > MAX_DEADLINE_CHARS;
  if (cleaned.length > MAX_DEADLINE_CHARS) cleaned = `${cleaned.slice(0, MAX_DEADLINE_CHARS)}…`;
  const text = stripTrailing(cleaned);
  const flags: string[] = cut ? ['too-long'] : [];
  // Key order as stored since the first parser, so committed plans do not churn.
  const base = { raw: cleaned, flags };
  if (text === '') return { ...base, kind: 'none', flags, reason: 'Chưa ghi thời hạn' };
  const loose = foldSameLength(text);
  const r = new Reader(tokenize(loose));
  const { cadence, periodDay: bareDay, words } = cadenceOf(r.t);
  // Where in the year a yearly, half-yearly or quarterly cell falls due; a monthly one keeps its day.
  // A report due in the period after its own: "tháng đầu quý sau", "trước ngày 10 tháng sau", "thứ Hai tuần sau".
  const periodLag = cadence ? lagOf(r, cadence, words) : undefined;
  const anchors = cadence && MONTHED.has(cadence) ? anchorsOf(r, cadence, bareDay, periodLag !== undefined) : undefined;
  const periodDay = anchors ? anchors.periodDay : bareDay;
  for (const f of anchors?.flags ?? []) if (!flags.includes(f)) flags.push(f);
  const weekday = cadence === 'weekly' ? weekdayOf(r) : undefined;
  for (const f of weekday?.flags ?? []) if (!flags.includes(f)) flags.push(f);
  const recur = {
    ...(cadence ? { cadence } : {}),
    ...(periodDay ? { periodDay } : {}),
    ...(anchors?.periodMonths ? { periodMonths: anchors.periodMonths } : {}),
    ...(anchors?.periodQuarters ? { periodQuarters: anchors.periodQuarters } : {}),
    ...(weekday ? { periodWeekday: weekday.weekday } : {}),
    ...(periodLag ? { periodLag } : {}),
  };
  const quoted = `"${text}"`;

  for (let i = 0; i < r.t.length; i++) {
    const found = offsetAt(r, i, words) ?? offsetAfterEventAt(r, i, words);
    if (!found) continue;
    const before = found.direction === 'before';
    const offset = { amount: found.amount, unit: found.unit, direction: found.direction };
    // Stored plans and their readers know calendar-day offsets after an event as `offsetDays`.
    const days = found.unit === 'day' && !before ? { offsetDays: found.amount } : {};
    const anchorAt = r.w(found.end, 'ngay') ? found.end + 1 : found.end;
    const anchor = r.date(anchorAt);
    if (anchor?.valid) {
      // "Trong 30 ngày kể từ ngày 01/3/2026", "15 ngày trước ngày 01/7/2026": the date is printed, so the deadline is.
      const from = isoDate(anchor.y, anchor.m, anchor.d);
      const due = before ? subtractOffset(from, found.amount, found.unit) : addOffset(from, found.amount, found.unit);
      return { ...base, kind: 'date', due, offset, ...days, flags: [...flags, before ? 'counted-before-date' : 'counted-from-date'], ...recur };
    }
    // "15 ngày trước tháng 9/2026": before the month starts, counted back from its first day.
    const period = before && !anchor ? (r.week(found.end) ?? r.period(found.end)) : undefined;
    if (period && !period.invalid) {
      const due = subtractOffset(period.start, found.amount, found.unit);
      return { ...base, kind: 'date', due, offset, flags: [...flags, 'before-period', 'counted-before-date'], ...recur };
    }
    const eventEnd = found.eventEnd !== undefined ? r.t[found.eventEnd - 1]!.to : text.length;
    const trigger = stripTrailing(text.slice(r.t[found.end]?.from ?? text.length, eventEnd));
    const amount = describeOffset(offset);
    return {
      ...base,
      kind: 'conditional',
      offset,
      ...days,
      trigger,
      // A deadline before an event waits for the event's date: it is bound to the event, as "trước kỳ họp" is.
      flags: before && !flags.includes('event-bound') ? [...flags, 'event-bound'] : flags,
      ...recur,
      reason: before
        ? `Thời hạn ${quoted} tính ngược từ một sự kiện chưa có ngày (${trigger}): khi có ngày của sự kiện, nhập ngày đó để tính hạn ${amount} trước đó`
        : `Thời hạn ${quoted} tính từ một sự kiện chưa có ngày (${trigger}): khi sự kiện xảy ra, nhập ngày đó để tính hạn ${amount} sau`,
    };
  }

  const isSentence = r.t.filter((x) => x.k !== 'p').length > 12;
  if (isSentence) flags.push('target-sentence');
  let found = scan(r);
  // A part printed without a year ("Năm 2026 (Quý II)") takes the one year the rest of the cell names.
  const year = cellYear(found);
  if (year !== undefined) {
    r.contextYear = year;
    r.contextMonth = cellMonth(found);
    found = scan(r);
  }

  if (found.dates.some((d) => !d.valid) || found.periods.some((p) => p.invalid)) flags.push('invalid-date');
  const dates: Period[] = found.dates
    .filter((d) => d.valid)
    .map((d) => ({ kind: 'date', start: isoDate(d.y, d.m, d.d), due: isoDate(d.y, d.m, d.d), range: false, from: d.from, to: d.to }));
  const items = narrowest([...dates, ...found.periods.filter((p) => !p.invalid)]);
  if (items.length > 0) {
    // "Trước kỳ họp HĐND (tháng 12/2026)": the date names the event's period; the task is due before the event, maybe earlier.
    if (found.event !== undefined) flags.push('event-bound');
    if (found.beforeDate && items.some((x) => x.kind === 'date')) flags.push('before-date');
    for (const p of items) for (const f of p.flags ?? []) if (!flags.includes(f)) flags.push(f);
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const between = r.t.slice(first.to, last.from);
    const joined = items.length === 2 && between.length <= 2 && between.every((x) => JOINERS.has(x.s));
    if (joined && first.start < last.due) return { ...base, kind: 'span', start: first.start, due: last.due, flags, ...recur };
    // Several dates or periods, none inside another and not joined as a span ("31/12/2025; 30/6/2026",
    // "Năm 2026; năm 2027"): the earliest, flagged. A later one read wrongly would show the task
    // "trong hạn" for months after it is late (DOMAIN.md).
    if (items.length > 1) flags.push('several-dates');
    const chosen = items.reduce((a, b) => (b.due < a.due ? b : a));
    if (chosen.kind === 'date') return { ...base, kind: 'date', due: chosen.due, flags, ...recur };
    // "Giai đoạn 2025-2030" is a span; "Quý III-IV/2026" stays a quarter deadline that also knows its start.
    const kind = chosen.kind === 'year' && chosen.range ? 'span' : chosen.kind;
    return { ...base, kind, due: chosen.due, ...(chosen.range ? { start: chosen.start } : {}), flags, ...recur };
  }

  if (cadence) return { ...base, kind: 'recurring', ...recur, flags };

  if (RULES_START.test(loose)) {
    return { ...base, kind: 'none', flags, reason: `Thời hạn ${quoted} dẫn chiếu quy chế/văn bản, không nêu ngày cụ thể — hãy đặt ngày hoặc đánh dấu thường xuyên` };
  }
  if (CONDITION_START.test(loose) || (!isSentence && CONDITION_WORDS.test(loose))) {
    const trigger = triggerOf(text, loose);
    return {
      ...base,
      kind: 'conditional',
      trigger,
      flags,
      reason: `Thời hạn ${quoted} là có điều kiện (${trigger}): chưa có ngày cho đến khi có căn cứ — hãy đặt ngày khi có căn cứ`,
    };
  }
  if (found.event !== undefined) {
    flags.push('event-bound');
    const trigger = stripTrailing(text.slice(r.t[found.event]!.from));
    return {
      ...base,
      kind: 'conditional',
      trigger,
      flags,
      ...recur,
      reason: `Thời hạn ${quoted} gắn với một sự kiện (${trigger}) chưa có ngày chắc chắn — hãy đặt ngày, không muộn hơn sự kiện`,
    };
  }

  if (flags.includes('invalid-date')) return { ...base, kind: 'none', flags, reason: `Thời hạn ${quoted} có ngày không tồn tại trên lịch — hãy sửa lại ngày` };
  if (found.yearless) return { ...base, kind: 'none', flags, reason: `Thời hạn ${quoted} ghi ngày mà không ghi năm — hãy nhập ngày đủ năm` };
  if (isSentence) return { ...base, kind: 'none', flags, reason: `Ô thời hạn ghi mục tiêu ${quoted} nhưng không nêu mốc thời gian — hãy đặt ngày hoàn thành` };
  return { ...base, kind: 'none', flags, reason: `Không đọc được ngày trong thời hạn ${quoted} — hãy nhập ngày cụ thể` };
}

const CADENCE_VI: Record<Cadence, string> = { daily: 'hằng ngày', weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý', 'half-yearly': '6 tháng một lần', yearly: 'hằng năm', ongoing: 'thường xuyên' };

/**
 * "31/12/2025", "Quý IV/2025 (31/12/2025)", "Thường xuyên (hằng tháng)", "Thường xuyên (hằng năm, hết
 * quý IV)", "Theo điều kiện: 30 ngày trước kỳ họp": how a parsed deadline reads back.
 */
export function describeDeadline(d: Deadline): string {
  const anchor = describeRecurrenceAnchor(recurrenceAnchor(d));
  switch (d.kind) {
    case 'recurring':
      return d.cadence && d.cadence !== 'ongoing' ? `Thường xuyên (${CADENCE_VI[d.cadence]}${anchor})` : 'Thường xuyên';
    case 'conditional':
    case 'none':
      return d.raw || 'Không có thời hạn';
    default: {
      const due = d.due ? formatDateVi(d.due) : '';
      const start = d.start ? `${formatDateVi(d.start)} – ` : '';
      return `${start}${due}${d.cadence ? `, sau đó ${CADENCE_VI[d.cadence]}${anchor}` : ''}`;
    }
  }
}
