// A task's history as people read it: the audit trail's entries that touched the task, each reduced to
// who, when, which operation and the task's fields before → after, followed by the lines the task
// brought from a backup it was restored from. The history tab reads one task's; a board backup reads
// every task's in one pass over the board's entries (a board created with 10,000 tasks is one large
// entry, read once rather than once per task).
import type { HistoryEntry, Task } from '@dondoc/shared';
import type { AuditEntry } from './store/audit-log.ts';
import type { Repository } from './store/repository.ts';
import { Slicer } from './workers/snapshot-wire.ts';

/** Enough for any board's whole life: what a backup reads (the history tab reads the store's default, the latest 200). */
export const WHOLE_HISTORY = 10_000_000;

/** The line `change` (one of entry `e`'s changes) makes in its task's history. */
function lineFrom(e: AuditEntry, change: AuditEntry['changes'][number] & { entity: 'task' }): HistoryEntry {
  return { n: e.n, at: e.at, actor: e.actor, op: e.op, via: e.via, ...(change.created ? { created: true } : {}), ...(change.deleted ? { deleted: true } : {}), ...(change.fields ? { fields: change.fields } : {}) };
}

/** The line an entry makes in the history of `taskId` on `boardId`, if it touched that task. */
function lineOf(e: AuditEntry, boardId: string, taskId: string): HistoryEntry | undefined {
  const change = e.changes.find((ch) => ch.entity === 'task' && ch.board === boardId && ch.id === taskId);
  if (!change || change.entity !== 'task') return undefined;
  return lineFrom(e, change);
}

/** The history of `taskId` on `boardId`, newest first; `task` (live or trashed) adds the lines it was restored with. */
export async function taskHistory(repo: Pick<Repository, 'audit'>, boardId: string, taskId: string, task: Pick<Task, 'earlierHistory'> | undefined): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (const e of await repo.audit.history(`task:${boardId}/${taskId}`)) {
    const line = lineOf(e, boardId, taskId);
    if (line) out.push(line);
  }
  return [...out, ...(task?.earlierHistory ?? [])];
}

/** The whole history of every task of `tasks` (on `boardId`), newest first, by task id: one read of the board's entries. */
export async function boardTaskHistories(repo: Pick<Repository, 'audit'>, boardId: string, tasks: readonly Task[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(tasks.map((t) => [t.id, []]));
  // A turn for other requests whenever a slice is used up: a board's life can be many thousand changes.
  const slicer = new Slicer();
  for (const e of await repo.audit.history(`board:${boardId}`, WHOLE_HISTORY)) {
    if (slicer.due) await slicer.turn();
    for (const [i, ch] of e.changes.entries()) {
      if (i % 256 === 255 && slicer.due) await slicer.turn();
      if (ch.entity !== 'task' || ch.board !== boardId) continue;
      const lines = out.get(ch.id);
      // One line per entry and task, as the history tab shows it: the entry's first change of the task.
      // Made from this change, not looked up again: a board created with 10,000 tasks is one entry of
      // 10,000 changes, and a lookup per change was 10⁸ steps on the request thread.
      if (lines && lines.at(-1)?.n !== e.n) lines.push(lineFrom(e, ch));
    }
  }
  for (const t of tasks) out.get(t.id)!.push(...(t.earlierHistory ?? []));
  return out;
}
