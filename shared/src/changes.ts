// What an operation wrote, as a record a person can read and a store can replay: each record
// created or deleted whole, and for edits each field before → after. The journal replays these
// records (so a change of code never changes what was acknowledged), the audit trail chains them,
// and live updates name the boards and tasks they touch.
import type { Agency, Board, BoardRecord, BoardRecordKind, Task, User } from './model.ts';
import type { Actor, Effects, OperationType, RecordWrite, TaskWrite, Write } from './operations.ts';
import { touched } from './operations.ts';

/** A field's value before and after; a missing side means the field was absent. */
export interface FieldChange {
  before?: unknown;
  after?: unknown;
}
export type FieldChanges = Record<string, FieldChange>;

export type Change =
  | { entity: 'board'; id: string; created?: Board; deleted?: Board; fields?: FieldChanges }
  | { entity: 'task'; board: string; id: string; created?: Task; deleted?: Task; fields?: FieldChanges }
  | { entity: 'user'; id: string; created?: User; deleted?: User; fields?: FieldChanges }
  | { entity: 'directory'; fields: { agencies: { before: Agency[]; after: Agency[] } } }
  /** A meeting, an indicator reading or a day's counts, kept beside the board's tasks. */
  | { entity: 'record'; board: string; kind: BoardRecordKind; id: string; created?: BoardRecord; deleted?: BoardRecord; fields?: FieldChanges };

export interface ChangeRecord {
  /** The store's sequence number of the operation: 1, 2, 3… without gaps. */
  seq: number;
  at: string;
  actor: Actor;
  via: string;
  op: OperationType;
  /** The board it touched, if any, and the tasks (the primary one first). */
  board?: string;
  tasks?: string[];
  changes: Change[];
}

/** Equal as JSON: the same value, or objects and arrays that serialise alike (records hold JSON data only). */
const same = (a: unknown, b: unknown): boolean => a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * Field-level difference of two versions of a record (top-level fields, compared by value; a field set
 * to undefined counts as absent). Two primitives that are not `===` differ without serialising them, and
 * no key set is built: every move diffs a task of ~30 fields and its board, once for its change record.
 */
export function diffFields(before: object, after: object): FieldChanges {
  const out: FieldChanges = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of Object.keys(b)) noteChange(out, key, b[key], Object.hasOwn(a, key) ? a[key] : undefined);
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) noteChange(out, key, undefined, a[key]);
  return out;
}

/** Whether two versions of a record agree on `fields`, compared as `diffFields` compares them. */
export function sameFields<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T>): boolean {
  return fields.every((key) => (before[key] === undefined ? after[key] === undefined : after[key] !== undefined && same(before[key], after[key])));
}

function noteChange(out: FieldChanges, key: string, was: unknown, now: unknown): void {
  if (was === undefined) {
    if (now !== undefined) out[key] = { after: now };
  } else if (now === undefined) out[key] = { before: was };
  else if (!same(was, now)) out[key] = { before: was, after: now };
}

function changeOf<T extends { id: string }>(w: Write<T>): { id: string; created?: T; deleted?: T; fields?: FieldChanges } {
  if (!w.before) return { id: w.after!.id, created: w.after! };
  if (!w.after) return { id: w.before.id, deleted: w.before };
  return { id: w.after.id, fields: diffFields(w.before, w.after) };
}

/**
 * `{ entity: 'task', board, ...changeOf(w) }` written out: a board restored whole makes 10,000 of these in
 * one go, and spreading into each was most of the record's making.
 */
function taskChange(w: TaskWrite): Change {
  if (!w.before) return { entity: 'task', board: w.boardId, id: w.after!.id, created: w.after! };
  if (!w.after) return { entity: 'task', board: w.boardId, id: w.before.id, deleted: w.before };
  return { entity: 'task', board: w.boardId, id: w.after.id, fields: diffFields(w.before, w.after) };
}

/** The record of one applied operation. */
export function recordOf(seq: number, op: { type: OperationType; actor: Actor; via: string; at: string }, effects: Effects): ChangeRecord {
  const changes: Change[] = [
    ...effects.boards.map((w) => ({ entity: 'board' as const, ...changeOf(w) })),
    ...effects.tasks.map(taskChange),
    ...effects.users.map((w) => ({ entity: 'user' as const, ...changeOf(w) })),
  ];
  if (effects.directory) changes.push({ entity: 'directory', fields: { agencies: { before: effects.directory.before ?? [], after: effects.directory.after ?? [] } } });
  for (const w of effects.records ?? []) changes.push({ entity: 'record', board: w.boardId, kind: (w.after ?? w.before)!.kind, ...changeOf(w) });
  const where = touched(effects);
  return {
    seq,
    at: op.at,
    actor: op.actor,
    via: op.via,
    op: op.type,
    ...(where.boardId ? { board: where.boardId } : {}),
    ...(where.taskIds.length ? { tasks: where.taskIds } : {}),
    changes,
  };
}

function patched<T extends object>(current: T, fields: FieldChanges): T {
  // Built afresh in the record's field order, never with `delete`: a deleted field puts the object in V8's
  // dictionary mode (~1.5 KB more per task), and a start replays thousands of these.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current)) {
    const c = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!c) out[key] = value;
    else if ('after' in c) out[key] = c.after;
  }
  for (const [key, c] of Object.entries(fields)) if (!(key in out) && 'after' in c) out[key] = c.after;
  return out as T;
}

/** Where replay reads the records a change edits. */
export interface ReplayTarget {
  board(boardId: string): Board | undefined;
  task(boardId: string, taskId: string): Task | undefined;
  user(userId: string): User | undefined;
  record(boardId: string, kind: BoardRecordKind, id: string): BoardRecord | undefined;
}

/**
 * The effects a record describes, against the state it was written on: created and deleted records
 * whole, edits as the current record with the changed fields set. Throws when the state does not
 * hold a record the change edits (the journal does not belong to this snapshot).
 */
export function effectsOf(record: ChangeRecord, state: ReplayTarget): Effects {
  const effects: Effects = { boards: [], tasks: [], users: [] };
  const missing = (what: string, id: string) => new Error(`thao tác #${record.seq} (${record.op}) sửa ${what} "${id}" không có trong dữ liệu / edits ${what} "${id}" that is not in the data`);
  for (const c of record.changes) {
    switch (c.entity) {
      case 'board': {
        const current = state.board(c.id);
        if (c.created) effects.boards.push({ before: null, after: c.created });
        else if (c.deleted) effects.boards.push({ before: current ?? c.deleted, after: null });
        else if (!current) throw missing('bảng / board', c.id);
        else effects.boards.push({ before: current, after: patched(current, c.fields ?? {}) });
        break;
      }
      case 'task': {
        const current = state.task(c.board, c.id);
        let w: TaskWrite;
        if (c.created) w = { boardId: c.board, before: null, after: c.created };
        else if (c.deleted) w = { boardId: c.board, before: current ?? c.deleted, after: null };
        else if (!current) throw missing('nhiệm vụ / task', c.id);
        else w = { boardId: c.board, before: current, after: patched(current, c.fields ?? {}) };
        effects.tasks.push(w);
        break;
      }
      case 'user': {
        const current = state.user(c.id);
        if (c.created) effects.users.push({ before: null, after: c.created });
        else if (c.deleted) effects.users.push({ before: current ?? c.deleted, after: null });
        else if (!current) throw missing('người dùng / user', c.id);
        else effects.users.push({ before: current, after: patched(current, c.fields ?? {}) });
        break;
      }
      case 'directory':
        effects.directory = { before: c.fields.agencies.before, after: c.fields.agencies.after };
        break;
      case 'record': {
        const current = state.record(c.board, c.kind, c.id);
        let w: RecordWrite;
        if (c.created) w = { boardId: c.board, before: null, after: c.created };
        else if (c.deleted) w = { boardId: c.board, before: current ?? c.deleted, after: null };
        else if (!current) throw missing(`bản ghi ${c.kind} / ${c.kind} record`, c.id);
        else w = { boardId: c.board, before: current, after: patched(current, c.fields ?? {}) };
        (effects.records ??= []).push(w);
        break;
      }
    }
  }
  return effects;
}
