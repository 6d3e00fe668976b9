// A task's history as people read it: the audit trail's entries that touched the task, each reduced to
// who, when, which operation and the task's fields before → after, followed by the lines the task
// brought from a backup it was restored from. The history tab and the board backup both read it here.
import type { HistoryEntry, Task } from '@dondoc/shared';
import type { Repository } from './store/repository.ts';

/** Enough for any task's whole life: what a backup reads (the history tab reads the store's default, the latest 200). */
export const WHOLE_HISTORY = 100_000;

/** The history of `taskId` on `boardId`, newest first; `task` (live or trashed) adds the lines it was restored with. */
export async function taskHistory(repo: Pick<Repository, 'audit'>, boardId: string, taskId: string, task: Pick<Task, 'earlierHistory'> | undefined, limit?: number): Promise<HistoryEntry[]> {
  const entries = await repo.audit.history(`task:${boardId}/${taskId}`, limit);
  const out: HistoryEntry[] = [];
  for (const e of entries) {
    const change = e.changes.find((ch) => ch.entity === 'task' && ch.id === taskId);
    if (!change || change.entity !== 'task') continue;
    out.push({ n: e.n, at: e.at, actor: e.actor, op: e.op, via: e.via, ...(change.created ? { created: true } : {}), ...(change.deleted ? { deleted: true } : {}), ...(change.fields ? { fields: change.fields } : {}) });
  }
  return [...out, ...(task?.earlierHistory ?? [])];
}
