// Every write is a named operation carrying its actor. `planOperation` is the pure state transition
// shared by every repository (lowdb, PostgreSQL): it reads a narrow context (a board, a task by id,
// one cell, the trash, users) and returns the effects — each record before and after — or a failure
// that leaves nothing half-done. The store journals the effects, the audit trail records them and
// live updates name them; no layer re-derives what an operation did.
import { z } from 'zod';
import {
  Agency,
  AgendaOrder,
  Board,
  BoardSettings,
  type BoardRecord,
  type BoardRecordKind,
  type BoardRecordOf,
  type DailyCounts,
  type IndicatorReading,
  type Meeting,
  ColumnId,
  Conclusion,
  Evidence,
  Extension,
  IsoDate,
  Note,
  PeriodReport,
  RoVariant,
  Task,
  TaskDraft,
  User,
  type UserRef,
} from './model.ts';
import type { ReportUpdate } from './import/report-match.ts';
import { todayInVietnam } from './dates.ts';
import { blankTask } from './factories.ts';
import { effectiveDue } from './status.ts';
import { RANK_STEP, byRank, lowerBound, rankAfter } from './ranks.ts';

/** Who wrote: a signed-in user, or the server itself (demo data, the CLI, a migration). */
export const Actor = z.object({ kind: z.enum(['user', 'system']), id: z.string().min(1), name: z.string() });
export type Actor = z.infer<typeof Actor>;
export const systemActor = (name: string): Actor => ({ kind: 'system', id: `system:${name}`, name });
export const actorRef = (a: Actor): UserRef => ({ id: a.id, name: a.name });

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
  difficulties: true,
  proposals: true,
  progressNote: true,
})
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof TaskPatch>;

/** Fields whose change counts as "the unit acted" after a return: the return reason then leaves the card. */
const UNIT_FIELDS: ReadonlyArray<keyof TaskPatch> = ['progress', 'difficulties', 'proposals', 'progressNote'];

/** What a board edit may change; tracks, revision and ids never. */
type NoDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
/**
 * A schema's fields, each optional and without its default, unknown keys refused. `.partial()` keeps
 * defaults, so a patch naming one field would reset every other field that has one.
 */
function patchSchema<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional();
  return z.object(shape as { [K in keyof Shape]: z.ZodOptional<NoDefault<Shape[K]>> }).strict();
}

export const BoardPatch = z
  .object({
    title: z.string().trim().min(1).max(300),
    settings: patchSchema(BoardSettings),
    archived: z.boolean(),
    roVariant: RoVariant,
    checklist: z.string().min(1).max(200),
    agencies: z.array(Agency).max(5000),
  })
  .partial()
  .strict();
export type BoardPatch = z.infer<typeof BoardPatch>;

/** What a meeting edit may change; `closed` ends the meeting (its minutes are then final) or reopens it. */
export const MeetingPatch = z
  .object({
    title: z.string().trim().min(1).max(300),
    date: IsoDate,
    chair: z.string().trim().max(300),
    attendees: z.array(z.string().trim().min(1).max(300)).max(200),
    filter: z.record(z.string().max(20), z.string().max(300)),
    agenda: AgendaOrder,
    closed: z.boolean(),
  })
  .partial()
  .strict();
export type MeetingPatch = z.infer<typeof MeetingPatch>;

/** What a user edit may change (the password lives apart, in the credential store). */
export const UserPatch = patchSchema(User.pick({ name: true, agency: true, admin: true, roles: true, disabled: true, mustChangePassword: true, login: true }));
export type UserPatch = z.infer<typeof UserPatch>;

interface Envelope {
  actor: Actor;
  /** Through which route, plugin or command the write came ("PATCH /api/boards/:boardId/tasks/:taskId"). */
  via: string;
  /** ISO instant of the write. */
  at: string;
  /** "Today" in Vietnam when it happened, if pinned (DONDOC_TODAY); else derived from `at`. */
  today?: IsoDate;
}

type Versioned = { boardId: string; taskId: string; expectedVersion: number };

export type Operation = Envelope &
  (
    | { type: 'board.create'; board: Board; tasks: Task[] }
    /** A new board made from a backup file (`shared/src/backup.ts`): like a create, named apart so the trail says where the board came from. */
    | { type: 'board.restore'; board: Board; tasks: Task[] }
    | { type: 'board.update'; boardId: string; patch: BoardPatch }
    | { type: 'board.delete'; boardId: string }
    | { type: 'task.create'; boardId: string; task: Task; /** undefined: end of its cell; null: first. */ afterId?: string | null }
    | ({ type: 'task.update'; patch: TaskPatch } & Versioned)
    | ({ type: 'task.move'; track: string; column: ColumnId; afterId: string | null } & Versioned)
    | ({ type: 'task.delete' } & Versioned)
    | { type: 'task.restore'; boardId: string; taskId: string }
    | { type: 'tasks.import'; boardId: string; tasks: Task[]; /** Directory entries the import adds to the board. */ agencies?: Agency[] }
    | { type: 'tasks.bulkUpdate'; boardId: string; items: Array<{ taskId: string; expectedVersion: number; patch: TaskPatch }> }
    | { type: 'tasks.applyReport'; boardId: string; updates: ReportUpdate[]; /** The report's title or file name, kept on each note. */ source: string }
    | { type: 'task.evidence.add'; boardId: string; taskId: string; evidence: Evidence }
    | { type: 'task.evidence.remove'; boardId: string; taskId: string; evidenceId: string }
    | { type: 'task.comment.add'; boardId: string; taskId: string; comment: Note }
    | ({ type: 'task.confirm' } & Versioned)
    | ({ type: 'task.return'; reason: string } & Versioned)
    | ({ type: 'task.extend'; extension: Extension } & Versioned)
    | { type: 'task.reportPeriod'; boardId: string; taskId: string; report: PeriodReport }
    | { type: 'task.conclude'; boardId: string; taskId: string; conclusion: Conclusion; /** Set when the conclusion grants a new deadline. */ extension?: Extension }
    | { type: 'meeting.create'; boardId: string; meeting: Meeting }
    | { type: 'meeting.update'; boardId: string; meetingId: string; expectedVersion: number; patch: MeetingPatch }
    | { type: 'meeting.review'; boardId: string; meetingId: string; taskId: string; /** false takes the mark back. */ reviewed: boolean }
    | { type: 'indicator.record'; boardId: string; reading: IndicatorReading }
    | { type: 'board.recordDay'; boardId: string; day: DailyCounts }
    | { type: 'user.create'; user: User }
    | { type: 'user.update'; userId: string; patch: UserPatch }
    | { type: 'directory.update'; agencies: Agency[] }
  );
export type OperationType = Operation['type'];
export type OperationOf<T extends OperationType> = Extract<Operation, { type: T }>;

/** Every operation type, for exhaustive tables (permissions, audit labels). */
export const OPERATION_TYPES = [
  'board.create',
  'board.restore',
  'board.update',
  'board.delete',
  'task.create',
  'task.update',
  'task.move',
  'task.delete',
  'task.restore',
  'tasks.import',
  'tasks.bulkUpdate',
  'tasks.applyReport',
  'task.evidence.add',
  'task.evidence.remove',
  'task.comment.add',
  'task.confirm',
  'task.return',
  'task.extend',
  'task.reportPeriod',
  'task.conclude',
  'meeting.create',
  'meeting.update',
  'meeting.review',
  'indicator.record',
  'board.recordDay',
  'user.create',
  'user.update',
  'directory.update',
] as const satisfies readonly OperationType[];

/** What an operation may read. A repository answers from memory (lowdb) or from rows it locked (PostgreSQL). */
export interface PlanContext {
  board(boardId: string): Board | undefined;
  task(boardId: string, taskId: string): Task | undefined;
  /** A deleted task kept for undo. */
  trashed(boardId: string, taskId: string): Task | undefined;
  /** One (track, column) cell of a board in rank order. */
  cell(boardId: string, track: string, column: ColumnId): readonly Task[];
  user(userId: string): User | undefined;
  userByLogin(login: string): User | undefined;
  directory(): readonly Agency[];
  /** A record kept beside the board's tasks (a meeting, an indicator reading, a day's counts). */
  record<K extends BoardRecordKind>(boardId: string, kind: K, id: string): BoardRecordOf<K> | undefined;
}

/** One record before and after the operation: `before` null = created, `after` null = deleted. */
export interface Write<T> {
  before: T | null;
  after: T | null;
}
export interface TaskWrite extends Write<Task> {
  boardId: string;
}

/** Everything an operation changed, the primary record first (the moved or edited task, the new board). */
export interface Effects {
  boards: Array<Write<Board>>;
  tasks: TaskWrite[];
  users: Array<Write<User>>;
  directory?: Write<Agency[]>;
  /** Meetings, indicator readings and daily counts; absent when the operation wrote none. */
  records?: RecordWrite[];
}
export interface RecordWrite extends Write<BoardRecord> {
  boardId: string;
}

export type OperationFailure =
  | { kind: 'not-found'; entity: 'board' | 'task' | 'user' | 'evidence' | 'meeting'; id: string; message: string; messageEn: string }
  | { kind: 'conflict'; current: Task; message: string; messageEn: string }
  /** A board record (a meeting) changed since it was read: the same 409 as a task's conflict, without a task to show. */
  | { kind: 'stale'; entity: 'meeting'; id: string; version: number; message: string; messageEn: string }
  | { kind: 'invalid'; field: string; message: string; messageEn: string };

export type OperationResult = { ok: true; effects: Effects } | { ok: false; failure: OperationFailure };

const fail = (failure: OperationFailure): OperationResult => ({ ok: false, failure });
const invalid = (field: string, message: string, messageEn: string): OperationResult => fail({ kind: 'invalid', field, message, messageEn });
const boardNotFound = (id: string): OperationResult =>
  fail({ kind: 'not-found', entity: 'board', id, message: `Không tìm thấy bảng "${id}"`, messageEn: `Board "${id}" not found` });
const taskNotFound = (id: string): OperationResult =>
  fail({ kind: 'not-found', entity: 'task', id, message: `Không tìm thấy nhiệm vụ "${id}" (có thể đã bị xóa)`, messageEn: `Task "${id}" not found (it may have been deleted)` });
const conflict = (current: Task): OperationResult =>
  fail({
    kind: 'conflict',
    current,
    message: `Nhiệm vụ đã được người khác cập nhật (phiên bản ${current.version}); hãy xem giá trị mới và chọn`,
    messageEn: `The task was changed by someone else (now version ${current.version}); review the new values and choose`,
  });
const archived = (board: Board): OperationResult =>
  invalid('boardId', `Bảng "${board.title}" đã lưu trữ: bỏ lưu trữ trước khi sửa`, `Board "${board.title}" is archived: unarchive it before editing`);

/** Display order for a whole board: by the board's track order, then column order, then rank. */
export function sortTasksForDisplay(tasks: Task[], board: Board): Task[] {
  const trackIndex = new Map(board.tracks.map((t, i) => [t.id, i]));
  const columnIndex = new Map(ColumnId.options.map((c, i) => [c, i]));
  const ti = (t: Task) => trackIndex.get(t.track) ?? Number.MAX_SAFE_INTEGER;
  return [...tasks].sort(
    (a, b) => ti(a) - ti(b) || (a.track < b.track ? -1 : a.track > b.track ? 1 : 0) || columnIndex.get(a.column)! - columnIndex.get(b.column)! || byRank(a, b),
  );
}

/** Builds a board task from a plan's draft; the caller picks id, rank and time so the result is deterministic. */
export function taskFromDraft(draft: TaskDraft, opts: { id: string; boardId: string; rank: number; at: string; column?: ColumnId }): Task {
  // A draft read back from dondoc's own CSV carries the board state it was exported with; a progress
  // report's row lands in the column its status names, with its progress and note.
  const report = draft.report;
  const column = opts.column ?? draft.column ?? report?.column ?? 'todo';
  return blankTask({
    id: opts.id,
    boardId: opts.boardId,
    track: draft.track,
    column,
    owner: draft.owner ?? '',
    approver: draft.approver ?? '',
    progress: draft.progress ?? report?.progress ?? 0,
    difficulties: report?.difficulties ?? '',
    proposals: report?.proposals ?? '',
    progressNote: report?.note ?? '',
    ...(report && (report.note || report.statusText)
      ? { progressNotes: [{ id: `${opts.id}-r1`, text: report.note, ...(report.statusText ? { status: report.statusText } : {}), ...(report.late ? { late: true } : {}), at: opts.at }] }
      : {}),
    // Only a finished task has a completion date; one carried over for another column would mislead the classification.
    ...(column === 'done' && draft.completedAt ? { completedAt: draft.completedAt } : {}),
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
    createdAt: opts.at,
  });
}

/** Computes what `op` would change, reading only through `ctx`; a failure leaves nothing half-done. */
export function planOperation(ctx: PlanContext, op: Operation): OperationResult {
  switch (op.type) {
    case 'board.create':
    case 'board.restore':
      return planBoardCreate(ctx, op);
    case 'board.update':
      return planBoardUpdate(ctx, op);
    case 'board.delete':
      return planBoardDelete(ctx, op);
    case 'task.create':
      return planTaskCreate(ctx, op);
    case 'task.update':
      return editTask(ctx, op, op, (task) => patchTask(task, op.patch));
    case 'task.move':
      return planMove(ctx, op);
    case 'task.delete':
      return planTaskDelete(ctx, op);
    case 'task.restore':
      return planTaskRestore(ctx, op);
    case 'tasks.import':
      return planImport(ctx, op);
    case 'tasks.bulkUpdate':
      return planBulkUpdate(ctx, op);
    case 'tasks.applyReport':
      return planApplyReport(ctx, op);
    case 'task.evidence.add':
      return editTask(ctx, op, op, (task) =>
        task.evidence.some((e) => e.id === op.evidence.id)
          ? invalidEdit('evidence.id', `Minh chứng "${op.evidence.id}" đã có`, `Evidence "${op.evidence.id}" already exists`)
          : { ...task, evidence: [...task.evidence, op.evidence], returned: undefined },
      );
    case 'task.evidence.remove':
      return editTask(ctx, op, op, (task) =>
        task.evidence.some((e) => e.id === op.evidenceId)
          ? { ...task, evidence: task.evidence.filter((e) => e.id !== op.evidenceId) }
          : { notFound: { kind: 'not-found', entity: 'evidence', id: op.evidenceId, message: `Không tìm thấy minh chứng "${op.evidenceId}"`, messageEn: `Evidence "${op.evidenceId}" not found` } },
      );
    case 'task.comment.add':
      return editTask(ctx, op, op, (task) => ({ ...task, comments: [...task.comments, op.comment] }));
    case 'task.confirm':
      return planConfirm(ctx, op);
    case 'task.return':
      return planReturn(ctx, op);
    case 'task.extend':
      return editTask(ctx, op, op, (task) => extendTask(task, op.extension));
    case 'task.reportPeriod':
      return editTask(ctx, op, op, (task) => ({
        ...task,
        periodReports: [...task.periodReports.filter((r) => r.period !== op.report.period), op.report].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
        returned: undefined,
      }));
    case 'task.conclude':
      return editTask(ctx, op, op, (task) => {
        const concluded = { ...task, conclusions: [...task.conclusions, op.conclusion] };
        return op.extension ? extendTask(concluded, op.extension) : concluded;
      });
    case 'meeting.create':
      return planMeetingCreate(ctx, op);
    case 'meeting.update':
      return planMeetingUpdate(ctx, op);
    case 'meeting.review':
      return planMeetingReview(ctx, op);
    case 'indicator.record':
      return planIndicatorRecord(ctx, op);
    case 'board.recordDay':
      return planRecordDay(ctx, op);
    case 'user.create':
      return planUserCreate(ctx, op);
    case 'user.update':
      return planUserUpdate(ctx, op);
    case 'directory.update':
      return { ok: true, effects: { boards: [], tasks: [], users: [], directory: { before: [...ctx.directory()], after: op.agencies } } };
  }
}

const noEffects = (): Effects => ({ boards: [], tasks: [], users: [] });

const bumpBoard = (board: Board, at: string): Write<Board> => ({ before: board, after: { ...board, revision: board.revision + 1, updatedAt: at } });

/** A writable board: known and not archived. */
function writableBoard(ctx: PlanContext, boardId: string): Board | OperationResult {
  const board = ctx.board(boardId);
  if (!board) return boardNotFound(boardId);
  if (board.archived) return archived(board);
  return board;
}
const isResult = (x: unknown): x is OperationResult => typeof x === 'object' && x !== null && 'ok' in x && typeof (x as { ok: unknown }).ok === 'boolean';

type EditOutcome = Task | { invalid: { field: string; message: string; messageEn: string } } | { notFound: OperationFailure };
const invalidEdit = (field: string, message: string, messageEn: string): EditOutcome => ({ invalid: { field, message, messageEn } });

/** Strips `undefined` so an optional field set to undefined is absent, as JSON will have it. */
function clean(task: Task): Task {
  // A new object rather than `delete`: a deleted field puts the object in V8's dictionary mode, ~1.5 KB
  // more per task and slower to read (a heap snapshot after 15,000 moves found every moved task so).
  const out: Partial<Record<keyof Task, unknown>> = {};
  for (const key of Object.keys(task) as Array<keyof Task>) if (task[key] !== undefined) out[key] = task[key];
  return out as Task;
}

/**
 * One task edited by `edit`, with the version check when the operation carries one, the version
 * bumped, `updatedAt` set and the board's revision bumped: the shape of every single-task write.
 */
function editTask(
  ctx: PlanContext,
  op: Envelope,
  target: { boardId: string; taskId: string; expectedVersion?: number },
  edit: (task: Task) => EditOutcome,
): OperationResult {
  const board = writableBoard(ctx, target.boardId);
  if (isResult(board)) return board;
  const task = ctx.task(target.boardId, target.taskId);
  if (!task) return taskNotFound(target.taskId);
  if (target.expectedVersion !== undefined && task.version !== target.expectedVersion) return conflict(task);
  const edited = edit(task);
  if ('invalid' in edited) return invalid(edited.invalid.field, edited.invalid.message, edited.invalid.messageEn);
  if ('notFound' in edited) return fail(edited.notFound);
  const after = clean({ ...edited, version: task.version + 1, updatedAt: op.at });
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: [{ boardId: board.id, before: task, after }] } };
}

function patchTask(task: Task, patch: TaskPatch): Task {
  const unitActed = UNIT_FIELDS.some((f) => patch[f] !== undefined && patch[f] !== task[f]);
  return { ...task, ...patch, ...(unitActed ? { returned: undefined } : {}) };
}

function extendTask(task: Task, extension: Extension): EditOutcome {
  const previousDue = effectiveDue(task);
  return { ...task, extensions: [...task.extensions, { ...extension, ...(previousDue ? { previousDue } : {}) }] };
}

function planBoardCreate(ctx: PlanContext, op: OperationOf<'board.create' | 'board.restore'>): OperationResult {
  const { board, tasks } = op;
  if (ctx.board(board.id)) return invalid('board.id', `Bảng "${board.id}" đã tồn tại`, `Board "${board.id}" already exists`);
  const seen = new Set<string>();
  const writes: TaskWrite[] = [];
  for (const [i, t] of tasks.entries()) {
    if (t.boardId !== board.id)
      return invalid(`tasks.${i}.boardId`, `Nhiệm vụ "${t.id}" không thuộc bảng "${board.id}"`, `Task "${t.id}" does not belong to board "${board.id}"`);
    if (seen.has(t.id)) return invalid(`tasks.${i}.id`, `Mã nhiệm vụ "${t.id}" bị trùng`, `Duplicate task id "${t.id}"`);
    seen.add(t.id);
    writes.push({ boardId: board.id, before: null, after: t });
  }
  return { ok: true, effects: { ...noEffects(), boards: [{ before: null, after: board }], tasks: writes } };
}

function planBoardUpdate(ctx: PlanContext, op: OperationOf<'board.update'>): OperationResult {
  const board = ctx.board(op.boardId);
  if (!board) return boardNotFound(op.boardId);
  const { settings, ...rest } = op.patch;
  // An archived board takes only its unarchiving (and a rename), so nothing slips in while it is read-only.
  if (board.archived && Object.keys(op.patch).some((k) => k !== 'archived' && k !== 'title')) return archived(board);
  const after: Board = { ...board, ...rest, ...(settings ? { settings: { ...board.settings, ...settings } } : {}), revision: board.revision + 1, updatedAt: op.at };
  return { ok: true, effects: { ...noEffects(), boards: [{ before: board, after }] } };
}

function planBoardDelete(ctx: PlanContext, op: OperationOf<'board.delete'>): OperationResult {
  const board = ctx.board(op.boardId);
  if (!board) return boardNotFound(op.boardId);
  return { ok: true, effects: { ...noEffects(), boards: [{ before: board, after: null }] } };
}

/** The rank after the last card of a cell. */
const endOfCell = (ctx: PlanContext, boardId: string, track: string, column: ColumnId): number => (ctx.cell(boardId, track, column).at(-1)?.rank ?? 0) + RANK_STEP;

/** A sorted cell without `task`, found by binary search (a filter ran a callback on each of ~800 cards). */
function withoutTask(cell: readonly Task[], task: Pick<Task, 'id' | 'rank'>): readonly Task[] {
  const at = lowerBound(cell, task);
  if (cell[at]?.id !== task.id) return cell.filter((t) => t.id !== task.id); // not where its rank says: a task not yet placed
  const out = cell.slice();
  out.splice(at, 1);
  return out;
}

/** Places `task` after `afterId` in its cell: its new rank plus any neighbours the placement renumbered. */
function place(
  ctx: PlanContext,
  boardId: string,
  task: Pick<Task, 'id' | 'track' | 'column' | 'rank'>,
  track: string,
  column: ColumnId,
  afterId: string | null,
): { rank: number; renumbered: Task[] } | OperationResult {
  // Only a task moving within its own cell is in the list (a cell holds hundreds: copy it only then).
  const target = ctx.cell(boardId, track, column);
  const cell = task.track === track && task.column === column ? withoutTask(target, task) : target;
  const placed = rankAfter(cell, afterId);
  if (!placed)
    return invalid(
      'afterId',
      `Nhiệm vụ "${afterId}" không nằm trong ô đích (${track}, ${column})`,
      `Task "${afterId}" is not in the target cell (${track}, ${column})`,
    );
  if ('rank' in placed) return { rank: placed.rank, renumbered: [] };
  // Renumbering only reorders neighbours' floats, not their content, so their versions stay.
  const byId = new Map(cell.map((t) => [t.id, t]));
  const renumbered: Task[] = [];
  for (const r of placed.renumber) {
    const t = byId.get(r.id)!;
    if (t.rank !== r.rank) renumbered.push({ ...t, rank: r.rank });
  }
  return { rank: (placed.index + 1) * RANK_STEP, renumbered };
}

const trackKnown = (board: Board, track: string): boolean => board.tracks.some((t) => t.id === track);
const unknownTrack = (field: string, track: string): OperationResult => invalid(field, `Bảng không có nhóm "${track}"`, `The board has no track "${track}"`);

function planTaskCreate(ctx: PlanContext, op: OperationOf<'task.create'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const t = op.task;
  if (t.boardId !== board.id) return invalid('task.boardId', `Nhiệm vụ không thuộc bảng "${board.id}"`, `The task does not belong to board "${board.id}"`);
  if (ctx.task(board.id, t.id) || ctx.trashed(board.id, t.id)) return invalid('task.id', `Mã nhiệm vụ "${t.id}" bị trùng`, `Duplicate task id "${t.id}"`);
  if (!trackKnown(board, t.track)) return unknownTrack('task.track', t.track);
  let rank: number;
  let renumbered: Task[] = [];
  if (op.afterId === undefined) rank = endOfCell(ctx, board.id, t.track, t.column);
  else {
    const placed = place(ctx, board.id, t, t.track, t.column, op.afterId);
    if (isResult(placed)) return placed;
    ({ rank, renumbered } = placed);
  }
  const created: Task = { ...t, rank, version: 1, createdAt: op.at, updatedAt: op.at };
  return {
    ok: true,
    effects: {
      ...noEffects(),
      boards: [bumpBoard(board, op.at)],
      tasks: [{ boardId: board.id, before: null, after: created }, ...renumbered.map((after) => ({ boardId: board.id, before: ctx.task(board.id, after.id)!, after }))],
    },
  };
}

const todayOf = (op: Envelope): IsoDate => op.today ?? todayInVietnam(new Date(op.at));

/** A task's new column, with what entering or leaving "Hoàn thành" records. */
function withColumn(task: Task, column: ColumnId, op: Envelope): Task {
  const moved: Task = { ...task, column };
  if (column === 'done') moved.completedAt = task.column === 'done' ? task.completedAt : todayOf(op);
  else delete moved.completedAt;
  return moved;
}

function planMove(ctx: PlanContext, op: OperationOf<'task.move'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const task = ctx.task(op.boardId, op.taskId);
  if (!task) return taskNotFound(op.taskId);
  if (task.version !== op.expectedVersion) return conflict(task);
  if (!trackKnown(board, op.track)) return unknownTrack('track', op.track);
  if (op.afterId === op.taskId) return invalid('afterId', 'Không thể đặt nhiệm vụ sau chính nó', 'A task cannot be placed after itself');
  if (op.column === 'review' && task.column !== 'review' && board.settings.requireEvidence && task.evidence.length === 0)
    return invalid(
      'column',
      'Cần ít nhất một minh chứng trước khi gửi xác nhận (Chờ xác nhận): thêm liên kết, ghi chú hoặc tệp',
      'At least one piece of evidence is needed before sending for confirmation: add a link, a note or a file',
    );
  const placed = place(ctx, board.id, task, op.track, op.column, op.afterId);
  if (isResult(placed)) return placed;
  const moved = clean({ ...withColumn(task, op.column, op), track: op.track, rank: placed.rank, version: task.version + 1, updatedAt: op.at, returned: undefined });
  return {
    ok: true,
    effects: {
      ...noEffects(),
      boards: [bumpBoard(board, op.at)],
      tasks: [{ boardId: board.id, before: task, after: moved }, ...placed.renumbered.map((after) => ({ boardId: board.id, before: ctx.task(board.id, after.id)!, after }))],
    },
  };
}

/** Confirm and return move the card to the end of its new column, like a drop at the bottom. */
function planColumnChange(ctx: PlanContext, op: Versioned & Envelope, from: ColumnId, to: ColumnId, edit: (task: Task) => Task): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const task = ctx.task(op.boardId, op.taskId);
  if (!task) return taskNotFound(op.taskId);
  if (task.version !== op.expectedVersion) return conflict(task);
  if (task.column !== from)
    return invalid('column', `Nhiệm vụ không ở cột "Chờ xác nhận" (đang ở "${task.column}")`, `The task is not awaiting confirmation (it is in "${task.column}")`);
  const after = clean(edit({ ...withColumn(task, to, op), rank: endOfCell(ctx, board.id, task.track, to), version: task.version + 1, updatedAt: op.at }));
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: [{ boardId: board.id, before: task, after }] } };
}

const planConfirm = (ctx: PlanContext, op: OperationOf<'task.confirm'>): OperationResult =>
  planColumnChange(ctx, op, 'review', 'done', (t) => ({ ...t, progress: 100, returned: undefined }));

function planReturn(ctx: PlanContext, op: OperationOf<'task.return'>): OperationResult {
  const reason = op.reason.trim();
  if (!reason) return invalid('reason', 'Cần ghi lý do trả lại', 'A reason for returning the task is required');
  return planColumnChange(ctx, op, 'review', 'doing', (t) => ({ ...t, returned: { reason, by: actorRef(op.actor), at: op.at } }));
}

function planTaskDelete(ctx: PlanContext, op: OperationOf<'task.delete'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const task = ctx.task(op.boardId, op.taskId);
  if (!task) return taskNotFound(op.taskId);
  if (task.version !== op.expectedVersion) return conflict(task);
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: [{ boardId: board.id, before: task, after: null }] } };
}

function planTaskRestore(ctx: PlanContext, op: OperationOf<'task.restore'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const task = ctx.trashed(op.boardId, op.taskId);
  if (!task) return taskNotFound(op.taskId);
  if (ctx.task(op.boardId, op.taskId)) return invalid('taskId', `Nhiệm vụ "${op.taskId}" đã có trên bảng`, `Task "${op.taskId}" is already on the board`);
  // Back where it was when its track still exists; a track removed meanwhile sends it to the first.
  const track = trackKnown(board, task.track) ? task.track : board.tracks[0]!.id;
  const restored: Task = { ...task, track, version: task.version + 1, updatedAt: op.at };
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: [{ boardId: board.id, before: null, after: restored }] } };
}

function planImport(ctx: PlanContext, op: OperationOf<'tasks.import'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  // Imported tasks go to the end of their cell, in the order given.
  const lastRank = new Map<string, number>();
  const writes: TaskWrite[] = [];
  const seen = new Set<string>();
  for (const [i, t] of op.tasks.entries()) {
    if (ctx.task(board.id, t.id) || ctx.trashed(board.id, t.id) || seen.has(t.id)) return invalid(`tasks.${i}.id`, `Mã nhiệm vụ "${t.id}" bị trùng`, `Duplicate task id "${t.id}"`);
    if (!trackKnown(board, t.track)) return unknownTrack(`tasks.${i}.track`, t.track);
    seen.add(t.id);
    const key = `${t.track}\u0000${t.column}`;
    const rank = (lastRank.get(key) ?? endOfCell(ctx, board.id, t.track, t.column) - RANK_STEP) + RANK_STEP;
    lastRank.set(key, rank);
    writes.push({ boardId: board.id, before: null, after: { ...t, boardId: board.id, rank, createdAt: op.at, updatedAt: op.at } });
  }
  const bumped = bumpBoard(board, op.at);
  if (op.agencies?.length) bumped.after = { ...bumped.after!, agencies: mergeAgencies(board.agencies, op.agencies) };
  return { ok: true, effects: { ...noEffects(), boards: [bumped], tasks: writes } };
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

/**
 * A progress report read onto the board that holds its plan: per matched task its new column,
 * progress, difficulties, proposals, a progress note, and the completion date the report prints for
 * a task that ends up in "Hoàn thành" (else the day it moved there, as any move records; a task not
 * done keeps none, as `taskFromDraft` keeps none). Every task is version-checked; one stale
 * task refuses the whole report. Tasks that change column go to the end of their new cell, in the
 * report's order.
 */
function planApplyReport(ctx: PlanContext, op: OperationOf<'tasks.applyReport'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  if (op.updates.length === 0) return invalid('updates', 'Báo cáo không khớp nhiệm vụ nào', 'The report matches no task');
  const lastRank = new Map<string, number>();
  const seen = new Set<string>();
  const writes: TaskWrite[] = [];
  for (const [i, u] of op.updates.entries()) {
    const task = ctx.task(board.id, u.taskId);
    if (!task) return taskNotFound(u.taskId);
    if (task.version !== u.expectedVersion) return conflict(task);
    if (seen.has(u.taskId)) return invalid(`updates.${i}.taskId`, `Nhiệm vụ "${u.taskId}" được cập nhật hai lần`, `Task "${u.taskId}" is updated twice`);
    seen.add(u.taskId);
    let next: Task = { ...task, version: task.version + 1, updatedAt: op.at };
    if (u.column && u.column !== task.column) {
      const key = `${task.track}\u0000${u.column}`;
      const rank = (lastRank.get(key) ?? endOfCell(ctx, board.id, task.track, u.column) - RANK_STEP) + RANK_STEP;
      lastRank.set(key, rank);
      next = { ...withColumn(next, u.column, op), rank };
    }
    if (u.completedAt && next.column === 'done') next.completedAt = u.completedAt;
    if (u.progress !== undefined) next.progress = u.progress;
    if (u.difficulties) next.difficulties = u.difficulties;
    if (u.proposals) next.proposals = u.proposals;
    if (u.note || u.status) {
      const note = { id: `${u.taskId}-r${task.version + 1}`, text: u.note, ...(u.status ? { status: u.status } : {}), ...(u.late ? { late: true } : {}), source: op.source, at: op.at };
      next.progressNotes = [...(task.progressNotes ?? []), note];
      if (u.note) next.progressNote = u.note;
    }
    writes.push({ boardId: board.id, before: task, after: clean(next) });
  }
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: writes } };
}

function planBulkUpdate(ctx: PlanContext, op: OperationOf<'tasks.bulkUpdate'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  if (op.items.length === 0) return invalid('items', 'Chưa chọn nhiệm vụ nào', 'No task selected');
  const writes: TaskWrite[] = [];
  const seen = new Set<string>();
  for (const [i, item] of op.items.entries()) {
    if (seen.has(item.taskId)) return invalid(`items.${i}.taskId`, `Nhiệm vụ "${item.taskId}" được chọn hai lần`, `Task "${item.taskId}" is selected twice`);
    seen.add(item.taskId);
    const task = ctx.task(board.id, item.taskId);
    if (!task) return taskNotFound(item.taskId);
    if (task.version !== item.expectedVersion) return conflict(task);
    writes.push({ boardId: board.id, before: task, after: clean({ ...patchTask(task, item.patch), version: task.version + 1, updatedAt: op.at }) });
  }
  return { ok: true, effects: { ...noEffects(), boards: [bumpBoard(board, op.at)], tasks: writes } };
}

function planUserCreate(ctx: PlanContext, op: OperationOf<'user.create'>): OperationResult {
  if (ctx.user(op.user.id)) return invalid('user.id', `Người dùng "${op.user.id}" đã tồn tại`, `User "${op.user.id}" already exists`);
  if (ctx.userByLogin(op.user.login)) return invalid('login', `Tên đăng nhập "${op.user.login}" đã có người dùng`, `Login "${op.user.login}" is taken`);
  return { ok: true, effects: { ...noEffects(), users: [{ before: null, after: op.user }] } };
}

function planUserUpdate(ctx: PlanContext, op: OperationOf<'user.update'>): OperationResult {
  const user = ctx.user(op.userId);
  if (!user) return fail({ kind: 'not-found', entity: 'user', id: op.userId, message: `Không tìm thấy người dùng "${op.userId}"`, messageEn: `User "${op.userId}" not found` });
  if (op.patch.login && op.patch.login !== user.login && ctx.userByLogin(op.patch.login))
    return invalid('login', `Tên đăng nhập "${op.patch.login}" đã có người dùng`, `Login "${op.patch.login}" is taken`);
  return { ok: true, effects: { ...noEffects(), users: [{ before: user, after: { ...user, ...op.patch, updatedAt: op.at } }] } };
}

/** The board and task ids an operation touches, for the audit trail and live updates (primary task first). */
export function touched(effects: Effects): { boardId?: string; taskIds: string[] } {
  const boardId = effects.boards[0]?.after?.id ?? effects.boards[0]?.before?.id ?? effects.tasks[0]?.boardId ?? effects.records?.[0]?.boardId;
  return { ...(boardId ? { boardId } : {}), taskIds: effects.tasks.map((w) => (w.after ?? w.before)!.id) };
}

// ---- meetings, indicators, daily counts ------------------------------------------------------

const meetingNotFound = (id: string): OperationResult =>
  fail({ kind: 'not-found', entity: 'meeting', id, message: `Không tìm thấy cuộc họp "${id}"`, messageEn: `Meeting "${id}" not found` });
const recordWrite = (boardId: string, before: BoardRecord | null, after: BoardRecord | null): Effects => ({ ...noEffects(), records: [{ boardId, before, after }] });

function planMeetingCreate(ctx: PlanContext, op: OperationOf<'meeting.create'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const m = op.meeting;
  if (m.boardId !== board.id) return invalid('meeting.boardId', `Cuộc họp không thuộc bảng "${board.id}"`, `The meeting does not belong to board "${board.id}"`);
  if (ctx.record(board.id, 'meeting', m.id)) return invalid('meeting.id', `Mã cuộc họp "${m.id}" bị trùng`, `Duplicate meeting id "${m.id}"`);
  const created: Meeting = { ...m, version: 1, reviewed: [], createdAt: op.at, updatedAt: op.at };
  delete created.closedAt;
  return { ok: true, effects: recordWrite(board.id, null, created) };
}

function planMeetingUpdate(ctx: PlanContext, op: OperationOf<'meeting.update'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const meeting = ctx.record(board.id, 'meeting', op.meetingId);
  if (!meeting) return meetingNotFound(op.meetingId);
  if (meeting.version !== op.expectedVersion)
    return fail({ kind: 'stale', entity: 'meeting', id: meeting.id, version: meeting.version, message: `Cuộc họp đã được người khác sửa (phiên bản ${meeting.version}); hãy tải lại`, messageEn: `The meeting was changed by someone else (now version ${meeting.version}); reload it` });
  const { closed, ...rest } = op.patch;
  const after: Meeting = { ...meeting, ...rest, version: meeting.version + 1, updatedAt: op.at };
  if (closed === true) after.closedAt = meeting.closedAt ?? op.at;
  if (closed === false) delete after.closedAt;
  return { ok: true, effects: recordWrite(board.id, meeting, after) };
}

/** "Đã xem xét": a task reviewed in the meeting (marked once, at the first mark), or the mark taken back. */
function planMeetingReview(ctx: PlanContext, op: OperationOf<'meeting.review'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const meeting = ctx.record(board.id, 'meeting', op.meetingId);
  if (!meeting) return meetingNotFound(op.meetingId);
  if (meeting.closedAt) return invalid('meetingId', `Cuộc họp "${meeting.title}" đã kết thúc: mở lại trước khi đánh dấu`, `Meeting "${meeting.title}" is closed: reopen it before marking`);
  if (!ctx.task(board.id, op.taskId)) return taskNotFound(op.taskId);
  const marked = meeting.reviewed.some((r) => r.taskId === op.taskId);
  // Marking twice (two secretaries, a retried request) changes nothing and writes nothing twice.
  if (marked === op.reviewed) return { ok: true, effects: noEffects() };
  const reviewed = op.reviewed ? [...meeting.reviewed, { taskId: op.taskId, at: op.at, by: actorRef(op.actor) }] : meeting.reviewed.filter((r) => r.taskId !== op.taskId);
  return { ok: true, effects: recordWrite(board.id, meeting, { ...meeting, reviewed, version: meeting.version + 1, updatedAt: op.at }) };
}

function planIndicatorRecord(ctx: PlanContext, op: OperationOf<'indicator.record'>): OperationResult {
  const board = writableBoard(ctx, op.boardId);
  if (isResult(board)) return board;
  const r = op.reading;
  if (r.boardId !== board.id) return invalid('reading.boardId', `Số liệu không thuộc bảng "${board.id}"`, `The reading does not belong to board "${board.id}"`);
  if (!board.indicators.some((i) => indicatorKey(i) === r.indicator))
    return invalid('indicator', `Bảng không có chỉ tiêu "${r.indicator}"`, `The board has no indicator "${r.indicator}"`);
  if (ctx.record(board.id, 'indicator', r.id)) return invalid('reading.id', `Mã số liệu "${r.id}" bị trùng`, `Duplicate reading id "${r.id}"`);
  return { ok: true, effects: recordWrite(board.id, null, { ...r, at: op.at }) };
}

/** A day's counts, recorded once: the first record of the day stands, so servers racing to record it write it once. */
function planRecordDay(ctx: PlanContext, op: OperationOf<'board.recordDay'>): OperationResult {
  const board = ctx.board(op.boardId);
  if (!board) return boardNotFound(op.boardId);
  if (op.day.boardId !== board.id) return invalid('day.boardId', `Số liệu ngày không thuộc bảng "${board.id}"`, `The day's counts do not belong to board "${board.id}"`);
  if (ctx.record(board.id, 'daily', op.day.id)) return { ok: true, effects: noEffects() };
  return { ok: true, effects: recordWrite(board.id, null, op.day) };
}

/** An indicator's key on its board: its printed number and name, so readings stay with it however the list is shown. */
export const indicatorKey = (i: { ordinal: string; name: string }): string => `${i.ordinal.trim()}|${i.name.trim()}`.slice(0, 300);


/** Task writes of an operation that changed a card's place or content, for clients: the live records. */
export const writtenTasks = (effects: Effects): Task[] => effects.tasks.flatMap((w) => (w.after ? [w.after] : []));
