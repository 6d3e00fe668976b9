// Leaders' overviews: a board's dashboard (crossed status counts by track and lead agency, what falls
// due in 7 and 30 days, indicators against their targets with their history, the trend of the daily
// counts), the same across every board a user can see, the province at a glance (each board's counts
// and the plan's body work items with their board), and the readings of an indicator, which only its
// owner (the coordinator) records.
import { Hono } from 'hono';
import {
  compareVietnamese,
  IndicatorReadingRequest,
  actorRef,
  boardDashboard,
  combineDashboards,
  emptyCounts,
  roleOn,
  statusOptions,
  classifyTask,
  type Board,
  type Dashboard,
  type IndicatorReading,
  type StatusCounts,
  type TaskDraft,
} from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { jsonBody, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, requireCan, signedIn, viaOf } from '../auth/access.ts';
import { newId } from '../board-factory.ts';

/** `GET /api/boards/:boardId/dashboard`. */
export interface BoardDashboardAnswer {
  board: { id: string; title: string; archived: boolean };
  dashboard: Dashboard;
  /** Whether this user may record indicator values here. */
  canRecord: boolean;
}

/** One board's line in a roll-up. */
export interface BoardRollupRow {
  id: string;
  title: string;
  /** The province the board's plan names ("Lào Cai"), '' when it names none. */
  province: string;
  archived: boolean;
  total: number;
  counts: StatusCounts;
  late: number;
  done: number;
  due7: number;
  updatedAt: string;
}

/** `GET /api/dashboard`: every board the user can see, and their dashboards summed. */
export interface OverviewAnswer {
  boards: BoardRollupRow[];
  dashboard: Dashboard;
}

/** A body work item of a plan, with the board it belongs to. */
export interface WorkItemRow {
  boardId: string;
  boardTitle: string;
  item: TaskDraft;
  /** The due date the deadline names, if any, and whether it has passed. */
  due?: string;
  late: boolean;
}

/** `GET /api/province`. */
export interface ProvinceAnswer {
  today: string;
  boards: BoardRollupRow[];
  workItems: WorkItemRow[];
}

export const dashboardRoutes = (s: Services) => {
  /**
   * Each board's figures, computed once per store change and day: a room of leaders opening the same
   * dashboard, or a live dashboard refreshing, costs one pass over the tasks. Any change (a task, a
   * reading, a daily count) moves the store's sequence, so a hit is never stale.
   */
  const computed = new Map<string, { key: string; value: Promise<Dashboard> }>();
  async function dashboardOf(board: Board): Promise<Dashboard> {
    const today = s.config.today();
    const key = `${await s.repository.lastSeq()}|${today}|${board.revision}`;
    const hit = computed.get(board.id);
    if (hit?.key === key) return hit.value;
    const value = (async () => {
      const [tasks, readings, days] = await Promise.all([s.repository.getTasks(board.id), s.repository.getRecords(board.id, 'indicator'), s.repository.getRecords(board.id, 'daily')]);
      return boardDashboard({ board, tasks: tasks ?? [], today, readings, days });
    })();
    computed.set(board.id, { key, value });
    value.catch(() => computed.get(board.id)?.value === value && computed.delete(board.id));
    return value;
  }
  const rowOf = (board: Board, d: Dashboard): BoardRollupRow => ({
    id: board.id,
    title: board.title,
    province: board.plan?.province ?? '',
    archived: board.archived,
    total: d.total,
    counts: d.counts,
    late: d.counts['todo-late'] + d.counts['doing-late'],
    done: d.counts['done-on-time'] + d.counts['done-late'],
    due7: d.due7.count,
    updatedAt: board.updatedAt,
  });
  /** Boards the user holds a role on; archived ones only when asked for. */
  async function visibleBoards(user: Parameters<typeof roleOn>[0], archived: boolean): Promise<Board[]> {
    return (await s.repository.listBoards()).filter((b) => roleOn(user, b.id) && (archived || !b.archived));
  }

  return new Hono<AuthEnv>()
    .get('/boards/:boardId/dashboard', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'read', 'Board');
      return c.json<BoardDashboardAnswer>({ board: { id: a.board.id, title: a.board.title, archived: a.board.archived }, dashboard: await dashboardOf(a.board), canRecord: a.ability.can('update', 'Indicator') });
    })
    .post('/boards/:boardId/indicators/readings', jsonBody(IndicatorReadingRequest), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'update', 'Indicator');
      const body = c.req.valid('json');
      const at = new Date().toISOString();
      const actor = actorOf(a.user);
      const reading: IndicatorReading = { kind: 'indicator', id: newId('r'), boardId: a.board.id, ...body, by: actorRef(actor), at };
      const r = await s.repository.apply({ type: 'indicator.record', boardId: a.board.id, reading, actor, via: viaOf(c), at });
      if (!r.ok) throw operationError(r.failure);
      return c.json<IndicatorReading>(r.effects.records![0]!.after as IndicatorReading, 201);
    })
    .get('/dashboard', async (c) => {
      const user = signedIn(c);
      const boards = await visibleBoards(user, c.req.query('archived') === '1');
      const parts = await Promise.all(boards.map(async (b) => ({ board: b, d: await dashboardOf(b) })));
      return c.json<OverviewAnswer>({ boards: parts.map((p) => rowOf(p.board, p.d)), dashboard: combineDashboards(parts.map((p) => p.d), s.config.today()) });
    })
    .get('/province', async (c) => {
      const user = signedIn(c);
      const today = s.config.today();
      const boards = await visibleBoards(user, c.req.query('archived') === '1');
      const rows: BoardRollupRow[] = [];
      const workItems: WorkItemRow[] = [];
      for (const b of boards) {
        const tasks = (await s.repository.getTasks(b.id)) ?? [];
        // Only the counts: the roll-up does not need the agency and due lists of every board.
        const counts = emptyCounts();
        const opts = statusOptions(b);
        let due7 = 0;
        for (const t of tasks) {
          const st = classifyTask(t, today, opts);
          counts[st.category]++;
          if (t.column !== 'done' && st.timeliness === 'on-time' && st.daysLeft !== undefined && st.daysLeft <= 7) due7++;
        }
        rows.push({ id: b.id, title: b.title, province: b.plan?.province ?? '', archived: b.archived, total: tasks.length, counts, late: counts['todo-late'] + counts['doing-late'], done: counts['done-on-time'] + counts['done-late'], due7, updatedAt: b.updatedAt });
        for (const item of b.workItems) {
          const due = item.deadline.kind === 'conditional' || item.deadline.kind === 'none' ? undefined : item.deadline.due;
          workItems.push({ boardId: b.id, boardTitle: b.title, item, ...(due ? { due } : {}), late: !!due && due < today });
        }
      }
      // Boards by province, then title; a roll-up lists, it does not rank.
      rows.sort((x, y) => compareVietnamese(x.province, y.province) || compareVietnamese(x.title, y.title));
      return c.json<ProvinceAnswer>({ today, boards: rows, workItems });
    });
};
