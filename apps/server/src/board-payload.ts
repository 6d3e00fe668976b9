// `GET /api/boards/:id` bytes: the board, the checklist's criteria, its tasks and each task's failed
// criteria. Tasks sit in stable slots (a task keeps its slot while it moves), 256 to a chunk; each
// chunk's JSON and its deflated bytes are kept, and a task's own JSON is serialised once per task
// object. A move re-serialises one task and re-compresses one chunk, then the gzip body is spliced
// from the kept chunks (gzip-chunks.ts), so the first GET after a change costs milliseconds, not a
// rebuild of 13 MB. Tasks come in slot order; the client sorts each cell by rank.
import { checkFailures, type Board, type CheckResult, type PayloadChecklist, type Task } from '@dondoc/shared';
import type { Repository } from './store/repository.ts';
import type { PluginHost } from './plugins/host.ts';
import { assemble, piece, type Piece } from './gzip-chunks.ts';

/** Tasks per compressed chunk: small enough that a change recompresses little, large enough to compress well. */
export const CHUNK_TASKS = 256;
const COMMA = piece(',');

export interface PayloadBytes {
  revision: number;
  /** Weak: the gzip and identity bodies carry the same data. */
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/** A task's JSON and its failures' JSON (`""` when it passes everything), valid for one checklist address. */
interface TaskPiece {
  checklist: string;
  task: string;
  failures: string;
}

export class BoardPayloadCache {
  readonly #repo: Repository;
  readonly #plugins: PluginHost;
  readonly #bytes = new Map<string, { revision: number; promise: Promise<PayloadBytes> }>();
  /**
   * Keyed by the task object: the store replaces a task on every write and never changes one in
   * place, so a new object is exactly "something changed" — including a rank renumbered without a
   * version bump, which a version key missed. Dropped tasks are collected with their entries.
   */
  readonly #checks = new WeakMap<Task, { checklist: string; results: CheckResult[] }>();
  readonly #pieces = new WeakMap<Task, TaskPiece>();
  /** How many chunks were compressed so far (a change should cost one). */
  chunksCompressed = 0;
  /** Per board: each task's slot and the kept chunks. */
  readonly #layouts = new Map<string, { slots: Map<string, number>; chunks: Array<{ checklist: string; members: Array<Task | undefined>; tasks?: Piece; failures?: Piece }> }>();

  constructor(repo: Repository, plugins: PluginHost) {
    this.#repo = repo;
    this.#plugins = plugins;
  }

  /** Payload bytes for the board's current revision. */
  get(board: Board): Promise<PayloadBytes> {
    const boardId = board.id;
    const cached = this.#bytes.get(boardId);
    if (cached && cached.revision === board.revision) return cached.promise;
    const promise = this.#build(board);
    this.#bytes.set(boardId, { revision: board.revision, promise });
    promise.catch(() => {
      if (this.#bytes.get(boardId)?.promise === promise) this.#bytes.delete(boardId);
    });
    return promise;
  }

  /** The board's checklist as the payload lists it, or null when it has none or its plugin is not loaded. */
  checklistOf(board: Board): PayloadChecklist | null {
    const found = board.checklist ? this.#plugins.checklist(board.checklist) : undefined;
    if (!board.checklist || !found) return null;
    return { address: board.checklist, label: found.contribution.label, criteria: found.contribution.criteria.map((c) => ({ id: c.id, label: c.label })) };
  }

  async #build(board: Board): Promise<PayloadBytes> {
    const tasks = (await this.#repo.getTasks(board.id)) ?? [];
    const checklist = this.checklistOf(board);
    const checks = await this.checksFor(board, tasks);
    const address = checklist?.address ?? '';
    const layout = this.#layouts.get(board.id) ?? { slots: new Map<string, number>(), chunks: [] };
    this.#layouts.set(board.id, layout);
    // Place every task in its slot; new tasks take new slots at the end.
    const members: Array<Task | undefined> = new Array(layout.slots.size);
    for (const task of tasks) {
      let slot = layout.slots.get(task.id);
      if (slot === undefined) layout.slots.set(task.id, (slot = layout.slots.size));
      members[slot] = task;
    }
    // Slots of deleted tasks are holes; once they are a quarter of the board, start the layout afresh.
    if (members.length > CHUNK_TASKS && tasks.length < members.length * 0.75) {
      this.#layouts.delete(board.id);
      return this.#build(board);
    }
    const taskPieces: Piece[] = [];
    const failurePieces: Piece[] = [];
    for (let c = 0; c * CHUNK_TASKS < members.length; c++) {
      const slice = members.slice(c * CHUNK_TASKS, (c + 1) * CHUNK_TASKS);
      let chunk = layout.chunks[c];
      if (!chunk || chunk.checklist !== address || chunk.members.length !== slice.length || chunk.members.some((t, i) => t !== slice[i])) {
        const taskParts: string[] = [];
        const failureParts: string[] = [];
        for (const task of slice) {
          if (!task) continue;
          const p = this.#piece(task, address, checklist, checks);
          taskParts.push(p.task);
          if (p.failures) failureParts.push(p.failures);
        }
        this.chunksCompressed++;
        chunk = { checklist: address, members: slice, tasks: taskParts.length ? piece(taskParts.join(',')) : undefined, failures: failureParts.length ? piece(failureParts.join(',')) : undefined };
        layout.chunks[c] = chunk;
      }
      if (chunk.tasks) taskPieces.push(chunk.tasks);
      if (chunk.failures) failurePieces.push(chunk.failures);
    }
    layout.chunks.length = Math.ceil(members.length / CHUNK_TASKS);
    const between = (list: Piece[]) => list.flatMap((p, i) => (i === 0 ? [p] : [COMMA, p]));
    // Same shape as BoardPayload; written by hand so unchanged tasks are neither serialised nor compressed again.
    const { json, gzip } = assemble([
      piece(`{"board":${JSON.stringify(board)},"checklist":${JSON.stringify(checklist)},"tasks":[`),
      ...between(taskPieces),
      piece('],"failures":{'),
      ...between(failurePieces),
      piece('}}'),
    ]);
    return { revision: board.revision, etag: `W/"${board.id}-${board.revision}"`, json, gzip };
  }

  /** A task's JSON and failures, kept per task object and checklist. */
  #piece(task: Task, address: string, checklist: PayloadChecklist | null, checks: Record<string, CheckResult[]>): TaskPiece {
    let p = this.#pieces.get(task);
    if (!p || p.checklist !== address) {
      const failures = checklist ? checkFailures(checks[task.id] ?? [], checklist.criteria) : [];
      p = { checklist: address, task: JSON.stringify(task), failures: failures.length ? `${JSON.stringify(task.id)}:${JSON.stringify(failures)}` : '' };
      this.#pieces.set(task, p);
    }
    return p;
  }

  /** Checklist results per task id, checking in one batch call (in the checklist's worker) the task objects not checked before. */
  async checksFor(board: Board, tasks: readonly Task[]): Promise<Record<string, CheckResult[]>> {
    const out: Record<string, CheckResult[]> = {};
    const address = board.checklist;
    if (!address || !this.#plugins.checklist(address)) return out;
    const pending: Task[] = [];
    for (const task of tasks) {
      const hit = this.#checks.get(task);
      if (hit && hit.checklist === address) out[task.id] = hit.results;
      else pending.push(task);
    }
    const fresh = pending.length ? await this.#plugins.checkTasks(address, board, pending) : {};
    for (const task of pending) {
      const results = fresh[task.id];
      if (!results) continue; // the checklist went away meanwhile: nothing to remember
      this.#checks.set(task, { checklist: address, results });
      out[task.id] = results;
    }
    return out;
  }
}
