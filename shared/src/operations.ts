// Every write to a board is a named operation; `applyOperation` is the pure state transition
// shared by every repository (lowdb today, PostgreSQL later) and by journal replay.
import { z } from 'zod';
import { Agency, Board, ColumnId, Deadline, IsoDate, Task, TaskDraft, TrackId } from './model.ts';
import { ReportUpdate } from './import/report-match.ts';
import { todayInVietnam } from './dates.ts';

/** Rank distance between neighbours after a renormalisation, and for a card placed at either end of a cell. */
export const RANK_STEP = 1024;
/** Below this gap two neighbours cannot be split again without float trouble, so the cell is renumbered. */
export const MIN_RANK_GAP = 1e-6;

/** Task fields an edit may change. Place (track, column, rank) only changes through `task.move`; ids and versions never. */
export const TaskPatch = Task.pick({
  ordinal: true,
  group: true,
  content: true,
  leads: true,
  leadsText: true,
  partners: true,
  partnersText: true,
  deadline: true,
  output: true,
  sourceDoc: true,
  owner: true,
  approver: true,
  progress: true,
  evidence: true,
  difficulties: true,
  proposals: true,
  conclusions: true,
  comments: true,
})
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof TaskPatch>;

/** `PATCH /api/boards/:boardId/tasks/:taskId`: the version the client saw plus the fields to change. */
export const UpdateTaskRequest = TaskPatch.extend({
  version: z.number().int().nonnegative(),
  /** The deadline as a person types it ("Quý I/2026", "Thường xuyên") is read by the shared parser; a parsed object is taken as is. */
  deadline: z.union([z.string().max(500), Deadline]).optional(),
}).strict();
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

/** ISO instant of the write (`new Date().toISOString()`), recorded so replay is deterministic. */
const At = z.string().min(1);

export const BoardCreateOp = z.object({ type: z.literal('board.create'), board: Board, tasks: z.array(Task), at: At.optional() });
export const TaskMoveOp = z.object({
  type: z.literal('task.move'),
  boardId: z.string(),
  taskId: z.string(),
  expectedVersion: z.number().int().nonnegative(),
  track: TrackId,
  column: ColumnId,
  afterId: z.string().nullable(),
  at: At,
  /** "Today" in Vietnam when the move happened, if pinned (DONDOC_TODAY); else derived from `at`. */
  today: IsoDate.optional(),
});
export const TaskUpdateOp = z.object({
  type: z.literal('task.update'),
  boardId: z.string(),
  taskId: z.string(),
  expectedVersion: z.number().int().nonnegative(),
  patch: TaskPatch,
  at: At,
});
export const TasksImportOp = z.object({
  type: z.literal('tasks.import'),
  boardId: z.string(),
  tasks: z.array(Task),
  /** Directory entries the import adds to the board (new agencies, or aliases of known ones), written with the tasks. */
  agencies: z.array(Agency).optional(),
  at: At,
});
/**
 * A progress report read onto the board that holds its plan: per matched task, its new column,
 * progress and a progress note. Every task is version-checked; one stale task refuses the whole.
 */
export const TasksApplyReportOp = z.object({
  type: z.literal('tasks.applyReport'),
  boardId: z.string(),
  updates: z.array(ReportUpdate).min(1),
  /** The report's title or file name, kept on each note. */
  source: z.string(),
  at: At,
  today: IsoDate.optional(),
});

export const Operation = z.discriminatedUnion('type', [BoardCreateOp, TaskMoveOp, TaskUpdateOp, TasksImportOp, TasksApplyReportOp]);
export type Operation = z.infer<typeof Operation>;
export type OperationType = Operation['type'];

/** Everything a repository holds: boards, and each board's tasks by id. Plain JSON so it is also the snapshot body. */
export interface BoardState {
  boards: Record<string, Board>;
  tasks: Record<string, Record<string, Task>>;
}

export const emptyState = (): BoardState => ({ boards: {}, tasks: {} });

export type OperationFailure =
  | { kind: 'not-found'; entity: 'board' | 'task'; id: string; message: string; messageEn: string }
  | { kind: 'conflict'; current: Task; message: string; messageEn: string }
  | { kind: 'invalid'; field: string; message: string; messageEn: string };

/** What a successful operation changed: the board after it, and every task written (the moved/edited one first). */
export interface OperationChange {
  board: Board;
  tasks: Task[];
}

export type OperationResult = { ok: true; change: OperationChange } | { ok: false; failure: OperationFailure };

const fail = (failure: OperationFailure): OperationResult => ({ ok: false, failure });

const boardNotFound = (id: string): OperationResult =>
  fail({ kind: 'not-found', entity: 'board', id, message: `Không tìm thấy bảng "${id}"`, messageEn: `Board "${id}" not found` });
const taskNotFound = (id: string): OperationResult =>
  fail({ kind: 'not-found', entity: 'task', id, message: `Không tìm thấy nhiệm vụ "${id}"`, messageEn: `Task "${id}" not found` });
const conflict = (current: Task): OperationResult =>
  fail({
    kind: 'conflict',
    current,
    message: `Nhiệm vụ đã được người khác cập nhật (phiên bản ${current.version}); hãy tải lại và thử lại`,
    messageEn: `The task was changed by someone else (now version ${current.version}); reload and retry`,
  });

/** Tasks of one (track, column) cell in rank order. */
export function cellTasks(tasks: Iterable<Task>, track: string, column: ColumnId): Task[] {
  const cell: Task[] = [];
  for (const t of tasks) if (t.track === track && t.column === column) cell.push(t);
  return cell.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Display order for a whole board: by the board's track order, then column order, then rank. */
export function sortTasksForDisplay(tasks: Task[], board: Board): Task[] {
  const trackIndex = new Map(board.tracks.map((t, i) => [t.id, i]));
  const columnIndex = new Map(ColumnId.options.map((c, i) => [c, i]));
  const ti = (t: Task) => trackIndex.get(t.track) ?? Number.MAX_SAFE_INTEGER;
  return [...tasks].sort(
    (a, b) =>
      ti(a) - ti(b) ||
      (a.track < b.track ? -1 : a.track > b.track ? 1 : 0) ||
      columnIndex.get(a.column)! - columnIndex.get(b.column)! ||
      a.rank - b.rank ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Where a card lands when placed right after `afterId` (null: first) in `cell` (which must not contain the card).
 * Returns the new rank, or the renumbered cell when the neighbours are too close to split.
 */
export function rankAfter(
  cell: ReadonlyArray<{ id: string; rank: number }>,
  afterId: string | null,
): { rank: number } | { renumber: Array<{ id: string; rank: number }>; index: number } | undefined {
  const index = afterId === null ? 0 : cell.findIndex((t) => t.id === afterId) + 1;
  if (index === 0 && afterId !== null) return undefined;
  const prev = cell[index - 1];
  const next = cell[index];
  if (!prev && !next) return { rank: RANK_STEP };
  if (!prev) return { rank: next!.rank - RANK_STEP };
  if (!next) return { rank: prev.rank + RANK_STEP };
  const mid = (prev.rank + next.rank) / 2;
  if (next.rank - prev.rank >= MIN_RANK_GAP * 2 && mid > prev.rank && mid < next.rank) return { rank: mid };
  // Too close: renumber the whole cell with even steps, leaving a slot at `index` for the moved card.
  const renumber = cell.map((t, i) => ({ id: t.id, rank: (i < index ? i + 1 : i + 2) * RANK_STEP }));
  return { renumber, index };
}

/** Builds a board task from a plan's draft; the caller picks id, rank and time so the result is deterministic. */
export function taskFromDraft(draft: TaskDraft, opts: { id: string; boardId: string; rank: number; at: string; column?: ColumnId }): Task {
  return {
    id: opts.id,
    boardId: opts.boardId,
    version: 1,
    track: draft.track,
    // A progress report's row lands in the column its status names, with its progress.
    column: opts.column ?? draft.report?.column ?? 'todo',
    rank: opts.rank,
    ordinal: draft.ordinal ?? '',
    group: draft.group ?? [],
    content: draft.content,
    leads: draft.leads,
    leadsText: draft.leadsText ?? draft.leads.join(', '),
    partners: draft.partners,
    partnersText: draft.partnersText ?? draft.partners.join(', '),
    deadline: draft.deadline,
    output: draft.output ?? '',
    sourceDoc: draft.sourceDoc ?? '',
    owner: '',
    approver: '',
    progress: draft.report?.progress ?? 0,
    evidence: [],
    difficulties: draft.report?.difficulties ?? '',
    proposals: draft.report?.proposals ?? '',
    conclusions: [],
    comments: [],
    ...(draft.report && (draft.report.note || draft.report.statusText)
      ? {
          progressNotes: [
            { id: `${opts.id}-r1`, text: draft.report.note, ...(draft.report.statusText ? { status: draft.report.statusText } : {}), ...(draft.report.late ? { late: true } : {}), at: opts.at },
          ],
        }
      : {}),
    createdAt: opts.at,
    updatedAt: opts.at,
  };
}

/** Computes what `op` would change without touching `state`; a failure leaves nothing half-done. */
export function planOperation(state: BoardState, op: Operation): OperationResult {
  switch (op.type) {
    case 'board.create':
      return planBoardCreate(state, op);
    case 'task.move':
      return planMove(state, op);
    case 'task.update':
      return planUpdate(state, op);
    case 'tasks.import':
      return planImport(state, op);
    case 'tasks.applyReport':
      return planApplyReport(state, op);
  }
}

/** Writes a planned change into `state`. Task and board objects are replaced, never mutated, so earlier readers keep a consistent view. */
export function commitChange(state: BoardState, change: OperationChange): void {
  state.boards[change.board.id] = change.board;
  const tasks = (state.tasks[change.board.id] ??= {});
  for (const t of change.tasks) tasks[t.id] = t;
}

/** The reducer: plans `op` against `state` and, if it succeeds, commits it in place. */
export function applyOperation(state: BoardState, op: Operation): OperationResult {
  const result = planOperation(state, op);
  if (result.ok) commitChange(state, result.change);
  return result;
}

const bumpBoard = (board: Board, at: string): Board => ({ ...board, revision: board.revision + 1, updatedAt: at });

function planBoardCreate(state: BoardState, op: z.infer<typeof BoardCreateOp>): OperationResult {
  const { board, tasks } = op;
  if (state.boards[board.id])
    return fail({ kind: 'invalid', field: 'board.id', message: `Bảng "${board.id}" đã tồn tại`, messageEn: `Board "${board.id}" already exists` });
  const seen = new Set<string>();
  for (const [i, t] of tasks.entries()) {
    if (t.boardId !== board.id)
      return fail({ kind: 'invalid', field: `tasks.${i}.boardId`, message: `Nhiệm vụ "${t.id}" không thuộc bảng "${board.id}"`, messageEn: `Task "${t.id}" does not belong to board "${board.id}"` });
    if (seen.has(t.id))
      return fail({ kind: 'invalid', field: `tasks.${i}.id`, message: `Mã nhiệm vụ "${t.id}" bị trùng`, messageEn: `Duplicate task id "${t.id}"` });
    seen.add(t.id);
  }
  return { ok: true, change: { board, tasks } };
}

function planMove(state: BoardState, op: z.infer<typeof TaskMoveOp>): OperationResult {
  const board = state.boards[op.boardId];
  if (!board) return boardNotFound(op.boardId);
  const tasks = state.tasks[op.boardId] ?? {};
  const task = tasks[op.taskId];
  if (!task) return taskNotFound(op.taskId);
  if (task.version !== op.expectedVersion) return conflict(task);
  if (!board.tracks.some((t) => t.id === op.track))
    return fail({ kind: 'invalid', field: 'track', message: `Bảng không có nhóm "${op.track}"`, messageEn: `The board has no track "${op.track}"` });
  if (op.afterId === op.taskId)
    return fail({ kind: 'invalid', field: 'afterId', message: 'Không thể đặt nhiệm vụ sau chính nó', messageEn: 'A task cannot be placed after itself' });
  const cell = cellTasks(Object.values(tasks), op.track, op.column).filter((t) => t.id !== op.taskId);
  const placed = rankAfter(cell, op.afterId);
  if (!placed)
    return fail({
      kind: 'invalid',
      field: 'afterId',
      message: `Nhiệm vụ "${op.afterId}" không nằm trong ô đích (${op.track}, ${op.column})`,
      messageEn: `Task "${op.afterId}" is not in the target cell (${op.track}, ${op.column})`,
    });
  const changed: Task[] = [];
  let rank: number;
  if ('rank' in placed) rank = placed.rank;
  else {
    rank = (placed.index + 1) * RANK_STEP;
    // Renumbering only reorders neighbours' floats, not their content, so their versions stay.
    for (const r of placed.renumber) {
      const t = tasks[r.id]!;
      if (t.rank !== r.rank) changed.push({ ...t, rank: r.rank });
    }
  }
  const completedAt =
    op.column === 'done' ? (task.column === 'done' ? task.completedAt : (op.today ?? todayInVietnam(new Date(op.at)))) : undefined;
  const moved: Task = { ...task, track: op.track, column: op.column, rank, version: task.version + 1, updatedAt: op.at };
  if (completedAt) moved.completedAt = completedAt;
  else delete moved.completedAt;
  return { ok: true, change: { board: bumpBoard(board, op.at), tasks: [moved, ...changed] } };
}

function planUpdate(state: BoardState, op: z.infer<typeof TaskUpdateOp>): OperationResult {
  const board = state.boards[op.boardId];
  if (!board) return boardNotFound(op.boardId);
  const task = state.tasks[op.boardId]?.[op.taskId];
  if (!task) return taskNotFound(op.taskId);
  if (task.version !== op.expectedVersion) return conflict(task);
  const updated: Task = { ...task, ...op.patch, version: task.version + 1, updatedAt: op.at };
  return { ok: true, change: { board: bumpBoard(board, op.at), tasks: [updated] } };
}

function planImport(state: BoardState, op: z.infer<typeof TasksImportOp>): OperationResult {
  const board = state.boards[op.boardId];
  if (!board) return boardNotFound(op.boardId);
  const existing = state.tasks[op.boardId] ?? {};
  const trackIds = new Set(board.tracks.map((t) => t.id));
  // Imported tasks go to the end of their cell, in the order given.
  const lastRank = new Map<string, number>();
  for (const t of Object.values(existing)) {
    const key = `${t.track}\u0000${t.column}`;
    lastRank.set(key, Math.max(lastRank.get(key) ?? 0, t.rank));
  }
  const added: Task[] = [];
  const seen = new Set<string>();
  for (const [i, t] of op.tasks.entries()) {
    if (existing[t.id] || seen.has(t.id))
      return fail({ kind: 'invalid', field: `tasks.${i}.id`, message: `Mã nhiệm vụ "${t.id}" bị trùng`, messageEn: `Duplicate task id "${t.id}"` });
    if (!trackIds.has(t.track))
      return fail({ kind: 'invalid', field: `tasks.${i}.track`, message: `Bảng không có nhóm "${t.track}"`, messageEn: `The board has no track "${t.track}"` });
    seen.add(t.id);
    const key = `${t.track}\u0000${t.column}`;
    const rank = (lastRank.get(key) ?? 0) + RANK_STEP;
    lastRank.set(key, rank);
    added.push({ ...t, boardId: op.boardId, rank, createdAt: op.at, updatedAt: op.at });
  }
  const withAgencies = op.agencies?.length ? { ...board, agencies: mergeAgencies(board.agencies, op.agencies) } : board;
  return { ok: true, change: { board: bumpBoard(withAgencies, op.at), tasks: added } };
}

/** The board's directory with `added` folded in: an entry of the same name gains the new aliases, others are appended. */
export function mergeAgencies(directory: readonly Agency[], added: readonly Agency[]): Agency[] {
  const out = directory.map((a) => ({ ...a, aliases: [...a.aliases] }));
  for (const a of added) {
    const same = out.find((x) => x.name === a.name);
    if (!same) out.push({ ...a, aliases: [...new Set(a.aliases)] });
    else for (const alias of a.aliases) if (!same.aliases.includes(alias) && alias !== same.name) same.aliases.push(alias);
  }
  return out;
}

function planApplyReport(state: BoardState, op: z.infer<typeof TasksApplyReportOp>): OperationResult {
  const board = state.boards[op.boardId];
  if (!board) return boardNotFound(op.boardId);
  const tasks = state.tasks[op.boardId] ?? {};
  const seen = new Set<string>();
  // Tasks that change column go to the end of their new cell, in the report's order.
  const lastRank = new Map<string, number>();
  for (const t of Object.values(tasks)) {
    const key = `${t.track}\u0000${t.column}`;
    lastRank.set(key, Math.max(lastRank.get(key) ?? 0, t.rank));
  }
  const today = op.today ?? todayInVietnam(new Date(op.at));
  const changed: Task[] = [];
  for (const [i, u] of op.updates.entries()) {
    const task = Object.hasOwn(tasks, u.taskId) ? tasks[u.taskId] : undefined;
    if (!task) return taskNotFound(u.taskId);
    if (task.version !== u.expectedVersion) return conflict(task);
    if (seen.has(u.taskId))
      return fail({ kind: 'invalid', field: `updates.${i}.taskId`, message: `Nhiệm vụ "${u.taskId}" được cập nhật hai lần`, messageEn: `Task "${u.taskId}" is updated twice` });
    seen.add(u.taskId);
    const next: Task = { ...task, version: task.version + 1, updatedAt: op.at };
    if (u.column && u.column !== task.column) {
      const key = `${task.track}\u0000${u.column}`;
      const rank = (lastRank.get(key) ?? 0) + RANK_STEP;
      lastRank.set(key, rank);
      next.column = u.column;
      next.rank = rank;
      if (u.column === 'done') next.completedAt = today;
      else delete next.completedAt;
    }
    if (u.progress !== undefined) next.progress = u.progress;
    if (u.difficulties) next.difficulties = u.difficulties;
    if (u.proposals) next.proposals = u.proposals;
    if (u.note || u.status) {
      const note = { id: `${u.taskId}-r${task.version + 1}`, text: u.note, ...(u.status ? { status: u.status } : {}), ...(u.late ? { late: true } : {}), source: op.source, at: op.at };
      next.progressNotes = [...(task.progressNotes ?? []), note];
    }
    changed.push(next);
  }
  return { ok: true, change: { board: bumpBoard(board, op.at), tasks: changed } };
}
