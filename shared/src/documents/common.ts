// What every document that leaves the board shares: the Nghị định 30/2020/NĐ-CP header block and
// signature block filled from the board's settings, the sentence saying which tasks a file holds,
// and the names of tracks and criteria. Pure, so the .docx and the PDF exporters print the same words.
import type { Board, Task } from '../model.ts';
import { BUILTIN_TRACKS } from '../vocabulary.ts';
import type { BoardSnapshot } from '../plugin.ts';
import { CHIP_LABELS, isFiltering } from '../filters.ts';
import { STATUS_LABELS, type TaskStatus } from '../status.ts';
import { formatDateVi, splitIsoDate } from '../dates.ts';
import { periodInSentence } from '../periods.ts';

/** Nghị định 30's page geometry, in millimetres (A4; top/bottom 20–25, left 30–35, right 15–20). */
export const ND30_PAGE = { widthMm: 210, heightMm: 297, marginTopMm: 20, marginBottomMm: 20, marginLeftMm: 30, marginRightMm: 15 } as const;
/** The font the decree names; Liberation Serif and Tinos share its metrics. */
export const ND30_FONT = 'Times New Roman';

/** Where the text is left blank for a clerk to fill by hand (number, an unset place). */
export const BLANK = '……';

/** The header block: issuing agency on the left, Quốc hiệu and Tiêu ngữ on the right, then number and place/date. */
export interface Nd30Header {
  /** Cơ quan chủ quản, uppercase ("UBND TỈNH THÁI NGUYÊN"); empty when the issuer has none. */
  issuerParent: string;
  /** Cơ quan ban hành, uppercase bold. */
  issuer: string;
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  motto: 'Độc lập - Tự do - Hạnh phúc';
  /** "Số:      /BC-BCĐ": the number itself is given when the document is issued. */
  numberLine: string;
  /** "Thái Nguyên, ngày 10 tháng 12 năm 2025" (italic). */
  placeDate: string;
}

/** The signature block and Nơi nhận. */
export interface Nd30Signature {
  /** "KT. TRƯỞNG BAN"; empty when the signer signs in their own right. */
  authority: string;
  title: string;
  name: string;
  /** Nơi nhận, each "- …;" with the last "- Lưu: VT." as the decree shows. */
  recipients: string[];
}

const upper = (s: string): string => s.toLocaleUpperCase('vi-VN');

/** "ngày 05 tháng 01 năm 2026": days below 10 and January/February take a leading zero (NĐ 30, Phụ lục I). */
export function vietnameseDateLine(iso: string): string {
  const [y, m, d] = splitIsoDate(iso);
  return `ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${y}`;
}

export function nd30Header(board: Board, today: string, kind: 'BC' | 'KH' | 'TB' = 'BC'): Nd30Header {
  const s = board.settings;
  return {
    issuerParent: upper(s.issuerParent.trim()),
    issuer: upper(s.issuer.trim()) || BLANK,
    nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    numberLine: `Số:        /${s.numberSuffix.trim().replace(/^\/+/, '') || kind}`,
    placeDate: `${s.place.trim() || BLANK}, ${vietnameseDateLine(today)}`,
  };
}

export function nd30Signature(board: Board): Nd30Signature {
  const s = board.settings;
  const recipients = s.recipients.map((r) => r.trim().replace(/^[-–•]\s*/, '').replace(/[;.]+$/, '')).filter(Boolean);
  return {
    authority: upper(s.signerAuthority.trim()),
    title: upper(s.signerTitle.trim()) || BLANK,
    name: s.signerName.trim(),
    recipients: [...recipients.map((r) => `- ${r};`), '- Lưu: VT.'],
  };
}

/** "(Kèm theo Kế hoạch số 44/KH-UBND ngày 15/11/2025 của UBND tỉnh Thái Nguyên)", or '' when the board has no plan number. */
export function attachedToLine(board: Board): string {
  const plan = board.plan;
  if (!plan?.number) return '';
  const kind = /^(kế hoạch|chương trình hành động|chương trình|đề án|quyết định|nghị quyết)/iu.exec(plan.title)?.[1] ?? 'Kế hoạch';
  const kindCased = kind.charAt(0).toLocaleUpperCase('vi-VN') + kind.slice(1).toLocaleLowerCase('vi-VN');
  return `(Kèm theo ${kindCased} số ${plan.number}${plan.date ? ` ngày ${formatDateVi(plan.date)}` : ''}${plan.issuer ? ` của ${plan.issuer}` : ''})`;
}

/** The plan a board follows, as a report's subject names it: "Kế hoạch số 44/KH-UBND ngày 15/11/2025 của UBND tỉnh Thái Nguyên". */
export function planReference(board: Board): string {
  const line = attachedToLine(board);
  return line ? line.replace(/^\(Kèm theo /, '').replace(/\)$/, '') : board.title;
}

export const trackLabel = (board: Board, id: string): string =>
  board.tracks.find((t) => t.id === id)?.label ?? BUILTIN_TRACKS.find((t) => t.id === id)?.label ?? id;

/** A checklist criterion's label as the snapshot's results name it. */
function criterionLabel(snapshot: BoardSnapshot, id: string): string {
  for (const results of Object.values(snapshot.checks)) {
    const hit = results.find((c) => c.id === id);
    if (hit) return hit.label;
  }
  return id;
}

/**
 * Which tasks the file holds, in a sentence: "Toàn bộ 83 nhiệm vụ của bảng" or "23/83 nhiệm vụ theo
 * bộ lọc: lĩnh vực CCHC; quá hạn; từ khóa “số hóa”" — a reader of a printed page must know it is partial.
 */
export function describeScope(snapshot: BoardSnapshot): string {
  const { view } = snapshot;
  const n = snapshot.tasks.length;
  const parts: string[] = [];
  if (view && view.scope === 'filter' && isFiltering(view.filters)) {
    const f = view.filters;
    if (f.track) parts.push(`lĩnh vực ${trackLabel(snapshot.board, f.track)}`);
    if (f.lead) parts.push(`cơ quan chủ trì ${f.lead}`);
    if (f.time) parts.push(CHIP_LABELS[f.time].vi.toLocaleLowerCase('vi-VN'));
    if (f.fail) parts.push(`chưa đạt “${criterionLabel(snapshot, f.fail)}”`);
    if (f.status) parts.push(STATUS_LABELS[f.status].vi.toLocaleLowerCase('vi-VN'));
    if (f.due) parts.push(`đến hạn trong ${f.due} ngày tới`);
    if (f.q.trim()) parts.push(`từ khóa “${f.q.trim()}”`);
  }
  if (view?.agency) parts.push(`do ${view.agency} chủ trì`);
  const total = view?.boardTotal ?? n;
  if (parts.length === 0) return `Toàn bộ ${n} nhiệm vụ của bảng`;
  return `${n}/${total} nhiệm vụ của bảng, theo bộ lọc: ${parts.join('; ')}`;
}

/** Lead agencies as printed when the plan printed them, else the normalised names. */
export const leadsText = (t: Pick<Task, 'leadsText' | 'leads'>): string => t.leadsText.trim() || t.leads.join(', ');
export const partnersText = (t: Pick<Task, 'partnersText' | 'partners'>): string => t.partnersText.trim() || t.partners.join(', ');

/** The due date in force: the latest extension's, else the printed deadline's. */
export function dueInForce(t: Pick<Task, 'deadline' | 'extensions'>): string | undefined {
  return t.extensions.length > 0 ? t.extensions[t.extensions.length - 1]!.due : t.deadline.due;
}

/** Natural order of printed ordinals: "2" before "10", "I.3" before "I.10"; empty ordinals (sub-rows) last. */
export function compareOrdinals(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a.localeCompare(b, 'vi', { numeric: true, sensitivity: 'base' });
}

/**
 * A task's report bucket in words, and for a recurring task the period report it owes: "Thường
 * xuyên / không có thời hạn; báo cáo tháng 5/2026 hạn 25/05/2026, quá hạn". The same status the board's
 * chip shows, so a file and the board never disagree on what is late.
 */
export function statusWords(status: TaskStatus): string {
  const label = STATUS_LABELS[status.category].vi;
  if (!status.period || !status.due) return label;
  return `${label}; báo cáo ${periodInSentence(status.period)} hạn ${formatDateVi(status.due)}${status.timeliness === 'late' ? ', quá hạn' : ''}`;
}
