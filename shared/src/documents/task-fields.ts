// Every field of a task as a spreadsheet column, with its Vietnamese header, its type and a width:
// the CSV exporter writes them as text, the Excel exporter as typed cells (dates as dates, progress
// as a number), so both files hold the same columns in the same order.
import type { Task } from '../model.ts';
import { COLUMNS } from '../vocabulary.ts';
import { GROUP_PATH_SEPARATOR } from '../import/tables.ts';
import type { BoardSnapshot, CheckResult } from '../plugin.ts';
import { classifyTask } from '../status.ts';
import { checkScore } from '../checklist/rules.ts';
import { formatDateVi, todayInVietnam } from '../dates.ts';
import { statusWords, trackLabel } from './common.ts';

export interface FieldContext {
  snapshot: BoardSnapshot;
  checks: readonly CheckResult[];
}

export type TaskFieldValue = string | number | undefined;

export interface TaskExportField {
  header: string;
  kind: 'text' | 'date' | 'number';
  /** Column width in characters (Excel's unit). */
  width: number;
  /** Centred in a spreadsheet (STT); dates and numbers are centred anyway. */
  center?: boolean;
  /** Text, a number, or an ISO date (`YYYY-MM-DD`) for date fields; undefined for an empty cell. */
  value(task: Task, ctx: FieldContext): TaskFieldValue;
}

const join = (values: readonly string[]): string => values.filter((v) => v.trim() !== '').join('; ');
const dayOf = (instant: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(instant) ? instant : todayInVietnam(new Date(instant)));

/**
 * The columns, in order. The first ones are the plan's (the importer reads them back); "Lĩnh vực"
 * places the task's lane; "Tiến độ", "Phần trăm", "Người phụ trách" and "Ngày hoàn thành" carry the
 * board state a re-import restores.
 */
export const TASK_EXPORT_FIELDS: readonly TaskExportField[] = [
  { header: 'STT', kind: 'text', width: 6, center: true, value: (t) => t.ordinal },
  // The importer splits this back into the path (the separator marks the cell as a whole path).
  { header: 'Nhóm', kind: 'text', width: 28, value: (t) => t.group.join(GROUP_PATH_SEPARATOR) },
  { header: 'Nội dung', kind: 'text', width: 60, value: (t) => t.content },
  { header: 'Cơ quan chủ trì', kind: 'text', width: 24, value: (t) => (t.leads.length > 0 ? join(t.leads) : t.leadsText) },
  { header: 'Cơ quan phối hợp', kind: 'text', width: 28, value: (t) => (t.partners.length > 0 ? join(t.partners) : t.partnersText) },
  { header: 'Thời hạn', kind: 'text', width: 18, value: (t) => t.deadline.raw },
  { header: 'Hạn (ngày)', kind: 'date', width: 12, value: (t) => t.deadline.due },
  { header: 'Kết quả đầu ra', kind: 'text', width: 28, value: (t) => t.output },
  { header: 'Văn bản giao nhiệm vụ', kind: 'text', width: 24, value: (t) => t.sourceDoc },
  { header: 'Người phụ trách', kind: 'text', width: 18, value: (t) => t.owner },
  { header: 'Người phê duyệt', kind: 'text', width: 18, value: (t) => t.approver },
  { header: 'Lĩnh vực', kind: 'text', width: 12, value: (t, c) => trackLabel(c.snapshot.board, t.track) },
  { header: 'Tiến độ', kind: 'text', width: 16, value: (t) => COLUMNS.find((c) => c.id === t.column)?.label ?? t.column },
  { header: 'Phần trăm', kind: 'number', width: 10, value: (t) => t.progress },
  { header: 'Tình trạng', kind: 'text', width: 24, value: (t, c) => statusWords(classifyTask(t, c.snapshot.today)) },
  { header: '5 rõ', kind: 'text', width: 6, value: (_t, c) => (c.checks.length > 0 ? checkScore(c.checks) : '') },
  { header: 'Chưa rõ', kind: 'text', width: 30, value: (_t, c) => join(c.checks.filter((x) => !x.pass).map((x) => `${x.label}: ${x.reason}`)) },
  { header: 'Kết quả thực hiện', kind: 'text', width: 30, value: (t) => t.progressNote },
  { header: 'Minh chứng', kind: 'text', width: 30, value: (t) => join(t.evidence.map((e) => (e.url ? `${e.label} (${e.url})` : e.label))) },
  { header: 'Khó khăn', kind: 'text', width: 30, value: (t) => t.difficulties },
  { header: 'Đề xuất', kind: 'text', width: 30, value: (t) => t.proposals },
  { header: 'Kết luận', kind: 'text', width: 30, value: (t) => join(t.conclusions.map((n) => n.text)) },
  {
    header: 'Báo cáo định kỳ',
    kind: 'text',
    width: 30,
    value: (t) => join(t.periodReports.map((r) => `${r.period}: ${r.done ? 'đã thực hiện' : 'chưa thực hiện'}${r.note.trim() ? ` – ${r.note.trim()}` : ''}`)),
  },
  {
    header: 'Gia hạn',
    kind: 'text',
    width: 30,
    value: (t) => join(t.extensions.map((e) => `đến ${formatDateVi(e.due)} (${e.approvedBy}, ${formatDateVi(dayOf(e.at))}: ${e.reason})`)),
  },
  { header: 'Hạn sau gia hạn', kind: 'date', width: 14, value: (t) => t.extensions[t.extensions.length - 1]?.due },
  { header: 'Ngày hoàn thành', kind: 'date', width: 14, value: (t) => t.completedAt },
  { header: 'Mã', kind: 'text', width: 14, value: (t) => t.id },
];

/** The value of every field for every task of the snapshot, in order. */
export function taskFieldRows(snapshot: BoardSnapshot): TaskFieldValue[][] {
  return snapshot.tasks.map((t) => {
    const ctx: FieldContext = { snapshot, checks: snapshot.checks[t.id] ?? [] };
    return TASK_EXPORT_FIELDS.map((f) => f.value(t, ctx));
  });
}
