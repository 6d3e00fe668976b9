// A server in memory for store tests: the real reducer (`planOperation`) over one board's tasks, so
// ranks, renumbering, versions and refusals are exactly the server's.
import type { Board, Task } from '@dondoc/shared/model';
import type { MoveResponse } from '@dondoc/shared/api';
import type { MoveRequest } from '@dondoc/shared/requests';
import { planOperation, systemActor, type PlanContext } from '@dondoc/shared/operations';
import { cellTasks } from '@dondoc/shared/ranks';
import { ApiRequestError } from '../api/client.ts';

export function fakeServer(board: Board, tasks: readonly Task[]) {
  const state = new Map(tasks.map((t) => [t.id, t]));
  const ctx: PlanContext = {
    board: (id) => (id === board.id ? board : undefined),
    task: (_b, id) => state.get(id),
    trashed: () => undefined,
    cell: (_b, track, column) => cellTasks(state.values(), track, column),
    user: () => undefined,
    userByLogin: () => undefined,
    directory: () => [],
    record: () => undefined,
  };
  /** POST …/move as the route answers it; a refusal throws the client's error, with `current` on a 409. */
  function move(taskId: string, body: MoveRequest): MoveResponse {
    const r = planOperation(ctx, { type: 'task.move', boardId: board.id, taskId, expectedVersion: body.version, track: body.track, column: body.column, afterId: body.afterId, actor: systemActor('test'), via: 'test', at: '2025-11-20T00:00:00Z' });
    if (!r.ok) {
      const f = r.failure;
      throw f.kind === 'conflict'
        ? new ApiRequestError(409, { error: { code: 'conflict', message: f.message, current: f.current } })
        : new ApiRequestError(f.kind === 'not-found' ? 404 : 400, { error: { code: f.kind === 'not-found' ? 'not-found' : 'bad-request', message: f.message } });
    }
    for (const w of r.effects.tasks) state.set(w.after!.id, w.after!);
    const [moved, ...renumbered] = r.effects.tasks;
    return { task: moved!.after!, ranks: renumbered.map((w) => ({ id: w.after!.id, rank: w.after!.rank })) };
  }
  /** A cell's task ids in the server's order. */
  const cell = (track: string, column: Task['column']): string[] => cellTasks(state.values(), track, column).map((t) => t.id);
  return { state, move, cell };
}
