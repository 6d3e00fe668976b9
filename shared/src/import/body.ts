// The plan's body text: metadata (issuer, number, date, title), the work items written as
// "- Cơ quan chủ trì: …" lists, the reporting rhythm and the task counts the body declares.
import type { Cadence, ReportingRhythm, TaskDraft, TrackId } from '../model.ts';
import { fold, foldSameLength } from '../fold.ts';
import type { AgencyIndex } from './agencies.ts';
import { readTaskAgencies } from './agencies.ts';
import { cleanInline } from './clean.ts';
import { readDeadline } from './tables.ts';
import { guessTrack } from './tracks.ts';

export interface PlanMetadata {
  title: string;
  issuer: string;
  number: string;
  date?: string;
  province: string;
}

const plain = (line: string): string => cleanInline(line.replace(/[#*]+/g, ' '));
/** A table row (tab-separated, or a Markdown pipe row): body readers leave it to the table readers. */
const isTableLine = (line: string): boolean => line.includes('\t') || line.trimStart().startsWith('|');

const pad = (n: string): string => n.padStart(2, '0');

/** Document types whose uppercase name opens the header block ("KẾ HOẠCH", "BÁO CÁO"). */
const DOC_TYPES: Array<[RegExp, string]> = [
  [/^KẾ HOẠCH(?:\s+HÀNH ĐỘNG)?$/u, 'Kế hoạch'],
  [/^BÁO CÁO$/u, 'Báo cáo'],
  [/^CHƯƠNG TRÌNH(?:\s+HÀNH ĐỘNG)?$/u, 'Chương trình'],
  [/^ĐỀ ÁN$/u, 'Đề án'],
  [/^NGHỊ QUYẾT$/u, 'Nghị quyết'],
  [/^QUYẾT ĐỊNH$/u, 'Quyết định'],
  [/^CHỈ THỊ$/u, 'Chỉ thị'],
];
/** Where the body starts: the preamble ("Căn cứ …", "Thực hiện …"), or the first numbered heading. */
const BODY_START = /^(?:Căn cứ|Thực hiện|Nhằm|Để|Triển khai|Ban Chỉ đạo|[IVX]+\.\s|\d+\.\s|Phần\s)/u;
/** How far the header block can reach when no body line ends it. */
const MAX_HEADER_LINES = 30;

/**
 * The document's header block: the lines before its body (title, number, place and date,
 * issuer). The body cites other documents and places; none of them is this document's.
 */
function headerBlock(text: readonly string[]): { lines: string[]; typeAt: number; type: string } {
  let typeAt = -1;
  let type = '';
  const lines: string[] = [];
  for (let i = 0; i < text.length && lines.length < MAX_HEADER_LINES; i++) {
    const line = text[i]!;
    if (isTableLine(line)) break;
    if (line === '') continue;
    const t = DOC_TYPES.find(([re]) => re.test(line));
    if (t && typeAt < 0) {
      typeAt = lines.length;
      type = t[1];
      lines.push(line);
      continue;
    }
    // The body starts after the title's name (one line below the type), or at a body line before any type.
    if (typeAt >= 0 && lines.length > typeAt + 1) break;
    if (typeAt < 0 && BODY_START.test(line)) break;
    if (line.length > 400) break;
    lines.push(line);
  }
  return { lines, typeAt, type };
}

/** Title, number, date, issuer and province, where the document's header block prints them; left empty rather than guessed. */
export function readMetadata(lines: readonly string[]): PlanMetadata {
  const text = lines.map(plain);
  const meta: PlanMetadata = { title: '', issuer: '', number: '', province: '' };
  const head = headerBlock(text);
  if (head.typeAt >= 0) {
    const name = head.lines[head.typeAt + 1];
    if (name && !/^(?:[IVX]+|\d+)\.\s/u.test(name)) meta.title = `${head.type} ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    else meta.title = head.type;
  }
  // An appendix printed alone carries its plan in "(Kèm theo Kế hoạch số … ngày … của UBND tỉnh X)".
  const annex = /\(\s*(?:ban hành )?kèm theo (?:Kế hoạch|Báo cáo|Chương trình|Quyết định)[^()]{0,300}\)/iu.exec(text.join('\n'))?.[0] ?? '';
  const own = head.lines.map((l) => /^Số:\s*(.*)$/u.exec(l)).find(Boolean);
  if (own) meta.number = own[1]!.replace(/\s+/g, '');
  const annexed = /kèm theo (?:Kế hoạch|Báo cáo|Chương trình|Quyết định) số\s*(\d+\s*\/\s*[A-ZĐ]+-[A-ZĐ]+)[,\s]+ngày\s+(\d{1,2})\s*\/(\d{1,2})\/(\d{4})/iu.exec(annex);
  if (annexed && !/^\d/.test(meta.number)) meta.number = annexed[1]!.replace(/\s+/g, '');
  const dated = head.lines.map((l) => /^[\p{Lu}][\p{L} ]+,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(l)).find(Boolean);
  if (dated) meta.date = `${dated[3]}-${pad(dated[2]!)}-${pad(dated[1]!)}`;
  else if (annexed) meta.date = `${annexed[4]}-${pad(annexed[3]!)}-${pad(annexed[2]!)}`;
  const place = head.lines.map((l) => /^([\p{Lu}][\p{L} ]+?),\s*ngày/u.exec(l)).find(Boolean);
  // Where the header names a province: the issuer's uppercase lines ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI"), the title, the appendix's "(Kèm theo …)".
  const naming = [...head.lines.filter((l, i) => /^[^\p{Ll}]+$/u.test(l) || (head.typeAt >= 0 && i === head.typeAt + 1)), annex];
  const issuerLine = naming.map((l) => /\bTỈNH\s+((?:\p{Lu}+\s?){1,3})$/u.exec(l)).find(Boolean);
  const named = issuerLine
    ? [issuerLine[0], issuerLine[1]!.trim().toLowerCase().replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase())]
    : /\b(?:tỉnh|Tỉnh)\s+((?:\p{Lu}[\p{Ll}]*\s?){1,3})/u.exec(naming.join('\n'));
  // A national body's document (Chính phủ, a ministry) names no province, wherever it was signed.
  const national = head.lines.some((l) => /^(?:CHÍNH PHỦ|THỦ TƯỚNG|BỘ [A-ZĐ\p{Lu}]|QUỐC HỘI|BAN CHẤP HÀNH TRUNG ƯƠNG|BỘ CHÍNH TRỊ|VĂN PHÒNG CHÍNH PHỦ)/u.test(l));
  meta.province = national ? '' : place ? place[1]!.trim() : named ? named[1]!.trim() : '';
  const suffix = /\/[A-ZĐ]+-([A-ZĐ]+)/u.exec(meta.number)?.[1];
  const commune = /(?:UBND|Ủy ban nhân dân) xã\s+((?:\p{Lu}[\p{Ll}]*\s?){1,3})/u.exec([...head.lines, annex].join('\n'));
  if (suffix === 'BCĐ') meta.issuer = 'Ban Chỉ đạo tỉnh';
  else if (commune && /kèm theo[^)]*của (?:UBND|Ủy ban nhân dân) xã/iu.test(annex)) meta.issuer = `UBND xã ${commune[1]!.trim()}`;
  else if (suffix === 'UBND') meta.issuer = 'UBND tỉnh';
  if (meta.issuer.endsWith('tỉnh') && meta.province) meta.issuer += ` ${meta.province}`;
  return meta;
}

/** "Báo cáo" in the header block: the document reports progress rather than plans it. */
export function isReportDocument(lines: readonly string[]): boolean {
  return headerBlock(lines.map(plain)).type === 'Báo cáo';
}

const HEADING_ROMAN = /^([IVX]+)\.\s+(.+)$/u;
const HEADING_NUMBER = /^(\d+)\.\s+(.+)$/u;
const LETTERED = /^([a-zđ])\)\s+(.+)$/u;
const LABELLED = /^-\s*(Cơ quan chủ trì|Đơn vị chủ trì|Cơ quan phối hợp|Đơn vị phối hợp|Thời hạn(?: hoàn thành)?|Thời gian(?: hoàn thành| thực hiện)?|Kết quả(?: đầu ra| dự kiến)?|Sản phẩm)\s*:\s*(.*)$/iu;

/**
 * Work items of the body: a lettered item "a) …" followed by "- Cơ quan chủ trì: …",
 * "- Cơ quan phối hợp: …", "- Thời hạn: …" lines. Lettered items without a lead are
 * directions, not work items. Group = the body headings above ("III. …", "2. …").
 */
export function readWorkItems(lines: readonly string[], index: AgencyIndex, defaultTrack: TrackId): TaskDraft[] {
  const items: TaskDraft[] = [];
  let roman = '';
  let numbered = '';
  let current: { ordinal: string; content: string; line: number; fields: Record<string, string> } | undefined;
  const flush = (): void => {
    if (current && current.fields.leads !== undefined) {
      const leadsText = current.fields.leads ?? '';
      const partnersText = current.fields.partners ?? '';
      const { leads, partners } = readTaskAgencies(leadsText, partnersText, index);
      items.push({
        track: guessTrack(numbered) ?? guessTrack(roman) ?? defaultTrack,
        ordinal: current.ordinal,
        group: [roman, numbered].filter(Boolean),
        content: current.content,
        leads,
        leadsText,
        partners,
        partnersText,
        deadline: readDeadline(current.fields.deadline ?? '', current.content),
        output: current.fields.output ?? '',
        sourceDoc: '',
        source: { line: current.line, ref: 'Kế hoạch' },
      });
    }
    current = undefined;
  };
  lines.forEach((raw, i) => {
    if (isTableLine(raw)) return;
    const line = plain(raw);
    if (line === '') return;
    const labelled = LABELLED.exec(line);
    if (labelled && current) {
      const label = fold(labelled[1]!);
      const value = labelled[2]!.replace(/\.$/, '').trim();
      const field = /chu tri/.test(label) ? 'leads' : /phoi hop/.test(label) ? 'partners' : /ket qua|san pham/.test(label) ? 'output' : 'deadline';
      current.fields[field] = value;
      return;
    }
    const lettered = LETTERED.exec(line);
    if (lettered) {
      flush();
      current = { ordinal: `${lettered[1]})`, content: lettered[2]!.trim(), line: i + 1, fields: {} };
      return;
    }
    const r = HEADING_ROMAN.exec(line);
    const n = HEADING_NUMBER.exec(line);
    if (r || n) flush();
    if (r) {
      roman = line;
      numbered = '';
    } else if (n && /^#|^\*\*/.test(raw.trim())) numbered = line;
    else if (n && !current) numbered = line;
  });
  flush();
  return items;
}

/** "2.1. Về pháp lý (06 nhiệm vụ);": how many tasks the body says each group has, in order. */
export function readDeclaredCounts(lines: readonly string[]): Array<{ label: string; count: number; line: number }> {
  const out: Array<{ label: string; count: number; line: number }> = [];
  lines.forEach((raw, i) => {
    if (isTableLine(raw)) return;
    const line = plain(raw);
    const m = /^(\d+\.\d+)\.?\s+(.+?)\s*\((\d+)\s+nhiệm vụ\)/u.exec(line);
    if (m) out.push({ label: `${m[1]} ${m[2]}`, count: Number(m[3]), line: i + 1 });
  });
  return out;
}

/**
 * When a report is due, as printed: "muộn nhất vào 9h00' sáng ngày thứ Sáu hằng tuần",
 * "trước ngày 25 hằng tháng", "hàng tháng (trước ngày 15 hàng tháng)", "6 tháng (trước ngày
 * 15/6)", "năm trước ngày 30/11/2026". Matched on folded text (same length as the line).
 */
const RHYTHM_ANCHOR =
  /(?:truoc|muon nhat vao|cham nhat vao)\s+\d{1,2}\s*h\s*\d{0,2}'?[^.;]*?thu\s+\w+[^.;]*?(?:hang|hang)\s+tuan|(?:hang|hang)\s+thang\s*\(\s*truoc ngay \d{1,2}[^)]*\)|truoc ngay \d{1,2}\s+(?:hang|hang)\s+thang|(?:\b6\s+thang|\bnam)\s*\(?\s*truoc ngay \d{1,2}\/\d{1,2}(?:\/\d{4})?\s*\)?/g;


/**
 * Reporting deadlines the body prints, one entry per period. A sentence that names one
 * deadline is kept whole (who reports to whom is in it); one that names several
 * ("hàng tháng (trước ngày 15 hàng tháng), 6 tháng (…), 01 năm (…)") is cut at each, each
 * part starting at its "định kỳ"/"báo cáo" or right after the deadline before it.
 * Sentences that name no day or hour ("Định kỳ hàng tháng, 6 tháng, 01 năm hoặc đột xuất")
 * give no entry: the board could not say when the report is late.
 */
export function readRhythm(lines: readonly string[]): ReportingRhythm[] {
  const out: ReportingRhythm[] = [];
  const seen = new Set<string>();
  const add = (cadence: Cadence, text: string): void => {
    const t = text.replace(/\s+([,.;)])/g, '$1').replace(/\(\s+/g, '(').replace(/\s+/g, ' ').trim();
    const key = `${cadence}:${t}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ cadence, text: t });
    }
  };
  for (const raw of lines) {
    if (isTableLine(raw)) continue;
    const line = plain(raw);
    if (!/bao cao/.test(fold(line))) continue;
    for (const sentence of line.split(/(?<=\.)\s+/)) {
      const f = foldSameLength(sentence);
      if (!/bao cao/.test(f)) continue;
      const anchors = [...f.matchAll(RHYTHM_ANCHOR)];
      let from = 0;
      for (const a of anchors) {
        const matched = a[0];
        const cadence: Cadence | undefined = /tuan$/.test(matched)
          ? 'weekly'
          : /^6\s+thang/.test(matched)
            ? 'half-yearly'
            : /thang/.test(matched)
            ? 'monthly'
            : /^nam/.test(matched)
              ? 'yearly'
              : undefined;
        const end = a.index + matched.length;
        if (cadence) {
          if (anchors.length === 1) add(cadence, sentence);
          else {
            const before = f.slice(from, a.index);
            const keyword = [...before.matchAll(/(?:dinh ky\s+)?(?:bao cao|dinh ky)/g)].at(-1);
            const start = keyword ? from + keyword.index : from;
            add(cadence, sentence.slice(start, end).replace(/^[\s,;]+/, ''));
          }
        }
        from = end;
      }
    }
  }
  return out;
}
