// Task work: read a task whole (and its history), add, duplicate, delete and restore, move, edit one
// field or many tasks at once, evidence, comments, period reports, confirmation and return,
// extensions and conclusions. Every write is one named operation by the signed-in user, allowed by
// the board's rules for their role and agency.
import { Hono, type Context } from 'hono';
import { randomBytes } from 'node:crypto';
import {
  BulkUpdateRequest,
  CommentRequest,
  ConclusionRequest,
  CreateTaskRequest,
  EvidenceRequest,
  ExtendRequest,
  MoveRequest,
  PeriodReportRequest,
  ReturnRequest,
  UpdateTaskRequest,
  VersionRequest,
  actorRef,
  blankTask,
  checkFailures,
  parseDeadline,
  type CheckFailure,
  type CheckResult,
  type Effects,
  type Evidence,
  type HistoryEntry,
  type MoveResponse,
  type Operation,
  type Task,
  type TaskFieldsInput,
  type TaskPatch,
} from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, notFound, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, requireCan, requireOnTask, viaOf, type BoardAccess } from '../auth/access.ts';
import { storeEvidenceFile } from '../evidence.ts';
import { taskHistory } from '../task-history.ts';
import type { ApplyOptions } from '../store/repository.ts';
import { contentDisposition } from './exports.ts';

const newId = (prefix: string): string => `${prefix}${randomBytes(6).toString('hex')}`;

/** A task as the panel shows it: the whole record and its checklist result. */
export interface TaskDetail {
  task: Task;
  checks: CheckResult[];
}

/** What a write answers: the task as it now is and the criteria it fails, so the card's badge updates at once. */
export interface TaskAnswer {
  task: Task;
  failures: CheckFailure[];
}

/** One line of a task's history: who did what when, and each field before → after. */
export type { HistoryEntry } from '@dondoc/shared';

/** Form fields as typed become a patch: a typed deadline is read by the shared parser, a lead list keeps its printed text in step. */
function patchOf(input: TaskFieldsInput): TaskPatch {
  const { deadline, ...rest } = input;
  const patch: TaskPatch = { ...rest };
  if (deadline !== undefined) patch.deadline = typeof deadline === 'string' ? parseDeadline(deadline) : deadline;
  if (input.leads && input.leadsText === undefined) patch.leadsText = input.leads.join(', ');
  if (input.partners && input.partnersText === undefined) patch.partnersText = input.partners.join(', ');
  return patch;
}

const emptyPatch = () =>
  apiError(400, { code: 'bad-request', field: '(body)', message: 'Không có trường nào để cập nhật (ngoài "version")', messageEn: 'No field to update besides "version"' });

export const taskRoutes = (s: Services) => {
  /** The board the request names, with the user's access (and the task it names, read with the board); 404 when they have no role on it. */
  const access = (c: Context<AuthEnv>) => boardAccess(c, s.repository, c.req.param('boardId')!, c.req.param('taskId'));

  async function taskOf(a: BoardAccess, taskId: string): Promise<Task> {
    const task = a.task?.id === taskId ? a.task : await s.repository.getTask(a.board.id, taskId);
    if (task) return task;
    // A task someone deleted while this user had it open: say so, so the panel can explain.
    if (await s.repository.getTrashedTask(a.board.id, taskId))
      throw apiError(404, {
        code: 'not-found',
        field: 'taskId',
        message: 'Nhiệm vụ này đã bị xóa (có thể đã bị xóa bởi người khác); thay đổi không được lưu',
        messageEn: 'This task was deleted (perhaps by someone else); the change was not saved',
      });
    throw notFound('nhiệm vụ', taskId, 'Task', 'taskId');
  }

  /** Applies an operation by the signed-in user through this route; a refusal becomes its HTTP error. */
  async function run(c: Context<AuthEnv>, a: BoardAccess, op: DistributiveOmit<Operation, 'actor' | 'via' | 'at' | 'today'>, opts: ApplyOptions = {}): Promise<Effects> {
    const full = { ...op, actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString(), ...(s.config.todayPinned ? { today: s.config.todayPinned } : {}) } as Operation;
    const r = await s.repository.apply(full, opts);
    if (!r.ok) throw operationError(r.failure);
    return r.effects;
  }

  /**
   * Applies an operation and answers with its task and the badge's criteria. The written tasks' checks
   * are readied as soon as the operation is planned (kept through a move, or run in the checklist's
   * thread while the write goes to disk), so the answer does not wait for them after it.
   */
  async function answered(c: Context<AuthEnv>, a: BoardAccess, op: DistributiveOmit<Operation, 'actor' | 'via' | 'at' | 'today'>): Promise<TaskAnswer> {
    const e = await run(c, a, op, { planned: (effects) => s.payloads.checkWritten(a.board, effects.tasks, a.directory) });
    return answer(a, primary(e));
  }

  async function answer(a: BoardAccess, task: Task): Promise<TaskAnswer> {
    const board = (await s.repository.getBoard(a.board.id)) ?? a.board;
    const checks = (await s.payloads.checksFor(board, [task], a.directory))[task.id] ?? [];
    const criteria = s.payloads.checklistOf(board)?.criteria ?? [];
    return { task, failures: checkFailures(checks, criteria) };
  }
  const primary = (e: Effects): Task => e.tasks[0]!.after!;

  return (
    new Hono<AuthEnv>()
      .get('/:boardId/tasks/:taskId', async (c) => {
        const a = await access(c);
        requireCan(a, 'read', 'Task');
        const task = await taskOf(a, c.req.param('taskId'));
        const checks = (await s.payloads.checksFor(a.board, [task], a.directory))[task.id] ?? [];
        return c.json<TaskDetail>({ task, checks });
      })
      .get('/:boardId/tasks/:taskId/history', async (c) => {
        const a = await access(c);
        requireCan(a, 'read', 'Task');
        const taskId = c.req.param('taskId');
        // A task in the trash still has its history; an id that never was a task has none to show.
        const task = (await s.repository.getTask(a.board.id, taskId)) ?? (await s.repository.getTrashedTask(a.board.id, taskId));
        if (!task) throw notFound('nhiệm vụ', taskId, 'Task', 'taskId');
        const out = await taskHistory(s.repository, a.board.id, taskId, task);
        return c.json<HistoryEntry[]>(out);
      })
      .post('/:boardId/tasks', jsonBody(CreateTaskRequest), async (c) => {
        const a = await access(c);
        requireCan(a, 'create', 'Task');
        const { track, column, afterId, content, ...fields } = c.req.valid('json');
        const at = new Date().toISOString();
        const patch = patchOf(fields);
        const task: Task = { ...blankTask({ id: newId('t'), boardId: a.board.id, track, column, rank: 0, content, deadline: parseDeadline(''), createdAt: at }), ...patch };
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.create', boardId: a.board.id, task, ...(afterId !== undefined ? { afterId } : {}) }), 201);
      })
      .post('/:boardId/tasks/:taskId/duplicate', async (c) => {
        const a = await access(c);
        requireCan(a, 'create', 'Task');
        const original = await taskOf(a, c.req.param('taskId'));
        const at = new Date().toISOString();
        // The copy keeps what the plan says and starts over on what the work did.
        const copy: Task = blankTask({
          ...Object.fromEntries(Object.entries(original).filter(([k]) => ['ordinal', 'group', 'content', 'leads', 'leadsText', 'partners', 'partnersText', 'deadline', 'output', 'sourceDoc', 'owner', 'approver', 'track'].includes(k))),
          id: newId('t'),
          boardId: a.board.id,
          track: original.track,
          column: 'todo',
          rank: 0,
          content: original.content,
          deadline: original.deadline,
          createdAt: at,
        });
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.create', boardId: a.board.id, task: copy, ...(original.column === 'todo' ? { afterId: original.id } : {}) }), 201);
      })
      .delete('/:boardId/tasks/:taskId', jsonBody(VersionRequest), async (c) => {
        const a = await access(c);
        requireCan(a, 'delete', 'Task');
        const taskId = c.req.param('taskId');
        await run(c, a, { type: 'task.delete', boardId: a.board.id, taskId, expectedVersion: c.req.valid('json').version });
        return c.json({ ok: true as const, id: taskId });
      })
      .post('/:boardId/tasks/:taskId/restore', async (c) => {
        const a = await access(c);
        requireCan(a, 'delete', 'Task');
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.restore', boardId: a.board.id, taskId: c.req.param('taskId') }));
      })
      .post('/:boardId/tasks/:taskId/move', jsonBody(MoveRequest), async (c) => {
        const a = await access(c);
        const body = c.req.valid('json');
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'move', task, { toColumn: body.column });
        const e = await run(c, a, { type: 'task.move', boardId: a.board.id, taskId: task.id, expectedVersion: body.version, track: body.track, column: body.column, afterId: body.afterId });
        const [moved, ...renumbered] = e.tasks;
        // Renumbered neighbours keep their version, so the client can only learn their new ranks here.
        return c.json<MoveResponse>({ task: moved!.after!, ranks: renumbered.map((w) => ({ id: w.after!.id, rank: w.after!.rank })) });
      })
      .patch('/:boardId/tasks/:taskId', jsonBody(UpdateTaskRequest), async (c) => {
        const a = await access(c);
        const { version, ...fields } = c.req.valid('json');
        const patch = patchOf(fields);
        if (Object.keys(patch).length === 0) throw emptyPatch();
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'update', task, { fields: Object.keys(fields) });
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.update', boardId: a.board.id, taskId: task.id, expectedVersion: version, patch }));
      })
      .patch('/:boardId/tasks', jsonBody(BulkUpdateRequest), async (c) => {
        const a = await access(c);
        const body = c.req.valid('json');
        const items: Array<{ taskId: string; expectedVersion: number; patch: TaskPatch }> = [];
        for (const item of body.items) {
          const fields = { ...body.patch, ...item.patch };
          const patch = patchOf(fields);
          if (Object.keys(patch).length === 0) throw emptyPatch();
          const task = await taskOf(a, item.taskId);
          requireOnTask(a, 'update', task, { fields: Object.keys(fields) });
          items.push({ taskId: item.taskId, expectedVersion: item.version, patch });
        }
        const e = await run(c, a, { type: 'tasks.bulkUpdate', boardId: a.board.id, items });
        return c.json<TaskAnswer[]>(await Promise.all(e.tasks.map((w) => answer(a, w.after!))));
      })
      .post('/:boardId/tasks/:taskId/confirm', jsonBody(VersionRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'confirm', task);
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.confirm', boardId: a.board.id, taskId: task.id, expectedVersion: c.req.valid('json').version }));
      })
      .post('/:boardId/tasks/:taskId/return', jsonBody(ReturnRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'return', task);
        const { version, reason } = c.req.valid('json');
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.return', boardId: a.board.id, taskId: task.id, expectedVersion: version, reason }));
      })
      .post('/:boardId/tasks/:taskId/extend', jsonBody(ExtendRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'extend', task);
        const { version, due, reason, approvedBy } = c.req.valid('json');
        const at = new Date().toISOString();
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.extend', boardId: a.board.id, taskId: task.id, expectedVersion: version, extension: { id: newId('x'), due, reason, approvedBy, by: actorRef(actorOf(a.user)), at } }));
      })
      .post('/:boardId/tasks/:taskId/period-reports', jsonBody(PeriodReportRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'report', task);
        const { period, done, note } = c.req.valid('json');
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.reportPeriod', boardId: a.board.id, taskId: task.id, report: { period, done, note, by: actorRef(actorOf(a.user)), at: new Date().toISOString() } }));
      })
      .post('/:boardId/tasks/:taskId/comments', jsonBody(CommentRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'comment', task);
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.comment.add', boardId: a.board.id, taskId: task.id, comment: { id: newId('c'), text: c.req.valid('json').text, by: actorRef(actorOf(a.user)), at: new Date().toISOString() } }), 201);
      })
      .post('/:boardId/tasks/:taskId/conclusions', jsonBody(ConclusionRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'conclude', task);
        const { text, newDue, followUp, meetingId, approvedBy } = c.req.valid('json');
        // A conclusion filed under a meeting must name one of this board's, or the minutes would never find it.
        if (meetingId && !(await s.repository.getRecord(a.board.id, 'meeting', meetingId))) throw notFound('cuộc họp', meetingId, 'Meeting', 'meetingId');
        const at = new Date().toISOString();
        const by = actorRef(actorOf(a.user));
        const conclusion = { id: newId('k'), text, followUp, by, at, ...(newDue ? { newDue } : {}), ...(meetingId ? { meetingId } : {}) };
        // A conclusion that sets a new deadline is an extension too, approved in the meeting.
        const extension = newDue ? { id: newId('x'), due: newDue, reason: text, approvedBy: approvedBy || a.user.name, conclusionId: conclusion.id, by, at } : undefined;
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.conclude', boardId: a.board.id, taskId: task.id, conclusion, ...(extension ? { extension } : {}) }), 201);
      })
      .post('/:boardId/tasks/:taskId/evidence', jsonBody(EvidenceRequest), async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'evidence', task);
        const body = c.req.valid('json');
        const evidence: Evidence = {
          id: newId('e'),
          kind: body.kind,
          label: body.label,
          ...(body.kind === 'link' ? { url: body.url } : {}),
          ...(body.period ? { period: body.period } : {}),
          addedBy: actorRef(actorOf(a.user)),
          addedAt: new Date().toISOString(),
        };
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.evidence.add', boardId: a.board.id, taskId: task.id, evidence }), 201);
      })
      .post('/:boardId/tasks/:taskId/evidence/file', async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'evidence', task);
        const form = await c.req.parseBody().catch(() => {
          throw apiError(400, { code: 'bad-request', field: 'file', message: 'Cần gửi tệp dạng multipart/form-data (trường "file")', messageEn: 'Send the file as multipart/form-data (field "file")' });
        });
        const file = form.file;
        if (!(file instanceof File)) throw apiError(400, { code: 'bad-request', field: 'file', message: 'Thiếu tệp minh chứng (trường "file")', messageEn: 'The evidence file (field "file") is missing' });
        const label = typeof form.label === 'string' && form.label.trim() ? form.label.trim().slice(0, 500) : file.name;
        const period = typeof form.period === 'string' && form.period ? PeriodReportRequest.shape.period.safeParse(form.period) : undefined;
        if (period && !period.success) throw apiError(400, { code: 'bad-request', field: 'period', message: 'Kỳ báo cáo không hợp lệ', messageEn: 'Invalid period' });
        // Refused before the bytes are stored, so a refused upload leaves no file behind (the operation would refuse it after).
        if (a.board.archived)
          throw apiError(400, { code: 'bad-request', field: 'boardId', message: `Bảng "${a.board.title}" đã lưu trữ: bỏ lưu trữ trước khi sửa`, messageEn: `Board "${a.board.title}" is archived: unarchive it before editing` });
        // Stored whole before the task names it: a refused or failed upload leaves no trace on the task.
        const stored = await storeEvidenceFile(s.repository.files, new Uint8Array(await file.arrayBuffer()), file.name);
        const evidence: Evidence = {
          id: newId('e'),
          kind: 'file',
          label,
          file: stored,
          ...(period?.success ? { period: period.data } : {}),
          addedBy: actorRef(actorOf(a.user)),
          addedAt: new Date().toISOString(),
        };
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.evidence.add', boardId: a.board.id, taskId: task.id, evidence }), 201);
      })
      .delete('/:boardId/tasks/:taskId/evidence/:evidenceId', async (c) => {
        const a = await access(c);
        const task = await taskOf(a, c.req.param('taskId'));
        requireOnTask(a, 'evidence', task);
        return c.json<TaskAnswer>(await answered(c, a, { type: 'task.evidence.remove', boardId: a.board.id, taskId: task.id, evidenceId: c.req.param('evidenceId') }));
      })
      .get('/:boardId/tasks/:taskId/evidence/:evidenceId/file', async (c) => {
        const a = await access(c);
        requireCan(a, 'read', 'Task');
        const task = await taskOf(a, c.req.param('taskId'));
        const ev = task.evidence.find((x) => x.id === c.req.param('evidenceId'));
        if (!ev?.file) throw notFound('tệp minh chứng', c.req.param('evidenceId'), 'Evidence file', 'evidenceId');
        const bytes = await s.repository.files.get(ev.file.sha256);
        if (!bytes) throw notFound('tệp minh chứng', ev.file.name, 'Evidence file', 'evidenceId');
        // Images and PDFs open in the browser; anything else downloads. Never sniffed into HTML.
        const inline = ev.file.mediaType.startsWith('image/') || ev.file.mediaType === 'application/pdf';
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': ev.file.mediaType,
          'Content-Disposition': inline ? contentDisposition(ev.file.name).replace(/^attachment/, 'inline') : contentDisposition(ev.file.name),
          'Content-Length': String(bytes.byteLength),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, max-age=3600',
        });
      })
  );
};

/** Omit over each member of a union, so a discriminated union stays one. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
