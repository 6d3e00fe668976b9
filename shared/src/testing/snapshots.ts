// Board snapshots for exporter tests, benches and the render script: a plan's tasks put in every
// state a report distinguishes (each column, late and on time, progress, difficulties, proposals,
// extensions, recurring reports), chosen by a fixed rule from the task's index so runs agree.
import type { Agency, Board, BoardSettings, Plan, Task } from '../model.ts';
import type { BoardSnapshot } from '../plugin.ts';
import { blankBoard } from '../factories.ts';
import { taskFromDraft } from '../operations.ts';
import { addDays } from '../dates.ts';
import { isPeriodCadence, periodKey } from '../periods.ts';
import { emptyFilters } from '../filters.ts';

/** Settings a standing agency would enter for its reports (the render script and tests print them). */
export const SAMPLE_SETTINGS: Partial<BoardSettings> = {
  issuerParent: 'UBND tỉnh Thái Nguyên',
  issuer: 'Sở Khoa học và Công nghệ',
  numberSuffix: 'BC-SKHCN',
  place: 'Thái Nguyên',
  signerAuthority: 'KT. Giám đốc',
  signerTitle: 'Phó Giám đốc',
  signerName: 'Nguyễn Văn An',
  recipients: ['UBND tỉnh (b/c)', 'Ban Chỉ đạo tỉnh (b/c)', 'Các sở, ban, ngành', 'UBND các xã, phường'],
};

export interface SnapshotOptions {
  today: string;
  boardId?: string;
  agencies?: Agency[];
  settings?: Partial<BoardSettings>;
  /** Repeat the plan's tasks until there are this many (benches). */
  count?: number;
  /** Leave every task as imported ("Chưa thực hiện", nothing reported). */
  pristine?: boolean;
}

/** Puts task `i` in a state chosen by `i`, so every column and report section has members. */
function worked(t: Task, i: number, today: string): Task {
  const column = (['todo', 'doing', 'review', 'done', 'doing'] as const)[i % 5]!;
  const out: Task = { ...t, column, progress: column === 'done' ? 100 : column === 'todo' ? 0 : 20 + ((i * 15) % 70) };
  if (column === 'done') out.completedAt = t.deadline.due && i % 2 === 0 ? addDays(t.deadline.due, -3) : addDays(today, -(i % 20));
  if (i % 4 === 1) {
    out.difficulties = 'Chưa bố trí được kinh phí; nhân lực chuyên trách về chuyển đổi số còn thiếu.';
    out.proposals = 'Đề nghị Sở Tài chính tham mưu bố trí kinh phí trong quý I/2026.';
    out.progressNote = 'Đã xây dựng dự thảo, đang lấy ý kiến các đơn vị.';
  }
  if (i % 11 === 3 && t.deadline.due) {
    out.extensions = [
      { id: `x${i}`, previousDue: t.deadline.due, due: addDays(t.deadline.due, 45), reason: 'Chờ hướng dẫn của Bộ Khoa học và Công nghệ', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: `${addDays(today, -(i % 9))}T03:00:00.000Z` },
    ];
  }
  const cadence = t.deadline.cadence;
  if (cadence && isPeriodCadence(cadence) && i % 3 !== 0) {
    out.periodReports = [{ period: periodKey(today, cadence), done: i % 3 === 1, note: 'Đã cập nhật số liệu lên hệ thống, gửi báo cáo đúng hạn.', at: `${today}T02:00:00.000Z` }];
  } else if (!cadence && t.deadline.kind === 'recurring' && i % 2 === 0) {
    out.periodReports = [{ period: periodKey(today, 'monthly'), done: true, note: 'Thực hiện thường xuyên theo kế hoạch.', at: `${today}T02:00:00.000Z` }];
  }
  return out;
}

/** A snapshot of a board made from `plan`, as the export route would hand it to an exporter (whole board, no filter). */
export function snapshotFromPlan(plan: Plan, o: SnapshotOptions): BoardSnapshot {
  const at = '2025-11-20T01:00:00.000Z';
  const boardId = o.boardId ?? plan.id;
  const count = o.count ?? plan.tasks.length;
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) {
    const draft = plan.tasks[i % plan.tasks.length]!;
    const task = taskFromDraft(draft, { id: `t-${i + 1}`, boardId, rank: (i + 1) * 1024, at });
    tasks.push(o.pristine ? task : worked(task, i, o.today));
  }
  const board: Board = blankBoard({
    id: boardId,
    title: plan.title,
    agencies: o.agencies ?? [],
    indicators: plan.indicators,
    rhythm: plan.rhythm,
    plan: { title: plan.title, issuer: plan.issuer, number: plan.number, province: plan.province, ...(plan.date ? { date: plan.date } : {}) },
    revision: 1,
    createdAt: at,
  });
  board.settings = { ...board.settings, ...o.settings };
  return { board, tasks, checks: {}, today: o.today, view: { scope: 'board', filters: emptyFilters(), boardTotal: tasks.length } };
}
