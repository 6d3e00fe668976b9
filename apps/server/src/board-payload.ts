// `GET /api/boards/:id` bytes: the board, the checklist's criteria, its cards (the compact form of
// `shared/src/wire.ts`) and each task's failed criteria. Tasks sit in stable slots (a task keeps its
// slot while it moves), 128 to a chunk; each chunk's JSON and its deflated bytes are kept, and the
// tables cards refer to only grow, so kept chunks stay valid. A move encodes the chunk of the task it
// wrote again and recompresses it, then the gzip body is spliced from the kept chunks
// (gzip-chunks.ts): the first GET after a change costs milliseconds, not a rebuild of the board.
// `?slice=first` gives each cell's first cards, so the first screen paints before the rest is parsed.
import { WIRE_FORM, WireTableBuilder, checkFailures, encodePayload, encodeCard, sameFields, type Agency, type Board, type TaskWrite, type CheckResult, type PayloadChecklist, type Task } from '@dondoc/shared';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { directoryFor } from './agency-directory.ts';
import type { Repository } from './store/repository.ts';
import type { PluginHost } from './plugins/host.ts';
import { assemble, piece, type Piece } from './gzip-chunks.ts';

/** Cards per cell in the first-screen slice: more than a 1920×1080 screen shows of one cell. */
export const FIRST_SCREEN_CARDS = 12;

/** Tasks per compressed chunk: small enough that a change recompresses little, large enough to compress well. */
export const CHUNK_TASKS = 128;
/** Tasks sent to a checklist's thread in one call. */
const CHECK_BATCH = 500;
const COMMA = piece(',');
const FAILURES = piece('],"failures":[');

export interface PayloadBytes {
  revision: number;
  /** Weak: the gzip and identity bodies carry the same data. */
  etag: string;
  /** The identity body (built when first read). */
  readonly json: Buffer;
  gzip: Buffer;
}

/** A board's tasks in stable slots, the tables their cards refer to, and the kept chunks. */
interface Layout {
  slots: Map<string, number>;
  tables: WireTableBuilder;
  chunks: Array<{ checklist: string; directory: Directory; members: Array<Task | undefined>; tasks?: Piece; failures?: Piece }>;
  /** The tables' closing piece, kept while no table grows (entries never change, so equal sizes mean equal tables). */
  tablesPiece?: { sizes: string; piece: Piece };
}

/**
 * The agencies a board's tasks are judged against (the province's directory, then the board's own):
 * frozen, so a change to either is a new array, and every task is checked again against it.
 */
type Directory = readonly Agency[];

/** A task's results under one checklist and one agency directory. */
interface Checked {
  checklist: string;
  directory: Directory;
  results: CheckResult[];
}

/** A short digest of each directory, for ETags: stable across restarts and servers, unlike its identity. */
const digests = new WeakMap<Directory, string>();
function digestOf(directory: Directory): string {
  let digest = digests.get(directory);
  if (digest === undefined) digests.set(directory, (digest = directory.length === 0 ? '0' : createHash('sha256').update(JSON.stringify(directory)).digest('base64url').slice(0, 12)));
  return digest;
}

/** Distinct check results kept shared (see `#shared`). */
const MAX_SHARED_RESULTS = 50_000;

export class BoardPayloadCache {
  readonly #repo: Repository;
  readonly #plugins: PluginHost;
  readonly #bytes = new Map<string, { revision: number; directory: Directory; promise: Promise<PayloadBytes> }>();
  /**
   * Keyed by the task object: the store replaces a task on every write and never changes one in
   * place, so a new object is exactly "something changed" — including a rank renumbered without a
   * version bump, which a version key missed. Dropped tasks are collected with their entries.
   */
  readonly #checks = new WeakMap<Task, Checked>();
  /** Checks under way, so a read does not send a task its change already sent to the checklist's thread. */
  readonly #checking = new WeakMap<Task, { checklist: string; directory: Directory; done: Promise<unknown> }>();
  readonly #results = new Map<string, CheckResult>();
  /** How many chunks were compressed so far (a change should cost one). */
  chunksCompressed = 0;
  /** Per board: each task's slot and the kept chunks. */
  readonly #layouts = new Map<string, Layout>();
  readonly #slices = new Map<string, { revision: number; directory: Directory; promise: Promise<PayloadBytes> }>();

  constructor(repo: Repository, plugins: PluginHost) {
    this.#repo = repo;
    this.#plugins = plugins;
  }

  /**
   * Payload bytes for the board's current revision and agency directory (`known`: the directory the
   * request already read with the board, saving a read of the province's).
   */
  async get(board: Board, known?: Directory): Promise<PayloadBytes> {
    const boardId = board.id;
    const directory = known ?? (await this.#directory(board));
    const cached = this.#bytes.get(boardId);
    if (cached && cached.revision === board.revision && cached.directory === directory) return cached.promise;
    const promise = this.#build(board, directory);
    this.#bytes.set(boardId, { revision: board.revision, directory, promise });
    promise.catch(() => {
      if (this.#bytes.get(boardId)?.promise === promise) this.#bytes.delete(boardId);
    });
    return promise;
  }

  /**
   * The first screen: each cell's first `perCell` cards by rank, every cell's count, and their
   * failures, from the same tables as a full payload would use. Built once per revision and directory.
   */
  async slice(board: Board, known?: Directory): Promise<PayloadBytes> {
    const directory = known ?? (await this.#directory(board));
    const cached = this.#slices.get(board.id);
    if (cached && cached.revision === board.revision && cached.directory === directory) return cached.promise;
    const promise = this.#buildSlice(board, FIRST_SCREEN_CARDS, directory);
    this.#slices.set(board.id, { revision: board.revision, directory, promise });
    promise.catch(() => this.#slices.delete(board.id));
    return promise;
  }

  async #buildSlice(board: Board, perCell: number, directory: Directory): Promise<PayloadBytes> {
    const tasks = (await this.#repo.getTasks(board.id)) ?? [];
    const counts: Record<string, number> = {};
    const first: Task[] = [];
    // Display order is by cell, then rank: the first cards of each cell are the first met.
    for (const t of tasks) {
      const key = `${t.track}|${t.column}`;
      const n = (counts[key] = (counts[key] ?? 0) + 1);
      if (n <= perCell) first.push(t);
    }
    const checklist = this.checklistOf(board);
    const checks = await this.#checksUnder(board, directory, first);
    const failures = checklist ? Object.fromEntries(first.map((t) => [t.id, checkFailures(checks[t.id] ?? [], checklist.criteria)])) : {};
    const json = Buffer.from(JSON.stringify(encodePayload({ board, checklist, cards: first, failures, slice: { perCell, counts } })));
    return { revision: board.revision, etag: `W/"${board.id}-${board.revision}-w${WIRE_FORM}-${digestOf(directory)}-first"`, json, gzip: gzipSync(json, { level: 6 }) };
  }

  /** The board's checklist as the payload lists it, or null when it has none or its plugin is not loaded. */
  checklistOf(board: Board): PayloadChecklist | null {
    const found = board.checklist ? this.#plugins.checklist(board.checklist) : undefined;
    if (!board.checklist || !found) return null;
    const { label, labelEn, criteria } = found.contribution;
    return {
      address: board.checklist,
      label,
      ...(labelEn ? { labelEn } : {}),
      criteria: criteria.map((c) => ({ id: c.id, label: c.label, ...(c.labelEn ? { labelEn: c.labelEn } : {}) })),
    };
  }

  async #build(board: Board, directory: Directory): Promise<PayloadBytes> {
    const tasks = (await this.#repo.getTasks(board.id)) ?? [];
    const checklist = this.checklistOf(board);
    const address = checklist?.address ?? '';
    const layout: Layout = this.#layouts.get(board.id) ?? { slots: new Map<string, number>(), tables: new WireTableBuilder(board.createdAt), chunks: [] };
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
      return this.#build(board, directory);
    }
    const chunkCount = Math.ceil(members.length / CHUNK_TASKS);
    const stale = (c: number): boolean => {
      const chunk = layout.chunks[c];
      const from = c * CHUNK_TASKS;
      const to = Math.min(from + CHUNK_TASKS, members.length);
      if (!chunk || chunk.checklist !== address || chunk.directory !== directory || chunk.members.length !== to - from) return true;
      for (let i = from; i < to; i++) if (chunk.members[i - from] !== members[i]) return true;
      return false;
    };
    // Only the tasks of chunks to encode again are checked: a change costs its chunk, not a pass over
    // the board. Asked until no stale chunk has a task not asked about, since another build of the
    // board may replace kept chunks while this one waits for the checklist.
    const checks: Record<string, CheckResult[]> = {};
    const asked = new Set<Task>();
    for (let fresh = true; fresh && checklist; ) {
      const need: Task[] = [];
      for (let c = 0; c < chunkCount; c++) {
        if (!stale(c)) continue;
        for (const task of members.slice(c * CHUNK_TASKS, (c + 1) * CHUNK_TASKS)) if (task && !asked.has(task)) need.push(task);
      }
      for (const task of need) asked.add(task);
      fresh = need.length > 0;
      if (fresh) Object.assign(checks, await this.#checksUnder(board, directory, need));
    }
    const taskPieces: Piece[] = [];
    const failurePieces: Piece[] = [];
    for (let c = 0; c < chunkCount; c++) {
      let chunk = layout.chunks[c];
      if (!chunk || stale(c)) {
        const slice = members.slice(c * CHUNK_TASKS, (c + 1) * CHUNK_TASKS);
        const cardParts: string[] = [];
        const failureSets: number[] = [];
        for (const task of slice) {
          if (!task) continue;
          cardParts.push(JSON.stringify(encodeCard(task, layout.tables)));
          if (checklist) failureSets.push(layout.tables.failureSet(checkFailures(checks[task.id] ?? [], checklist.criteria)));
        }
        this.chunksCompressed++;
        chunk = { checklist: address, directory, members: slice, tasks: cardParts.length ? piece(cardParts.join(',')) : undefined, failures: failureSets.length ? piece(failureSets.join(',')) : undefined };
        layout.chunks[c] = chunk;
      }
      if (chunk.tasks) taskPieces.push(chunk.tasks);
      if (chunk.failures) failurePieces.push(chunk.failures);
    }
    layout.chunks.length = chunkCount;
    const between = (list: Piece[]) => list.flatMap((p, i) => (i === 0 ? [p] : [COMMA, p]));
    // Last: the chunks above may have added to the tables.
    const t = layout.tables.tables;
    const sizes = [t.tracks, t.groups, t.agencies, t.agencyLists, t.deadlines, t.texts, t.failures, t.failureSets].map((list) => list.length).join();
    if (layout.tablesPiece?.sizes !== sizes) layout.tablesPiece = { sizes, piece: piece(`],"tables":${JSON.stringify(t)}}`) };
    // Same shape as BoardPayload; written by hand so unchanged tasks are neither serialised nor compressed again.
    const body = assemble([
      piece(`{"board":${JSON.stringify(board)},"checklist":${JSON.stringify(checklist)},"cards":[`),
      ...between(taskPieces),
      FAILURES,
      ...between(failurePieces),
      layout.tablesPiece.piece,
    ]);
    return {
      revision: board.revision,
      etag: `W/"${board.id}-${board.revision}-w${WIRE_FORM}-${digestOf(directory)}"`,
      gzip: body.gzip,
      get json() {
        return body.json;
      },
    };
  }

  /** Checklist results per task id, checking in one batch call (in the checklist's worker) the task objects not checked before. */
  async checksFor(board: Board, tasks: readonly Task[], known?: Directory): Promise<Record<string, CheckResult[]>> {
    return this.#checksUnder(board, known ?? (await this.#directory(board)), tasks);
  }

  /** The agency directory the board's tasks are judged against now. */
  async #directory(board: Board): Promise<Directory> {
    return directoryFor(await this.#repo.getDirectory(), board.agencies);
  }

  async #checksUnder(board: Board, directory: Directory, tasks: readonly Task[]): Promise<Record<string, CheckResult[]>> {
    const out: Record<string, CheckResult[]> = {};
    const address = board.checklist;
    if (!address || !this.#plugins.checklist(address)) return out;
    const pending: Task[] = [];
    const waiting: Task[] = [];
    const underWay = new Set<Promise<unknown>>();
    for (const task of tasks) {
      const hit = this.#checked(directory, address, task);
      if (hit) {
        out[task.id] = hit.results;
        continue;
      }
      const running = this.#checking.get(task);
      if (running && running.checklist === address && running.directory === directory) {
        waiting.push(task);
        underWay.add(running.done);
      } else pending.push(task);
    }
    const own = this.#check(board, directory, address, pending);
    await Promise.all([own, ...underWay]);
    for (const task of [...pending, ...waiting]) {
      const hit = this.#checked(directory, address, task);
      // Absent when the checklist went away meanwhile: nothing to report or remember.
      if (hit) out[task.id] = hit.results;
    }
    return out;
  }

  /**
   * Readies the results of the tasks a write is about to commit, while it goes to disk. Where the
   * checklist declared the fields it reads and the write changed none of them (a move, a renumbered
   * neighbour), the task keeps its previous version's results and the plugin is not asked; any other
   * task is sent to the checklist's thread now, so its answer does not wait for it after the write.
   */
  checkWritten(board: Board, writes: readonly TaskWrite[], known?: Directory): void {
    const address = board.checklist;
    if (!address) return;
    const reads = this.#plugins.checklist(address)?.contribution.reads;
    const toCheck: Task[] = [];
    for (const { before, after } of writes) {
      if (!after) continue;
      // Kept as they were, under the directory they were judged by: a read under another re-checks them.
      const kept = reads && before && sameFields(before, after, reads) ? this.#checks.get(before) : undefined;
      if (kept?.checklist === address) this.#checks.set(after, kept);
      else toCheck.push(after);
    }
    if (toCheck.length) void this.checksFor(board, toCheck, known).catch(() => {});
  }

  /** The results kept for `task` under the board's checklist and this agency directory, if any. */
  #checked(directory: Directory, address: string, task: Task): Checked | undefined {
    const hit = this.#checks.get(task);
    return hit && hit.checklist === address && hit.directory === directory ? hit : undefined;
  }

  /**
   * One object for every equal result: each comes back from the checklist's thread as a fresh copy,
   * and a 10,000-task board repeats a few thousand distinct results fifty thousand times (~14 MB).
   * Started afresh when it holds more than a board's worth, so edits over months do not grow it.
   */
  #shared(result: CheckResult): CheckResult {
    const key = `${result.id}\u0000${result.pass ? 1 : 0}\u0000${result.label}\u0000${result.reason}\u0000${result.reasonEn ?? ''}`;
    let kept = this.#results.get(key);
    if (!kept) {
      if (this.#results.size >= MAX_SHARED_RESULTS) this.#results.clear();
      kept = Object.freeze({ ...result });
      this.#results.set(key, kept);
    }
    return kept;
  }

  /**
   * Checks `tasks` in the checklist's thread and remembers the results per task object. The checklist
   * sees the board with the directory in effect as its agencies: the province's, then the board's own.
   */
  async #check(board: Board, directory: Directory, address: string, tasks: readonly Task[]): Promise<void> {
    if (tasks.length === 0) return;
    const judged: Board = directory === board.agencies ? board : { ...board, agencies: [...directory] };
    const done = (async () => {
      // In batches: a whole board sent at once is copied into the checklist's thread, whose heap then
      // stays that size (V8 keeps what it grew), so a 10,000-task board would cost the server ~100 MB idle.
      const fresh: Record<string, CheckResult[]> = {};
      for (let i = 0; i < tasks.length; i += CHECK_BATCH) Object.assign(fresh, await this.#plugins.checkTasks(address, judged, tasks.slice(i, i + CHECK_BATCH)));
      for (const task of tasks) {
        const results = fresh[task.id];
        if (!results) continue;
        // Frozen like the task: an export then writes the results again from the JSON bytes it kept for them.
        const shared = results.map((r) => this.#shared(r));
        Object.freeze(shared);
        this.#checks.set(task, { checklist: address, directory, results: shared });
      }
    })();
    for (const task of tasks) this.#checking.set(task, { checklist: address, directory, done });
    try {
      await done;
    } finally {
      for (const task of tasks) if (this.#checking.get(task)?.done === done) this.#checking.delete(task);
    }
  }
}
