// Writes an operation's effects to the tables, inside its transaction, and its change record
// (unsealed: the sealer numbers and chains it once committed). Statements are sent at once
// (postgres.js sends a query only when awaited unless told to execute) and pipelined; PostgreSQL runs
// them in order, so the next operation of a batch, whose reads are sent after them, sees them. An
// operation that only updates boards (a move, an edit: the board row, a few tasks, the change record)
// sends its writes as one statement of data-modifying WITH clauses: one message and one statement for
// the server to run instead of three or more, each touching other rows (the rule such a statement needs).
import { recordOf, touched, type ChangeRecord, type Effects, type Operation, type Task } from '@dondoc/shared';
import type { Tx } from './connect.ts';

/** Rows per multi-row statement (7 parameters a row stays under PostgreSQL's 65,535). */
const CHUNK = 2000;

const chunks = <T>(list: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};

/** Sends a statement now; its failure is reported where the batch awaits it (and not as an unhandled rejection meanwhile). */
export function send(query: { execute(): Promise<unknown> }): Promise<unknown> {
  const sent = query.execute();
  sent.catch(() => {});
  return sent;
}

/** The change record without its sequence number, which the sealer gives it. */
export type UnsealedRecord = Omit<ChangeRecord, 'seq'>;

/** Most parameters a combined statement carries; larger writes (a board's creation or import) go statement by statement. */
const COMBINED_PARAMS = 2000;

type Fragment = ReturnType<Tx>;

export function writeEffects(tx: Tx, op: Operation, effects: Effects): Array<Promise<unknown>> {
  const q: Fragment[] = [];
  for (const w of effects.boards) {
    if (!w.after) q.push(tx`DELETE FROM boards WHERE id = ${w.before!.id}`);
    else if (!w.before) q.push(tx`INSERT INTO boards (id, revision, data) VALUES (${w.after.id}, ${w.after.revision}, ${w.after as never})`);
    else q.push(tx`UPDATE boards SET revision = ${w.after.revision}, data = ${w.after as never} WHERE id = ${w.after.id}`);
  }
  const byBoard = new Map<string, { rev: number; put: Task[]; restored: string[]; deleted: Task[] }>();
  for (const w of effects.tasks) {
    let b = byBoard.get(w.boardId);
    if (!b) {
      const board = effects.boards.find((x) => (x.after ?? x.before)!.id === w.boardId);
      byBoard.set(w.boardId, (b = { rev: board?.after?.revision ?? 0, put: [], restored: [], deleted: [] }));
    }
    if (w.after) {
      b.put.push(w.after);
      if (!w.before) b.restored.push(w.after.id);
    } else b.deleted.push(w.before!);
  }
  for (const [boardId, b] of byBoard) {
    // A board deleted in the same operation takes its tasks with it (ON DELETE CASCADE).
    if (effects.boards.some((x) => !x.after && x.before!.id === boardId)) continue;
    for (const part of chunks(b.put)) {
      const rows = part.map((t) => ({ board_id: boardId, id: t.id, track: t.track, col: t.column, rank: t.rank, board_rev: b.rev, data: t as never }));
      q.push(tx`
        INSERT INTO tasks ${tx(rows, 'board_id', 'id', 'track', 'col', 'rank', 'board_rev', 'data')}
        ON CONFLICT (board_id, id) DO UPDATE SET track = excluded.track, col = excluded.col, rank = excluded.rank, board_rev = excluded.board_rev, data = excluded.data`);
    }
    if (b.restored.length) q.push(tx`DELETE FROM trash WHERE board_id = ${boardId} AND id = ANY(${b.restored}::text[])`);
    for (const part of chunks(b.deleted)) {
      q.push(tx`DELETE FROM tasks WHERE board_id = ${boardId} AND id = ANY(${part.map((t) => t.id)}::text[])`);
      const rows = part.map((t) => ({ board_id: boardId, id: t.id, board_rev: b.rev, data: t as never }));
      q.push(tx`INSERT INTO trash ${tx(rows, 'board_id', 'id', 'board_rev', 'data')} ON CONFLICT (board_id, id) DO UPDATE SET board_rev = excluded.board_rev, data = excluded.data`);
    }
  }
  for (const w of effects.users) {
    if (!w.after) q.push(tx`DELETE FROM users WHERE id = ${w.before!.id}`);
    else q.push(tx`INSERT INTO users (id, login, data) VALUES (${w.after.id}, ${w.after.login}, ${w.after as never}) ON CONFLICT (id) DO UPDATE SET login = excluded.login, data = excluded.data`);
  }
  if (effects.directory) q.push(tx`UPDATE directory SET agencies = ${(effects.directory.after ?? []) as never} WHERE id = 1`);
  for (const w of effects.records ?? []) {
    const r = (w.after ?? w.before)!;
    // A board deleted in the same operation takes its records with it (ON DELETE CASCADE).
    if (!w.after) q.push(tx`DELETE FROM board_records WHERE board_id = ${w.boardId} AND kind = ${r.kind} AND id = ${r.id}`);
    else
      q.push(
        tx`INSERT INTO board_records (board_id, kind, id, data) VALUES (${w.boardId}, ${r.kind}, ${r.id}, ${w.after as never})
          ON CONFLICT (board_id, kind, id) DO UPDATE SET data = excluded.data`,
      );
  }
  const { seq: _seq, ...record } = recordOf(0, op, effects);
  const where = touched(effects);
  q.push(tx`INSERT INTO changes (board_id, task_ids, record) VALUES (${where.boardId ?? null}, ${where.taskIds}::text[], ${record as never})`);
  // Boards created or deleted stay statement by statement: their tasks' foreign keys and cascades then act in the order written.
  const combinable = effects.boards.every((w) => w.before && w.after) && 7 * effects.tasks.length + 4 * (effects.records?.length ?? 0) + 3 * effects.users.length + 10 < COMBINED_PARAMS;
  if (!combinable || q.length === 1) return q.map(send);
  return [send(tx`WITH ${q.map((f, i) => (i === 0 ? tx`${tx(`w${i}`)} AS (${f})` : tx`, ${tx(`w${i}`)} AS (${f})`))} SELECT 1`)];
}
