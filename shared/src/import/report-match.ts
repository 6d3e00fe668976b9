// Matches a progress report's rows to the tasks of the board that holds its plan — by section
// and number first, then by content — and says, per matched task, what the report changes
// (column from the status, progress, a progress note), plus the rows it could not match.
import { z } from 'zod';
import type { ColumnId, Task, TaskDraft } from '../model.ts';
import { ColumnId as ColumnIdSchema, IsoDate } from '../model.ts';
import { fold } from '../fold.ts';
import { taskAddress } from '../address.ts';

/** One task's update from one report row: what `tasks.applyReport` writes. */
export const ReportUpdate = z
  .object({
    taskId: z.string().min(1).max(100),
    /** The task's version when the match was made: the write is refused if it changed since. */
    expectedVersion: z.number().int().nonnegative(),
    column: ColumnIdSchema.optional(),
    progress: z.number().int().min(0).max(100).optional(),
    /** The result so far, as the report printed it; becomes a progress note. */
    note: z.string().max(20_000),
    /** The status as printed ("Đang thực hiện, chậm tiến độ"). */
    status: z.string().max(2000),
    late: z.boolean(),
    difficulties: z.string().max(20_000).optional(),
    proposals: z.string().max(20_000).optional(),
    /**
     * The completion date the report prints ("Ngày hoàn thành"), for a row whose status says the task is
     * done; written only if the task ends up in "Hoàn thành", as a new import keeps it (`taskFromDraft`).
     */
    completedAt: IsoDate.optional(),
  })
  .strict();
export type ReportUpdate = z.infer<typeof ReportUpdate>;

export interface ReportMatch {
  /** Index of the row among the report's rows. */
  row: number;
  taskId: string;
  /** The board's task the row will update, as a person checks it before anything is written. */
  task: { address: string; content: string };
  /** How it was matched: same section and number, or similar content. */
  by: 'number' | 'content';
  /** Word overlap of the row's and the task's content, 0–1. */
  score: number;
  update: ReportUpdate;
}

export interface ReportUnmatched {
  row: number;
  /** Why no task was taken, in Vietnamese. */
  reason: string;
}

export interface ReportMatchResult {
  matched: ReportMatch[];
  unmatched: ReportUnmatched[];
}

const STOP = new Set('cac va cua cho tren dia ban tinh trong theo voi de ve tai nhung mot la duoc co cua thuc hien trien khai'.split(' '));

function words(text: string): Set<string> {
  return new Set(fold(text).split(' ').filter((w) => w.length > 1 && !STOP.has(w)));
}

/**
 * How much two contents share, 0–1: the mean of the overlap over the shorter text (a report
 * shortens the task) and the overlap over both (so a short row does not fit every long task that
 * contains its words equally well).
 */
export function contentSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const shorter = Math.min(a.size, b.size);
  const contained = (common / shorter) * (shorter >= 3 ? 1 : 0.6);
  const dice = (2 * common) / (a.size + b.size);
  return (contained + dice) / 2;
}

/** "3.", "3)", " 03 " → "3"; "I.3" stays. */
const normaliseOrdinal = (o: string | undefined): string => (o ?? '').trim().replace(/[.)\s]+$/, '').replace(/^0+(?=\d)/, '').toLowerCase();

/** The ordinals of a group path: "Phụ lục II" → "pl:ii", "I. …" → "i", "Nhóm 8 - …" → "n8", "2. …" → "2". */
function sectionKeys(group: readonly string[] | undefined): Set<string> {
  const keys = new Set<string>();
  for (const g of group ?? []) {
    const f = fold(g);
    const appendix = /^phu luc(?: so)? ([ivxlc]+|\d+)\b/.exec(f);
    if (appendix) keys.add(`pl:${appendix[1]}`);
    const roman = /^([ivxlc]+)(?:\.\d+)? /.exec(f);
    if (roman) keys.add(roman[1]!);
    const nhom = /^(?:[ivxlc]+\.\d+ )?nhom (\d+)\b/.exec(f);
    if (nhom) keys.add(`n${nhom[1]}`);
    const numbered = /^(\d+(?:\.\d+)*) /.exec(f);
    if (numbered) keys.add(numbered[1]!);
  }
  return keys;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const k of a) if (b.has(k)) n++;
  return n;
}

const shownTask = (t: Task): ReportMatch['task'] => ({ address: taskAddress(t).short || t.ordinal, content: t.content });

function updateFor(task: Task, draft: TaskDraft): ReportUpdate {
  const r = draft.report!;
  return {
    taskId: task.id,
    expectedVersion: task.version,
    ...(r.column && r.column !== task.column ? { column: r.column as ColumnId } : {}),
    ...(r.progress !== undefined ? { progress: r.progress } : {}),
    note: r.note,
    status: r.statusText,
    late: r.late,
    ...(r.difficulties ? { difficulties: r.difficulties } : {}),
    ...(r.proposals ? { proposals: r.proposals } : {}),
    // A date on a row not reported done says nothing the board keeps (the reader warned of it).
    ...(r.column === 'done' && draft.completedAt ? { completedAt: draft.completedAt } : {}),
  };
}

/** Below this, two contents are not the same task. */
const SAME_NUMBER_MIN = 0.25;
/**
 * A number alone (no section in common: a report numbering its rows 1, 2, 3 on its own) needs the
 * contents to agree at least this much: "3" of the report is not "3" of Phụ lục I at a 0.32 likeness.
 */
const NUMBER_ALONE_MIN = 0.5;
/** A number match this alike is not second-guessed against the rest of the board. */
const NUMBER_SURE = 0.8;
const CONTENT_MIN = 0.6;
/** A content match must beat the next best task by this much, or it is too uncertain to take. */
const CONTENT_MARGIN = 0.15;

/**
 * Matches the report's rows (drafts carrying `report`) to the board's tasks. A row goes to the
 * task with the same number in the same section (its content must not contradict it), or with the
 * same number alone when the contents agree and no other task's content fits it clearly better;
 * rows left go to the task whose content they share most, when that is clear. Each task is matched once.
 * Rows without a status or result are not updates and are listed as unmatched with a reason.
 */
export function matchReport(tasks: readonly Task[], rows: readonly TaskDraft[]): ReportMatchResult {
  const taskWords = new Map(tasks.map((t) => [t.id, words(t.content)]));
  const taskSections = new Map(tasks.map((t) => [t.id, sectionKeys(t.group)]));
  const byOrdinal = new Map<string, Task[]>();
  for (const t of tasks) {
    const o = normaliseOrdinal(t.ordinal);
    if (o === '') continue;
    byOrdinal.set(o, [...(byOrdinal.get(o) ?? []), t]);
  }
  const taken = new Set<string>();
  const matched: ReportMatch[] = [];
  const unmatched: ReportUnmatched[] = [];
  const pending: number[] = [];

  rows.forEach((row, i) => {
    if (!row.report) {
      unmatched.push({ row: i, reason: 'Dòng không ghi tiến độ hay kết quả thực hiện' });
      return;
    }
    const rowWords = words(row.content);
    const rowSections = sectionKeys(row.group);
    const candidates = (byOrdinal.get(normaliseOrdinal(row.ordinal)) ?? []).filter((t) => !taken.has(t.id));
    const ranked = candidates
      .map((t) => ({ t, sections: overlap(rowSections, taskSections.get(t.id)!), score: contentSimilarity(rowWords, taskWords.get(t.id)!) }))
      .filter((c) => rowWords.size === 0 || c.score >= SAME_NUMBER_MIN)
      .sort((a, b) => b.sections - a.sections || b.score - a.score);
    const best = ranked[0];
    const runnerUp = ranked[1];
    const clear = best && (!runnerUp || best.sections > runnerUp.sections || best.score - runnerUp.score >= CONTENT_MARGIN);
    // The number must be backed by the section or by the content, and no other task's content may fit
    // the row clearly better: then the row is the other task's, and the content pass takes it.
    const backed = best && (best.sections > 0 || rowWords.size === 0 || best.score >= NUMBER_ALONE_MIN);
    const outdone = best && rowWords.size > 0 && best.score < NUMBER_SURE && tasks.some((t) => t.id !== best.t.id && !taken.has(t.id) && contentSimilarity(rowWords, taskWords.get(t.id)!) >= Math.max(CONTENT_MIN, best.score + CONTENT_MARGIN));
    if (best && clear && backed && !outdone) {
      taken.add(best.t.id);
      matched.push({ row: i, taskId: best.t.id, task: shownTask(best.t), by: 'number', score: best.score, update: updateFor(best.t, row) });
    } else pending.push(i);
  });

  for (const i of pending) {
    const row = rows[i]!;
    const rowWords = words(row.content);
    let best: { t: Task; score: number } | undefined;
    let second = 0;
    for (const t of tasks) {
      if (taken.has(t.id)) continue;
      const score = contentSimilarity(rowWords, taskWords.get(t.id)!);
      if (!best || score > best.score) {
        second = best?.score ?? 0;
        best = { t, score };
      } else if (score > second) second = score;
    }
    if (best && best.score >= CONTENT_MIN && best.score - second >= CONTENT_MARGIN) {
      taken.add(best.t.id);
      matched.push({ row: i, taskId: best.t.id, task: shownTask(best.t), by: 'content', score: best.score, update: updateFor(best.t, row) });
    } else {
      unmatched.push({
        row: i,
        reason: best && best.score >= CONTENT_MIN ? 'Nội dung giống nhiều nhiệm vụ trên bảng như nhau, không chọn được một' : 'Không có nhiệm vụ nào trên bảng cùng số thứ tự và nội dung',
      });
    }
  }
  matched.sort((a, b) => a.row - b.row);
  unmatched.sort((a, b) => a.row - b.row);
  return { matched, unmatched };
}
