// Progress reports (Báo cáo kết quả thực hiện): what a status cell says about a task — the board
// column it belongs in, whether it is late, a percentage — and the "result so far" note.
import type { ColumnId } from '../model.ts';
import { fold } from '../fold.ts';

/** What a report row says about its task. */
export interface ReportReading {
  /** The status cell as printed ("Đang thực hiện, chậm tiến độ"). */
  statusText: string;
  /** The board column the status names; absent when it names none ("Quá hạn", "Chưa hoàn thành"). */
  column?: ColumnId;
  /** "Chậm tiến độ", "Quá hạn", "Hoàn thành quá hạn". */
  late: boolean;
  /** "Đạt 80%", "Hoàn thành 60%". */
  progress?: number;
  /** The result so far ("Tình hình thực hiện"), as printed. */
  note: string;
  /** "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị", when the report has such columns. */
  difficulties?: string;
  proposals?: string;
}

/** The cells of one report row that say where its task stands. */
export interface ReportCells {
  status: string;
  note: string;
  /** The percent column's reading ("Tỷ lệ hoàn thành": 80), when the report has one and it read. */
  progress?: number;
  difficulties?: string;
  proposals?: string;
}

/** Status phrases, folded, most specific first; the first found at a clause start decides the column. */
const PHRASES: Array<[RegExp, ColumnId | undefined]> = [
  [/^chua (?:thuc hien|trien khai|bat dau|khoi dong)\b/, 'todo'],
  [/^chua hoan thanh\b/, undefined],
  [/^(?:dang|van dang|tiep tuc) (?:thuc hien|trien khai|xay dung|hoan thien|trien khai thuc hien|to chuc|lam)\b/, 'doing'],
  [/^cham (?:tien do|tien do thuc hien)\b/, 'doing'],
  [/^cho (?:xac nhan|nghiem thu|phe duyet|tham dinh)\b/, 'review'],
  [/^(?:da )?hoan thanh\b/, 'done'],
  [/^(?:da )?xong\b/, 'done'],
  [/^(?:qua han|tre han|cham)\b/, undefined],
];
const LATE = /\b(?:cham tien do|qua han|tre han|cham so voi|khong dung han|cham)\b/;
const PERCENT = /(\d{1,3})(?:[.,]\d+)?\s*%/;

/** Clauses of a status cell: "Đang thực hiện, chậm tiến độ" → two. */
function clauses(folded: string): string[] {
  return folded
    .split(/[.,;:()\n-]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * Reads a report's status cell and its "result so far" cell. Either may be empty; a result
 * that opens with a status ("Đã hoàn thành. Ban hành Quyết định …") gives the status too, and a
 * percent printed in the status ("Đạt 80%") the progress, unless a percent column gave it.
 * Returns undefined when neither says anything.
 */
export function readReport(cells: ReportCells): ReportReading | undefined {
  const status = cells.status.trim();
  const note = cells.note.trim();
  const difficulties = cells.difficulties?.trim() ?? '';
  const proposals = cells.proposals?.trim() ?? '';
  if (status === '' && note === '' && difficulties === '' && proposals === '' && cells.progress === undefined) return undefined;
  const reading: ReportReading = { statusText: status, late: false, note };
  if (difficulties) reading.difficulties = difficulties;
  if (proposals) reading.proposals = proposals;
  const source = status !== '' ? status : note;
  const folded = fold(source.slice(0, 400));
  const parts = clauses(folded);
  // Without a status column, only a note that opens with a short status clause gives a column.
  const candidates = status !== '' ? parts : parts.slice(0, 1).filter((c) => c.split(' ').length <= 6);
  for (const part of candidates) {
    const hit = PHRASES.find(([re]) => re.test(part));
    if (hit) {
      if (hit[1] !== undefined && reading.column === undefined) reading.column = hit[1];
      if (status === '' && reading.statusText === '') reading.statusText = source.split(/[.,;:\n]/)[0]!.trim();
      break;
    }
  }
  const late = status !== '' ? LATE.test(folded) : candidates.some((c) => LATE.test(c));
  reading.late = late;
  if (cells.progress !== undefined) {
    // A column of its own says the percent: it is the progress. The status words, when they name a
    // column, keep it ("Hoàn thành" with 95% stays done, as the unit said); without them the percent places the task.
    reading.progress = cells.progress;
    if (reading.column === undefined) reading.column = cells.progress >= 100 ? 'done' : cells.progress > 0 ? 'doing' : 'todo';
    return reading;
  }
  const percent = PERCENT.exec(status !== '' ? status : (candidates[0] ?? ''));
  if (percent) {
    const p = Math.min(100, Number(percent[1]));
    reading.progress = p;
    if (reading.column === undefined || reading.column === 'done') reading.column = p >= 100 ? 'done' : p > 0 ? 'doing' : 'todo';
  } else if (reading.column === 'done') reading.progress = 100;
  return reading;
}
