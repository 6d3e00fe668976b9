// The open board: tasks grouped into (track, column) cells, with optimistic moves that
// snapshot, apply, call the API and restore on failure (a 409 takes the server's copy).
import { defineStore } from 'pinia';
import { computed, readonly, ref, shallowRef } from 'vue';
import type { Board, ColumnId, Task } from '@dondoc/shared/model';
import type { CheckResult } from '@dondoc/shared/plugin';
import { expandChecks, type CheckFailure, type PayloadChecklist } from '@dondoc/shared/api';
import { todayInVietnam } from '@dondoc/shared/dates';
// The server's own rank rule, so an optimistic place sorts (and renumbers) exactly as the server will.
import { RANK_STEP, rankAfter } from '@dondoc/shared/operations';
import * as api from '../api/client.ts';
import { buildTaskView, warmHaystacks, type TaskView } from '../lib/taskView.ts';
import { t } from '../i18n/index.ts';
import { measureRepaint } from '../lib/perf.ts';
import { takePreloadedBoard } from '../lib/boardPreload.ts';
import { useToastStore } from './toasts.ts';

export interface Place {
  track: string;
  column: ColumnId;
  /** The task it goes right after in the full cell order; null puts it first. */
  afterId: string | null;
}

export const cellKey = (track: string, column: ColumnId): string => `${track}|${column}`;

const byRank = (a: TaskView, b: TaskView): number => a.task.rank - b.task.rank;


export const useBoardStore = defineStore('board', () => {
  // shallowRef everywhere: 10,000 tasks are replaced wholesale, never mutated in place.
  const board = shallowRef<Board | null>(null);
  const views = shallowRef<ReadonlyMap<string, TaskView>>(new Map());
  const cells = shallowRef<ReadonlyMap<string, readonly TaskView[]>>(new Map());
  const checklist = shallowRef<PayloadChecklist | null>(null);
  const failures = shallowRef<Readonly<Record<string, CheckFailure[]>>>({});
  const today = ref(todayInVietnam());
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Moves sent and not yet answered, per task: a later answer must not undo an earlier local place. */
  const inFlight = new Map<string, number>();
  /**
   * 409s seen per task. A move remembers the count when it is made; if a 409 for its task arrives
   * before it is sent, it was made on a card the server has since changed, so it is dropped rather
   * than silently re-applied over the change the user was just warned about.
   */
  const conflicts = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();
  let stopWarming: (() => void) | null = null;

  const total = computed(() => views.value.size);
  /**
   * The views as of the last change to any task's leads: a move replaces `views` but never
   * changes leads, and re-listing 10,000 tasks' leads (~20 ms) would blow a move's frame budget.
   */
  const leadsSource = shallowRef<ReadonlyMap<string, TaskView>>(views.value);
  /** Distinct lead agencies, for the filter; recomputed only when tasks are reloaded or their leads change. */
  const leads = computed(() => {
    const set = new Set<string>();
    for (const v of leadsSource.value.values()) for (const l of v.task.leads) set.add(l);
    return [...set].sort((a, b) => a.localeCompare(b, 'vi'));
  });
  /** The board checklist's criteria (id → label), for the "failed criterion" filter. */
  const criteria = computed(() => checklist.value?.criteria ?? []);
  /** A task's check results, built only when a card or filter reads them. */
  const checksOf = (taskId: string): (() => CheckResult[]) | undefined => {
    const list = checklist.value?.criteria;
    return list && list.length > 0 ? () => expandChecks(list, failures.value[taskId]) : undefined;
  };

  function cell(track: string, column: ColumnId): readonly TaskView[] {
    return cells.value.get(cellKey(track, column)) ?? [];
  }

  function setTasks(tasks: readonly Task[]): void {
    const map = new Map<string, TaskView>();
    const grouped = new Map<string, TaskView[]>();
    for (const task of tasks) {
      const v = buildTaskView(task, checksOf(task.id), today.value);
      map.set(task.id, v);
      const key = cellKey(task.track, task.column);
      let list = grouped.get(key);
      if (!list) grouped.set(key, (list = []));
      list.push(v);
    }
    for (const list of grouped.values()) list.sort(byRank);
    views.value = map;
    cells.value = grouped;
    leadsSource.value = map;
    stopWarming?.();
    stopWarming = map.size > 0 ? warmHaystacks(map.values()) : null;
  }

  /** Puts one task's new state in place, touching only the cells it leaves and enters. */
  function replaceTask(task: Task): void {
    replaceTasks([task]);
  }

  /** Puts tasks' new states in place in one pass (a renumbered cell can be hundreds of tasks; one map copy, not one each). */
  function replaceTasks(tasks: readonly Task[]): void {
    if (tasks.length === 0) return;
    const nextViews = new Map(views.value);
    const nextCells = new Map<string, readonly TaskView[]>(cells.value);
    const fresh = new Map<string, TaskView[]>();
    const touched = new Set<string>();
    let leadsChanged = false;
    const ids = new Set(tasks.map((t) => t.id));
    for (const task of tasks) {
      const old = views.value.get(task.id);
      if (old) touched.add(cellKey(old.task.track, old.task.column));
      touched.add(cellKey(task.track, task.column));
      nextViews.set(task.id, buildTaskView(task, checksOf(task.id), today.value));
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

  async function load(boardId: string): Promise<void> {
    performance.mark('dondoc:board-load');
    loading.value = true;
    error.value = null;
    try {
      const fetchBoard = async () => (await takePreloadedBoard(boardId)) ?? api.getBoard(boardId);
      const [payload, config] = await Promise.all([fetchBoard(), api.getConfig().catch(() => null)]);
      // Marks for the bench and for anyone profiling a big board.
      performance.mark('dondoc:board-fetched');
      if (config?.today) today.value = config.today;
      board.value = payload.board;
      checklist.value = payload.checklist;
      failures.value = payload.failures;
      setTasks(payload.tasks);
      performance.mark('dondoc:board-indexed');
    } catch (e) {
      board.value = null;
      setTasks([]);
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /** Moves a task on screen only (keyboard moves preview here before they are dropped). */
  function placeLocal(taskId: string, place: Place): Task | null {
    const v = views.value.get(taskId);
    if (!v) return null;
    const target = cell(place.track, place.column)
      .filter((x) => x.task.id !== taskId)
      .map((x) => x.task);
    // An afterId no longer in the cell (it moved meanwhile) puts the card first, as before; the server answer corrects it.
    const placed = rankAfter(target, place.afterId) ?? rankAfter(target, null)!;
    const changed: Task[] = [];
    let rank: number;
    if ('rank' in placed) rank = placed.rank;
    else {
      // Neighbours too close to split: renumber them here as the server will, so the order on screen holds.
      rank = (placed.index + 1) * RANK_STEP;
      const byId = new Map(target.map((t) => [t.id, t]));
      for (const r of placed.renumber) {
        const t = byId.get(r.id)!;
        if (t.rank !== r.rank) changed.push({ ...t, rank: r.rank });
      }
    }
    replaceTasks([{ ...v.task, track: place.track, column: place.column, rank }, ...changed]);
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

  /**
   * Optimistic move. `before` is the task as it was before any local preview (keyboard moves
   * apply locally first); it is what a failure restores. Resolves true when the server agreed.
   */
  function move(taskId: string, place: Place, before?: Task): Promise<boolean> {
    const current = views.value.get(taskId);
    if (!board.value || !current) return Promise.resolve(false);
    const snapshot = before ?? current.task;
    const boardId = board.value.id;
    measureRepaint('dondoc:move');
    placeLocal(taskId, place);
    inFlight.set(taskId, (inFlight.get(taskId) ?? 0) + 1);
    const seenConflicts = conflicts.get(taskId) ?? 0;
    const toasts = useToastStore();
    // One move at a time, so each carries the version the previous one returned.
    const run = queue.then(async () => {
      // Made before a 409 for this card came back: the 409 already put the server's copy on
      // screen and warned; sending this would move the card over that change unseen.
      if ((conflicts.get(taskId) ?? 0) !== seenConflicts) {
        const n = (inFlight.get(taskId) ?? 1) - 1;
        if (n > 0) inFlight.set(taskId, n);
        else inFlight.delete(taskId);
        return false;
      }
      const version = views.value.get(taskId)?.task.version ?? snapshot.version;
      try {
        const saved = await api.moveTask(boardId, taskId, { version, track: place.track, column: place.column, afterId: place.afterId });
        const later = (inFlight.get(taskId) ?? 1) > 1;
        const local = views.value.get(taskId)?.task;
        // A later local move of the same task wins on screen; take only the new version.
        const updates: Task[] = [later && local ? { ...local, version: saved.task.version } : saved.task];
        // Neighbours the server renumbered keep their version, so this is the only news of their new rank.
        // One with its own move pending keeps its local place; that move's answer brings its rank.
        for (const r of saved.ranks) {
          const t = views.value.get(r.id)?.task;
          if (t && r.id !== taskId && !inFlight.has(r.id) && t.rank !== r.rank) updates.push({ ...t, rank: r.rank });
        }
        replaceTasks(updates);
        return true;
      } catch (e) {
        const ordinal = snapshot.ordinal || snapshot.id;
        const current = e instanceof api.ApiRequestError && e.status === 409 ? e.body?.error.current : undefined;
        if (current) {
          conflicts.set(taskId, (conflicts.get(taskId) ?? 0) + 1);
          replaceTask(current);
          toasts.push('warning', t('move.conflict', { ordinal }));
        } else {
          replaceTask(snapshot);
          const message = e instanceof api.ApiRequestError ? e.message : t('move.network');
          toasts.push('error', t('move.failed', { ordinal, message }));
        }
        return false;
      } finally {
        const n = (inFlight.get(taskId) ?? 1) - 1;
        if (n > 0) inFlight.set(taskId, n);
        else inFlight.delete(taskId);
      }
    });
    queue = run;
    return run;
  }

  /** Puts a previewed task back where it was (keyboard Esc). */
  function restore(task: Task): void {
    replaceTask(task);
  }

  return {
    board,
    views,
    cells,
    checklist,
    failures,
    today: readonly(today),
    loading: readonly(loading),
    error: readonly(error),
    total,
    leads,
    criteria,
    cell,
    load,
    placeLocal,
    placeOf,
    move,
    restore,
  };
});
