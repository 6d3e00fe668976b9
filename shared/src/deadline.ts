// Reads a plan's deadline cell ("Quý IV/2025", "Trước tháng 9/2026", "30/09/26", "Thường xuyên",
// "Theo hướng dẫn của Bộ Công an", …) into a `Deadline`; see DOMAIN.md "Deadlines as printed".
//
// The cell is folded (no diacritics, lower case, same length) and cut into tokens (words,
// numbers, punctuation) by one linear scan; every form is then recognised by looking a bounded
// number of tokens ahead, so no input can make the parser backtrack: its time is linear in the
// cell, and the cell itself is capped. Where a phrasing is unclear the earlier reading is taken
// and flagged (DOMAIN.md: a later date than meant is the dangerous error).
import type { Cadence, Deadline } from './model.ts';
import { addDays, endOfMonth, endOfQuarter, endOfYear, formatDateVi, isValidDate, isoDate, startOfQuarter } from './dates.ts';
import { foldSameLength } from './fold.ts';

/** Why a person should double-check a parsed deadline; codes in `Deadline.flags`. */
export const DEADLINE_FLAG_LABELS = {
  'before-date': 'Ghi "trước ngày": hạn tính là chính ngày đó; có nơi hiểu là ngày liền trước',
  'before-period': 'Ghi "trước" một tháng, quý hoặc năm: hạn là ngày cuối cùng trước khi kỳ đó bắt đầu',
  approximate: 'Ghi "đầu/giữa tháng" hoặc "đầu/giữa năm": hạn lấy mốc sớm nhất có thể hiểu, cần người xác nhận',
  'target-sentence': 'Ô thời hạn ghi một câu mục tiêu; hạn lấy từ mốc thời gian nêu trong câu',
  'several-dates': 'Ô thời hạn nêu nhiều ngày: hạn lấy ngày sớm nhất (không bao giờ muộn hơn văn bản), cần người xác nhận',
  'invalid-date': 'Ô thời hạn có ngày không tồn tại trên lịch',
  'event-bound': 'Thời hạn gắn với một sự kiện (kỳ họp, văn bản có hiệu lực…): chưa có ngày chắc chắn',
  'too-long': 'Ô thời hạn quá dài; chỉ đọc phần đầu',
} as const;
export type DeadlineFlag = keyof typeof DEADLINE_FLAG_LABELS;
const FLAG_TEXT: ReadonlyMap<string, string> = new Map(Object.entries(DEADLINE_FLAG_LABELS));
/** What a flag says to a person: its label for a known code; a flag written as a sentence (an importer's note) as it is. */
export const deadlineFlagText = (flag: string): string => FLAG_TEXT.get(flag) ?? flag;

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
  kind: 'month' | 'quarter' | 'year';
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
  yearAfter(i: number, short: boolean): [number, number] | undefined {
    if (this.p(i, '/', '-', '.')) {
      const y = this.year(i + 1, short);
      // "Tháng 9/2026/QĐ" is a document number, not a month.
      if (y !== undefined && !this.p(i + 2, '/')) return [y, i + 2];
    }
    if (this.w(i, 'nam')) {
      const y = this.year(i + 1, false);
      if (y !== undefined) return [y, i + 2];
    }
    return undefined;
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
          // A third separator ("1/2/2025/QĐ") or more digits make it something else.
          if (y !== undefined && !this.p(i + 5, '/') && !(this.p(i + 5, '.', '-') && this.n(i + 6) !== undefined)) {
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
    if (this.p(at, '-', ',') || this.w(at, 'va', 'den')) {
      let k = at + 1;
      if (this.w(k, 'quy', 'q')) k++;
      const second = this.quarterNumber(k);
      if (second !== undefined && this.t[k]!.k === this.t[at - 1]!.k) {
        q2 = second;
        at = k + 1;
      }
    }
    const y = this.yearAfter(at, true);
    if (!y) return undefined;
    const [year, end] = y;
    if (q2 < q1) return { kind: 'quarter', start: '', due: '', range: true, from: i, to: end, invalid: true };
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
    if (this.p(at, '-', ',') || this.w(at, 'va', 'den')) {
      let k = at + 1;
      if (this.w(k, 'thang')) k++;
      const second = this.n(k, 1, 2);
      if (second !== undefined && this.yearAfter(k + 1, named)) {
        m2 = second;
        at = k + 1;
      }
    }
    const y = named ? this.yearAfter(at, true) : this.p(at, '/') ? this.yearAfter(at, false) : undefined;
    if (!y) return undefined;
    const [year, end] = y;
    if (!named && this.p(end, '/', '-') && this.tight(end)) return undefined;
    if (m1 < 1 || m2 > 12 || m1 > m2) return { kind: 'month', start: '', due: '', range: true, from: i, to: end, invalid: true };
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
    const y = this.year(at + 1, false);
    if (y === undefined) return undefined;
    return second
      ? { kind: 'month', start: isoDate(y, 7, 1), due: endOfYear(y), range: true, from: i, to: at + 2 }
      : { kind: 'month', start: isoDate(y, 1, 1), due: endOfMonth(y, 6), range: true, from: i, to: at + 2 };
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
const PERIOD_WORDS = new Set(['ngay', 'thang', 'quy', 'q', 'nam', 'dau', 'giua', 'cuoi', 'nua', 't', 'qi', 'qii', 'qiii', 'qiv', 'hoac', 'het']);

const CADENCES: Array<[string[], Cadence]> = [
  [['hang', 'ngay'], 'daily'],
  [['hang', 'tuan'], 'weekly'],
  [['hang', 'thang'], 'monthly'],
  [['hang', 'quy'], 'quarterly'],
  [['hang', '6', 'thang'], 'half-yearly'],
  [['dinh', 'ky', '6', 'thang'], 'half-yearly'],
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

/** The cadence the cell names (the most specific one), and the day of the period when printed ("trước ngày 10 hằng tháng"). */
function cadenceOf(t: Tok[]): { cadence?: Cadence; periodDay?: number } {
  let best: Cadence | undefined;
  let periodDay: number | undefined;
  for (let i = 0; i < t.length; i++) {
    for (const [words, cadence] of CADENCES) {
      if (!words.every((w, k) => t[i + k]?.s === w)) continue;
      if (best === undefined || CADENCE_RANK[cadence] < CADENCE_RANK[best]) best = cadence;
      // "ngày 10 hằng tháng", "trước ngày 25 hàng tháng"
      const day = t[i - 1]?.k === 'n' && t[i - 2]?.s === 'ngay' ? Number(t[i - 1]!.s) : undefined;
      if (day !== undefined && day >= 1 && day <= 31 && cadence !== 'ongoing' && cadence !== 'daily' && cadence !== 'weekly') periodDay = day;
    }
  }
  return { ...(best ? { cadence: best } : {}), ...(periodDay ? { periodDay } : {}) };
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

/** "Chậm nhất 10 ngày sau khi …", "trong vòng 07 ngày kể từ …", "sau 15 ngày làm việc kể từ khi …". */
function offsetAt(r: Reader, i: number): { days: number; end: number } | undefined {
  let at = i;
  if (r.w(at, 'cham') && r.w(at + 1, 'nhat')) at += 2;
  else if (r.w(at, 'trong') && r.w(at + 1, 'vong')) at += 2;
  else if (r.w(at, 'trong') && r.w(at + 1, 'thoi') && r.w(at + 2, 'han')) at += 3;
  else if (!r.w(at, 'sau')) return undefined;
  if (r.w(at, 'sau')) at++;
  const days = r.n(at, 1, 3);
  if (days === undefined || !r.w(at + 1, 'ngay')) return undefined;
  at += 2;
  if (r.w(at, 'lam') && r.w(at + 1, 'viec')) at += 2;
  if (r.w(at, 'sau') && r.w(at + 1, 'khi')) return { days, end: at + 2 };
  if (r.w(at, 'ke') && r.w(at + 1, 'tu')) return { days, end: r.w(at + 2, 'khi', 'ngay') ? at + 3 : at + 2 };
  if (r.w(at, 'tu') && r.w(at + 1, 'khi', 'ngay')) return { days, end: at + 2 };
  if (r.w(at, 'sau')) return { days, end: at + 1 };
  return undefined;
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
      const d = r.w(i, 'truoc') ? r.date(at) : undefined;
      if (d) {
        out.dates.push(d);
        out.beforeDate = true;
        i = d.to;
        continue;
      }
      // "Trước tháng 9/2026", "Trước quý III/2026", "Trước năm 2027": before the period starts.
      const p = r.w(i, 'truoc') ? (r.partOf(i + 1) ?? r.period(i + 1)) : undefined;
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
      out.yearless = true;
      i += 4;
      continue;
    }
    const d = r.date(i);
    if (d) {
      out.dates.push(d);
      i = d.to;
      continue;
    }
    const p = r.partOf(i) ?? r.period(i);
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
  const { cadence, periodDay } = cadenceOf(r.t);
  const recur = { ...(cadence ? { cadence } : {}), ...(periodDay ? { periodDay } : {}) };
  const quoted = `"${text}"`;

  for (let i = 0; i < r.t.length; i++) {
    const offset = offsetAt(r, i);
    if (!offset) continue;
    const trigger = stripTrailing(text.slice(r.t[offset.end]?.from ?? text.length));
    return {
      ...base,
      kind: 'conditional',
      offsetDays: offset.days,
      trigger,
      flags,
      ...recur,
      reason: `Thời hạn ${quoted} tính từ một sự kiện chưa có ngày (${trigger}): khi sự kiện xảy ra, nhập ngày đó để tính hạn ${offset.days} ngày sau`,
    };
  }

  const isSentence = r.t.filter((x) => x.k !== 'p').length > 12;
  if (isSentence) flags.push('target-sentence');
  const found = scan(r);

  const dates = found.dates.filter((d) => d.valid).map((d) => ({ ...d, iso: isoDate(d.y, d.m, d.d) }));
  if (found.dates.some((d) => !d.valid) || found.periods.some((p) => p.invalid)) flags.push('invalid-date');
  if (dates.length > 0) {
    if (found.beforeDate) flags.push('before-date');
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const between = r.t.slice(first.to, last.from);
    const joined = dates.length === 2 && between.length <= 2 && between.every((x) => x.s === '-' || x.s === 'den' || x.s === 'toi' || x.s === 'ngay');
    if (joined && first.iso < last.iso) return { ...base, kind: 'span', start: first.iso, due: last.iso, flags, ...recur };
    // Several dates not joined as a span ("31/12/2025; 30/6/2026"): the earliest, flagged. A later one
    // read wrongly would show the task "trong hạn" for months after it is late (DOMAIN.md).
    if (dates.length > 1) flags.push('several-dates');
    const due = dates.map((d) => d.iso).sort()[0]!;
    return { ...base, kind: 'date', due, flags, ...recur };
  }

  const periods = found.periods.filter((p) => !p.invalid);
  if (periods.length > 0) {
    const first = periods[0]!;
    const last = periods[periods.length - 1]!;
    const between = r.t.slice(first.to, last.from);
    const joined = periods.length === 2 && between.length <= 2 && between.every((x) => x.s === '-' || x.s === 'den' || x.s === 'toi' || x.s === 'nam');
    for (const p of periods) for (const f of p.flags ?? []) if (!flags.includes(f)) flags.push(f);
    if (joined && first.start < last.due) return { ...base, kind: 'span', start: first.start, due: last.due, flags, ...recur };
    if (periods.length > 1) flags.push('several-dates');
    // Several periods not joined as a span ("Năm 2026; năm 2027"): the earliest, flagged, as for dates.
    const chosen = periods.reduce((a, b) => (b.due < a.due ? b : a));
    // "Giai đoạn 2025-2030" is a span; "Quý III-IV/2026" stays a quarter deadline that also knows its start.
    const kind = chosen.kind === 'year' && chosen.range ? 'span' : chosen.kind;
    return { ...base, kind, due: chosen.due, ...(chosen.range ? { start: chosen.start } : {}), flags, ...recur };
  }

  if (cadence) return { ...base, kind: 'recurring', cadence, ...(periodDay ? { periodDay } : {}), flags };

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

/** "31/12/2025", "Quý IV/2025 (31/12/2025)", "Thường xuyên (hằng tháng)": how a parsed deadline reads back. */
export function describeDeadline(d: Deadline): string {
  const day = d.periodDay ? `, trước ngày ${d.periodDay}` : '';
  switch (d.kind) {
    case 'recurring':
      return d.cadence && d.cadence !== 'ongoing' ? `Thường xuyên (${CADENCE_VI[d.cadence]}${day})` : 'Thường xuyên';
    case 'conditional':
    case 'none':
      return d.raw || 'Không có thời hạn';
    default: {
      const due = d.due ? formatDateVi(d.due) : '';
      const start = d.start ? `${formatDateVi(d.start)} – ` : '';
      return `${start}${due}${d.cadence ? `, sau đó ${CADENCE_VI[d.cadence]}${day}` : ''}`;
    }
  }
}
