// The open board as a client model: the tasks the server confirmed, the operations still pending
// (moves and field edits sent or queued), and the view shown — the confirmed tasks with the pending
// operations applied in order. A failed operation is dropped and the view recomputed from what is
// left, so no failure can restore a stale snapshot; live updates will feed `applyRemote`.
import { defineStore } from 'pinia';
import { computed, nextTick, readonly, ref, shallowRef, watch } from 'vue';
import type { Board, ColumnId, Task } from '@dondoc/shared/model';
import { isWholeTask, type BoardCard } from '@dondoc/shared/wire';
import type { CheckResult } from '@dondoc/shared/plugin';
import { decodePayload, expandChecks, type CheckFailure, type DecodedPayload, type PayloadChecklist } from '@dondoc/shared/api';
import { todayInVietnam } from '@dondoc/shared/dates';
import { compareVietnamese } from '@dondoc/shared/fold';
import { parseDeadline } from '@dondoc/shared/deadline';
import { statusOptions } from '@dondoc/shared/status';
import type { TaskFieldsInput } from '@dondoc/shared/requests';
// The server's own rank rule, so an optimistic place sorts (and renumbers) exactly as the server will.
import { RANK_STEP, byRank as byTaskRank, rankAfter } from '@dondoc/shared/ranks';
import * as api from '../api/client.ts';
import { buildTaskView, warmHaystacks, type TaskView, type ViewContext } from '../lib/taskView.ts';
import { i18n, t } from '../i18n/index.ts';
import { checklistIn, checksIn } from '../lib/inLocale.ts';
import { measureRepaint, nextPaint, nextTask } from '../lib/perf.ts';
import { takePreloadedAnswer, takePreloadedBoard } from '../lib/boardPreload.ts';
import { useToastStore } from './toasts.ts';
import { taskMention } from '@dondoc/shared/address';

export interface Place {
  track: string;
  column: ColumnId;
  /** The task it goes right after in the full cell order; null puts it first. */
  afterId: string | null;
}

export const cellKey = (track: string, column: ColumnId): string => `${track}|${column}`;

const byRank = (a: TaskView, b: TaskView): number => byTaskRank(a.task, b.task);
/** Views made per task while the whole board is put in place (a few milliseconds' worth each). */
export const VIEWS_PER_TASK = 2000;

/** An operation applied on screen and not yet answered by the server. */
type PendingOp = {
  seq: number;
  /** Which load of a board it belongs to: an answer for a board no longer open changes nothing. */
  generation: number;
  taskId: string;
  /** The version to send: the confirmed one when made, bumped by each of our own writes answered since. */
  version: number;
} & ({ kind: 'move'; place: Place } | { kind: 'update'; fields: TaskFieldsInput });

/** What a field save came to: saved, refused on a stale version (with the task as it now is), or refused. */
export type UpdateResult = { ok: true; task: Task } | { ok: false; conflict: Task; mine: TaskFieldsInput } | { ok: false; error: string; status?: number };

/** Tasks of one cell of `tasks`, in rank order. */
function cellOf(tasks: ReadonlyMap<string, BoardCard>, track: string, column: ColumnId, except: string): BoardCard[] {
  const out: BoardCard[] = [];
  for (const x of tasks.values()) if (x.track === track && x.column === column && x.id !== except) out.push(x);
  return out.sort(byTaskRank);
}

/** Where `task` lands at `place` among `cell`: its new rank and the neighbours a too-close gap renumbers. */
function placed(task: BoardCard, cell: readonly BoardCard[], place: Place): BoardCard[] {
  // An afterId no longer in the cell (it moved meanwhile) puts the card first; the server answer corrects it.
  const at = rankAfter(cell, place.afterId) ?? rankAfter(cell, null)!;
  if ('rank' in at) return [{ ...task, track: place.track, column: place.column, rank: at.rank }];
  // Neighbours too close to split: renumber them here as the server will, so the order on screen holds.
  const byId = new Map(cell.map((x) => [x.id, x]));
  const out: BoardCard[] = [{ ...task, track: place.track, column: place.column, rank: (at.index + 1) * RANK_STEP }];
  for (const r of at.renumber) {
    const x = byId.get(r.id)!;
    if (x.rank !== r.rank) out.push({ ...x, rank: r.rank });
  }
  return out;
}

/** Field edits as the screen shows them before the server answers (a typed deadline read by the shared parser). */
function patched(task: BoardCard, fields: TaskFieldsInput): BoardCard {
  const { deadline, ...rest } = fields;
  const next: BoardCard = { ...task, ...rest };
  if (deadline !== undefined) next.deadline = typeof deadline === 'string' ? parseDeadline(deadline) : deadline;
  return next;
}

const errorText = (e: unknown): string => (e instanceof api.ApiRequestError ? e.message : t('move.network'));

export const useBoardStore = defineStore('board', () => {
  // shallowRef everywhere: 10,000 tasks are replaced wholesale, never mutated in place.
  const board = shallowRef<Board | null>(null);
  const views = shallowRef<ReadonlyMap<string, TaskView>>(new Map());
  const cells = shallowRef<ReadonlyMap<string, readonly TaskView[]>>(new Map());
  /** The board's checklist as the server sent it: labels in Vietnamese and, where its plugin gives them, English. */
  const payloadChecklist = shallowRef<PayloadChecklist | null>(null);
  /** The checklist in the UI's language, which every card, filter, triage group and the panel read. */
  const checklist = computed(() => checklistIn(i18n.global.locale.value, payloadChecklist.value));
  /** Failed criteria per task id; a task absent passes everything. Replaced, never mutated. */
  const failures = shallowRef<ReadonlyMap<string, readonly CheckFailure[]>>(new Map());
  const today = ref(todayInVietnam());
  const loading = ref(false);
  /** While only the first screen's cards are loaded: each cell's full count (`track|column`); null once the whole board is. */
  const partial = shallowRef<ReadonlyMap<string, number> | null>(null);
  const error = ref<string | null>(null);

  /** The tasks as the server last confirmed them (an answer, the payload, or later a live update). */
  let confirmed = new Map<string, BoardCard>();
  /** Operations shown and not yet answered, oldest first. */
  let pending: PendingOp[] = [];
  /** Keyboard previews: a card picked up and carried, not yet dropped; shown over everything else. */
  const previews = new Map<string, Place>();
  let generation = 0;
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let stopWarming: (() => void) | null = null;
  /** Bumped whenever the pending list changes, for "saving…" indicators. */
  const pendingCount = ref(0);

  /** Tasks on the board (all of them, even while only the first screen's are loaded). */
  const total = computed(() => {
    if (!partial.value) return views.value.size;
    let n = 0;
    for (const c of partial.value.values()) n += c;
    return n;
  });
  /**
   * The views as of the last change to any task's leads: a move replaces `views` but never
   * changes leads, and re-listing 10,000 tasks' leads (~20 ms) would blow a move's frame budget.
   */
  const leadsSource = shallowRef<ReadonlyMap<string, TaskView>>(views.value);
  /** Distinct lead agencies, for the filter; recomputed only when tasks are reloaded or their leads change. */
  const leads = computed(() => {
    const set = new Set<string>();
    for (const v of leadsSource.value.values()) for (const l of v.task.leads) set.add(l);
    return [...set].sort(compareVietnamese);
  });
  /** The board checklist's criteria (id → label), for the "failed criterion" filter. */
  const criteria = computed(() => checklist.value?.criteria ?? []);
  /** A task's check results (labels and reasons in the UI's language), built only when a card or filter reads them. */
  const checksOf = (taskId: string): (() => CheckResult[]) | undefined => {
    const list = checklist.value?.criteria;
    const map = failures.value;
    const locale = i18n.global.locale.value;
    return list && list.length > 0 ? () => checksIn(locale, expandChecks(list, map.get(taskId))) : undefined;
  };
  /** What every view of this board is judged with: today, the board's "sắp đến hạn" window, its reporting rhythm. */
  let context: ViewContext = { today: today.value };
  const makeView = (task: BoardCard): TaskView => buildTaskView(task, checksOf(task.id), context);

  function cell(track: string, column: ColumnId): readonly TaskView[] {
    return cells.value.get(cellKey(track, column)) ?? [];
  }

  /** The context the current views were judged with: while it stands, a view whose task is unchanged is kept. */
  let viewsContext: ViewContext | null = null;

  /**
   * The board's views and cells made anew, a task at a time (`add`), shown at once (`show`). Kept views
   * keep their cards mounted as they are: the whole board arriving after the first screen re-renders
   * none of the cards already shown (their words are not formatted again).
   */
  function viewsBuilder(): { add: (task: BoardCard) => void; show: () => void } {
    const map = new Map<string, TaskView>();
    const grouped = new Map<string, TaskView[]>();
    const before = viewsContext === context ? views.value : null;
    const judgedWith = context;
    return {
      add(task) {
        const had = before?.get(task.id);
        const v = had?.task === task ? had : makeView(task);
        map.set(task.id, v);
        const key = cellKey(task.track, task.column);
        let list = grouped.get(key);
        if (!list) grouped.set(key, (list = []));
        list.push(v);
      },
      show() {
        for (const list of grouped.values()) list.sort(byRank);
        viewsContext = judgedWith;
        views.value = map;
        cells.value = grouped;
        leadsSource.value = map;
        stopWarming?.();
        stopWarming = map.size > 0 ? warmHaystacks(map.values()) : null;
      },
    };
  }

  function setTasks(tasks: Iterable<BoardCard>): void {
    const build = viewsBuilder();
    for (const task of tasks) build.add(task);
    build.show();
  }

  /** Puts tasks' new states in place (and takes removed ones out) in one pass, touching only the cells they leave and enter. */
  function replaceTasks(tasks: readonly BoardCard[], removed: readonly string[] = []): void {
    if (tasks.length === 0 && removed.length === 0) return;
    const nextViews = new Map(views.value);
    const nextCells = new Map<string, readonly TaskView[]>(cells.value);
    const fresh = new Map<string, TaskView[]>();
    const touched = new Set<string>();
    let leadsChanged = removed.length > 0;
    const ids = new Set([...tasks.map((x) => x.id), ...removed]);
    for (const id of removed) {
      const old = views.value.get(id);
      if (old) touched.add(cellKey(old.task.track, old.task.column));
      nextViews.delete(id);
    }
    for (const task of tasks) {
      const old = views.value.get(task.id);
      if (old) touched.add(cellKey(old.task.track, old.task.column));
      touched.add(cellKey(task.track, task.column));
      nextViews.set(task.id, makeView(task));
      const sameLeads = old && old.task.leads.length === task.leads.length && old.task.leads.every((l, i) => l === task.leads[i]);
      if (!sameLeads) leadsChanged = true;
    }
    // Only touched cells get new arrays; the rest are shared with the previous map.
    for (const key of touched) fresh.set(key, (nextCells.get(key) ?? []).filter((x) => !ids.has(x.task.id)));
    for (const task of tasks) fresh.get(cellKey(task.track, task.column))!.push(nextViews.get(task.id)!);
    for (const [key, list] of fresh) nextCells.set(key, list.sort(byRank));
    views.value = nextViews;
    cells.value = nextCells;
    if (leadsChanged) leadsSource.value = nextViews;
  }

  /** Applies one pending operation to a working copy of the tasks. */
  function applyOp(working: Map<string, BoardCard>, op: PendingOp): void {
    const task = working.get(op.taskId);
    if (!task) return;
    if (op.kind === 'update') working.set(task.id, patched(task, op.fields));
    else for (const x of placed(task, cellOf(working, op.place.track, op.place.column, task.id), op.place)) working.set(x.id, x);
  }

  /**
   * The view again from the confirmed tasks and the pending operations (then any keyboard preview).
   * Only tasks whose record differs from the one on screen are rebuilt; unchanged ones keep their
   * view object, so a board of 10,000 tasks costs a map copy and one pass of identity checks.
   */
  function shownTasks(): Map<string, BoardCard> {
    const working = new Map(confirmed);
    for (const op of pending) applyOp(working, op);
    for (const [taskId, place] of previews) applyOp(working, { seq: 0, generation, taskId, version: 0, kind: 'move', place });
    return working;
  }

  function recompute(): void {
    const working = shownTasks();
    const changed: BoardCard[] = [];
    const removed: string[] = [];
    for (const [id, task] of working) if (views.value.get(id)?.task !== task) changed.push(task);
    for (const id of views.value.keys()) if (!working.has(id)) removed.push(id);
    replaceTasks(changed, removed);
  }

  function setFailures(entries: ReadonlyArray<{ id: string; failures: readonly CheckFailure[] }>): void {
    const same = (e: { id: string; failures: readonly CheckFailure[] }) => JSON.stringify(failures.value.get(e.id) ?? []) === JSON.stringify(e.failures);
    if (entries.every(same)) return;
    const next = new Map(failures.value);
    for (const e of entries) {
      if (e.failures.length === 0) next.delete(e.id);
      else next.set(e.id, e.failures);
    }
    failures.value = next;
  }

  /** Drops pending operations (by predicate) and bumps the pending count. */
  function dropPending(drop: (op: PendingOp) => boolean): void {
    pending = pending.filter((op) => !drop(op));
    pendingCount.value = pending.length;
  }

  /**
   * Our own write was answered: the server's records become confirmed, and our later operations on
   * those tasks now expect the new version (they follow ours, so no conflict is theirs to raise).
   */
  function acceptOwn(tasks: readonly BoardCard[], checks: ReadonlyArray<{ id: string; failures: readonly CheckFailure[] }> = []): void {
    for (const task of tasks) {
      confirmed.set(task.id, task);
      for (const op of pending) if (op.taskId === task.id) op.version = task.version;
    }
    setFailures(checks);
    recompute();
  }

  /**
   * Tasks changed by someone else (live updates, a reload of one task): they become the confirmed
   * records, and our pending operations are replayed over them. Pending operations keep the version
   * they expect, so a save over another person's change still meets its 409.
   */
  function applyRemote(tasks: readonly BoardCard[], opts: { removed?: readonly string[]; failures?: Readonly<Record<string, readonly CheckFailure[]>> } = {}): void {
    let changed = false;
    for (const task of tasks) {
      if (board.value && task.boardId !== board.value.id) continue;
      // A fetch that started before our own write answered may bring an older version: the newer stays.
      // The same version is the same task (every write bumps it), as when the live stream brings back
      // this tab's own move: only a whole record (an open panel's) replaces the card held.
      const known = confirmed.get(task.id);
      if (known && (known.version > task.version || (known.version === task.version && (isWholeTask(known) || !isWholeTask(task))))) continue;
      confirmed.set(task.id, task);
      changed = true;
    }
    for (const id of opts.removed ?? []) changed = confirmed.delete(id) || changed;
    if (opts.failures) setFailures(Object.entries(opts.failures).map(([id, f]) => ({ id, failures: f })));
    // Nothing new: the board, its views and its cells stay as they are (a recompute walks every task).
    if (changed) recompute();
  }

  /** A server answer carrying a task and its failed criteria (every write but a move answers so). */
  function accept(answers: api.TaskAnswer | readonly api.TaskAnswer[]): void {
    const list = Array.isArray(answers) ? (answers as readonly api.TaskAnswer[]) : [answers as api.TaskAnswer];
    acceptOwn(
      list.map((a) => a.task),
      list.map((a) => ({ id: a.task.id, failures: a.failures })),
    );
  }

  /** A task deleted by us: gone from the confirmed set, with anything still pending on it. */
  function forget(taskId: string): void {
    confirmed.delete(taskId);
    dropPending((op) => op.taskId === taskId);
    previews.delete(taskId);
    recompute();
  }

  /** A payload's board, checklist and failures put in place; its cards become the confirmed tasks. */
  function takePayload(decoded: DecodedPayload): BoardCard[] {
    const next: ViewContext = { today: today.value, status: statusOptions(decoded.board), rhythm: decoded.board.rhythm };
    // Views are judged with the context and the checklist: while both read the same, the views made
    // so far stay valid (the whole board after its first screen), so the context object is kept.
    const unchanged = JSON.stringify(next) === JSON.stringify(context) && JSON.stringify(decoded.checklist) === JSON.stringify(payloadChecklist.value);
    if (!unchanged) context = next;
    board.value = decoded.board;
    payloadChecklist.value = decoded.checklist;
    failures.value = new Map(Object.entries(decoded.failures));
    return decoded.cards;
  }

  /** The server's configuration: the answer index.html asked for while the app loaded, else a request. */
  async function configNow(): Promise<api.AppConfig> {
    const pre = await takePreloadedAnswer('/api/config');
    // GET /api/config's JSON, as api.getConfig() types it.
    return pre?.status === 200 ? (pre.body as api.AppConfig) : api.getConfig();
  }

  /**
   * Loads a board in two steps: the first screen's cards (each cell's first few, a small answer)
   * are shown and painted, then the whole board replaces them. Until it does, `partial` holds each
   * cell's full count and nothing can be moved (a drop needs the whole cell's order).
   */
  async function load(boardId: string): Promise<void> {
    performance.mark('dondoc:board-load');
    const gen = ++generation;
    confirmed = new Map();
    dropPending(() => true);
    previews.clear();
    partial.value = null;
    loading.value = true;
    error.value = null;
    const pre = takePreloadedBoard(boardId);
    try {
      const first = pre ? pre.first : api.getBoard(boardId, 'first').catch(() => null);
      // The preloaded whole board is asked of its worker only after the first screen painted: decoded at
      // once, its parts would run before the first screen's frame (the worker is usually done while the app boots).
      const requested = pre ? null : api.getBoard(boardId);
      const fetched = (): Promise<DecodedPayload> => (requested ?? api.getBoard(boardId)).then(decodePayload);
      const whole = (): Promise<DecodedPayload> => (pre ? pre.full().then((p) => p ?? fetched()) : fetched());
      let fullArrived = false;
      requested?.then(
        () => (fullArrived = true),
        () => {},
      );
      const config = configNow().catch(() => null);
      const slice = await first;
      if (gen !== generation) return;
      if (slice && !fullArrived) {
        const cfg = await config;
        // The slice was parsed in the task its bytes arrived in; the board is built in a task of its own.
        await nextTask();
        if (gen !== generation) return;
        if (cfg?.today) today.value = cfg.today;
        const cards = takePayload(decodePayload(slice));
        confirmed = new Map(cards.map((x) => [x.id, x]));
        partial.value = new Map(Object.entries(slice.slice?.counts ?? {}));
        setTasks(cards);
        loading.value = false;
        performance.mark('dondoc:first-screen');
        // The first screen paints before the whole board is parsed and indexed. After the cards have
        // mounted, so what they wait for after that frame (its performance mark) runs before the parse.
        await nextTick();
        await nextPaint();
      }
      const decoded = await whole();
      const cfg = await config;
      if (gen !== generation) return;
      // Marks for the bench and for anyone profiling a big board.
      performance.mark('dondoc:board-fetched');
      if (cfg?.today) today.value = cfg.today;
      const cards = takePayload(decoded);
      // The whole board is put in place over several tasks, the first screen staying as it is until the
      // last: in one, 10,000 tasks' views and cells and the render after them held the page 30-100 ms.
      await nextTask();
      if (gen !== generation) return;
      // A task the board holds at this version or newer stays as held: a first-screen card (the same
      // card, so its view and mounted card are kept), a whole record loaded meanwhile for an open panel,
      // or a live change applied meanwhile.
      const next = new Map<string, BoardCard>();
      for (const card of cards) {
        const had = confirmed.get(card.id);
        next.set(card.id, had && had.version >= card.version ? had : card);
      }
      confirmed = next;
      const shown = [...shownTasks().values()];
      const firstScreen = views.value;
      const build = viewsBuilder();
      for (let i = 0; i < shown.length; i++) {
        build.add(shown[i]!);
        if ((i + 1) % VIEWS_PER_TASK === 0) {
          await nextTask();
          if (gen !== generation) return;
        }
      }
      // A live change or a whole record that came meanwhile replaced the first screen's views: it is
      // confirmed already, and is put in place over the whole board's views once they are shown.
      const changedMeanwhile = views.value !== firstScreen;
      partial.value = null;
      build.show();
      if (changedMeanwhile) recompute();
      performance.mark('dondoc:board-indexed');
    } catch (e) {
      if (gen !== generation) return;
      board.value = null;
      partial.value = null;
      setTasks([]);
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      // A load left before it asked for the whole board (another board opened meanwhile) ends the worker holding it.
      pre?.drop();
      if (gen === generation) loading.value = false;
    }
  }

  /**
   * The whole board again (a live stream's `reset`, after a gap too old to replay): fetched with its
   * ETag, so an unchanged board costs a 304. Its tasks become the confirmed ones and pending
   * operations are replayed over them, as for any remote change; the board record follows too.
   */
  async function refresh(): Promise<void> {
    const current = board.value;
    if (!current) return;
    const payload = decodePayload(await api.getBoard(current.id));
    if (board.value?.id !== current.id) return;
    if (payload.board.revision !== current.revision || JSON.stringify(payload.board) !== JSON.stringify(current)) setBoard(payload.board);
    payloadChecklist.value = payload.checklist;
    const present = new Set(payload.cards.map((x) => x.id));
    const removed = [...confirmed.keys()].filter((id) => !present.has(id));
    failures.value = new Map(Object.entries(payload.failures));
    // A whole record held for an open panel stays whole when the board's card is no newer.
    const cards = payload.cards.map((card) => {
      const had = confirmed.get(card.id);
      return had && isWholeTask(had) && had.version >= card.version ? had : card;
    });
    applyRemote(cards, { removed });
  }

  /** The board record changed (renamed, settings, archived): views are judged with its new settings. */
  function setBoard(next: Board): void {
    if (board.value?.id !== next.id) return;
    board.value = next;
    context = { ...context, status: statusOptions(next), rhythm: next.rhythm };
    setTasks(Array.from(views.value.values(), (v) => v.task));
  }

  /** Moves a task on screen only (keyboard moves preview here before they are dropped). */
  function placeLocal(taskId: string, place: Place): BoardCard | null {
    const v = views.value.get(taskId);
    if (!v) return null;
    const target = cell(place.track, place.column)
      .filter((x) => x.task.id !== taskId)
      .map((x) => x.task);
    previews.set(taskId, place);
    replaceTasks(placed(v.task, target, place));
    return v.task;
  }

  /** Where a task sits now, as a Place (its predecessor in the full cell order). */
  function placeOf(taskId: string): Place | null {
    const v = views.value.get(taskId);
    if (!v) return null;
    const list = cell(v.task.track, v.task.column);
    const idx = list.findIndex((x) => x.task.id === taskId);
    return { track: v.task.track, column: v.task.column, afterId: idx > 0 ? list[idx - 1]!.task.id : null };
  }

  /** Puts an operation on screen and in the queue; `send` runs in turn, with the version the operation expects. */
  function enqueue<T>(op: PendingOp, send: (version: number) => Promise<T>, settle: { done: (answer: T) => void; failed: (e: unknown) => void }): Promise<boolean> {
    pending.push(op);
    pendingCount.value = pending.length;
    // One write at a time, so each carries the version the previous one returned.
    const run = queue.then(async () => {
      // Dropped meanwhile (a 409 on its task, or another board opened): never sent.
      if (!pending.includes(op)) return false;
      try {
        const answer = await send(op.version);
        if (op.generation !== generation) return true;
        dropPending((x) => x === op);
        settle.done(answer);
        return true;
      } catch (e) {
        if (op.generation !== generation) return false;
        dropPending((x) => x === op);
        settle.failed(e);
        return false;
      }
    });
    queue = run;
    return run;
  }

  /** A 409: the server's copy becomes confirmed, and every operation still pending on that task is dropped. */
  function conflictOn(taskId: string, current: BoardCard): void {
    confirmed.set(taskId, current);
    dropPending((op) => op.taskId === taskId);
    recompute();
  }

  /**
   * Optimistic move: shown at once, sent in turn. Resolves true when the server agreed. On failure
   * the operation is dropped and the view recomputed from what the server confirmed.
   */
  function move(taskId: string, place: Place): Promise<boolean> {
    const current = views.value.get(taskId);
    const base = confirmed.get(taskId);
    // A place is among the whole cell, which is not here until the whole board is.
    if (!board.value || !current || !base || partial.value) return Promise.resolve(false);
    const boardId = board.value.id;
    const ordinal = taskMention(current.task);
    measureRepaint('dondoc:move');
    previews.delete(taskId);
    replaceTasks(placed(current.task, cell(place.track, place.column).filter((x) => x.task.id !== taskId).map((x) => x.task), place));
    const toasts = useToastStore();
    const op: PendingOp = { seq: ++seq, generation, taskId, version: base.version, kind: 'move', place };
    return enqueue(op, (version) => api.moveTask(boardId, taskId, { version, track: place.track, column: place.column, afterId: place.afterId }), {
      done: (saved) => {
        // Neighbours the server renumbered keep their version, so this is the only news of their new rank.
        const renumbered: BoardCard[] = [];
        for (const r of saved.ranks) {
          const x = confirmed.get(r.id);
          if (x && r.id !== taskId && x.rank !== r.rank) renumbered.push({ ...x, rank: r.rank });
        }
        for (const x of renumbered) confirmed.set(x.id, x);
        acceptOwn([saved.task]);
      },
      failed: (e) => {
        const now = e instanceof api.ApiRequestError && e.status === 409 ? e.body?.error.current : undefined;
        if (now) {
          conflictOn(taskId, now);
          toasts.push('warning', t('move.conflict', { ordinal }));
        } else {
          recompute();
          toasts.push('error', t('move.failed', { ordinal, message: errorText(e) }));
        }
      },
    });
  }

  /**
   * Optimistic field save: the fields show at once; the answer brings the version and the task's
   * failed criteria (the card's badge). A 409 drops the edit, shows the server's task, and hands both
   * back so the panel can let the user choose.
   */
  async function update(taskId: string, fields: TaskFieldsInput): Promise<UpdateResult> {
    const base = confirmed.get(taskId);
    if (!board.value || !base) return { ok: false, error: t('panel.gone'), status: 404 };
    const boardId = board.value.id;
    const op: PendingOp = { seq: ++seq, generation, taskId, version: base.version, kind: 'update', fields };
    let result: UpdateResult = { ok: false, error: t('panel.notSent') };
    const working = new Map([[taskId, views.value.get(taskId)?.task ?? base]]);
    applyOp(working, op);
    replaceTasks([working.get(taskId)!]);
    await enqueue(op, (version) => api.updateTask(boardId, taskId, version, fields), {
      done: (answer) => {
        accept(answer);
        result = { ok: true, task: answer.task };
      },
      failed: (e) => {
        const now = e instanceof api.ApiRequestError && e.status === 409 ? e.body?.error.current : undefined;
        if (now) {
          conflictOn(taskId, now);
          result = { ok: false, conflict: now, mine: fields };
        } else {
          recompute();
          result = { ok: false, error: errorText(e), ...(e instanceof api.ApiRequestError ? { status: e.status } : {}) };
        }
      },
    });
    return result;
  }

  /** Puts a previewed task back where the model has it (keyboard Esc). */
  function restore(task: BoardCard): void {
    previews.delete(task.id);
    recompute();
  }

  // The views keep their check results (labels and reasons included) once built: a switch of language
  // builds them again, so cards, filters and the panel name the criteria and say why in the new language.
  watch(
    () => i18n.global.locale.value,
    () => {
      if (views.value.size === 0) return;
      context = { ...context };
      setTasks(Array.from(views.value.values(), (v) => v.task));
    },
  );

  /** The task as the server last confirmed it (the version a write must send). */
  const confirmedTask = (taskId: string): BoardCard | undefined => confirmed.get(taskId);

  return {
    board,
    views,
    cells,
    checklist,
    failures,
    today: readonly(today),
    loading: readonly(loading),
    partial,
    error: readonly(error),
    pendingCount: readonly(pendingCount),
    total,
    leads,
    criteria,
    cell,
    load,
    setBoard,
    placeLocal,
    placeOf,
    move,
    update,
    restore,
    accept,
    applyRemote,
    refresh,
    forget,
    confirmedTask,
  };
});
