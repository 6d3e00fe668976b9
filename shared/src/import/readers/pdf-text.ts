// Reader for PDF-extracted text (e.g. seed 001): table cells broken across lines and pages,
// one fragment per line. Rebuilds rows of the task table from the column order of its header.
//
// The extraction keeps no column positions, so a row is rebuilt from what each column holds:
// a row starts at the next TT number (or Roman section); the content runs until an agency
// name starts; the lead cell is the first agency entry, the partners the entries after it;
// the output runs until a phrase that parseDeadline reads as a deadline ends the row.
// Page numbers and repeated headers between the rows are dropped.
import { parseDeadline } from '../../deadline.ts';
import { fold } from '../../fold.ts';
import type { ImportWarning } from '../../model.ts';
import type { GridRow, TableSource } from '../grid.ts';
import { HEADER_SYNONYMS, type TaskField } from '../fields.ts';
import { appendixTitle } from './seed-text.ts';

export interface PdfTextResult {
  tables: TableSource[];
  /** What the reader noticed in the layout (ordinal gaps), pointing at source lines. */
  warnings: ImportWarning[];
}

interface Fragment {
  text: string;
  line: number;
}

type Kind = 'ordinal' | 'text' | 'agency' | 'deadline';

const KIND_OF: Record<TaskField, Kind> = {
  ordinal: 'ordinal',
  group: 'text',
  content: 'text',
  leads: 'agency',
  partners: 'agency',
  deadline: 'deadline',
  output: 'text',
  sourceDoc: 'text',
  owner: 'text',
  approver: 'text',
  track: 'text',
  status: 'text',
  progress: 'text',
  completedAt: 'text',
  progressNote: 'text',
  difficulties: 'text',
  proposals: 'text',
};

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = ROMAN_VALUES[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

const ROMAN_ROW = /^([IVXLC]+)\.?(?:\s+(\S.*))?$/u;
/** A TT number alone or followed by the (capitalised) start of the content. */
const NUMBER_ROW = /^(\d{1,3})\.?(?:\s+([\p{Lu}“"(].*))?$/u;
/** Column-number rows some plans print under the header: "(1) (2) (3)" or "1 2 3 4 5 6". */
const COLUMN_NUMBERS = /^(?:\(\d+\)\s*){3,}$|^(?:\d+\s+){3,}\d+$/;

/**
 * Words an agency entry starts with. Exact spelling (not folded): folding would make
 * "Bố trí" look like "Bộ".
 */
const AGENCY_HEAD =
  /^(?:-\s*)?(?:Phòng|Trung tâm|Văn phòng|VP|Sở|UBND|Ủy ban|Uỷ ban|HĐND|Công an|Ban|Bộ|Đảng ủy|Đảng uỷ|Chi cục|Cục|Kho bạc|Bảo hiểm|Ngân hàng|Thanh tra|Tòa án|Viện kiểm sát|Hội|Đoàn|MTTQ|Mặt trận|Trạm|Trường|Doanh nghiệp|Các\s+(?:[Pp]hòng|cơ quan|đơn vị|[Ss]ở|ban|ngành|xã|phường|địa phương|tổ chức|doanh nghiệp))(?=[\s,;–-]|$)/u;
/** Heads that start an agency inside a content line ("… toàn xã. Phòng Văn hóa – Xã hội"). */
const AGENCY_MIDLINE = /(?<=[\s.;:])(?:Phòng|Trung tâm|Văn phòng|VP)\s+[\p{Lu}]/gu;
/** A content line ending like this goes on: "… các kết luận, chỉ đạo của" + "Ban Chỉ đạo." */
const DANGLING = /(?:\s|^)(?:của|với|cho|và|theo|tại|đến|các|thuộc|đề xuất|trình|giao|UBND|Bộ)$/u;

/** First words a deadline cell starts with (DOMAIN.md "Deadlines as printed"). */
const DEADLINE_OPENER =
  /^(?:Tháng|Quý|Q\d|Năm|Trong|Trước|Hàng|Hằng|Thường|Nhiệm|Thực|Hoàn|Theo|Khi|Chậm|Ngày|Định|Giai|Từ|Đến|Sau|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\/\d{4}|(?:19|20)\d\d\b)/u;
/** Words a deadline phrase is made of, folded: the phrase is extended leftwards over them. */
const DEADLINE_WORDS = new Set(
  'truoc ngay trong nam thang quy hoan thanh cham nhat tu den va thuc hien nhiem vu thuong xuyen hang tuan dinh ky giai doan sau khi'.split(' '),
);

const startsLower = (s: string): boolean => {
  const ch = s.charAt(0);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
};
const isBullet = (s: string): boolean => /^-\s/.test(s);
const isAgencyLine = (s: string): boolean => AGENCY_HEAD.test(s);

/** Join wrapped fragments of one cell: "57-" + "NQ/TW" stays one word. */
function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    const t = p.trim();
    if (t === '') continue;
    out = out === '' ? t : /\S-$/.test(out) ? out + t : `${out} ${t}`;
  }
  return out;
}

/** Header labels split from the header text by the synonyms of fields.ts, in printed order. */
export function splitHeader(text: string): Array<{ label: string; field: TaskField | undefined }> {
  const words = text.trim().split(/\s+/);
  const folded = words.map((w) => fold(w));
  const synonyms = (Object.entries(HEADER_SYNONYMS) as Array<[TaskField, readonly string[]]>)
    .flatMap(([field, names]) => names.map((n) => ({ field, words: fold(n).split(' ') })))
    .sort((a, b) => b.words.length - a.words.length);
  const out: Array<{ label: string; field: TaskField | undefined }> = [];
  for (let i = 0; i < words.length; ) {
    const hit = synonyms.find((s) => s.words.every((w, k) => folded[i + k] === w));
    if (hit) {
      out.push({ label: words.slice(i, i + hit.words.length).join(' '), field: hit.field });
      i += hit.words.length;
    } else {
      // A word no synonym starts ("(Trung ương giao)") belongs to the label before it.
      const last = out.at(-1);
      if (last) last.label += ` ${words[i]}`;
      else out.push({ label: words[i]!, field: undefined });
      i++;
    }
  }
  return out;
}

/** Where the task table's header is: its lines and labels, or undefined. */
function findHeader(lines: readonly string[]): { start: number; end: number; labels: ReturnType<typeof splitHeader> } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const f = fold(lines[i]!);
    if (!/^s?tt\s/.test(f) || !/noi dung|nhiem vu/.test(f)) continue;
    // The header wraps ("Thời gian hoàn" / "thành"): take lines until a row starts.
    const parts: string[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const t = lines[j]!.trim();
      if (t === '') continue;
      if (j > i && (ROMAN_ROW.test(t) || NUMBER_ROW.test(t))) break;
      parts.push(t);
    }
    const labels = splitHeader(parts.join(' '));
    const fields = new Set(labels.map((l) => l.field));
    if (fields.has('content') && (fields.has('leads') || fields.has('deadline'))) return { start: i, end: j, labels };
  }
  return undefined;
}

/** "Mục tiêu cụ thể đến năm 2030": the numbered targets "(1) …", "(2) …" under that heading. */
function readTargets(lines: readonly string[]): TableSource | undefined {
  const start = lines.findIndex((l) => /^\d+\.\s*Mục tiêu cụ thể/u.test(l.trim()));
  if (start < 0) return undefined;
  const title = lines[start]!.trim().replace(/^\d+\.\s*/, '');
  const items: Array<{ ordinal: string; parts: string[]; line: number }> = [];
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (/^[IVX]+\.\s/.test(t) || /^\d+\.\s/.test(t)) break;
    const m = /^\((\d+)\)\s*(.*)$/u.exec(t);
    if (m) items.push({ ordinal: m[1]!, parts: [m[2]!], line: i + 1 });
    else if (items.length) items.at(-1)!.parts.push(t);
    else break;
  }
  if (!items.length) return undefined;
  const rows: GridRow[] = [{ cells: ['TT', 'Mục tiêu', 'Đơn vị', 'Kết quả'], line: start + 1 }];
  for (const item of items) {
    const name = joinWrapped(item.parts).replace(/\s*\.$/, '');
    // The threshold as printed: "≥ 45%", "tối thiểu 45%", "80%"; no number, no target.
    const target = /(?:[≥≤><]\s*|(?:tối thiểu|tối đa|trên|dưới)\s+(?:đạt\s+)?)?\d+(?:[.,]\d+)?\s*%/u.exec(name)?.[0] ?? '';
    rows.push({ cells: [item.ordinal, name, target ? '%' : '', target], line: item.line });
  }
  return { title, caption: title, rows };
}

/** Table rows and page-break artifacts, read fragment by fragment below the header. */
function readTaskTable(lines: readonly string[], header: NonNullable<ReturnType<typeof findHeader>>, warnings: ImportWarning[]): TableSource {
  // Title and caption: the appendix heading above the header and the lines below it.
  let title = 'Bảng 1';
  const captionParts: string[] = [];
  for (let i = header.start - 1; i >= 0; i--) {
    const t = lines[i]!.trim();
    const appendix = t ? appendixTitle(t) : undefined;
    if (appendix) {
      title = appendix;
      break;
    }
    if (t) captionParts.unshift(t);
    if (captionParts.length > 12) break;
  }
  const headerFirst = fold(lines[header.start]!);
  const headerLines = lines.slice(header.start, header.end).filter((l) => l.trim() !== '').length;

  const frags: Fragment[] = [];
  for (let i = header.end; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (fold(t) === headerFirst) {
      // A header repeated after a page break: skip it and its wrapped lines.
      let skip = headerLines - 1;
      while (skip > 0 && i + 1 < lines.length) {
        i++;
        if (lines[i]!.trim() !== '') skip--;
      }
      continue;
    }
    if (COLUMN_NUMBERS.test(t)) continue;
    frags.push({ text: t, line: i + 1 });
  }

  const fields = header.labels.map((l) => l.field);
  const kinds: Kind[] = fields.map((f) => (f ? KIND_OF[f] : 'text'));
  const rows: GridRow[] = [{ cells: header.labels.map((l) => l.label), line: header.start + 1 }];
  let roman = 0;
  let previous = 0;
  let current: { ordinal: string; frags: Fragment[]; line: number; section: boolean } | undefined;
  const open: Array<NonNullable<typeof current>> = [];
  const plausible = (n: number): boolean => n > previous && n <= previous + 3;
  const rowStart = (f: Fragment): { ordinal: string; rest: string; section: boolean } | undefined => {
    const r = ROMAN_ROW.exec(f.text);
    if (r && romanValue(r[1]!) === roman + 1) return { ordinal: r[1]!, rest: r[2] ?? '', section: true };
    const n = NUMBER_ROW.exec(f.text);
    if (n && plausible(Number(n[1]))) return { ordinal: n[1]!, rest: n[2] ?? '', section: false };
    return undefined;
  };
  for (let k = 0; k < frags.length; k++) {
    const f = frags[k]!;
    const bare = /^\d{1,3}$/.test(f.text);
    const next = frags[k + 1];
    // A page number: a bare number that is no next TT, or that the next TT follows at once.
    if (bare && (!plausible(Number(f.text)) || (next && (rowStart(next) || startsLower(next.text))))) continue;
    const start = rowStart(f);
    if (start) {
      if (start.section) {
        roman = romanValue(start.ordinal);
        previous = 0;
      } else {
        const n = Number(start.ordinal);
        if (n > previous + 1) {
          const missing = Array.from({ length: n - previous - 1 }, (_, i) => previous + 1 + i).join(', ');
          warnings.push({
            code: 'other',
            message: `Mục ${roman ? romanNumeral(roman) : ''}: số thứ tự nhảy từ ${previous} lên ${n} (không có nhiệm vụ số ${missing}); giữ số thứ tự như bản in.`,
            line: f.line,
          });
        }
        previous = n;
      }
      current = { ordinal: start.ordinal, frags: start.rest ? [{ text: start.rest, line: f.line }] : [], line: f.line, section: start.section };
      open.push(current);
      continue;
    }
    current?.frags.push(f);
  }

  const width = agencyColumnWidth(open.filter((r) => !r.section).map((r) => r.frags));
  for (const row of open) {
    if (row.section) {
      const cells = fields.map(() => '');
      cells[Math.max(0, fields.indexOf('ordinal'))] = row.ordinal;
      const contentAt = fields.indexOf('content');
      cells[contentAt >= 0 ? contentAt : 1] = joinWrapped(row.frags.map((f) => f.text));
      rows.push({ cells, line: row.line, bold: true });
      continue;
    }
    rows.push({ cells: splitRow(row.ordinal, row.frags, kinds, width), line: row.line });
  }
  return { title, caption: captionParts.join(' ').replace(/\s+/g, ' ').trim(), rows };
}

function romanNumeral(n: number): string {
  const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/**
 * How wide the agency columns print, in characters: the longest line of an agency entry.
 * A line that would not have fitted the next word wrapped there ("- Các Phòng chuyên môn"
 * + "UBND xã" is one entry; "VP HĐND-UBND xã" + "Các Phòng …" are two).
 */
function agencyColumnWidth(rows: readonly Fragment[][]): number {
  let width = 0;
  for (const frags of rows) {
    const at = findAgencyStart(frags);
    if (!at) continue;
    for (const f of at.frags.slice(at.index)) {
      if (!isAgencyLine(f.text) && !startsLower(f.text)) break;
      width = Math.max(width, f.text.length);
    }
  }
  return width || 30;
}

/**
 * Where the agency cells start in a row's fragments: a line that starts with an agency head
 * (unless the line before dangles, "… chỉ đạo của" + "Ban Chỉ đạo."), or an agency head
 * inside a line followed by agency lines. Returns the fragments (one may be cut in two).
 */
function findAgencyStart(frags: readonly Fragment[]): { frags: Fragment[]; index: number } | undefined {
  for (let i = 0; i < frags.length; i++) {
    const t = frags[i]!.text;
    if (i > 0 && isAgencyLine(t) && !DANGLING.test(frags[i - 1]!.text)) return { frags: [...frags], index: i };
    const nextIsAgency = frags[i + 1] !== undefined && (isAgencyLine(frags[i + 1]!.text) || isBullet(frags[i + 1]!.text));
    if (!nextIsAgency) continue;
    for (const m of t.matchAll(AGENCY_MIDLINE)) {
      const before = t.slice(0, m.index).trim();
      const after = t.slice(m.index).trim();
      if (before.split(/\s+/).length >= 2 && after.split(/\s+/).length <= 8 && !DANGLING.test(before)) {
        const cut = [...frags];
        cut.splice(i, 1, { text: before, line: frags[i]!.line }, { text: after, line: frags[i]!.line });
        return { frags: cut, index: i + 1 };
      }
    }
  }
  return undefined;
}

/** Agency entries from `index` on: each a first line plus the lines it wrapped onto. */
function readAgencyEntries(frags: readonly Fragment[], index: number, width: number): { entries: string[][]; end: number } {
  const entries: string[][] = [];
  let i = index;
  for (; i < frags.length; i++) {
    const t = frags[i]!.text;
    const last = entries.at(-1);
    const prev = last?.at(-1);
    const overflows = prev !== undefined && prev.length + 1 + t.split(/\s+/)[0]!.length > width;
    const wrapped = prev !== undefined && !isBullet(t) && (startsLower(t) || (isAgencyLine(t) && overflows));
    if (last && wrapped) last.push(t);
    else if (isAgencyLine(t) || isBullet(t)) entries.push([t]);
    else break;
  }
  return { entries, end: i };
}

/**
 * The deadline at the end of a row's last words: the rightmost opener from which the rest
 * reads as a deadline, widened leftwards over deadline words ("Trước ngày" 30/4/2026) and
 * then narrowed to start at a capital or digit, as cells do. Returns the word index.
 */
function findDeadline(words: readonly string[]): number {
  for (let k = words.length - 1; k >= 0; k--) {
    if (!DEADLINE_OPENER.test(words[k]!)) continue;
    if (parseDeadline(words.slice(k).join(' ')).kind === 'none') continue;
    let s = k;
    while (s > 0 && DEADLINE_WORDS.has(fold(words[s - 1]!)) && !/[.,;:]$/.test(words[s - 1]!)) s--;
    while (s < k && !/^[\p{Lu}\d]/u.test(words[s]!)) s++;
    return s;
  }
  return words.length;
}

/** One task row's fragments into cells, in the header's column order. */
function splitRow(ordinal: string, frags: readonly Fragment[], kinds: readonly Kind[], width: number): string[] {
  const cells = kinds.map(() => '');
  const fieldsAfter = kinds.map((k, c) => ({ k, c })).filter(({ k }) => k !== 'ordinal');
  const ordinalAt = kinds.indexOf('ordinal');
  if (ordinalAt >= 0) cells[ordinalAt] = ordinal;

  let rest: Fragment[] = [...frags];
  for (let f = 0; f < fieldsAfter.length; f++) {
    const { k, c } = fieldsAfter[f]!;
    const next = fieldsAfter[f + 1]?.k;
    if (k === 'text' && next === 'agency') {
      const at = findAgencyStart(rest);
      if (at) {
        cells[c] = joinWrapped(at.frags.slice(0, at.index).map((x) => x.text));
        rest = at.frags.slice(at.index);
        continue;
      }
      // No agency named: the text runs to the deadline, if any.
    }
    if (k === 'agency') {
      const { entries, end } = readAgencyEntries(rest, 0, width);
      // One task, one lead: the lead cell is the first entry, the partners the others.
      const taken = next === 'agency' ? entries.slice(0, 1) : entries;
      cells[c] = taken.map((e) => joinWrapped(e)).join('\n');
      const used = taken.reduce((n, e) => n + e.length, 0);
      rest = rest.slice(next === 'agency' ? used : end);
      continue;
    }
    if (k === 'text' || k === 'deadline') {
      const words = rest.flatMap((x) => x.text.split(/\s+/)).filter((w) => w !== '');
      const later = fieldsAfter.slice(f + 1).map((x) => x.k);
      if (k === 'text' && later.includes('deadline')) {
        const d = findDeadline(words);
        cells[c] = joinWrapped([words.slice(0, d).join(' ')]);
        rest = d < words.length ? [{ text: words.slice(d).join(' '), line: rest[0]?.line ?? 0 }] : [];
        continue;
      }
      cells[c] = joinWrapped(rest.map((x) => x.text));
      rest = [];
    }
  }
  return cells;
}

/** Tables and layout warnings of a PDF-extracted plan. */
export function readPdfTextDetailed(text: string): PdfTextResult {
  const lines = text.split(/\r?\n/);
  const warnings: ImportWarning[] = [];
  const tables: TableSource[] = [];
  const header = findHeader(lines);
  const targets = readTargets(header ? lines.slice(0, header.start) : lines);
  if (targets) tables.push(targets);
  if (header) tables.push(readTaskTable(lines, header, warnings));
  return { tables, warnings };
}

export function readPdfText(text: string): TableSource[] {
  return readPdfTextDetailed(text).tables;
}

/**
 * Body lines for the body readers: a paragraph the PDF wrapped over several lines is put
 * back together on its first line (the others left empty, so line numbers still hold).
 * A line ending a sentence, a short numbered heading, or a blank-only line ends a paragraph.
 */
export function pdfBodyLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out = lines.map(() => '');
  let at = -1;
  let open = false;
  const heading = (t: string): boolean => /^(?:[IVX]+\.|\d+\.|\(\d+\)|[a-zđ]\)|-)\s/u.test(t) || /^[\p{Lu}\s,]+$/u.test(t);
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (t === '') {
      // PDF extraction puts an empty line between wrapped lines; a line of spaces marks a break.
      if (raw !== '') open = false;
      return;
    }
    if (open && at >= 0 && !heading(t)) out[at] = `${out[at]} ${t}`;
    else {
      at = i;
      out[i] = t;
    }
    const shortHeading = heading(t) && t.length < 60 && !/[.;:]$/.test(t);
    open = !/[.;:!?]$/.test(t) && !shortHeading && !/^[\p{Lu}\s,]+$/u.test(t);
  });
  return out;
}
