// Reads a plan's deadline cell ("Quý IV/2025", "Trước ngày 30/4/2026", "Thường xuyên",
// "Theo hướng dẫn của Bộ Công an", …) into a `Deadline`; see DOMAIN.md "Deadlines as printed".
import type { Cadence, Deadline } from './model.ts';
import { endOfMonth, endOfQuarter, endOfYear, formatDateVi, isValidDate, isoDate, startOfQuarter } from './dates.ts';
import { foldSameLength } from './fold.ts';

/** Why a person should double-check a parsed deadline; codes in `Deadline.flags`. */
export const DEADLINE_FLAG_LABELS = {
  'before-date': 'Ghi "trước ngày": hạn tính là chính ngày đó; có nơi hiểu là ngày liền trước',
  'target-sentence': 'Ô thời hạn ghi một câu mục tiêu; hạn lấy từ mốc thời gian nêu trong câu',
  'several-dates': 'Ô thời hạn nêu nhiều ngày; hạn lấy ngày muộn nhất',
  'invalid-date': 'Ô thời hạn có ngày không tồn tại trên lịch',
} as const;
export type DeadlineFlag = keyof typeof DEADLINE_FLAG_LABELS;

/** Strips HTML fragments and entities and collapses whitespace; dashes become "-". */
export function cleanDeadlineText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/<br\s*\/?>|<\/(?:p|li|div)>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[*_]{1,2}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}


const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const quarterNumber = (s: string): number => ROMAN[s] ?? Number(s);

/** A period named in the text, with where it sits so spans ("Q3/2025 – Q2/2026") can be seen. */
interface Period {
  kind: 'month' | 'quarter' | 'year';
  start: string;
  due: string;
  /** Several months/quarters/years named at once ("Quý III-IV/2026"): `start` is worth keeping. */
  range: boolean;
  from: number;
  to: number;
}

/** One separator, used twice: "10-12/2025" is a month range, not 10 December. */
const DATE_RE = /(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)|ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/g;
/** "296/KH-UBND ngày 13/12/2023": the date of a cited document is not a deadline. */
const DOC_REF_RE = /\b(?:so\s+)?\d+[\w.-]*\/[\w/.-]*[a-z][\w/.-]*(?:\s*,?\s*(?:ngay|ban hanh ngay)\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})?/g;
const QUARTER_RANGE_RE = /\b(?:quy|q)\s*\.?\s*(iv|iii|ii|i|[1-4])\s*(?:-|,|va|den)\s*(?:quy|q)?\s*(iv|iii|ii|i|[1-4])\s*(?:\/|nam)\s*(\d{4})/g;
const QUARTER_RE = /\b(?:quy|q)\s*\.?\s*(iv|iii|ii|i|[1-4])\s*(?:\/|nam)\s*(\d{4})/g;
const MONTH_RANGE_RE = /\bthang\s*(\d{1,2})\s*(?:-|,|va|den)\s*(?:thang\s*)?(\d{1,2})\s*(?:\/|nam)\s*(\d{4})/g;
const MONTH_RE = /\bthang\s*(\d{1,2})\s*(?:\/|nam)\s*(\d{4})|(?<![\d/])\b(\d{1,2})\/(\d{4})\b/g;
const HALF_YEAR_RE = /\b6\s*thang\s*(dau|cuoi)\s*nam\s*(\d{4})/g;
const YEAR_RANGE_RE = /(?<![\d/])\b((?:19|20)\d{2})\s*(?:-|den)\s*(?:nam\s*)?((?:19|20)\d{2})\b(?![\d/])/g;
const YEAR_RE = /(?<![\d/])\b((?:19|20)\d{2})\b(?![\d/])/g;

const CADENCES: Array<[RegExp, Cadence]> = [
  [/\bhang ngay\b/, 'daily'],
  [/\bhang tuan\b/, 'weekly'],
  [/\bhang thang\b/, 'monthly'],
  [/\bhang quy\b/, 'quarterly'],
  [/\bhang nam\b/, 'yearly'],
  [/\b(?:thuong xuyen|dinh ky|lien tuc)\b/, 'ongoing'],
];

function cadenceOf(s: string): Cadence | undefined {
  for (const [re, cadence] of CADENCES) if (re.test(s)) return cadence;
  return undefined;
}

/** Blanks what a regex matched, keeping length, so later patterns do not read it twice. */
function blank(s: string, from: number, to: number): string {
  return s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
}

function findPeriods(input: string): { periods: Period[]; invalid: boolean } {
  let s = input;
  const periods: Period[] = [];
  let invalid = false;
  const take = (re: RegExp, make: (m: RegExpExecArray) => Omit<Period, 'from' | 'to' | 'range'> | undefined, range = false) => {
    for (const m of s.matchAll(re)) {
      const p = make(m);
      if (!p) {
        invalid = true;
        continue;
      }
      periods.push({ ...p, range, from: m.index, to: m.index + m[0].length });
    }
    for (const p of periods) s = blank(s, p.from, p.to);
  };
  const year = (y: string) => Number(y);
  take(QUARTER_RANGE_RE, (m) => {
    const a = quarterNumber(m[1]!), b = quarterNumber(m[2]!), y = year(m[3]!);
    return a <= b ? { kind: 'quarter', start: startOfQuarter(y, a), due: endOfQuarter(y, b) } : undefined;
  }, true);
  take(QUARTER_RE, (m) => {
    const q = quarterNumber(m[1]!), y = year(m[2]!);
    return { kind: 'quarter', start: startOfQuarter(y, q), due: endOfQuarter(y, q) };
  });
  take(HALF_YEAR_RE, (m) => {
    const y = year(m[2]!);
    return m[1] === 'dau' ? { kind: 'month', start: isoDate(y, 1, 1), due: endOfMonth(y, 6) } : { kind: 'month', start: isoDate(y, 7, 1), due: endOfYear(y) };
  }, true);
  take(MONTH_RANGE_RE, (m) => {
    const a = Number(m[1]), b = Number(m[2]), y = year(m[3]!);
    return a >= 1 && b <= 12 && a <= b ? { kind: 'month', start: isoDate(y, a, 1), due: endOfMonth(y, b) } : undefined;
  }, true);
  take(MONTH_RE, (m) => {
    const mo = Number(m[1] ?? m[3]), y = year(m[2] ?? m[4]!);
    return mo >= 1 && mo <= 12 ? { kind: 'month', start: isoDate(y, mo, 1), due: endOfMonth(y, mo) } : undefined;
  });
  take(YEAR_RANGE_RE, (m) => {
    const a = year(m[1]!), b = year(m[2]!);
    return a < b ? { kind: 'year', start: isoDate(a, 1, 1), due: endOfYear(b) } : undefined;
  }, true);
  take(YEAR_RE, (m) => ({ kind: 'year', start: isoDate(year(m[1]!), 1, 1), due: endOfYear(year(m[1]!)) }));
  periods.sort((a, b) => a.from - b.from);
  return { periods, invalid };
}

const CONDITION_START = /^(?:thuc hien\s+|trien khai\s+|hoan thanh\s+)?(?:theo|khi|sau khi|ngay sau khi|tuy theo|can cu|phu thuoc)\b/;
const CONDITION_WORDS = /\b(?:huong dan|chi dao|yeu cau|lo trinh|tien do|duoc thanh lap|duoc phe duyet|ban hanh)\b/;
const RULES_START = /^theo\s+(?:quy che|quy dinh|ke hoach|chuong trinh)\b/;

/** "Theo hướng dẫn của Bộ Công an" → "hướng dẫn của Bộ Công an"; "Khi có …" → "có …". */
function triggerOf(text: string, loose: string): string {
  const m = /^(?:thuc hien\s+|trien khai\s+|hoan thanh\s+)?(?:theo|ngay sau khi|sau khi|khi|tuy theo|can cu(?: vao)?|phu thuoc(?: vao)?)\s+/.exec(loose);
  return (m ? text.slice(m[0].length) : text).replace(/[.;,]+$/, '').trim();
}

const stripTrailing = (s: string) => s.replace(/[\s.;,:]+$/, '');

/** Reads one deadline cell. Never throws: text it cannot date becomes `none` with a reason. */
export function parseDeadline(raw: string): Deadline {
  const text = stripTrailing(cleanDeadlineText(raw));
  const base = { raw: cleanDeadlineText(raw), flags: [] as string[] };
  if (text === '') return { ...base, kind: 'none', reason: 'Chưa ghi thời hạn' };
  const loose = foldSameLength(text);
  const cadence = cadenceOf(loose);
  const quoted = `"${text}"`;

  // "Chậm nhất 10 ngày sau khi có hướng dẫn…", "Chậm nhất sau 07 ngày kể từ khi…"
  const offset = /(?:cham nhat|trong vong|trong thoi han|sau)\s*(?:sau\s+)?(\d{1,3})\s*ngay\s*(?:lam viec\s*)?(?:sau khi|ke tu khi|ke tu ngay|ke tu|tu khi|tu ngay|sau)\s+/.exec(loose);
  if (offset) {
    const trigger = stripTrailing(text.slice(offset.index + offset[0].length));
    const offsetDays = Number(offset[1]);
    return {
      ...base,
      kind: 'conditional',
      offsetDays,
      trigger,
      ...(cadence ? { cadence } : {}),
      reason: `Thời hạn ${quoted} tính từ một sự kiện chưa có ngày (${trigger}): khi sự kiện xảy ra, nhập ngày đó để tính hạn ${offsetDays} ngày sau`,
    };
  }

  const withoutRefs = loose.replace(DOC_REF_RE, (m) => ' '.repeat(m.length));
  const flags: string[] = [];
  const isSentence = text.split(' ').length > 12;
  if (isSentence) flags.push('target-sentence');

  // Exact dates.
  const dates: Array<{ iso: string; from: number; to: number }> = [];
  let rest = withoutRefs;
  for (const m of withoutRefs.matchAll(DATE_RE)) {
    const d = Number(m[1] ?? m[5]), mo = Number(m[3] ?? m[6]), y = Number(m[4] ?? m[7]);
    rest = blank(rest, m.index, m.index + m[0].length);
    if (!isValidDate(y, mo, d)) {
      flags.push('invalid-date');
      continue;
    }
    dates.push({ iso: isoDate(y, mo, d), from: m.index, to: m.index + m[0].length });
  }
  if (dates.length > 0) {
    if (/\btruoc(?:\s+ngay)?\s+\d/.test(loose)) flags.push('before-date');
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const between = withoutRefs.slice(first.to, last.from);
    if (dates.length === 2 && /^\s*(?:-|den|toi)\s*(?:ngay\s*)?$/.test(between) && first.iso < last.iso) {
      return { ...base, kind: 'span', start: first.iso, due: last.iso, flags, ...(cadence ? { cadence } : {}) };
    }
    if (dates.length > 1) flags.push('several-dates');
    const due = dates.map((d) => d.iso).sort().at(-1)!;
    return { ...base, kind: 'date', due, flags, ...(cadence ? { cadence } : {}) };
  }

  // Months, quarters, years, and spans between two of them.
  const { periods, invalid } = findPeriods(rest);
  if (invalid) flags.push('invalid-date');
  if (periods.length > 0) {
    const first = periods[0]!;
    const last = periods[periods.length - 1]!;
    const joined = periods.length === 2 && /^\s*(?:-|den|toi)\s*(?:nam\s*)?$/.test(rest.slice(first.to, last.from));
    if (joined && first.start < last.due) {
      return { ...base, kind: 'span', start: first.start, due: last.due, flags, ...(cadence ? { cadence } : {}) };
    }
    if (periods.length > 1) flags.push('several-dates');
    // The latest period is the one by which everything must be done.
    const chosen = periods.reduce((a, b) => (b.due > a.due ? b : a));
    // "Giai đoạn 2025-2030" is a span; "Quý III-IV/2026" stays a quarter deadline that also knows its start.
    const kind = chosen.kind === 'year' && chosen.range ? 'span' : chosen.kind;
    return { ...base, kind, due: chosen.due, ...(chosen.range ? { start: chosen.start } : {}), flags, ...(cadence ? { cadence } : {}) };
  }

  if (cadence) return { ...base, kind: 'recurring', cadence, flags };

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
  if (flags.includes('invalid-date')) return { ...base, kind: 'none', flags, reason: `Thời hạn ${quoted} có ngày không tồn tại trên lịch — hãy sửa lại ngày` };
  if (isSentence) return { ...base, kind: 'none', flags, reason: `Ô thời hạn ghi mục tiêu ${quoted} nhưng không nêu mốc thời gian — hãy đặt ngày hoàn thành` };
  return { ...base, kind: 'none', flags, reason: `Không đọc được ngày trong thời hạn ${quoted} — hãy nhập ngày cụ thể` };
}

/** "31/12/2025", "Quý IV/2025 (31/12/2025)", "Thường xuyên (hằng tháng)": how a parsed deadline reads back. */
export function describeDeadline(d: Deadline): string {
  const cadence: Record<Cadence, string> = { daily: 'hằng ngày', weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý', 'half-yearly': '6 tháng một lần', yearly: 'hằng năm', ongoing: 'thường xuyên' };
  switch (d.kind) {
    case 'recurring':
      return d.cadence && d.cadence !== 'ongoing' ? `Thường xuyên (${cadence[d.cadence]})` : 'Thường xuyên';
    case 'conditional':
    case 'none':
      return d.raw || 'Không có thời hạn';
    default: {
      const due = d.due ? formatDateVi(d.due) : '';
      const start = d.start ? `${formatDateVi(d.start)} – ` : '';
      return `${start}${due}${d.cadence ? `, sau đó ${cadence[d.cadence]}` : ''}`;
    }
  }
}
