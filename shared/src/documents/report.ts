// The Báo cáo tiến độ (progress report) for a period, as a standing agency sends it upward: the
// NĐ 30 header block, the status counts of DOMAIN.md's crossed classification by track and by
// lead agency, the late tasks with their difficulties and proposals, the recurring tasks' reports
// for the period, the extensions granted in it, the audit checkpoint, the signature and Nơi nhận.
import { compareVietnamese } from '../fold.ts';
import type { BoardSnapshot } from '../plugin.ts';
import type { Task } from '../model.ts';
import { taskAddress } from '../address.ts';
import { STATUS_LABELS, classifyTask, type StatusCategory } from '../status.ts';
import { formatDateVi, todayInVietnam } from '../dates.ts';
import { deadlineCadence, describeRecurrenceAnchor, inPeriod, latestReports, periodDue, periodInSentence, periodOf, periodReportLate, recurrenceAnchor, type ReportPeriod } from '../periods.ts';
import { compareOrdinals, describeScope, leadsText, nd30Header, nd30Signature, planReference, trackLabel, vietnameseDateLine, type Nd30Header, type Nd30Signature } from './common.ts';

/** Count columns in the order reports list them: finished first, then in progress, not started, recurring. */
export const REPORT_CATEGORIES: readonly StatusCategory[] = ['done-on-time', 'done-late', 'doing-on-time', 'doing-late', 'todo-on-time', 'todo-late', 'recurring-undated'];

/** Where a task stands in its plan ("PL I · 7"): its address, else its printed number. Every appendix has a "1". */
const addressOf = (t: Pick<Task, 'group' | 'ordinal'>): string => taskAddress(t).short || t.ordinal.trim();

export interface StatusCountRow {
  label: string;
  counts: Record<StatusCategory, number>;
  total: number;
}

export interface LateItem {
  /** Where the task stands in its plan ("PL I · 7"), or its printed number; '' when it has neither. */
  address: string;
  content: string;
  leads: string;
  /** Due date in force (dd/mm/yyyy), with the printed text when it differs. */
  deadline: string;
  daysLate: number;
  progress: number;
  progressNote: string;
  difficulties: string;
  proposals: string;
}

export interface RecurringItem {
  address: string;
  content: string;
  leads: string;
  /** "Hằng tháng", "Hằng tháng, trước ngày 25", "Hằng năm, hết quý IV", "Thường xuyên"… */
  cadence: string;
  /** The period the task's report is filed under, with its due day when the deadline gives one ("tháng 12/2025, hạn 25/12/2025"). */
  period: string;
  /** The day the period's report falls due (dd/mm/yyyy), '' when the deadline names no cadence of its own. */
  due: string;
  state: 'done' | 'not-done' | 'missing';
  /** "Đã thực hiện", "Chưa thực hiện", "Chưa báo cáo", and "(quá hạn)" when the due day has passed unfinished. */
  stateLabel: string;
  note: string;
}

export interface ExtensionItem {
  address: string;
  content: string;
  leads: string;
  previousDue: string;
  due: string;
  reason: string;
  approvedBy: string;
  /** The day it was granted (dd/mm/yyyy). */
  grantedOn: string;
}

export interface ProgressReport {
  header: Nd30Header;
  title: 'BÁO CÁO';
  /** The report's subject under the title: "Tiến độ thực hiện Kế hoạch số … , tháng 12/2025". */
  subject: string;
  period: ReportPeriod;
  /** Scope and date of the figures. */
  scope: string;
  /** One paragraph of totals, worded as reports word them. */
  summary: string;
  categories: ReadonlyArray<{ key: StatusCategory; label: string }>;
  byTrack: StatusCountRow[];
  byAgency: StatusCountRow[];
  total: StatusCountRow;
  /** The same total judged against the printed deadlines, as if nothing had been extended: a report counts a task against both. */
  totalAgainstOriginal: StatusCountRow;
  /** Tasks whose deadline has been extended (any time). */
  extendedCount: number;
  late: LateItem[];
  recurring: RecurringItem[];
  extensions: ExtensionItem[];
  /** Lines describing the audit checkpoint, empty when the snapshot carries none. */
  checkpoint: string[];
  signature: Nd30Signature;
}

const CADENCE_WORDS: Record<string, string> = {
  daily: 'Hằng ngày',
  weekly: 'Hằng tuần',
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  'half-yearly': '6 tháng',
  yearly: 'Hằng năm',
  ongoing: 'Thường xuyên',
};

const emptyCounts = (): Record<StatusCategory, number> => Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, 0])) as Record<StatusCategory, number>;

/** Tasks with no lead are counted under this name, so every task is somewhere in the agency table. */
export const NO_LEAD = '(Chưa xác định cơ quan chủ trì)';

/** The date (Vietnam) an ISO instant falls on. */
const dayOf = (instant: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(instant) ? instant : todayInVietnam(new Date(instant)));

export function buildProgressReport(snapshot: BoardSnapshot): ProgressReport {
  const { board, today } = snapshot;
  const period = snapshot.period ?? periodOf(today, 'monthly');
  const status = new Map(snapshot.tasks.map((t) => [t.id, classifyTask(t, today)]));
  const byTrack = new Map<string, StatusCountRow>();
  const byAgency = new Map<string, StatusCountRow>();
  const total: StatusCountRow = { label: 'Tổng cộng', counts: emptyCounts(), total: 0 };
  const add = (map: Map<string, StatusCountRow>, label: string, category: StatusCategory): void => {
    let row = map.get(label);
    if (!row) map.set(label, (row = { label, counts: emptyCounts(), total: 0 }));
    row.counts[category]++;
    row.total++;
  };
  const totalAgainstOriginal: StatusCountRow = { label: 'Tổng cộng (theo thời hạn ban đầu)', counts: emptyCounts(), total: 0 };
  let extendedCount = 0;
  for (const t of snapshot.tasks) {
    const c = status.get(t.id)!.category;
    totalAgainstOriginal.counts[t.extensions.length > 0 ? classifyTask(t, today, { against: 'original' }).category : c]++;
    totalAgainstOriginal.total++;
    if (t.extensions.length > 0) extendedCount++;
    add(byTrack, trackLabel(board, t.track), c);
    // A task with several leads counts once for each: each agency answers for it.
    for (const lead of t.leads.length > 0 ? t.leads : [NO_LEAD]) add(byAgency, lead, c);
    total.counts[c]++;
    total.total++;
  }
  const trackOrder = board.tracks.map((t) => t.label);
  const tracks = [...byTrack.values()].sort((a, b) => (trackOrder.indexOf(a.label) + 1 || 1e9) - (trackOrder.indexOf(b.label) + 1 || 1e9));
  // Agencies with the most late tasks first: the order a chase-up reads them.
  const lateOf = (r: StatusCountRow) => r.counts['doing-late'] + r.counts['todo-late'];
  const agencies = [...byAgency.values()].sort((a, b) => lateOf(b) - lateOf(a) || b.total - a.total || compareVietnamese(a.label, b.label));

  const late: LateItem[] = snapshot.tasks
    .filter((t) => {
      const c = status.get(t.id)!.category;
      return c === 'todo-late' || c === 'doing-late';
    })
    .map((t) => {
      const due = t.deadline.due!;
      const printed = t.deadline.raw.trim();
      return {
        address: addressOf(t),
        content: t.content,
        leads: leadsText(t),
        deadline: printed && !printed.includes(formatDateVi(due)) && !printed.includes(formatDateVi(due).replace(/^0/, '')) ? `${formatDateVi(due)} (${printed})` : formatDateVi(due),
        daysLate: -(status.get(t.id)!.daysLeft ?? 0),
        progress: t.progress,
        progressNote: t.progressNote,
        difficulties: t.difficulties,
        proposals: t.proposals,
      };
    })
    .sort((a, b) => b.daysLate - a.daysLate || compareOrdinals(a.address, b.address));

  // Recurring tasks in their own bucket, whether their period report is on time or late (undated ones are not reported by period).
  const recurring: RecurringItem[] = snapshot.tasks
    .filter((t) => {
      const s = status.get(t.id)!;
      return s.category === 'recurring-undated' && s.timeliness !== 'undated';
    })
    .map((t) => recurringItem(t, period, today));

  const extensions: ExtensionItem[] = snapshot.tasks.flatMap((t) =>
    t.extensions
      .filter((e) => inPeriod(dayOf(e.at), period))
      .map((e) => ({
        address: addressOf(t),
        content: t.content,
        leads: leadsText(t),
        previousDue: e.previousDue ? formatDateVi(e.previousDue) : t.deadline.raw,
        due: formatDateVi(e.due),
        reason: e.reason,
        approvedBy: e.approvedBy,
        grantedOn: formatDateVi(dayOf(e.at)),
      })),
  );

  const cp = snapshot.checkpoint;
  const checkpoint = cp
    ? [
        `Số liệu trong báo cáo được trích từ bảng theo dõi có nhật ký kiểm toán gồm ${cp.entries.toLocaleString('vi-VN')} bản ghi, xác thực lúc ${formatInstant(cp.at)}.`,
        `Mã băm bản ghi cuối (head): ${cp.head}`,
        `Chữ ký Ed25519: ${cp.signature}`,
        `Khóa công khai của máy chủ: ${cp.publicKey}`,
      ]
    : [];

  const c = total.counts;
  const done = c['done-on-time'] + c['done-late'];
  const doing = c['doing-on-time'] + c['doing-late'];
  const todo = c['todo-on-time'] + c['todo-late'];
  const completedInPeriod = snapshot.tasks.filter((t) => t.column === 'done' && t.completedAt && inPeriod(t.completedAt, period)).length;
  const summary =
    `Tổng số ${total.total} nhiệm vụ: đã hoàn thành ${done} (đúng hạn ${c['done-on-time']}, quá hạn ${c['done-late']}), ` +
    `trong đó ${completedInPeriod} nhiệm vụ hoàn thành trong ${periodInSentence(period)}; đang thực hiện ${doing} (trong hạn ${c['doing-on-time']}, quá hạn ${c['doing-late']}); ` +
    `chưa thực hiện ${todo} (trong hạn ${c['todo-on-time']}, quá hạn ${c['todo-late']}); thường xuyên hoặc không có thời hạn ${c['recurring-undated']}.`;
  // Extended tasks are counted against their new date above, and against the printed one here.
  const o = totalAgainstOriginal.counts;
  const lateOriginal = o['done-late'] + o['doing-late'] + o['todo-late'];
  const againstOriginal =
    extendedCount > 0
      ? ` ${extendedCount} nhiệm vụ đã được gia hạn; tính theo thời hạn ban đầu, ${lateOriginal} nhiệm vụ quá hạn (hoàn thành quá hạn ${o['done-late']}, đang thực hiện quá hạn ${o['doing-late']}, chưa thực hiện quá hạn ${o['todo-late']}).`
      : '';

  return {
    header: nd30Header(board, today),
    title: 'BÁO CÁO',
    subject: `Tiến độ thực hiện ${planReference(board)}, ${periodInSentence(period)}`,
    period,
    scope: `${describeScope(snapshot)}; số liệu tính đến ${vietnameseDateLine(today)}.`,
    summary: summary + againstOriginal,
    categories: REPORT_CATEGORIES.map((key) => ({ key, label: STATUS_LABELS[key].vi })),
    byTrack: tracks,
    byAgency: agencies,
    total,
    totalAgainstOriginal,
    extendedCount,
    late,
    recurring,
    extensions,
    checkpoint,
    signature: nd30Signature(board),
  };
}

/**
 * A recurring task's report for the period: filed under the task's own cadence when it has one (a
 * monthly task in a weekly report shows its month), with the day that period's report falls due
 * (`periodDue`, the rule the board judges it by) and whether it is late on `today`.
 */
function recurringItem(t: Task, period: ReportPeriod, today: string): RecurringItem {
  const cadence = t.deadline.cadence;
  const ownCadence = deadlineCadence(t.deadline);
  const own = ownCadence ? periodOf(period.end, ownCadence) : period;
  const report = latestReports(t.periodReports).get(own.key);
  const state = report ? (report.done ? 'done' : 'not-done') : 'missing';
  const due = ownCadence ? periodDue(t.deadline, own) : undefined;
  const late = periodReportLate(t, own, today);
  const label = state === 'done' ? 'Đã thực hiện' : state === 'not-done' ? 'Chưa thực hiện' : 'Chưa báo cáo';
  return {
    address: addressOf(t),
    content: t.content,
    leads: leadsText(t),
    cadence: `${CADENCE_WORDS[cadence ?? 'ongoing'] ?? 'Thường xuyên'}${describeRecurrenceAnchor(recurrenceAnchor(t.deadline))}`,
    period: `${periodInSentence(own)}${due ? `, hạn ${formatDateVi(due)}` : ''}`,
    due: due ? formatDateVi(due) : '',
    state,
    stateLabel: late ? `${label} (quá hạn)` : label,
    note: report?.note ?? '',
  };
}

/** "10/12/2025 14:05" in Vietnam time, for the checkpoint line. */
function formatInstant(instant: string): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  const local = new Date(t.getTime() + 7 * 3_600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} ${formatDateVi(todayInVietnam(t))}`;
}

/** A table in a document: columns with their share of the width, rows of text or spanning group rows. */
export interface DocTableColumn {
  header: string;
  /** Percent of the table width. */
  width: number;
  align: 'left' | 'center' | 'right';
}
export type DocTableRow = { kind: 'group'; text: string; level?: number } | { kind: 'cells'; cells: string[]; bold?: boolean };
/** A header cell of a multi-row header: spans count columns and rows, as in a merged Word cell. */
export interface DocHeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}
export interface DocTable {
  columns: DocTableColumn[];
  /** Header rows when they are not one row of the columns' names (counts group "Hoàn thành" over "Đúng hạn | Quá hạn"). */
  header?: DocHeaderCell[][];
  rows: DocTableRow[];
}

/** The header rows of a table: its own, or one row of its columns' names. */
export const headerRowsOf = (t: DocTable): DocHeaderCell[][] => t.header ?? [t.columns.map((c) => ({ text: c.header }))];

/** The report's body between the title and the signature, as blocks both renderers lay out the same way. */
export type DocBlock =
  | { kind: 'heading'; text: string }
  /** `literal`: a value to copy as is (a hash, a key): left-aligned and smaller, never justified apart. */
  | { kind: 'paragraph'; text: string; italics?: boolean; literal?: boolean }
  | { kind: 'table'; table: DocTable };

/**
 * The crossed classification as reports print it: progress over two rows ("Hoàn thành" above
 * "Đúng hạn | Quá hạn"), recurring and undated tasks in a column of their own.
 */
function countTable(first: string, rows: StatusCountRow[], total: StatusCountRow): DocTable {
  const columns: DocTableColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: first, width: 24, align: 'left' },
    { header: 'Tổng số', width: 8, align: 'center' },
    { header: 'Đúng hạn', width: 8, align: 'center' },
    { header: 'Quá hạn', width: 8, align: 'center' },
    { header: 'Trong hạn', width: 8, align: 'center' },
    { header: 'Quá hạn', width: 8, align: 'center' },
    { header: 'Trong hạn', width: 8, align: 'center' },
    { header: 'Quá hạn', width: 8, align: 'center' },
    { header: 'Thường xuyên, không thời hạn', width: 14, align: 'center' },
  ];
  const header: DocHeaderCell[][] = [
    [
      { text: 'STT', rowSpan: 2 },
      { text: first, rowSpan: 2 },
      { text: 'Tổng số', rowSpan: 2 },
      { text: 'Hoàn thành', colSpan: 2 },
      { text: 'Đang thực hiện', colSpan: 2 },
      { text: 'Chưa thực hiện', colSpan: 2 },
      // Short enough to fit the two header rows it spans (pdfmake does not grow rows for a spanning cell).
      { text: 'Thường xuyên, không thời hạn', rowSpan: 2 },
    ],
    [{ text: 'Đúng hạn' }, { text: 'Quá hạn' }, { text: 'Trong hạn' }, { text: 'Quá hạn' }, { text: 'Trong hạn' }, { text: 'Quá hạn' }],
  ];
  const line = (r: StatusCountRow, i: string, bold = false): DocTableRow => ({ kind: 'cells', bold, cells: [i, r.label, String(r.total), ...REPORT_CATEGORIES.map((c) => String(r.counts[c]))] });
  return { columns, header, rows: [...rows.map((r, i) => line(r, String(i + 1))), line(total, '', true)] };
}

const orDash = (s: string): string => s.trim() || '–';
/** A task in a report's table: its place in the plan before its text, so one sent upward can be found in the plan. */
const named = (item: { address: string; content: string }): string => (item.address ? `${item.address}: ${item.content}` : item.content);

export function reportBody(r: ProgressReport): DocBlock[] {
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: r.scope, italics: true },
    { kind: 'heading', text: 'I. TÌNH HÌNH THỰC HIỆN' },
    { kind: 'paragraph', text: r.summary },
    { kind: 'heading', text: '1. Theo lĩnh vực' },
    { kind: 'table', table: countTable('Lĩnh vực', r.byTrack, r.total) },
    { kind: 'heading', text: '2. Theo cơ quan chủ trì' },
    {
      kind: 'paragraph',
      text: 'Nhiệm vụ giao nhiều cơ quan cùng chủ trì được tính cho từng cơ quan, nên tổng theo cơ quan có thể lớn hơn tổng số nhiệm vụ.',
      italics: true,
    },
    { kind: 'table', table: countTable('Cơ quan chủ trì', r.byAgency, r.total) },
    { kind: 'heading', text: 'II. NHIỆM VỤ QUÁ HẠN; KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ' },
  ];
  if (r.late.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có nhiệm vụ quá hạn chưa hoàn thành.' });
  else
    blocks.push({
      kind: 'table',
      table: {
        columns: [
          { header: 'STT', width: 6, align: 'center' },
          { header: 'Nhiệm vụ', width: 25, align: 'left' },
          { header: 'Cơ quan chủ trì', width: 13, align: 'left' },
          { header: 'Thời hạn', width: 14, align: 'center' },
          { header: 'Kết quả thực hiện', width: 15, align: 'left' },
          { header: 'Khó khăn, vướng mắc', width: 13.5, align: 'left' },
          { header: 'Đề xuất, kiến nghị', width: 13.5, align: 'left' },
        ],
        rows: r.late.map((l, i) => ({
          kind: 'cells',
          cells: [String(i + 1), named(l), l.leads, `${l.deadline}\n(quá ${l.daysLate} ngày)`, `${l.progress}%${l.progressNote.trim() ? `\n${l.progressNote.trim()}` : ''}`, orDash(l.difficulties), orDash(l.proposals)],
        })),
      },
    });
  blocks.push({ kind: 'heading', text: `III. NHIỆM VỤ THƯỜNG XUYÊN, ĐỊNH KỲ: KẾT QUẢ ${r.period.label.toLocaleUpperCase('vi-VN')}` });
  if (r.recurring.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có nhiệm vụ thường xuyên, định kỳ trong phạm vi báo cáo.' });
  else
    blocks.push({
      kind: 'table',
      table: {
        columns: [
          { header: 'STT', width: 6, align: 'center' },
          { header: 'Nhiệm vụ', width: 34, align: 'left' },
          { header: 'Cơ quan chủ trì', width: 15, align: 'left' },
          { header: 'Chu kỳ', width: 10, align: 'center' },
          { header: 'Kỳ', width: 10, align: 'center' },
          { header: 'Kết quả kỳ này', width: 25, align: 'left' },
        ],
        rows: r.recurring.map((x, i) => ({ kind: 'cells', cells: [String(i + 1), named(x), x.leads, x.cadence, x.period, x.note.trim() ? `${x.stateLabel}: ${x.note.trim()}` : x.stateLabel] })),
      },
    });
  blocks.push({ kind: 'heading', text: `IV. GIA HẠN THỜI HẠN TRONG ${r.period.label.toLocaleUpperCase('vi-VN')}` });
  if (r.extensions.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có nhiệm vụ được gia hạn trong kỳ.' });
  else
    blocks.push({
      kind: 'table',
      table: {
        columns: [
          { header: 'STT', width: 6, align: 'center' },
          { header: 'Nhiệm vụ', width: 24, align: 'left' },
          { header: 'Cơ quan chủ trì', width: 13, align: 'left' },
          { header: 'Thời hạn cũ', width: 14, align: 'center' },
          { header: 'Thời hạn mới', width: 14, align: 'center' },
          { header: 'Lý do', width: 15, align: 'left' },
          { header: 'Người cho phép, ngày', width: 14, align: 'left' },
        ],
        rows: r.extensions.map((e, i) => ({ kind: 'cells', cells: [String(i + 1), named(e), e.leads, e.previousDue, e.due, e.reason, `${e.approvedBy}, ${e.grantedOn}`] })),
      },
    });
  if (r.checkpoint.length > 0) {
    blocks.push({ kind: 'heading', text: 'V. XÁC THỰC SỐ LIỆU' });
    r.checkpoint.forEach((line, i) => blocks.push(i === 0 ? { kind: 'paragraph', text: line } : { kind: 'paragraph', text: line, literal: true }));
  }
  return blocks;
}
