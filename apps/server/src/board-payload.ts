// `GET /api/boards/:id` bytes: the payload (tasks in display order, the checklist's criteria, and each
// task's failed criteria) assembled once per board revision from per-task JSON that is itself
// serialised once per task object, then gzip'd once. A move re-serialises the tasks it wrote, not
// 10,000, and 300 readers a second cost a buffer copy each.
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { checkFailures, type Board, type CheckResult, type PayloadChecklist, type Task } from '@dondoc/shared';
import type { BoardRepository } from './store/repository.ts';
import type { PluginHost } from './plugins/host.ts';

const gzip = promisify(gzipCb);

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
  readonly #repo: BoardRepository;
  readonly #plugins: PluginHost;
  readonly #bytes = new Map<string, { revision: number; promise: Promise<PayloadBytes> }>();
  /**
   * Keyed by the task object: the store replaces a task on every write and never changes one in
   * place, so a new object is exactly "something changed" — including a rank renumbered without a
   * version bump, which a version key missed. Dropped tasks are collected with their entries.
   */
  readonly #checks = new WeakMap<Task, { checklist: string; results: CheckResult[] }>();
  readonly #pieces = new WeakMap<Task, TaskPiece>();

  constructor(repo: BoardRepository, plugins: PluginHost) {
    this.#repo = repo;
    this.#plugins = plugins;
  }

  /** Payload bytes for the board's current revision; undefined for an unknown board. */
  get(boardId: string): Promise<PayloadBytes> | undefined {
    const board = this.#repo.getBoard(boardId);
    if (!board) return undefined;
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
    const tasks = this.#repo.getTasks(board.id) ?? [];
    const checklist = this.checklistOf(board);
    const checks = await this.checksFor(board, tasks);
    const address = checklist?.address ?? '';
    const taskParts: string[] = [];
    const failureParts: string[] = [];
    for (const task of tasks) {
      let piece = this.#pieces.get(task);
      if (!piece || piece.checklist !== address) {
        const failures = checklist ? checkFailures(checks[task.id] ?? [], checklist.criteria) : [];
        piece = { checklist: address, task: JSON.stringify(task), failures: failures.length ? `${JSON.stringify(task.id)}:${JSON.stringify(failures)}` : '' };
        this.#pieces.set(task, piece);
      }
      taskParts.push(piece.task);
      if (piece.failures) failureParts.push(piece.failures);
    }
    // Same shape as BoardPayload; written by hand so unchanged tasks are not serialised again.
    const text = `{"board":${JSON.stringify(board)},"tasks":[${taskParts.join(',')}],"checklist":${JSON.stringify(checklist)},"failures":{${failureParts.join(',')}}}`;
    const json = Buffer.from(text);
    return { revision: board.revision, etag: `W/"${board.id}-${board.revision}"`, json, gzip: await gzip(json, { level: 6 }) };
  }

  /** Checklist results per task id, checking in one batch call the task objects not checked before. */
  async checksFor(board: Board, tasks: Task[]): Promise<Record<string, CheckResult[]>> {
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
