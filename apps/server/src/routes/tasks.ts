// Task writes: move (place in a track/column cell) and edit, both guarded by the version the client saw.
import { Hono } from 'hono';
import { MoveRequest, UpdateTaskRequest, parseDeadline, type MoveResponse, type Operation, type OperationChange, type Task, type TaskPatch } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, operationError } from '../http/api-error.ts';

/** Applies `op`; the change lists the moved/edited task first, then any neighbours a move renumbered. */
async function run(s: Services, op: Operation): Promise<OperationChange> {
  const r = await s.repository.apply(op);
  if (!r.ok) throw operationError(r.failure);
  return r.change;
}

export const taskRoutes = (s: Services) =>
  new Hono()
    .post('/:boardId/tasks/:taskId/move', jsonBody(MoveRequest), async (c) => {
      const { boardId, taskId } = c.req.param();
      const body = c.req.valid('json');
      const change = await run(s, {
        type: 'task.move',
        boardId,
        taskId,
        expectedVersion: body.version,
        track: body.track,
        column: body.column,
        afterId: body.afterId,
        at: new Date().toISOString(),
        ...(s.config.todayPinned ? { today: s.config.todayPinned } : {}),
      });
      const [task, ...renumbered] = change.tasks;
      // Renumbered neighbours keep their version, so the client can only learn their new ranks here.
      return c.json<MoveResponse>({ task: task!, ranks: renumbered.map((t) => ({ id: t.id, rank: t.rank })) });
    })
    .patch('/:boardId/tasks/:taskId', jsonBody(UpdateTaskRequest), async (c) => {
      const { boardId, taskId } = c.req.param();
      const { version, deadline, ...rest } = c.req.valid('json');
      const patch: TaskPatch = { ...rest, ...(deadline === undefined ? {} : { deadline: typeof deadline === 'string' ? parseDeadline(deadline) : deadline }) };
      if (Object.keys(patch).length === 0)
        throw apiError(400, { code: 'bad-request', field: '(body)', message: 'Không có trường nào để cập nhật (ngoài "version")', messageEn: 'No field to update besides "version"' });
      const change = await run(s, { type: 'task.update', boardId, taskId, expectedVersion: version, patch, at: new Date().toISOString() });
      return c.json<Task>(change.tasks[0]!);
    });
