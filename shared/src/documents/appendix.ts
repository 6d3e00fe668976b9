// The Phụ lục (appendix) of a board or of its filtered view, as the plans print theirs: STT,
// content, lead and coordinating agencies, deadline, output, plus the task's status — grouped by
// the plan's sections, each group a bold row across the table.
import type { BoardSnapshot } from '../plugin.ts';
import type { Task } from '../model.ts';
import { classifyTask } from '../status.ts';
import { formatDateVi } from '../dates.ts';
import { attachedToLine, compareOrdinals, statusWords, describeScope, leadsText, partnersText, trackLabel, vietnameseDateLine } from './common.ts';

export interface AppendixColumn {
  key: 'ordinal' | 'content' | 'leads' | 'partners' | 'deadline' | 'output' | 'status';
  header: string;
  /** Share of the table's width, in percent (the columns add up to 100). */
  width: number;
  align: 'left' | 'center';
}

/** Columns as plans print them, plus Tình trạng; widths leave the content column the room it needs. */
export const APPENDIX_COLUMNS: readonly AppendixColumn[] = [
  { key: 'ordinal', header: 'STT', width: 5, align: 'center' },
  { key: 'content', header: 'Nội dung nhiệm vụ', width: 31, align: 'left' },
  { key: 'leads', header: 'Cơ quan chủ trì', width: 12, align: 'left' },
  { key: 'partners', header: 'Cơ quan phối hợp', width: 15, align: 'left' },
  { key: 'deadline', header: 'Thời hạn hoàn thành', width: 10, align: 'center' },
  { key: 'output', header: 'Kết quả đầu ra', width: 14, align: 'left' },
  { key: 'status', header: 'Tình trạng', width: 13, align: 'left' },
];

export type AppendixRow = { kind: 'group'; level: number; text: string } | { kind: 'task'; taskId: string; cells: string[] };

export interface AppendixDocument {
  /** "Phụ lục" — 14 pt bold, centred. */
  heading: string;
  /** The appendix's name, uppercase bold. */
  name: string;
  /** "(Kèm theo Kế hoạch số … ngày … của …)" in italics, or ''. */
  attachedTo: string;
  /** Which tasks, as of which day: a printed page must say it is partial. */
  scope: string;
  columns: readonly AppendixColumn[];
  rows: AppendixRow[];
  taskCount: number;
}

/** The deadline as printed, with the extension in force under it. */
function deadlineCell(t: Task): string {
  const printed = t.deadline.raw.trim() || (t.deadline.due ? formatDateVi(t.deadline.due) : '');
  const ext = t.extensions[t.extensions.length - 1];
  return ext ? `${printed}\n(gia hạn đến ${formatDateVi(ext.due)})` : printed;
}

function statusCell(t: Task, today: string): string {
  const label = statusWords(classifyTask(t, today));
  const waiting = t.column === 'review' ? ' – chờ xác nhận' : '';
  const progress = t.column !== 'done' && t.progress > 0 ? ` (${t.progress}%)` : '';
  return `${label}${waiting}${progress}`;
}

/**
 * Orders tasks as a plan lists them: by the board's track order, then by section (in the order the
 * sections first appear), then by printed number; tasks keep their board order where all else ties.
 */
function planOrder(snapshot: BoardSnapshot): Task[] {
  const trackIndex = new Map(snapshot.board.tracks.map((t, i) => [t.id, i]));
  const groupIndex = new Map<string, number>();
  for (const t of snapshot.tasks) {
    for (let depth = 1; depth <= t.group.length; depth++) {
      const key = t.group.slice(0, depth).join('\u0000');
      if (!groupIndex.has(key)) groupIndex.set(key, groupIndex.size);
    }
  }
  const pathKey = (t: Task): number[] => t.group.map((_, i) => groupIndex.get(t.group.slice(0, i + 1).join('\u0000'))!);
  const index = new Map(snapshot.tasks.map((t, i) => [t.id, i]));
  return [...snapshot.tasks].sort((a, b) => {
    const ta = trackIndex.get(a.track) ?? Number.MAX_SAFE_INTEGER;
    const tb = trackIndex.get(b.track) ?? Number.MAX_SAFE_INTEGER;
    if (ta !== tb) return ta - tb;
    const pa = pathKey(a);
    const pb = pathKey(b);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    if (pa.length !== pb.length) return pa.length - pb.length;
    return compareOrdinals(a.ordinal, b.ordinal) || index.get(a.id)! - index.get(b.id)!;
  });
}

/** Section levels every task shares (one appendix's own title) add nothing to a table: they are left out. */
function commonPrefixLength(tasks: readonly Task[]): number {
  if (tasks.length === 0) return 0;
  let n = Math.min(...tasks.map((t) => t.group.length));
  for (const t of tasks) {
    let i = 0;
    while (i < n && t.group[i] === tasks[0]!.group[i]) i++;
    n = i;
  }
  return n;
}

export function buildAppendix(snapshot: BoardSnapshot): AppendixDocument {
  const tasks = planOrder(snapshot);
  const skip = commonPrefixLength(tasks);
  const tracks = new Set(tasks.map((t) => t.track));
  const rows: AppendixRow[] = [];
  let openTrack: string | undefined;
  let open: string[] = [];
  for (const t of tasks) {
    // With several tracks the track is the outermost group, as the plans' Phụ lục I, II, III are.
    if (tracks.size > 1 && t.track !== openTrack) {
      rows.push({ kind: 'group', level: 0, text: trackLabel(snapshot.board, t.track).toLocaleUpperCase('vi-VN') });
      openTrack = t.track;
      open = [];
    }
    const path = t.group.slice(skip);
    let same = 0;
    while (same < Math.min(open.length, path.length) && open[same] === path[same]) same++;
    for (let level = same; level < path.length; level++) rows.push({ kind: 'group', level: level + 1, text: path[level]! });
    open = path;
    rows.push({
      kind: 'task',
      taskId: t.id,
      cells: [t.ordinal, t.content, leadsText(t), partnersText(t), deadlineCell(t), t.output, statusCell(t, snapshot.today)],
    });
  }
  const agency = snapshot.view?.agency;
  return {
    heading: 'Phụ lục',
    name: `DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN${agency ? ` CỦA ${agency.toLocaleUpperCase('vi-VN')}` : ''}`,
    attachedTo: attachedToLine(snapshot.board),
    scope: `${describeScope(snapshot)}; tình trạng tính đến ${vietnameseDateLine(snapshot.today)}.`,
    columns: APPENDIX_COLUMNS,
    rows,
    taskCount: tasks.length,
  };
}
