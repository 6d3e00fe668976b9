// `GET /api/boards/:id` bytes: the payload (tasks in display order plus checklist results) serialised once
// per board revision and gzip'd once, so 300 readers a second cost a buffer copy each, not a JSON.stringify.
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { Board, BoardPayload, CheckResult, Task } from '@dondoc/shared';
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

/** What a card shows when its checklist plugin failed on it: one failed criterion naming the plugin. */
const pluginFailure = (message: string): CheckResult[] => [{ id: 'plugin-error', label: 'Lỗi plugin kiểm tra', pass: false, reason: message }];

export class BoardPayloadCache {
  readonly #repo: BoardRepository;
  readonly #plugins: PluginHost;
  readonly #bytes = new Map<string, { revision: number; promise: Promise<PayloadBytes> }>();
  /** Checks per task id, valid while the task's version and the board's checklist are unchanged. */
  readonly #checks = new Map<string, Map<string, { version: number; checklist: string; results: CheckResult[] }>>();

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

  async #build(board: Board): Promise<PayloadBytes> {
    const tasks = this.#repo.getTasks(board.id) ?? [];
    const checks = await this.checksFor(board, tasks);
    const payload: BoardPayload = { board, tasks, checks };
    const json = Buffer.from(JSON.stringify(payload));
    return { revision: board.revision, etag: `W/"${board.id}-${board.revision}"`, json, gzip: await gzip(json, { level: 6 }) };
  }

  /** Checklist results per task id through the plugin guard, reusing results for tasks whose version did not change. */
  async checksFor(board: Board, tasks: Task[]): Promise<Record<string, CheckResult[]>> {
    const out: Record<string, CheckResult[]> = {};
    const address = board.checklist;
    const found = address ? this.#plugins.checklist(address) : undefined;
    if (!address || !found) return out;
    let cache = this.#checks.get(board.id);
    if (!cache) this.#checks.set(board.id, (cache = new Map()));
    for (const task of tasks) {
      const hit = cache.get(task.id);
      if (hit && hit.version === task.version && hit.checklist === address) {
        out[task.id] = hit.results;
        continue;
      }
      const r = await this.#plugins.call(found.plugin, 'checklists', () => found.contribution.check(task, board));
      const results = r.ok ? r.value : pluginFailure(r.error.messageVi);
      if (!r.ok) console.warn(`[dondoc] ${r.error.messageEn} (task ${task.id})`);
      cache.set(task.id, { version: task.version, checklist: address, results });
      out[task.id] = results;
    }
    return out;
  }
}
