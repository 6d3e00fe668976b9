// Task writes: move (place in a track/column cell) and edit, both guarded by the version the client saw.
import { Hono } from 'hono';
import { MoveRequest, UpdateTaskRequest, parseDeadline, type Operation, type Task, type TaskPatch } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, operationError } from '../http/api-error.ts';

async function run(s: Services, op: Operation): Promise<Task> {
  const r = await s.repository.apply(op);
  if (!r.ok) throw operationError(r.failure);
  return r.change.tasks[0]!;
}

export const taskRoutes = (s: Services) =>
  new Hono()
    .post('/:boardId/tasks/:taskId/move', jsonBody(MoveRequest), async (c) => {
      const { boardId, taskId } = c.req.param();
      const body = c.req.valid('json');
      const task = await run(s, {
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
      return c.json<Task>(task);
    })
    .patch('/:boardId/tasks/:taskId', jsonBody(UpdateTaskRequest), async (c) => {
      const { boardId, taskId } = c.req.param();
      const { version, deadline, ...rest } = c.req.valid('json');
      const patch: TaskPatch = { ...rest, ...(deadline === undefined ? {} : { deadline: typeof deadline === 'string' ? parseDeadline(deadline) : deadline }) };
      if (Object.keys(patch).length === 0)
        throw apiError(400, { code: 'bad-request', field: '(body)', message: 'Không có trường nào để cập nhật (ngoài "version")', messageEn: 'No field to update besides "version"' });
      const task = await run(s, { type: 'task.update', boardId, taskId, expectedVersion: version, patch, at: new Date().toISOString() });
      return c.json<Task>(task);
    });
