// Shapes that cross the HTTP boundary and are not plain model types: errors, board payloads and
// answers. Request bodies, which the server validates with schemas, are in requests.ts; this module
// builds none, so the board reads its payload without zod.
import type { Board, Task } from './model.ts';
import type { CheckResult, Criterion } from './plugin.ts';
import { WireTableBuilder, decodeCard, decodeFailures, encodeCard, type BoardCard, type WireCard, type WireTables } from './wire.ts';

/** Every error the API returns has this body. `message` is Vietnamese, `messageEn` English. */
export interface ApiError {
  error: {
    code: 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'unsupported' | 'too-many-requests' | 'internal' | 'unavailable';
    message: string;
    messageEn?: string;
    /** The request field at fault, as named in the API (e.g. "column"). */
    field?: string;
    /** On 409: the task as it is now. */
    current?: Task;
  };
}

/** A board as the board list shows it: enough to tell two boards made from one template apart. */
export interface BoardSummary {
  id: string;
  title: string;
  origin: string;
  taskCount: number;
  updatedAt: string;
  archived: boolean;
  /** The signed-in user's role on it. */
  role: 'admin' | 'coordinator' | 'unit' | 'leader' | 'viewer';
  /** Open tasks past their (extended) due date, open tasks due within the board's "sắp đến hạn" days, finished tasks. */
  counts: { late: number; dueSoon: number; done: number };
}

/**
 * The criterion the plugin host reports on a task its checklist plugin failed on (threw, or answered in
 * the wrong shape). No checklist lists it, so its failure carries the Vietnamese label; the English one
 * is here, as a plugin's criteria carry theirs (API 1.5), for the English UI to show through `labelIn`.
 */
export const PLUGIN_ERROR: Criterion = { id: 'plugin-error', label: 'Lỗi plugin kiểm tra', labelEn: 'Checklist plugin error' };

/** A criterion a task fails, and what to fix. `label` is set only for ids outside the checklist's criteria (a plugin error). */
export interface CheckFailure {
  id: string;
  reason: string;
  /** What to fix in English, when the checklist gives it (plugin API 1.6). */
  reasonEn?: string;
  label?: string;
}

/** The board's checklist as the board view needs it: its criteria, listed once rather than per task. */
export interface PayloadChecklist {
  /** "plugin:checklist" */
  address: string;
  label: string;
  /** The checklist's English label, when its plugin gives one (plugin API 1.5). */
  labelEn?: string;
  criteria: Criterion[];
}

/**
 * `GET /api/boards/:id`: everything the board view needs in one response. Checks travel as
 * failures only (a board of 10,000 tasks × 5 criteria would otherwise spend 4 MB saying "pass").
 */
export interface BoardPayload {
  board: Board;
  /** Null when the board has no checklist or its plugin is not loaded. */
  checklist: PayloadChecklist | null;
  /**
   * Every card of the board (`wire.ts`), in stable slots rather than display order: the client
   * sorts each (track, column) cell by rank. The first-screen slice holds each cell's first cards.
   */
  cards: WireCard[];
  /** The values cards refer to by position. */
  tables: WireTables;
  /**
   * Each card's failed criteria, in card order, as a position in `tables.failureSets` (0: it passes
   * every criterion); empty when the board has no checklist.
   */
  failures: number[];
  /** Set on the first-screen slice (`?slice=first`): the cards per cell it holds at most, and each cell's full count (`track|column`). */
  slice?: { perCell: number; counts: Record<string, number> };
}

/** A payload as the board view uses it: the board, its cards, the checklist and each failing card's failures. */
export interface DecodedPayload {
  board: Board;
  cards: BoardCard[];
  checklist: PayloadChecklist | null;
  failures: Record<string, CheckFailure[]>;
}

/** A payload as the board view uses it: the board, its cards, the checklist and the failures. */
export function decodePayload(p: BoardPayload): DecodedPayload {
  const failures: Record<string, CheckFailure[]> = {};
  // Cards that share a set of failures share its decoded list too (it is only read).
  const sets = new Map<number, CheckFailure[]>();
  p.failures.forEach((set, i) => {
    if (!set) return;
    let list = sets.get(set);
    if (!list) sets.set(set, (list = decodeFailures(set, p.tables)));
    failures[p.cards[i]![0]] = list;
  });
  return { board: p.board, cards: p.cards.map((w) => decodeCard(w, p.tables, p.board.id)), checklist: p.checklist, failures };
}

/** A board payload from whole values: the cards in the given order, with their failures (the first screen, tests). */
export function encodePayload(input: { board: Board; checklist: PayloadChecklist | null; cards: readonly BoardCard[]; failures?: Readonly<Record<string, readonly CheckFailure[]>>; slice?: BoardPayload['slice'] }): BoardPayload {
  const tables = new WireTableBuilder(input.board.createdAt);
  const cards = input.cards.map((c) => encodeCard(c, tables));
  const failures = input.checklist ? input.cards.map((c) => tables.failureSet(input.failures?.[c.id] ?? [])) : [];
  return { board: input.board, checklist: input.checklist, cards, failures, tables: tables.tables, ...(input.slice ? { slice: input.slice } : {}) };
}

/** The failures among a task's check results, in the payload's form (an English reason only where the checklist gives one). */
export function checkFailures(results: readonly CheckResult[], criteria: ReadonlyArray<{ id: string }>): CheckFailure[] {
  const known = new Set(criteria.map((c) => c.id));
  return results
    .filter((r) => !r.pass)
    .map((r) => {
      const f: CheckFailure = { id: r.id, reason: r.reason };
      if (r.reasonEn) f.reasonEn = r.reasonEn;
      if (!known.has(r.id)) f.label = r.label;
      return f;
    });
}

/** A task's full check results again, from the checklist's criteria and the task's failures. */
export function expandChecks(criteria: ReadonlyArray<{ id: string; label: string }>, failures: readonly CheckFailure[] = []): CheckResult[] {
  const failed = new Map(failures.map((f) => [f.id, f]));
  const result = (id: string, label: string, f: CheckFailure | undefined): CheckResult =>
    !f ? { id, label, pass: true, reason: '' } : f.reasonEn ? { id, label, pass: false, reason: f.reason, reasonEn: f.reasonEn } : { id, label, pass: false, reason: f.reason };
  const out: CheckResult[] = criteria.map((c) => result(c.id, c.label, failed.get(c.id)));
  for (const f of failures) if (!criteria.some((c) => c.id === f.id)) out.push(result(f.id, f.label ?? f.id, f));
  return out;
}

/**
 * `POST …/move` answer: the moved task, and the new rank of every other task the move renumbered
 * (ranks got too close to split). Renumbering keeps those tasks' versions, so without `ranks` a
 * client would keep sorting them by ranks the server no longer has.
 */
export interface MoveResponse {
  task: Task;
  ranks: Array<{ id: string; rank: number }>;
}
