// Stores written by dondoc before schema 2 (a snapshot of boards and tasks by id, and `dondoc.journal`
// of operations) open once through here: the snapshot is read with today's defaults for new fields,
// and each journalled operation is replayed as the same operation by the system actor "migration",
// so it lands in the new journal's snapshot and in the audit trail. The old journal is removed only
// after the new snapshot is durable.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  Board,
  Task,
  TaskPatch,
  planOperation,
  recordOf,
  systemActor,
  type BoardIndex,
  type ChangeRecord,
  type Effects,
  type Operation,
  type PlanContext,
} from '@dondoc/shared';
import { StoreOpenError } from './errors.ts';
import type { Snapshot } from './lowdb-store.ts';

export const LEGACY_JOURNAL = 'dondoc.journal';

const V1Snapshot = z.object({
  schemaVersion: z.literal(1),
  lastSeq: z.number().int().nonnegative(),
  boards: z.record(z.string(), Board),
  tasks: z.record(z.string(), z.record(z.string(), Task)),
});

const V1Line = z.object({
  seq: z.number().int().positive(),
  op: z.discriminatedUnion('type', [
    z.object({ type: z.literal('board.create'), board: Board, tasks: z.array(Task), at: z.string().optional() }),
    z.object({ type: z.literal('task.move'), boardId: z.string(), taskId: z.string(), expectedVersion: z.number(), track: z.string(), column: z.enum(['todo', 'doing', 'review', 'done']), afterId: z.string().nullable(), at: z.string(), today: z.string().optional() }),
    z.object({ type: z.literal('task.update'), boardId: z.string(), taskId: z.string(), expectedVersion: z.number(), patch: z.record(z.string(), z.unknown()), at: z.string() }),
    z.object({ type: z.literal('tasks.import'), boardId: z.string(), tasks: z.array(Task), at: z.string() }),
  ]),
});

const actor = systemActor('migration');
const via = `${LEGACY_JOURNAL} (schema 1)`;

/** Schema 1 had no evidence rule: a move into review that it accepted must replay. */
function withoutEvidenceRule(ctx: PlanContext): PlanContext {
  return {
    board: (id) => {
      const b = ctx.board(id);
      return b && { ...b, settings: { ...b.settings, requireEvidence: false } };
    },
    task: (b, t) => ctx.task(b, t),
    trashed: (b, t) => ctx.trashed(b, t),
    cell: (b, track, column) => ctx.cell(b, track, column),
    user: (id) => ctx.user(id),
    userByLogin: (login) => ctx.userByLogin(login),
    directory: () => ctx.directory(),
    record: (b, kind, id) => ctx.record(b, kind, id),
  };
}

function effectsOfV1(state: BoardIndex, op: z.infer<typeof V1Line>['op']): { op: Operation; effects: Effects } | { error: string } {
  const at = op.at ?? new Date(0).toISOString();
  let next: Operation;
  switch (op.type) {
    case 'board.create':
      next = { type: 'board.create', board: op.board, tasks: op.tasks, actor, via, at };
      break;
    case 'task.move':
      next = { type: 'task.move', boardId: op.boardId, taskId: op.taskId, expectedVersion: op.expectedVersion, track: op.track, column: op.column, afterId: op.afterId, actor, via, at, ...(op.today ? { today: op.today } : {}) };
      break;
    case 'tasks.import':
      next = { type: 'tasks.import', boardId: op.boardId, tasks: op.tasks, actor, via, at };
      break;
    case 'task.update': {
      // Schema 1 edits could also carry lists that now have their own operations; apply them as written.
      const task = state.task(op.boardId, op.taskId);
      const board = state.board(op.boardId);
      if (!task || !board) return { error: `task.update of unknown task "${op.taskId}"` };
      const patch = Task.partial().parse(op.patch);
      const after = { ...task, ...patch, version: task.version + 1, updatedAt: op.at };
      next = { type: 'task.update', boardId: op.boardId, taskId: op.taskId, expectedVersion: op.expectedVersion, patch: TaskPatch.parse({}), actor, via, at };
      return { op: next, effects: { boards: [{ before: board, after: { ...board, revision: board.revision + 1, updatedAt: op.at } }], tasks: [{ boardId: board.id, before: task, after }], users: [] } };
    }
  }
  const r = planOperation(withoutEvidenceRule(state), next);
  if (!r.ok) return { error: r.failure.messageEn };
  // The relaxed rule was for planning only: the boards written keep their real settings.
  const boards = r.effects.boards.map((w) => {
    const real = w.after && state.board(w.after.id);
    return real && w.after ? { before: real, after: { ...w.after, settings: real.settings } } : w;
  });
  return { op: next, effects: { ...r.effects, boards } };
}

export const migrateV1 = {
  /** A schema-1 snapshot in the current shape. */
  snapshot(raw: unknown, file: string): Snapshot {
    const parsed = V1Snapshot.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') ?? '';
      throw new StoreOpenError('corrupt-snapshot', file, `Tệp dữ liệu ${file} (phiên bản 1) sai cấu trúc tại "${where}": ${issue?.message}.`, `Data file ${file} (schema 1) is malformed at "${where}": ${issue?.message}.`);
    }
    const v1 = parsed.data;
    return {
      schemaVersion: 3,
      lastSeq: v1.lastSeq,
      boards: Object.values(v1.boards),
      tasks: Object.values(v1.tasks).flatMap((byId) => Object.values(byId)),
      trash: [],
      users: [],
      directory: [],
      records: [],
    };
  },

  /** Replays `dondoc.journal` (schema 1) into `state` after `seq`; returns the change records it made. */
  async journal(dir: string, state: BoardIndex, seq: number): Promise<{ records: ChangeRecord[]; lastSeq: number; hadFile: boolean; remove: () => Promise<void> }> {
    const file = join(dir, LEGACY_JOURNAL);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], lastSeq: seq, hadFile: false, remove: async () => {} };
      throw err;
    }
    const records: ChangeRecord[] = [];
    // A torn last line (crash mid-append) was never acknowledged.
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
    let last = seq;
    for (const [i, line] of lines.entries()) {
      const bad = (why: string) => new StoreOpenError('corrupt-journal', file, `Nhật ký ${file} hỏng ở dòng ${i + 1}: ${why}`, `Journal ${file} is corrupt at line ${i + 1}: ${why}`);
      let entry: z.infer<typeof V1Line>;
      try {
        entry = V1Line.parse(JSON.parse(line));
      } catch (err) {
        throw bad((err as Error).message.slice(0, 200));
      }
      if (entry.seq <= last) continue;
      if (entry.seq !== last + 1) throw bad(`#${entry.seq} follows #${last}`);
      const r = effectsOfV1(state, entry.op);
      if ('error' in r) throw new StoreOpenError('replay-failed', file, `Không áp dụng lại được dòng ${i + 1}: ${r.error}`, `Cannot replay line ${i + 1}: ${r.error}`);
      state.apply(r.effects);
      records.push(recordOf(entry.seq, r.op, r.effects));
      last = entry.seq;
    }
    return { records, lastSeq: last, hadFile: true, remove: () => rm(file, { force: true }) };
  },
};
